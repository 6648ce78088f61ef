package dev.eventline.ordering.commandapi;

import java.util.concurrent.Semaphore;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Gives the emulator the write atomicity DynamoDB has, for tests that race writers. moto 5.2.5
 * serves requests on parallel threads without a lock: a conditional {@code PutItem} reads the
 * item, evaluates the condition and writes in separate steps, so two racers can both pass
 * {@code attribute_not_exists} and the later one silently overwrites the earlier; a failing
 * {@code TransactWriteItems} restores deep copies of whole tables taken when it started, erasing
 * what others committed meanwhile. Both were seen here (a 200 whose event was gone; several winners
 * of one idempotency key). DynamoDB evaluates a condition and writes atomically, and runs
 * transactions serializably.
 *
 * <p>This interceptor lets one write at a time reach the emulator and changes nothing else: the
 * handlers still read, decide and write concurrently, with the same requests, and still lose races
 * on stale state; only the emulator's missing atomicity is supplied. Share one instance between all
 * handlers of a test, as they share the table.
 */
final class AtomicWrites implements ExecutionInterceptor {
    private final Semaphore oneAtATime = new Semaphore(1);

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (isWrite(context.request())) {
            oneAtATime.acquireUninterruptibly();
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (isWrite(context.request())) {
            oneAtATime.release();
        }
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        if (isWrite(context.request())) {
            oneAtATime.release();
        }
    }

    private static boolean isWrite(SdkRequest request) {
        return request instanceof PutItemRequest || request instanceof TransactWriteItemsRequest
                || request instanceof UpdateItemRequest || request instanceof DeleteItemRequest
                || request instanceof BatchWriteItemRequest;
    }
}
