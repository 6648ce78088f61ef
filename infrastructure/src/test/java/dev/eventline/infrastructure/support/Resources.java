package dev.eventline.infrastructure.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** Finding resources of a template by their physical name. */
public final class Resources {

    private Resources() {}

    /** The logical id of the one resource of {@code type} whose {@code nameProperty} is {@code name}. */
    public static String logicalId(Template template, String type, String nameProperty, String name) {
        Map<String, Map<String, Object>> found = template.findResources(
                type, Match.objectLike(Map.of("Properties", Match.objectLike(Map.of(nameProperty, name)))));
        assertThat(found).as("%s with %s=%s", type, nameProperty, name).hasSize(1);
        return found.keySet().iterator().next();
    }

    /** The one resource of {@code type} whose {@code nameProperty} is {@code name}, as a map. */
    public static Map<String, Object> resource(Template template, String type, String nameProperty, String name) {
        Map<String, Map<String, Object>> found = template.findResources(
                type, Match.objectLike(Map.of("Properties", Match.objectLike(Map.of(nameProperty, name)))));
        assertThat(found).as("%s with %s=%s", type, nameProperty, name).hasSize(1);
        return found.values().iterator().next();
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> properties(Map<String, Object> resource) {
        return (Map<String, Object>) resource.get("Properties");
    }

    public static Map<String, Object> getAtt(String logicalId, String attribute) {
        return Map.of("Fn::GetAtt", List.of(logicalId, attribute));
    }

    public static Map<String, Object> ref(String logicalId) {
        return Map.of("Ref", logicalId);
    }
}
