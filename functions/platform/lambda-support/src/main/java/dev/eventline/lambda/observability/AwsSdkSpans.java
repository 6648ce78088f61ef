package dev.eventline.lambda.observability;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * A client span for each AWS SDK v2 call made inside a traced span ({@code DynamoDB.PutItem} with
 * {@code rpc.*} and the table name), which X-Ray shows as a call of that service, as its SDK
 * instrumentation did. Outside a span, or while no Tracing exports, it does nothing.
 */
public final class AwsSdkSpans implements ExecutionInterceptor {
    private static final ExecutionAttribute<Span> SPAN = new ExecutionAttribute<>("eventline.sdkSpan");

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (!Tracing.anyEnabled()) {
            return;
        }
        Tracing tracing = io.opentelemetry.context.Context.current().get(Tracing.ACTIVE);
        if (tracing == null) {
            return;
        }
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        Map<String, String> spanAttributes = new HashMap<>();
        spanAttributes.put("rpc.system", "aws-api");
        spanAttributes.put("rpc.service", service);
        spanAttributes.put("rpc.method", operation);
        context.request()
                .getValueForField("TableName", String.class)
                .ifPresent(table -> spanAttributes.put("aws.dynamodb.table_names", table));
        attributes.putAttribute(SPAN, tracing.startClientSpan(service + "." + operation, spanAttributes));
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        Span span = attributes.getAttribute(SPAN);
        if (span != null) {
            span.setAttribute(
                    "http.response.status_code", context.httpResponse().statusCode());
            span.end();
        }
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        Span span = attributes.getAttribute(SPAN);
        if (span != null) {
            span.recordException(context.exception());
            span.setStatus(StatusCode.ERROR);
            span.end();
        }
    }
}
