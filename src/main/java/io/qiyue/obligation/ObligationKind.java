package io.qiyue.obligation;

import java.util.Set;

/** What an obligation is about (spec/domain.md, 履约监督). */
public enum ObligationKind {
    PAYMENT, SERVICE_DELIVERY, MAINTENANCE_VISIT, CONSULTING_DELIVERABLE, CONFIDENTIALITY, DATA_SHARING, DATA_RETURN;

    private static final Set<ObligationKind> DUTIES_OVER_A_PERIOD = Set.of(CONFIDENTIALITY, DATA_SHARING);
    private static final Set<ObligationKind> DELIVERED_TO_THE_CUSTOMER =
            Set.of(SERVICE_DELIVERY, MAINTENANCE_VISIT, CONSULTING_DELIVERABLE);

    /**
     * A duty kept over a period rather than an act on a day: it cannot be late, it is kept until its period
     * ends ({@code dueDate}), and then counts as fulfilled unless someone said otherwise.
     */
    public boolean overAPeriod() {
        return DUTIES_OVER_A_PERIOD.contains(this);
    }

    /** Something we deliver that the customer can confirm and rate once it is done (监督和评价). */
    public boolean confirmedByTheCustomer() {
        return DELIVERED_TO_THE_CUSTOMER.contains(this);
    }
}
