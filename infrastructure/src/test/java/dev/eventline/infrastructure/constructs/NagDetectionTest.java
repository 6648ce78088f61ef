package dev.eventline.infrastructure.constructs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventline.infrastructure.support.TestStacks;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.services.sqs.Queue;

/** Proves the findings the other tests expect to be empty are really collected. */
class NagDetectionTest {

    @Test
    void a_non_compliant_resource_is_reported() {
        var stack = TestStacks.newStack();
        new Queue(stack, "Plain");
        assertThat(TestStacks.findings(stack)).anyMatch(finding -> finding.contains("AwsSolutions-SQS4"));
    }
}
