package dev.eventline.ordering.queryapi;

import dev.eventline.http.ApiGatewayEvents;
import dev.eventline.http.HttpApiEvent;
import dev.eventline.http.HttpApiResponse;
import dev.eventline.testsupport.FreshJvm;
import dev.eventline.testsupport.Samples;

/**
 * Run by {@link FirstRequestAfterPrimingTest} in a fresh JVM, configured like the Lambda function:
 * builds the handler as Lambda does, primes it as SnapStart does before the snapshot, then serves
 * one real query (an order the emulator does not hold) and prints how many classes it loaded.
 */
final class FirstQueryAfterPriming {
    private FirstQueryAfterPriming() {}

    public static void main(String[] args) {
        QueryApiHandler handler = new QueryApiHandler();
        handler.beforeCheckpoint(null);
        HttpApiEvent request = ApiGatewayEvents.fromJson(Samples.text("api/http-api/get-order.json"));
        long before = FreshJvm.loadedClasses();
        HttpApiResponse response = handler.handleRequest(request, null);
        long loaded = FreshJvm.loadedClasses() - before;
        System.out.println("status=" + response.statusCode());
        System.out.println("new-classes=" + loaded);
    }
}
