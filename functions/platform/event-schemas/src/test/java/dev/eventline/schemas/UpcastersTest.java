package dev.eventline.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class UpcastersTest {

    private static final Upcaster RENAME = payload -> {
        payload.set("b", payload.remove("a"));
        return payload;
    };

    @Test
    void none_has_no_links_and_is_one_shared_instance() {
        assertThat(Upcasters.none().links()).isEmpty();
        assertThat(Upcasters.none()).isSameAs(Upcasters.none());
    }

    @Test
    void register_makes_the_link_findable_by_type_and_from_version() {
        Upcasters upcasters = Upcasters.builder().register("Thing", 1, RENAME).build();

        assertThat(upcasters.has("Thing", 1)).isTrue();
        assertThat(upcasters.has("Thing", 2)).isFalse();
        assertThat(upcasters.has("Other", 1)).isFalse();
        assertThat(upcasters.find("Thing", 1)).containsSame(RENAME);
        assertThat(upcasters.isPassThrough("Thing", 1)).isFalse();
        assertThat(upcasters.links()).containsExactly(new Upcasters.Link("Thing", 1));
    }

    @Test
    void pass_through_is_a_link_that_returns_the_payload_unchanged() {
        Upcasters upcasters = Upcasters.builder().passThrough("Thing", 2).build();
        ObjectNode payload = EventJson.object().put("a", 1);

        assertThat(upcasters.has("Thing", 2)).isTrue();
        assertThat(upcasters.isPassThrough("Thing", 2)).isTrue();
        assertThat(upcasters.find("Thing", 2).orElseThrow().upcast(payload))
                .isEqualTo(EventJson.object().put("a", 1));
    }

    @Test
    void registering_one_link_twice_is_refused_because_the_result_would_depend_on_order() {
        Upcasters.Builder builder = Upcasters.builder().register("Thing", 1, RENAME);

        assertThatThrownBy(() -> builder.register("Thing", 1, RENAME))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Thing v1->v2 registered twice");
        assertThatThrownBy(() -> builder.passThrough("Thing", 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void versions_start_at_one_and_types_are_named() {
        assertThatThrownBy(() -> Upcasters.builder().register("Thing", 0, RENAME))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("versions start at 1");
        assertThatThrownBy(() -> Upcasters.builder().register(" ", 1, RENAME))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void built_registry_is_unaffected_by_later_registrations() {
        Upcasters.Builder builder = Upcasters.builder().register("Thing", 1, RENAME);
        Upcasters built = builder.build();
        builder.register("Thing", 2, RENAME);

        assertThat(built.has("Thing", 2)).isFalse();
    }
}
