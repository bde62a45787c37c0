package io.qiyue.review;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.qiyue.contract.ContractType.SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

/** What the portfolio re-review reports per contract: findings gained and lost, not findings merely reworded. */
class PortfolioDiffTest {
    static final String DAMAGES = "/terms/breach/liquidatedDamages";
    static final String SECURITY = "/terms/personalInformation/securityMeasures";

    static RawFinding finding(String rule, String path, String... args) {
        return new RawFinding(rule, Severity.WARNING, path, null, "review." + rule + ".x", List.of(args), null);
    }

    static Evaluation of(RawFinding... findings) {
        return new Evaluation("r", 1, List.of(findings), List.of());
    }

    @Test
    void aFindingStillThereWithOtherWordsIsNeitherGainedNorLost() {
        var contract = Spec.valid(SERVICE).contract();
        assertThat(ReviewPortfolio.diff(contract, of(finding("QY-V001", DAMAGES, "40", "30")),
                of(finding("QY-V001", DAMAGES, "40", "35")))).isNull();
    }

    @Test
    void oneOfSeveralFindingsAtOnePathThatGoesIsLost() {
        var contract = Spec.valid(SERVICE).contract();
        var change = ReviewPortfolio.diff(contract,
                of(finding("QY-P007", SECURITY, "分类"), finding("QY-P007", SECURITY, "培训")),
                of(finding("QY-P007", SECURITY, "培训"), finding("QY-V001", DAMAGES, "40", "30")));
        assertThat(change.gained()).containsExactly(new PortfolioJob.Item("QY-V001", "WARNING", DAMAGES));
        assertThat(change.lost()).containsExactly(new PortfolioJob.Item("QY-P007", "WARNING", SECURITY));
    }
}
