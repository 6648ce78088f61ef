package dev.eventline.http;

import java.util.List;
import java.util.Map;

/**
 * What an HTTP API function answers API Gateway (payload format 2.0), under the wire names.
 * Eventline's own record rather than the Lambda events library's bean, read and written by
 * {@link ApiGatewayEvents}: see {@link HttpApiEvent} for why.
 *
 * @param headers  {@code null} for none
 * @param cookies  {@code null} for none
 * @param body     {@code null} for none
 */
public record HttpApiResponse(
        int statusCode, Map<String, String> headers, List<String> cookies, String body, boolean isBase64Encoded) {

    /** A text (not base64-encoded) answer without cookies. */
    public static HttpApiResponse of(int statusCode, Map<String, String> headers, String body) {
        return new HttpApiResponse(statusCode, headers, null, body, false);
    }
}
