package io.qiyue.obligation;

import io.qiyue.contract.ContractType;
import io.qiyue.shared.FieldViolation;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class EvaluationRulesTest {

    @Test
    void aspectsFitTheType() {
        assertThat(EvaluationRules.aspects(ContractType.SERVICE))
                .isEqualTo(new EvaluationRules.Aspects(true, true, false));
        assertThat(EvaluationRules.aspects(ContractType.MAINTENANCE).serviceQuality()).isTrue();
        assertThat(EvaluationRules.aspects(ContractType.CONSULTING).serviceQuality()).isTrue();
        assertThat(EvaluationRules.aspects(ContractType.CONFIDENTIALITY))
                .isEqualTo(new EvaluationRules.Aspects(false, true, false));
        assertThat(EvaluationRules.aspects(ContractType.INFO_SHARING))
                .isEqualTo(new EvaluationRules.Aspects(false, true, true));
    }

    @Test
    void aConfirmationNeedsTheAnswerARatingAndSaysWhatIsMissingWhenNotDone() {
        var purpose = EvaluationPurpose.CONFIRM_OBLIGATION;
        assertThat(fields(new EvaluationRules.Answer(null, null, null, null, null, null), purpose, ContractType.SERVICE))
                .containsExactly("rating", "confirmed");
        assertThat(fields(new EvaluationRules.Answer(3, false, null, null, null, "  "), purpose, ContractType.SERVICE))
                .containsExactly("comment");
        assertThat(fields(new EvaluationRules.Answer(5, true, null, null, null, null), purpose, ContractType.SERVICE))
                .isEmpty();
        assertThat(fields(new EvaluationRules.Answer(0, true, null, null, null, null), purpose, ContractType.SERVICE))
                .containsExactly("rating");
        assertThat(fields(new EvaluationRules.Answer(6, true, null, null, null, "x".repeat(2001)), purpose,
                ContractType.SERVICE)).containsExactly("rating", "comment");
    }

    @Test
    void aPeriodicEvaluationNeedsTheAspectsOfItsTypeOnlyAndChecksTheirRange() {
        var purpose = EvaluationPurpose.PERIODIC;
        assertThat(fields(new EvaluationRules.Answer(4, null, null, null, null, null), purpose, ContractType.INFO_SHARING))
                .containsExactly("confidentiality", "sharingAsAgreed");
        assertThat(fields(new EvaluationRules.Answer(4, null, null, 4, null, null), purpose, ContractType.CONFIDENTIALITY))
                .isEmpty();
        assertThat(fields(new EvaluationRules.Answer(4, null, 7, 4, null, null), purpose, ContractType.CONFIDENTIALITY))
                .containsExactly("serviceQuality");
        assertThat(fields(new EvaluationRules.Answer(4, null, 5, 5, null, null), purpose, ContractType.SERVICE)).isEmpty();
    }

    @Test
    void lowIsTwoOrLessOverallOrInAnyAspect() {
        assertThat(EvaluationRules.low(2)).isTrue();
        assertThat(EvaluationRules.low(3)).isFalse();
        assertThat(EvaluationRules.low(5, null, 2, null)).isTrue();
        assertThat(EvaluationRules.low(4, 3, null, 5)).isFalse();
    }

    @Test
    void aSuspectedDisclosureIsUrgent() {
        var today = LocalDate.of(2026, 12, 30);
        assertThat(EvaluationRules.deadline(CaseCategory.SUSPECTED_DISCLOSURE, today)).isEqualTo(LocalDate.of(2027, 1, 2));
        assertThat(EvaluationRules.deadline(CaseCategory.USE_BEYOND_AGREEMENT, today)).isEqualTo(LocalDate.of(2027, 1, 2));
        assertThat(EvaluationRules.deadline(CaseCategory.SERVICE_QUALITY, today)).isEqualTo(LocalDate.of(2027, 1, 9));
    }

    @Test
    void casesMoveByTheirTableAndNeedAResolutionToBeResolvedOrClosed() {
        assertThat(CaseStatus.OPEN.mayMoveTo(CaseStatus.IN_PROGRESS)).isTrue();
        assertThat(CaseStatus.OPEN.mayMoveTo(CaseStatus.RESOLVED)).isTrue();
        assertThat(CaseStatus.IN_PROGRESS.mayMoveTo(CaseStatus.OPEN)).isFalse();
        assertThat(CaseStatus.RESOLVED.mayMoveTo(CaseStatus.IN_PROGRESS)).isTrue();
        assertThat(CaseStatus.CLOSED.mayMoveTo(CaseStatus.RESOLVED)).isFalse();
        assertThat(CaseStatus.CLOSED.next()).containsExactly(CaseStatus.IN_PROGRESS);
        assertThat(CaseStatus.RESOLVED.needsResolution()).isTrue();
        assertThat(CaseStatus.IN_PROGRESS.needsResolution()).isFalse();
        assertThat(CaseStatus.IN_PROGRESS.open()).isTrue();
        assertThat(CaseStatus.CLOSED.open()).isFalse();
    }

    @Test
    void onlyThePerformancePageIsReadMoreThanOnce() {
        assertThat(EvaluationPurpose.CONFIRM_OBLIGATION.oneUse()).isTrue();
        assertThat(EvaluationPurpose.PERIODIC.oneUse()).isTrue();
        assertThat(EvaluationPurpose.PERFORMANCE_PAGE.oneUse()).isFalse();
        assertThat(EvaluationPurpose.PERFORMANCE_PAGE.evaluates()).isFalse();
    }

    @Test
    void theContactIsThePrimaryOneWithAnEmailElseTheFirstWithOne() {
        var noMail = new io.qiyue.customer.Contact("1", "甲", null, null, null, null, true);
        var second = new io.qiyue.customer.Contact("2", "乙", null, null, null, "b@example.com", false);
        var third = new io.qiyue.customer.Contact("3", "丙", null, null, null, "c@example.com", true);
        assertThat(Evaluations.contactFor(java.util.List.of(noMail, second, third))).contains(third);
        assertThat(Evaluations.contactFor(java.util.List.of(noMail, second))).contains(second);
        assertThat(Evaluations.contactFor(java.util.List.of(noMail))).isEmpty();
    }

    @Test
    void theReportEscapesEverythingItIsGiven() {
        assertThat(ServiceReportPdf.esc("<a href=\"x\">&'\u0001")).isEqualTo("&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
    }

    private static java.util.List<String> fields(EvaluationRules.Answer a, EvaluationPurpose p, ContractType t) {
        return EvaluationRules.check(a, p, t).stream().map(FieldViolation::field).toList();
    }
}
