package dev.eventline.infrastructure.support;

import static dev.eventline.infrastructure.support.Resources.logicalId;
import static dev.eventline.infrastructure.support.Resources.properties;
import static dev.eventline.infrastructure.support.Resources.resource;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The IAM statements of a template, flattened for least-privilege assertions. */
public final class Policies {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One Allow/Deny statement: its actions, its resources and conditions as JSON (tokens included). */
    public record Statement(String effect, List<String> actions, String resources, String conditions) {
        public boolean appliesTo(String logicalId) {
            return resources.contains("\"" + logicalId + "\"");
        }

        public boolean onAnyResource() {
            return resources.equals("\"*\"") || resources.equals("[\"*\"]");
        }
    }

    private Policies() {}

    /** Every statement of every AWS::IAM::Policy in the template. */
    public static List<Statement> all(Template template) {
        var statements = new ArrayList<Statement>();
        for (Map<String, Object> policy :
                template.findResources("AWS::IAM::Policy").values()) {
            statements.addAll(statementsOf(policy));
        }
        return statements;
    }

    /** The statements of the policies attached to the execution role of {@code functionName}. */
    public static List<Statement> ofFunction(Template template, String functionName) {
        var function = properties(resource(template, "AWS::Lambda::Function", "FunctionName", functionName));
        @SuppressWarnings("unchecked")
        String role = ((List<String>) ((Map<String, Object>) function.get("Role")).get("Fn::GetAtt")).get(0);
        var statements = new ArrayList<Statement>();
        template.findResources(
                        "AWS::IAM::Policy",
                        Match.objectLike(Map.of(
                                "Properties", Match.objectLike(Map.of("Roles", List.of(Map.of("Ref", role)))))))
                .values()
                .forEach(policy -> statements.addAll(statementsOf(policy)));
        return statements;
    }

    public static String tableId(Template template, String tableName) {
        return logicalId(template, "AWS::DynamoDB::Table", "TableName", tableName);
    }

    @SuppressWarnings("unchecked")
    private static List<Statement> statementsOf(Map<String, Object> policy) {
        var document = (Map<String, Object>) properties(policy).get("PolicyDocument");
        var statements = new ArrayList<Statement>();
        for (Object raw : (List<Object>) document.get("Statement")) {
            var statement = (Map<String, Object>) raw;
            Object action = statement.get("Action");
            List<String> actions = action instanceof List<?> list ? (List<String>) list : List.of((String) action);
            statements.add(new Statement(
                    (String) statement.get("Effect"),
                    actions,
                    JSON.valueToTree(statement.get("Resource")).toString(),
                    JSON.valueToTree(statement.get("Condition")).toString()));
        }
        return statements;
    }
}
