package io.qiyue.notification;

import io.micrometer.core.instrument.MeterRegistry;
import io.qiyue.shared.DatabaseGauge;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The notification outbox's backlog: e-mails, webhooks and robot messages still to be delivered. */
@Component
class OutboxMetrics {

    OutboxMetrics(MeterRegistry registry, JdbcClient jdbc) {
        DatabaseGauge.register(registry, "qiyue.outbox.backlog",
                "Notification deliveries (e-mail, webhook, group robot) waiting to be sent or retried",
                () -> jdbc.sql("SELECT COUNT(*) FROM notification_outbox WHERE status IN ('PENDING', 'SENDING')")
                        .query(Long.class).single());
    }
}
