package io.qiyue.bench;

import io.qiyue.QiyueApplication;
import io.qiyue.obligation.ObligationCalendar;
import io.qiyue.obligation.ReminderCalendar;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Not a test: the daily overdue scan and the reminder queueing over N obligations on PostgreSQL (issue #14,
 * target: 1,000,000 in under 10 s each). Starts the application (loopback, a random port, no schedules) on an
 * empty database, seeds N obligations in one SQL statement (due dates spread over ten years around today, 90 % of
 * the past ones done, the rest still open, so that about 5 % become overdue), then times
 * {@link ObligationCalendar#runFor}, {@link ReminderCalendar#runFor} twice (new reminders, then nothing new) and
 * the notification module's handling of the events (until the event publication registry has nothing left).
 * Arguments: JDBC URL, user, data directory, obligations (1,000,000). Run bench/obligation-scan.sh, which creates
 * and drops the database around it.
 */
public final class ObligationScanBenchmark {
    private ObligationScanBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String user = args[1];
        String dataDir = args[2];
        int n = args.length > 3 ? Integer.parseInt(args[3]) : 1_000_000;
        try (var context = new SpringApplicationBuilder(QiyueApplication.class).run("--spring.datasource.url=" + url,
                "--spring.datasource.username=" + user, "--spring.datasource.password=", "--qiyue.data-dir=" + dataDir,
                "--server.port=0", "--server.address=127.0.0.1", "--qiyue.admin-password=bench-admin-password",
                "--qiyue.lifecycle.calendar-cron=-", "--qiyue.obligation.scan-cron=-", "--qiyue.reminders.cron=-",
                "--logging.level.root=WARN")) {
            var jdbc = context.getBean(JdbcClient.class);
            LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
            long t0 = System.nanoTime();
            jdbc.sql("""
                    INSERT INTO obligation (id, contract_id, seq, kind, side, responsible, contract_owner, customer_id,
                        title, starts_on, due_date, status, created_at, updated_at, version)
                    SELECT 'bench-o-' || g, 'bench-c-' || (g / 10), g % 10 + 1,
                        (ARRAY['PAYMENT', 'SERVICE_DELIVERY', 'MAINTENANCE_VISIT', 'CONSULTING_DELIVERABLE',
                               'CONFIDENTIALITY'])[g % 5 + 1],
                        CASE WHEN g % 5 = 0 THEN 'CUSTOMER' ELSE 'OURS' END,
                        CASE WHEN g % 5 = 0 THEN NULL ELSE 'bench-owner-' || (g / 10 % 1000) END,
                        'bench-owner-' || (g / 10 % 1000), 'bench-cu-' || (g / 100), '第' || g || '项义务', x.d - 90, x.d,
                        CASE WHEN x.d < CAST(:today AS date) AND g % 10 <> 0 THEN 'DONE' ELSE 'PENDING' END,
                        LOCALTIMESTAMP, LOCALTIMESTAMP, 0
                    FROM generate_series(1, :n) g
                    CROSS JOIN LATERAL (SELECT CAST(:today AS date) - 1800 + CAST(CAST(g AS bigint) * 7919 % 3600 AS int) AS d) x
                    """).param("today", today).param("n", n).update();
            jdbc.sql("ANALYZE obligation").update();
            System.out.printf("seeded %,d obligations in %.1f s%n", count(jdbc, "SELECT COUNT(*) FROM obligation"),
                    seconds(t0));
            System.out.println("open and past due before the scan: "
                    + count(jdbc, "SELECT COUNT(*) FROM obligation WHERE status = 'PENDING' AND due_date < CURRENT_DATE"));

            var scan = context.getBean(ObligationCalendar.class);
            long t1 = System.nanoTime();
            var result = scan.runFor(today);
            System.out.printf("overdue scan: %,d became overdue, %,d duties ended kept, in %.2f s%n", result.overdue(),
                    result.periodsEnded(), seconds(t1));
            long t1b = System.nanoTime();
            var again = scan.runFor(today);
            System.out.printf("overdue scan again (nothing to change): %,d, in %.2f s%n",
                    again.overdue() + again.periodsEnded(), seconds(t1b));

            var reminders = context.getBean(ReminderCalendar.class);
            for (String label : new String[]{"reminder queueing", "reminder queueing again (all keys known)"}) {
                long t2 = System.nanoTime();
                var run = reminders.runFor(today).orElseThrow();
                System.out.printf("%s: %,d given by the sources, %,d new and queued, in %.2f s%n", label,
                        run.offered(), run.sent(), seconds(t2));
            }
            long t3 = System.nanoTime();
            while (count(jdbc, "SELECT COUNT(*) FROM event_publication WHERE completion_date IS NULL") > 0
                    && seconds(t3) < 600) {
                Thread.sleep(200);
            }
            System.out.printf("notification module done with the events %.2f s later (%,d in-app notifications;"
                            + " the seeded owners are not users, so little is written per reminder)%n", seconds(t3),
                    count(jdbc, "SELECT COUNT(*) FROM notification"));
            System.out.println("reminder keys recorded: " + count(jdbc, "SELECT COUNT(*) FROM reminder_sent"));
        }
    }

    private static long count(JdbcClient jdbc, String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
