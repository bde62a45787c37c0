package io.qiyue.review.web;

import io.qiyue.review.Acceptance;
import io.qiyue.review.Finding;
import io.qiyue.review.Severity;
import io.qiyue.review.Span;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AcceptanceReachTest {
    private final AcceptanceReach reach = new AcceptanceReach();

    private static Finding warning(String rule, String path, Span span, Acceptance accepted) {
        return new Finding(rule, Severity.WARNING, path, span, "m", null, null, false, accepted, null);
    }

    @Test
    void anAcceptanceOfAWholePathTakesTheRulesOtherWarningsThereWithIt() {
        var first = warning("QY-P007", "/terms/personalInformation/securityMeasures", null, null);
        var second = warning("QY-P007", "/terms/personalInformation/securityMeasures", null, null);
        var third = warning("QY-P007", "/terms/personalInformation/securityMeasures", null, null);
        var accepted = warning("QY-P007", "/terms/personalInformation/securityMeasures", null,
                new Acceptance("legal", Instant.EPOCH, "ok"));
        var elsewhere = warning("QY-P007", "/terms/sharingMethods", null, null);
        var otherRule = warning("QY-P001", "/terms/personalInformation/securityMeasures", null, null);
        var all = List.of(first, second, third, accepted, elsewhere, otherRule);
        assertThat(reach.others(all, first)).isEqualTo(2);
        assertThat(reach.others(all, elsewhere)).isZero();
    }

    @Test
    void anAcceptanceAtASpanTakesOnlyWhatStartsThere() {
        var at3 = warning("QY-L001", "clause-1", new Span("clause-1", 3, 5), null);
        var alsoAt3 = warning("QY-L001", "clause-1", new Span("clause-1", 3, 7), null);
        var at9 = warning("QY-L001", "clause-1", new Span("clause-1", 9, 11), null);
        assertThat(reach.others(List.of(at3, alsoAt3, at9), at3)).isEqualTo(1);
        assertThat(reach.others(List.of(at3, alsoAt3, at9), at9)).isZero();
    }
}
