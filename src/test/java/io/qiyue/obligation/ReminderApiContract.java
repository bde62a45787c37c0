package io.qiyue.obligation;

import io.qiyue.QiyueApplication;
import io.qiyue.notification.ReminderDigests;
import io.qiyue.testing.ApiClient;
import io.qiyue.testing.ApiTestSupport;
import io.qiyue.testing.ContractSamples;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reminders end to end: each arrives once in-app and once by e-mail (in the owner's daily digest, or one by one)
 * however often the calendar runs for a day, after a restart (a new application context on the same database) and
 * when two application contexts on one database run it at the same moment.
 */
abstract class ReminderApiContract extends ApiTestSupport {
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    /** Each test its own years, far from every other test's data, so that the windows see only its contract. */
    private static final AtomicInteger YEAR = new AtomicInteger(2041 + (int) Math.floorMod(System.nanoTime(), 7L) * 10);

    @Autowired
    ReminderCalendar calendar;
    @Autowired
    Reminders reminders;
    @Autowired
    Obligations obligations;
    @Autowired
    ReminderDigests digests;
    @Autowired
    JdbcClient jdbc;
    @Value("${spring.datasource.url}")
    String url;
    @Value("${spring.datasource.username}")
    String username;
    @Value("${spring.datasource.password:}")
    String password;
    @Value("${qiyue.data-dir}")
    String dataDir;

    private record Signed(TestUser owner, String contractId, LocalDate start) {
    }

    /** A maintenance contract from {@code start} for a year, signed: visits every 90 days from the start. */
    private Signed signedMaintenance() {
        var owner = createUser("SALES", null);
        String customerId = createOrganization(owner.client()).path("id").asString();
        LocalDate start = LocalDate.of(YEAR.getAndIncrement(), 3, 1);
        var body = ContractSamples.contract("MAINTENANCE", unique("提醒"), customerId, ourEntityId());
        body.put("startDate", start.toString());
        body.put("endDate", start.plusYears(1).minusDays(1).toString());
        ((tools.jackson.databind.node.ObjectNode) body.path("terms").path("payment").path("schedule").get(0))
                .put("dueDate", start.plusDays(30).toString());
        String id = signedContract(owner.client(), body);
        return new Signed(owner, id, start);
    }

    private Obligation visit(String contractId, LocalDate due) {
        return obligations.internalOfContract(contractId).stream()
                .filter(o -> o.kind() == ObligationKind.MAINTENANCE_VISIT && due.equals(o.dueDate()))
                .findFirst().orElseThrow();
    }

    @Test
    void dueReminderArrivesOnceInAppAndOnceInTheDailyDigestHoweverOftenTheCalendarRuns() {
        var s = signedMaintenance();
        LocalDate firstVisit = s.start().plusDays(90);
        var visit = visit(s.contractId(), firstVisit);
        LocalDate day = firstVisit.minusDays(2);

        var first = calendar.runFor(day).orElseThrow();
        assertThat(first.sent()).as("the visit due in two days, told now").isGreaterThanOrEqualTo(1);
        assertThat(reminders.sent(ObligationReminders.key(ReminderKind.OBLIGATION_DUE, visit.id(), firstVisit))).isTrue();
        await(() -> inApp(s.owner().client(), s.contractId(), "OBLIGATION_DUE"), n -> n >= 1);

        // the same day again, and the next day (still within the window): nothing new
        assertThat(calendar.runFor(day).orElseThrow().sent()).isZero();
        assertThat(calendar.runFor(day.plusDays(1)).orElseThrow().sent()).isZero();
        pause();
        assertThat(inApp(s.owner().client(), s.contractId(), "OBLIGATION_DUE")).isEqualTo(1);
        var notification = notifications(s.owner().client(), s.contractId()).getFirst();
        assertThat(notification.path("body").asString()).contains(firstVisit.toString()).contains("还有 2 天");

        // the e-mail waits for the owner's digest of the day, one e-mail however often the digests run
        String email = s.owner().username() + "@example.com";
        assertThat(emails(email)).isZero();
        var nineOClock = day.atTime(9, 0).atZone(CHINA).toInstant();
        var run = digests.runFor(nineOClock);
        assertThat(run.emails()).isGreaterThanOrEqualTo(1);
        assertThat(digests.runFor(nineOClock.plusSeconds(600)).emails()).isZero();
        assertThat(emails(email)).isEqualTo(1);
        String payload = jdbc.sql("SELECT payload FROM notification_outbox WHERE channel = 'EMAIL' AND target = ?"
                        + " AND event_kind = 'OBLIGATION_DUE'")
                .param(email).query(String.class).single();
        assertThat(payload).contains("1 条提醒").contains("第1次定期回访与维护");
    }

    @Test
    void overdueAndExpiryRemindersOneByOneWhenTheUserChoseSo() {
        var s = signedMaintenance();
        var chosen = s.owner().client().put("/api/v1/users/me/notification-preferences", "{\"dailyDigest\": false}", null);
        assertThat(chosen.status()).as("%s", chosen).isEqualTo(200);
        assertThat(chosen.json().path("dailyDigest").asBoolean()).isFalse();
        LocalDate firstVisit = s.start().plusDays(90);
        LocalDate day = firstVisit.plusDays(3);
        String email = s.owner().username() + "@example.com";

        assertThat(calendar.runFor(day).orElseThrow().sent()).isGreaterThanOrEqualTo(1);
        await(() -> inApp(s.owner().client(), s.contractId(), "OBLIGATION_OVERDUE"), n -> n >= 1);
        await(() -> emails(email), n -> n >= 1);
        assertThat(calendar.runFor(day).orElseThrow().sent()).isZero();
        pause();
        assertThat(inApp(s.owner().client(), s.contractId(), "OBLIGATION_OVERDUE")).isEqualTo(1);
        assertThat(emails(email)).as("one e-mail, at once").isEqualTo(1);

        // the contract ends within seven days: its owner is told once (its notice period, 30 days, is longer)
        LocalDate end = s.start().plusYears(1).minusDays(1);
        assertThat(calendar.runFor(end.minusDays(5)).orElseThrow().sent()).isGreaterThanOrEqualTo(1);
        assertThat(calendar.runFor(end.minusDays(4)).orElseThrow().sent()).as("the last visit is told; the expiry"
                + " not again").isLessThanOrEqualTo(1);
        await(() -> inApp(s.owner().client(), s.contractId(), "EXPIRY_REMINDER"), n -> n >= 1);
        pause();
        assertThat(inApp(s.owner().client(), s.contractId(), "EXPIRY_REMINDER")).isEqualTo(1);
    }

    @Test
    void aRestartSendsNothingAgainAndTwoContextsOnOneDatabaseSendEachReminderOnce() throws Exception {
        var s = signedMaintenance();
        LocalDate firstVisit = s.start().plusDays(90);
        LocalDate secondVisit = s.start().plusDays(180);
        assertThat(calendar.runFor(firstVisit.minusDays(1)).orElseThrow().sent()).isGreaterThanOrEqualTo(1);
        await(() -> inApp(s.owner().client(), s.contractId(), "OBLIGATION_DUE"), n -> n >= 1);

        // command-line arguments: they outrank application.yml (default properties would not)
        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(QiyueApplication.class)
                .run("--server.port=0", "--spring.datasource.url=" + url, "--spring.datasource.username=" + username,
                        "--spring.datasource.password=" + password, "--qiyue.data-dir=" + dataDir,
                        "--qiyue.admin-password=" + ADMIN_PASSWORD, "--logging.level.org.flywaydb=WARN",
                        "--qiyue.lifecycle.calendar-cron=-", "--qiyue.reminders.cron=-")) {
            // a restart: a new application on the same database sends nothing of what was sent
            var restarted = second.getBean(ReminderCalendar.class).runFor(firstVisit.minusDays(1)).orElseThrow();
            assertThat(restarted.sent()).isZero();
            assertThat(restarted.offered()).as("what the second context sees of %s: %s obligations, url %s", s.contractId(),
                    second.getBean(JdbcClient.class).sql("SELECT COUNT(*) FROM obligation WHERE contract_id = ?")
                            .param(s.contractId()).query(Long.class).single(), url).isGreaterThanOrEqualTo(1);

            // two instances at the same moment, without the lock: the keys decide
            var other = second.getBean(Reminders.class);
            var together = new CyclicBarrier(2);
            LocalDate day = secondVisit.minusDays(1);
            var here = CompletableFuture.supplyAsync(() -> after(together, () -> reminders.send(day)));
            var there = CompletableFuture.supplyAsync(() -> after(together, () -> other.send(day)));
            var runs = List.of(here.get(), there.get());
            var visit = visit(s.contractId(), secondVisit);
            assertThat(reminders.sent(ObligationReminders.key(ReminderKind.OBLIGATION_DUE, visit.id(), secondVisit)))
                    .isTrue();
            assertThat(runs).allMatch(r -> r.failedSources() == 0);
            // other test classes share this database and may have sent some of the day's keys already: the sum
            // is at most what was offered, and this contract's visit is told exactly once (counted in-app below)
            assertThat(runs.get(0).sent() + runs.get(1).sent()).as("no key published by both of them")
                    .isBetween(1, Math.max(runs.get(0).offered(), runs.get(1).offered()));
            await(() -> inApp(s.owner().client(), s.contractId(), "OBLIGATION_DUE"), n -> n >= 2);

            // and both under the lock, as the schedule runs them
            var otherCalendar = second.getBean(ReminderCalendar.class);
            var again = CompletableFuture.supplyAsync(() -> after(together, () -> calendar.runFor(day)));
            var againThere = CompletableFuture.supplyAsync(() -> after(together, () -> otherCalendar.runFor(day)));
            assertThat(List.of(again.get(), againThere.get())).allMatch(r -> r.isEmpty() || r.get().sent() == 0);
            pause();
        }
        assertThat(inApp(s.owner().client(), s.contractId(), "OBLIGATION_DUE")).as("two visits, one reminder each")
                .isEqualTo(2);
    }

    // ---- helpers

    private long emails(String address) {
        return jdbc.sql("SELECT COUNT(*) FROM notification_outbox WHERE channel = 'EMAIL' AND target = ?"
                        + " AND event_kind IN ('OBLIGATION_DUE', 'OBLIGATION_OVERDUE', 'EXPIRY_REMINDER')")
                .param(address).query(Long.class).single();
    }

    private static List<tools.jackson.databind.JsonNode> notifications(ApiClient as, String contractId) {
        var list = new java.util.ArrayList<tools.jackson.databind.JsonNode>();
        as.get("/api/v1/notifications?size=200").json().path("items").forEach(n -> {
            if (n.path("contractId").asString().equals(contractId)) {
                list.add(n);
            }
        });
        return list;
    }

    private static long inApp(ApiClient as, String contractId, String kind) {
        return notifications(as, contractId).stream().filter(n -> n.path("kind").asString().equals(kind)).count();
    }

    private static <T> T after(CyclicBarrier barrier, Supplier<T> job) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return job.get();
    }

    /** Time for a delivery that should not come (the listeners run after commit, on other threads). */
    private static void pause() {
        try {
            Thread.sleep(1500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static <T> void await(Supplier<T> probe, java.util.function.Predicate<T> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            T value = probe.get();
            if (done.test(value) || System.nanoTime() > deadline) {
                assertThat(done.test(value)).as("in time: %s", value).isTrue();
                return;
            }
            pause();
        }
    }
}
