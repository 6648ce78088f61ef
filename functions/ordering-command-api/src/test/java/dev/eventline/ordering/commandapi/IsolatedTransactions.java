package dev.eventline.ordering.commandapi;

import java.util.concurrent.Semaphore;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * Gives the emulator the isolation DynamoDB transactions have. moto 5.2.5 runs
 * {@code TransactWriteItems} without any lock: it checks conditions while other requests write,
 * and on failure restores deep copies of whole tables taken before it started, which erases what
 * concurrent requests committed meanwhile. Eight racing transactions guarded by
 * {@code attribute_not_exists} can then all "win" (reproduced against bare moto: several winners in
 * about one round out of ten). DynamoDB itself executes transactions serializably.
 *
 * <p>This interceptor lets one transaction at a time reach the emulator and changes nothing else:
 * the handlers still read, decide and write concurrently, with the same requests; only the
 * emulator's missing isolation is supplied. Shared by every handler of a test, like the table is.
 */
final class IsolatedTransactions implements ExecutionInterceptor {
    private final Semaphore oneAtATime = new Semaphore(1);

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof TransactWriteItemsRequest) {
            oneAtATime.acquireUninterruptibly();
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        release(context.request());
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        release(context.request());
    }

    private void release(Object request) {
        if (request instanceof TransactWriteItemsRequest) {
            oneAtATime.release();
        }
    }
}
