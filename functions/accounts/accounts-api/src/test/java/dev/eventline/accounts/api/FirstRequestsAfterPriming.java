package dev.eventline.accounts.api;

import dev.eventline.http.HttpApiResponse;
import dev.eventline.testsupport.FreshJvm;

/**
 * Run by {@link FirstRequestAfterPrimingTest} in a fresh JVM, configured like the Lambda function:
 * builds the handler as Lambda does, primes it as SnapStart does before the snapshot, then serves
 * one real command (open an account) and one real query (that account) against the emulator and
 * prints how many classes each loaded.
 */
final class FirstRequestsAfterPriming {
    private FirstRequestsAfterPriming() {}

    public static void main(String[] args) {
        AccountsApiHandler handler = new AccountsApiHandler();
        handler.beforeCheckpoint(null);
        var open = ApiSamples.event("open-account");
        long before = FreshJvm.loadedClasses();
        HttpApiResponse opened = handler.handleRequest(open, null);
        long afterCommand = FreshJvm.loadedClasses();
        String location = opened.headers().get("Location");
        var get = ApiSamples.event("get-account", location.substring(location.lastIndexOf('/') + 1));
        long beforeQuery = FreshJvm.loadedClasses();
        HttpApiResponse read = handler.handleRequest(get, null);
        long afterQuery = FreshJvm.loadedClasses();
        System.out.println("command-status=" + opened.statusCode());
        System.out.println("query-status=" + read.statusCode());
        System.out.println("command-new-classes=" + (afterCommand - before));
        System.out.println("query-new-classes=" + (afterQuery - beforeQuery));
    }
}
