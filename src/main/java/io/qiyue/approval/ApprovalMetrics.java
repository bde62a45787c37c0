package io.qiyue.approval;

import io.micrometer.core.instrument.MeterRegistry;
import io.qiyue.shared.DatabaseGauge;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** How many approval tasks wait for a decision, over all approvers. */
@Component
class ApprovalMetrics {

    ApprovalMetrics(MeterRegistry registry, JdbcClient jdbc) {
        DatabaseGauge.register(registry, "qiyue.approvals.waiting", "Approval tasks waiting for a decision",
                () -> jdbc.sql("SELECT COUNT(*) FROM approval_task WHERE status = ?").param(ApprovalStore.OPEN)
                        .query(Long.class).single());
    }
}
