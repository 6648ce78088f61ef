package dev.eventline.accounts.api;

import static dev.eventline.accounts.api.ApiSamples.event;
import static dev.eventline.accounts.api.ApiSamples.withBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.eventstore.ConflictRetries;
import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.testsupport.Emulator;
import dev.eventline.testsupport.WithEmulator;
import dev.eventline.testsupport.capacity.CapacityMeter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * A hot account: writers in separate containers deposit on one account at the same time, without
 * If-Match. The executor retries their lost races within its time budget, so none of them sees the
 * contention, and every deposit is in the stream exactly once.
 */
@WithEmulator
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ConcurrentDepositsTest {
    private static final int WRITERS = 10;
    private static final int DEPOSITS_EACH = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AccountsFixture accounts;

    ConcurrentDepositsTest(Emulator emulator) {
        // How long a hot stream takes to drain depends on this machine and on moto; the default budget's
        // success rate is measured by make bench (HotStreamBenchmark). Here: retried, never lost or doubled.
        accounts = AccountsFixture.start(emulator, Map.of(ConflictRetries.BUDGET_VARIABLE, "30000"));
    }

    @Test
    void ten_writers_on_one_account_all_get_through_and_each_deposit_is_booked_once() throws Exception {
        String accountId = accounts.open();
        CapacityMeter meter = new CapacityMeter();
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<List<Response>>> writers = new ArrayList<>();
        long expectedBalance = 0;
        List<String> references = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            AccountsApiHandler container = accounts.newHandler(meter); // its own client and (soon stale) cache
            List<String> bodies = new ArrayList<>();
            for (int d = 0; d < DEPOSITS_EACH; d++) {
                long amount = 100L * (w + 1) + d;
                String reference = "W" + w + "-" + d;
                expectedBalance += amount;
                references.add(reference);
                bodies.add("{\"amount\":" + amount + ",\"reference\":\"" + reference + "\"}");
            }
            writers.add(() -> {
                start.await();
                List<Response> responses = new ArrayList<>();
                for (String body : bodies) {
                    responses.add(AccountsFixture.send(container, withBody(event("deposit", accountId), body)));
                }
                return responses;
            });
        }
        List<Response> responses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(WRITERS)) {
            List<Future<List<Response>>> futures = new ArrayList<>();
            for (Callable<List<Response>> writer : writers) {
                futures.add(pool.submit(writer));
            }
            start.countDown();
            for (Future<List<Response>> future : futures) {
                responses.addAll(future.get(2, TimeUnit.MINUTES));
            }
        }

        responses.forEach(r -> r.assertCommand(200, r.version(), "MoneyDeposited"));
        // each deposit is one transaction (its event and the inline balance view); a lost race is one more
        assertThat(meter.usage().requestsByOperation().get("TransactWriteItems"))
                .as("races were lost, and retried")
                .isGreaterThan((long) WRITERS * DEPOSITS_EACH);
        List<RecordedEvent> events = accounts.events(accountId);
        assertThat(events)
                .extracting(RecordedEvent::version)
                .as("contiguous versions")
                .containsExactlyElementsOf(versions(1, 1 + WRITERS * DEPOSITS_EACH));
        assertThat(responses).extracting(Response::version).doesNotHaveDuplicates();
        assertThat(events.subList(1, events.size()))
                .extracting(ConcurrentDepositsTest::reference)
                .as("every deposit booked exactly once")
                .containsExactlyInAnyOrderElementsOf(references);
        assertThat(accounts.send(event("get-account", accountId)).balance()).isEqualTo(expectedBalance);
    }

    private static List<Long> versions(long from, long to) {
        List<Long> versions = new ArrayList<>();
        for (long v = from; v <= to; v++) {
            versions.add(v);
        }
        return versions;
    }

    private static String reference(RecordedEvent deposited) {
        try {
            return JSON.readTree(deposited.data()).path("reference").asText();
        } catch (IOException e) {
            throw new AssertionError("event data is not JSON: " + deposited.data(), e);
        }
    }
}
