package dev.eventline.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The console's static files, as the local runtime serves them under {@code /console/} and as CDK
 * uploads them (the directory {@code src/main/resources/console}). Only the files listed here are
 * served: a request path is looked up, never resolved against the class path, so no path reaches
 * another resource.
 */
public final class ConsoleAssets {

    /** The prefix the console is served under, locally and behind CloudFront. */
    public static final String PREFIX = "/console/";

    /** Where the files are in this jar, and in the source tree below {@code src/main/resources}. */
    public static final String RESOURCE_DIRECTORY = "console";

    /** Every file of the console; {@code config.json} is not one of them: it is written where the console is served. */
    public static final List<String> FILES = List.of("index.html", "console.css", "console.js");

    /** The name the console reads its settings from, next to {@code index.html}. */
    public static final String CONFIG_FILE = "config.json";

    /**
     * The headers CloudFront adds too (see the infrastructure's console construct): the page loads
     * nothing from elsewhere and may call only its own origin and the API it is configured with.
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self' %s; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "json", "application/json");

    /** A file to answer with. */
    public record Asset(String name, String contentType, byte[] body) {}

    private ConsoleAssets() {}

    /**
     * The file a path under {@link #PREFIX} names ({@code /console/} is {@code index.html}), or empty
     * when it names none of {@link #FILES}.
     */
    public static Optional<Asset> find(String path) {
        if (!path.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String name = path.substring(PREFIX.length());
        if (name.isEmpty()) {
            name = "index.html";
        }
        if (!FILES.contains(name)) {
            return Optional.empty();
        }
        return Optional.of(new Asset(name, contentType(name), read(name)));
    }

    public static String contentType(String name) {
        String extension = name.substring(name.lastIndexOf('.') + 1);
        return CONTENT_TYPES.getOrDefault(extension, "application/octet-stream");
    }

    /** The console's settings: the API's base URL (empty: the page's own origin), as JSON. */
    public static String config(String apiUrl) {
        return "{\"apiUrl\":\"" + apiUrl.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
    }

    /**
     * With the WebSocket API's URL ({@code wsUrl}) for live updates when it is not the page's own
     * origin's {@code /ws}, e.g. the local stack's WebSocket port.
     */
    public static String config(String apiUrl, String wsUrl) {
        String api = config(apiUrl);
        return api.substring(0, api.length() - 1) + ",\"wsUrl\":\""
                + wsUrl.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
    }

    private static byte[] read(String name) {
        try (InputStream in = ConsoleAssets.class.getResourceAsStream("/" + RESOURCE_DIRECTORY + "/" + name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is listed in ConsoleAssets.FILES but not in the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
