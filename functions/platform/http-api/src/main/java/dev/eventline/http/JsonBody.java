package dev.eventline.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A request body as a JSON object, read as a tree (no data binding: nothing to introspect at cold
 * start, and nothing is coerced behind the handler's back). Every refusal is a {@link ProblemException}:
 * 413 over {@value #MAX_BYTES} bytes, 415 for a non-JSON media type, 400 for anything malformed,
 * with the offending field named as a path such as {@code items[1].quantity}.
 *
 * <p>Accessors never coerce across types: {@code "2"} and {@code true} are not integers. An integer
 * is what JSON Schema (and so the OpenAPI documents) calls one, a number without a fractional part:
 * {@code 2.0} and {@code 2e0} are 2, {@code 2.5} is refused. JSON {@code null} counts as absent.
 */
public final class JsonBody {
    public static final int MAX_BYTES = 65_536;
    public static final int MAX_NESTING_DEPTH = 32;
    /** Per string value; no Eventline field comes close, and it bounds what a single value can cost. */
    public static final int MAX_STRING_LENGTH = 16_384;

    public static final int MAX_NAME_LENGTH = 256;
    /** Digits per number: enough to say "out of range" for a long, too few for a big-number CPU attack. */
    public static final int MAX_NUMBER_LENGTH = 64;

    private static final Pattern JSON_SUBTYPE = Pattern.compile("application/[a-z0-9!#$&^_.-]+\\+json");

    /** Package-private so idempotency fingerprints read bodies exactly as handlers do. */
    static final ObjectMapper STRICT = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_NESTING_DEPTH)
                            .maxStringLength(MAX_STRING_LENGTH)
                            .maxNameLength(MAX_NAME_LENGTH)
                            .maxNumberLength(MAX_NUMBER_LENGTH)
                            .maxDocumentLength(MAX_BYTES)
                            .build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // exact decimals, so 9007199254740993.0 is that integer and not the nearest double
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private final ObjectNode node;
    private final String path;

    private JsonBody(ObjectNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** A required body: it must be present and a JSON object. */
    public static JsonBody parse(HttpRequest request) {
        checkSizeAndMediaType(request);
        if (request.body().isBlank()) {
            throw ProblemException.badRequest("a JSON request body is required");
        }
        return new JsonBody(readObject(request.body()), "");
    }

    /**
     * An optional body (e.g. {@code POST /orders/{id}/confirm}): absent or blank reads as {@code {}}.
     * A present body must still be a JSON object; combine with {@code rejectUnknownFields(Set.of())}
     * to accept only {@code {}}.
     */
    public static JsonBody emptyOrObject(HttpRequest request) {
        checkSizeAndMediaType(request);
        if (request.body().isBlank()) {
            return new JsonBody(Json.object(), "");
        }
        return new JsonBody(readObject(request.body()), "");
    }

    /** Wraps an already parsed object (tests, replays); no limits are applied. */
    public static JsonBody of(ObjectNode object) {
        return new JsonBody(object.deepCopy(), "");
    }

    /** {@code application/json} or {@code application/*+json}; a charset parameter, if any, must be UTF-8. */
    public static boolean isJsonMediaType(String contentType) {
        if (contentType == null) {
            return false;
        }
        String[] parts = contentType.split(";");
        String type = parts[0].trim().toLowerCase(Locale.ROOT);
        if (!type.equals("application/json") && !JSON_SUBTYPE.matcher(type).matches()) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim();
            int eq = parameter.indexOf('=');
            if (eq > 0 && parameter.substring(0, eq).trim().equalsIgnoreCase("charset")) {
                String charset = parameter.substring(eq + 1).trim().replace("\"", "");
                if (!charset.equalsIgnoreCase("utf-8")) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void checkSizeAndMediaType(HttpRequest request) {
        if (request.bodyBytesLength() > MAX_BYTES) {
            throw ProblemException.payloadTooLarge(MAX_BYTES);
        }
        if (request.hasBody()) {
            Optional<String> contentType = request.header("Content-Type");
            if (contentType.isEmpty() || !isJsonMediaType(contentType.get())) {
                throw ProblemException.unsupportedMediaType(contentType.orElse(null));
            }
        }
    }

    private static ObjectNode readObject(String body) {
        JsonNode tree;
        try {
            tree = STRICT.readTree(body);
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest(describe(e));
        }
        if (tree == null || tree.isMissingNode()) {
            throw ProblemException.badRequest("a JSON request body is required");
        }
        if (!tree.isObject()) {
            throw ProblemException.badRequest("the request body must be a JSON object");
        }
        return (ObjectNode) tree;
    }

    /** Says what is wrong and where, never quoting the input back (Jackson's messages can). */
    private static String describe(JsonProcessingException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof StreamConstraintsException) {
                return "the request body exceeds the JSON limits (nesting depth " + MAX_NESTING_DEPTH
                        + ", string length " + MAX_STRING_LENGTH + ", name length " + MAX_NAME_LENGTH
                        + ", number length " + MAX_NUMBER_LENGTH + ")";
            }
        }
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        String what = message.startsWith("Duplicate")
                ? "the request body has a duplicate field"
                : message.startsWith("Trailing token")
                        ? "the request body has content after the JSON object"
                        : "the request body is not valid JSON";
        JsonLocation location = e.getLocation();
        return location == null || location.getLineNr() < 0
                ? what
                : what + " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    /** Where this object sits in the request body: empty at the top, else e.g. {@code items[1]}. */
    public String path() {
        return path;
    }

    /** Present and not null. */
    public boolean has(String field) {
        return value(field) != null;
    }

    public boolean isEmpty() {
        return node.isEmpty();
    }

    /** A copy of the tree, e.g. to store or fingerprint. */
    public ObjectNode tree() {
        return node.deepCopy();
    }

    /** @throws ProblemException 400 naming the first field (in document order) not in {@code allowed} */
    public JsonBody rejectUnknownFields(Set<String> allowed) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw invalid(name, "is not a recognised field");
            }
        }
        return this;
    }

    /** @param pattern the whole value must match it; null for any text */
    public String requiredText(String field, Pattern pattern, int maxLength) {
        return optionalText(field, pattern, maxLength).orElseThrow(() -> invalid(field, "is required"));
    }

    /** Length is counted in code points, so an emoji counts as one character. */
    public Optional<String> optionalText(String field, Pattern pattern, int maxLength) {
        JsonNode value = value(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw invalid(field, "must be a string");
        }
        String text = value.textValue();
        if (text.codePointCount(0, text.length()) > maxLength) {
            throw invalid(field, "must be at most " + maxLength + " characters");
        }
        if (pattern != null && !pattern.matcher(text).matches()) {
            throw invalid(field, "has an invalid format");
        }
        return Optional.of(text);
    }

    public long requiredLong(String field, long min, long max) {
        return optionalLong(field, min, max).orElseThrow(() -> invalid(field, "is required"));
    }

    /**
     * A number without a fractional part, as JSON Schema's {@code integer}: {@code 2}, {@code 2.0}
     * and {@code 2e0} are 2; {@code 2.5}, {@code "2"} and {@code true} are refused.
     */
    public OptionalLong optionalLong(String field, long min, long max) {
        JsonNode value = value(field);
        if (value == null) {
            return OptionalLong.empty();
        }
        if (!value.isNumber()) {
            throw invalid(field, "must be an integer");
        }
        // the parser's number length limit keeps this cheap; scale and exponent are compared, not expanded
        BigDecimal number = value.decimalValue();
        if (number.signum() != 0 && number.stripTrailingZeros().scale() > 0) {
            throw invalid(field, "must be an integer");
        }
        if (number.compareTo(BigDecimal.valueOf(min)) < 0 || number.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw invalid(field, "must be between " + min + " and " + max);
        }
        return OptionalLong.of(number.longValueExact());
    }

    public int requiredInt(String field, int min, int max) {
        return optionalInt(field, min, max).orElseThrow(() -> invalid(field, "is required"));
    }

    public OptionalInt optionalInt(String field, int min, int max) {
        OptionalLong value = optionalLong(field, min, max);
        return value.isPresent() ? OptionalInt.of((int) value.getAsLong()) : OptionalInt.empty();
    }

    public boolean requiredBoolean(String field) {
        return optionalBoolean(field).orElseThrow(() -> invalid(field, "is required"));
    }

    public Optional<Boolean> optionalBoolean(String field) {
        JsonNode value = value(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isBoolean()) {
            throw invalid(field, "must be true or false");
        }
        return Optional.of(value.booleanValue());
    }

    public JsonBody requiredObject(String field) {
        return optionalObject(field).orElseThrow(() -> invalid(field, "is required"));
    }

    public Optional<JsonBody> optionalObject(String field) {
        JsonNode value = value(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isObject()) {
            throw invalid(field, "must be an object");
        }
        return Optional.of(new JsonBody((ObjectNode) value, fieldPath(field)));
    }

    /**
     * An array of objects, each returned as a {@code JsonBody} whose errors name e.g.
     * {@code items[1].quantity}. An empty array is allowed: whether it makes sense is the domain's call.
     */
    public List<JsonBody> requiredArray(String field, int maxItems) {
        JsonNode value = value(field);
        if (value == null) {
            throw invalid(field, "is required");
        }
        if (!value.isArray()) {
            throw invalid(field, "must be an array");
        }
        if (value.size() > maxItems) {
            throw invalid(field, "must have at most " + maxItems + " items");
        }
        List<JsonBody> items = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            String element = field + "[" + i + "]";
            if (!value.get(i).isObject()) {
                throw invalid(element, "must be an object");
            }
            items.add(new JsonBody((ObjectNode) value.get(i), fieldPath(element)));
        }
        return items;
    }

    private JsonNode value(String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value;
    }

    private String fieldPath(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    private ProblemException invalid(String field, String rule) {
        String fullPath = fieldPath(field);
        return ProblemException.invalidField(fullPath, fullPath + " " + rule);
    }

    @Override
    public String toString() {
        return "JsonBody[" + (path.isEmpty() ? "$" : path) + ", " + node.size() + " fields]";
    }
}
