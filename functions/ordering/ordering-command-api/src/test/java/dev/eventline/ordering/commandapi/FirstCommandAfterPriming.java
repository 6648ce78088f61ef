package dev.eventline.ordering.commandapi;

import dev.eventline.http.HttpApiResponse;
import dev.eventline.testsupport.FreshJvm;

/**
 * Run by {@link PrimingTest} in a fresh JVM, configured like the Lambda function: builds the handler
 * as Lambda does, primes it as SnapStart does before the snapshot, then serves one real command
 * against the emulator and prints how many classes that command loaded.
 */
final class FirstCommandAfterPriming {
    private FirstCommandAfterPriming() {}

    public static void main(String[] args) {
        CommandApiHandler handler = new CommandApiHandler();
        handler.beforeCheckpoint(null);
        var request = ApiSamples.event("place-order");
        long before = FreshJvm.loadedClasses();
        HttpApiResponse response = handler.handleRequest(request, null);
        long loaded = FreshJvm.loadedClasses() - before;
        System.out.println("status=" + response.statusCode());
        System.out.println("new-classes=" + loaded);
    }
}
