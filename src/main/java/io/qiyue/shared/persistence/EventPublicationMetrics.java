package io.qiyue.shared.persistence;

import io.micrometer.core.instrument.MeterRegistry;
import io.qiyue.shared.DatabaseGauge;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The backlog of events between modules: publications that a listener has not completed yet. A number that
 * keeps growing means a listener fails every time it is retried.
 */
@Component
class EventPublicationMetrics {

    EventPublicationMetrics(MeterRegistry registry, JdbcClient jdbc) {
        DatabaseGauge.register(registry, "qiyue.events.incomplete",
                "Event publications between modules that are not completed yet",
                () -> jdbc.sql("SELECT COUNT(*) FROM event_publication WHERE completion_date IS NULL")
                        .query(Long.class).single());
    }
}
