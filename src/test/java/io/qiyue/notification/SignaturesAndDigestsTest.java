package io.qiyue.notification;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The signatures against values computed independently, and how digests fit a robot's rate limit. */
class SignaturesAndDigestsTest {

    @Test
    void webhookSignatureIsTheHexHmacOfTheBody() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?"
        assertThat(Signatures.webhook("Jefe", "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void dingTalkSignsTimestampNewlineSecretWithTheSecretAndUrlEncodesIt() throws Exception {
        var mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec("SECabc".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = java.util.Base64.getEncoder().encodeToString(
                mac.doFinal("1700000000000\nSECabc".getBytes(StandardCharsets.UTF_8)));
        String sign = Signatures.dingTalk("SECabc", 1700000000000L);
        assertThat(java.net.URLDecoder.decode(sign, StandardCharsets.UTF_8)).isEqualTo(expected);
        assertThat(sign).doesNotContain("+", "/", "=");
    }

    @Test
    void feishuKeysTheHmacWithTimestampNewlineSecretOverNoBytes() throws Exception {
        var mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec("1700000000\nfs-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        assertThat(Signatures.feishu("fs-secret", 1700000000L))
                .isEqualTo(java.util.Base64.getEncoder().encodeToString(mac.doFinal()));
    }

    @Test
    void withinTheBudgetEachMessageGoesAlone() {
        var plan = Digests.plan(items(5, 50), 20, 4000);
        assertThat(plan).containsExactly(List.of(0), List.of(1), List.of(2), List.of(3), List.of(4));
    }

    @Test
    void beyondTheBudgetMessagesArePackedInOrderIntoDigestsOfAtMostTheRobotsSize() {
        var items = items(60, 300);
        var plan = Digests.plan(items, 20, 4000);
        assertThat(plan.size()).isBetween(2, 20);
        var order = plan.stream().flatMap(List::stream).toList();
        assertThat(order).as("all of them, in order, once").isEqualTo(IntStream.range(0, 60).boxed().toList());
        for (var group : plan) {
            String text = Digests.render(group.stream().map(items::get).toList(), Integer.MAX_VALUE);
            assertThat(Digests.bytes(text)).isLessThanOrEqualTo(4000);
            assertThat(text).startsWith("**契约通知汇总（" + group.size() + " 条）**");
        }
    }

    @Test
    void whatDoesNotFitTheBudgetWaitsAndNothingIsDropped() {
        var items = items(200, 1000);
        var plan = Digests.plan(items, 3, 4000);
        assertThat(plan).hasSize(3);
        assertThat(plan.stream().flatMap(List::stream).toList()).as("the oldest first; the rest stay queued")
                .isEqualTo(IntStream.range(0, plan.stream().mapToInt(List::size).sum()).boxed().toList());
        assertThat(Digests.plan(items, 0, 4000)).isEmpty();
    }

    @Test
    void aMessageLargerThanTheRobotTakesIsCutAtACharacterBoundary() {
        String big = "合".repeat(3000);
        String cut = Digests.render(List.of(big), 4000);
        assertThat(Digests.bytes(cut)).isLessThanOrEqualTo(4000);
        assertThat(cut).endsWith("…").startsWith("合合");
    }

    @Test
    void retriesBackOffExponentiallyUpToAnHour() {
        assertThat(Outbox.backoff(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(Outbox.backoff(2)).isEqualTo(Duration.ofMinutes(1));
        assertThat(Outbox.backoff(4)).isEqualTo(Duration.ofMinutes(4));
        assertThat(Outbox.backoff(30)).isEqualTo(Duration.ofHours(1));
    }

    private static List<String> items(int n, int chars) {
        var list = new ArrayList<String>();
        for (int i = 0; i < n; i++) {
            list.add("**合同即将到期：HT-" + i + "**\n" + "内".repeat(chars / 3));
        }
        return list;
    }
}
