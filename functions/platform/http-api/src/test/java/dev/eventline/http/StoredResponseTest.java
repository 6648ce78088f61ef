package dev.eventline.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

class StoredResponseTest {
    private final HttpResponse created = HttpResponse.status(201)
            .header("ETag", "\"1\"")
            .header("Location", "/orders/o-1")
            .header(ConsistencyToken.HEADER, "Order-o-1@1.k1.AAAAAAAAAAAAAAAAAAAAAA")
            .header("X-Correlation-Id", "first-attempt")
            .header("Cache-Control", "no-store")
            .json(JsonNodeFactory.instance.objectNode().put("orderId", "o-1").put("note", "line\n\"quoted\" é"))
            .build();

    @Test
    void round_trips_status_kept_headers_and_body() {
        String stored = StoredResponse.serialize(created);
        HttpResponse back = StoredResponse.deserialize(stored);

        assertThat(stored).doesNotContain("\n").doesNotContain("first-attempt").doesNotContain("no-store");
        assertThat(back.status()).isEqualTo(201);
        assertThat(back.body()).isEqualTo(created.body());
        assertThat(back.headers()).containsOnlyKeys("Content-Type", "ETag", "Location", "X-Consistency-Token");
        assertThat(back.header("etag")).contains("\"1\"");
        assertThat(back.header("Content-Type")).contains("application/json");
        assertThat(StoredResponse.serialize(back)).isEqualTo(stored);
    }

    @Test
    void replay_is_marked() {
        HttpResponse replay = StoredResponse.replay(StoredResponse.serialize(created));
        assertThat(replay.header("Idempotent-Replayed")).contains("true");
        assertThat(replay.header("Location")).contains("/orders/o-1");
    }

    @Test
    void bodiless_and_problem_responses_round_trip() {
        HttpResponse noContent = StoredResponse.deserialize(StoredResponse.serialize(HttpResponse.noContent()));
        assertThat(noContent.status()).isEqualTo(204);
        assertThat(noContent.body()).isEmpty();

        HttpResponse problem = HttpResponse.problem(Problem.unprocessable("ORDER_EMPTY", "no items"));
        HttpResponse back = StoredResponse.deserialize(StoredResponse.serialize(problem));
        assertThat(back.header("Content-Type")).contains("application/problem+json");
        assertThat(back.body()).isEqualTo(problem.body());
    }

    @Test
    void foreign_data_is_refused() {
        assertThatThrownBy(() -> StoredResponse.deserialize("not json")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> StoredResponse.deserialize("{\"headers\":{}}"))
                .isInstanceOf(IllegalStateException.class);
    }
}
