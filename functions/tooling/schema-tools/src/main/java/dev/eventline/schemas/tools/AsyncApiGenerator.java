package dev.eventline.schemas.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventline.schemas.SchemaCatalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes {@code docs/asyncapi.yaml} (AsyncAPI 3.0.0) from {@code schemas/}: one message per event type a
 * context publishes on the EventBridge bus, at its latest version, wrapped in the CloudEvents 1.0 envelope
 * the bus carries as {@code detail}. Run it with {@code make docs}, i.e.
 * {@code mvn -B -q -pl functions/tooling/schema-tools exec:java@asyncapi}; a test fails while the committed file
 * differs from a fresh generation.
 */
public final class AsyncApiGenerator {

    public static final String OUTPUT = "docs/asyncapi.yaml";

    /** The contexts whose events leave their service on the bus; accounts keeps its events to itself. */
    static final List<String> PUBLISHED_CONTEXTS = List.of("ordering");

    static final String CHANNEL = "eventlineBus";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String HEADER = """
            # Generated from schemas/ by dev.eventline.schemas.tools.AsyncApiGenerator: do not edit by hand.
            # Regenerate with `make docs` (mvn -B -q -pl functions/tooling/schema-tools exec:java@asyncapi).
            """;

    private AsyncApiGenerator() {}

    public static void main(String[] args) throws IOException {
        Path root = RepositoryRoot.fromArgs(args);
        Path output = root.resolve(OUTPUT);
        Files.createDirectories(output.getParent());
        Files.writeString(output, generate(root.resolve("schemas")), StandardCharsets.UTF_8);
        System.out.println("wrote " + OUTPUT);
    }

    public static String generate(Path schemasDirectory) {
        List<SchemaCatalog> catalogs = PUBLISHED_CONTEXTS.stream()
                .map(context -> SchemaCatalog.fromDirectory(schemasDirectory, context))
                .toList();
        return HEADER + Yaml.write(document(catalogs));
    }

    static ObjectNode document(List<SchemaCatalog> catalogs) {
        ObjectNode doc = MAPPER.createObjectNode();
        doc.put("asyncapi", "3.0.0");
        doc.put("id", "urn:dev:eventline:integration-events");
        ObjectNode info = doc.putObject("info");
        info.put("title", "Eventline integration events");
        info.put("version", "1.0.0");
        info.put(
                "description",
                "Domain events published on the Amazon EventBridge bus after they are appended to the "
                        + "event store. Each EventBridge entry has source `eventline.<context>`, detail-type = the event type and, "
                        + "as detail, a CloudEvents 1.0 structured JSON envelope whose `data` is the event payload at its latest "
                        + "schema version (schemas/<context>/<EventType>/v<N>.schema.json). Delivery is at least once and, across "
                        + "streams, unordered: deduplicate on `id`, order per `subject` by `sequence`.");
        doc.put("defaultContentType", "application/json");
        servers(doc.putObject("servers"));
        ObjectNode channel = doc.putObject("channels").putObject(CHANNEL);
        channel.put("address", "eventline-{env}");
        channel.put("title", "EventBridge bus eventline-{env}");
        channel.put(
                "description",
                "The platform event bus of one environment; subscribe with an EventBridge rule on "
                        + "source and detail-type.");
        channel.putArray("servers").addObject().put("$ref", "#/servers/eventbridge");
        ObjectNode env = channel.putObject("parameters").putObject("env");
        env.putArray("enum").add("dev").add("staging").add("prod");
        env.put("description", "The deployment environment.");
        ObjectNode channelMessages = channel.putObject("messages");
        ObjectNode operations = doc.putObject("operations");
        ObjectNode components = doc.putObject("components");
        ObjectNode messages = components.putObject("messages");
        ObjectNode schemas = components.putObject("schemas");

        Set<String> seen = new HashSet<>();
        for (SchemaCatalog catalog : catalogs) {
            ObjectNode operation = operations.putObject("publish" + capitalized(catalog.context()) + "Events");
            operation.put("action", "send");
            operation.putObject("channel").put("$ref", "#/channels/" + CHANNEL);
            operation.put("title", "Publish " + catalog.context() + " events");
            operation.put(
                    "summary",
                    "Every event appended to a stream of the " + catalog.context()
                            + " context is put on the bus, in stream order per subject.");
            ArrayNode operationMessages = operation.putArray("messages");
            for (String type : catalog.types()) {
                if (!seen.add(type)) {
                    throw new IllegalStateException("event type " + type + " is published by two contexts");
                }
                int version = catalog.latestVersion(type);
                ObjectNode schema = catalog.schema(type, version);
                schema.remove("$schema"); // an AsyncAPI schema object is draft-07 already
                String dataSchema = type + "V" + version;
                schemas.set(dataSchema, schema);
                schemas.set(
                        type + "Envelope",
                        envelope(
                                catalog.context(),
                                type,
                                dataSchema,
                                schema.path("$id").asText()));
                messages.set(
                        type,
                        message(
                                catalog.context(),
                                type,
                                version,
                                schema.path("description").asText()));
                channelMessages.putObject(type).put("$ref", "#/components/messages/" + type);
                operationMessages.addObject().put("$ref", "#/channels/" + CHANNEL + "/messages/" + type);
            }
        }
        return doc;
    }

    private static void servers(ObjectNode servers) {
        ObjectNode eventBridge = servers.putObject("eventbridge");
        eventBridge.put("host", "events.{region}.amazonaws.com");
        eventBridge.put("protocol", "https");
        eventBridge.put("title", "Amazon EventBridge");
        eventBridge.put(
                "description", "Events are put with PutEvents; consumers receive them through rules and targets.");
        ObjectNode region = eventBridge.putObject("variables").putObject("region");
        region.put("default", "us-east-1");
        region.put("description", "The AWS region of the deployment.");
    }

    private static ObjectNode message(String context, String type, int version, String description) {
        ObjectNode message = MAPPER.createObjectNode();
        message.put("name", type);
        message.put("title", type + " v" + version);
        message.put("summary", description);
        message.put(
                "description",
                "EventBridge source `eventline." + context + "`, detail-type `" + type + "`. Payload schema: schemas/"
                        + context + "/" + type + "/v" + version + ".schema.json.");
        message.put("contentType", "application/json");
        ObjectNode correlation = message.putObject("correlationId");
        correlation.put("description", "Shared by everything one request caused, end to end.");
        correlation.put("location", "$message.payload#/correlationid");
        message.putObject("payload").put("$ref", "#/components/schemas/" + type + "Envelope");
        return message;
    }

    /** The CloudEvents 1.0 structured envelope, with our correlation and causation extensions. */
    private static ObjectNode envelope(String context, String type, String dataSchema, String schemaId) {
        ObjectNode envelope = MAPPER.createObjectNode();
        envelope.put("type", "object");
        envelope.put("description", "CloudEvents 1.0 envelope of " + type + ", the EventBridge detail.");
        ArrayNode required = envelope.putArray("required");
        List.of(
                        "specversion",
                        "id",
                        "source",
                        "type",
                        "subject",
                        "time",
                        "datacontenttype",
                        "dataschema",
                        "data",
                        "sequence",
                        "correlationid",
                        "causationid")
                .forEach(required::add);
        ObjectNode properties = envelope.putObject("properties");
        constant(properties, "specversion", "1.0", "CloudEvents specification version.");
        string(properties, "id", "The event id, unique per event: consumers deduplicate on it.");
        constant(properties, "source", "eventline." + context, "The bounded context that recorded the event.");
        constant(properties, "type", type, "The event type.");
        string(properties, "subject", "The stream the event belongs to, e.g. Order-<orderId>.");
        ObjectNode time = string(properties, "time", "When the event store recorded the event (RFC 3339).");
        time.put("format", "date-time");
        constant(properties, "datacontenttype", "application/json", "Media type of data.");
        ObjectNode dataschema = constant(
                properties,
                "dataschema",
                schemaId,
                "The $id of the JSON Schema data conforms to: always the latest version, older stored events are "
                        + "upcast before they are published.");
        dataschema.put("format", "uri");
        properties.putObject("data").put("$ref", "#/components/schemas/" + dataSchema);
        ObjectNode sequence = string(
                properties,
                "sequence",
                "Extension (CloudEvents sequence): the event's position in "
                        + "its stream, zero-padded to 19 digits so that it sorts as a string; apply a subject's events in this order.");
        sequence.put("pattern", "^[0-9]{19}$");
        string(properties, "correlationid", "Extension: the end-to-end request identifier.");
        string(properties, "causationid", "Extension: the command or event that directly caused this event.");
        string(
                properties,
                "xraytraceid",
                "Extension, optional: the X-Ray trace header of the command, when it had one.");
        return envelope;
    }

    private static ObjectNode string(ObjectNode properties, String name, String description) {
        ObjectNode property = properties.putObject(name);
        property.put("type", "string");
        property.put("description", description);
        return property;
    }

    private static ObjectNode constant(ObjectNode properties, String name, String value, String description) {
        ObjectNode property = string(properties, name, description);
        property.putArray("enum").add(value);
        return property;
    }

    private static String capitalized(String context) {
        return Character.toUpperCase(context.charAt(0)) + context.substring(1);
    }
}
