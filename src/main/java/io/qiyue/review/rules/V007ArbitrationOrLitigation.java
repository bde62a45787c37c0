package io.qiyue.review.rules;

import io.qiyue.contract.Terms;
import io.qiyue.review.Clause;
import io.qiyue.review.ReviewSubject;
import io.qiyue.review.Severity;

import java.util.regex.Pattern;

/**
 * QY-V007: arbitration and litigation both chosen (或裁或诉) voids the arbitration agreement (仲裁法解释第7条).
 * Only a choice of how the merits are decided counts: costs (仲裁费或诉讼费), enforcing an award or interim
 * measures at a court, and "during arbitration or litigation" do not (the patterns' look-aheads); the
 * sentence must speak of a dispute or its resolution ({@code disputeContext}), and the words around the match
 * up to the nearest commas must not say what else they are about ({@code notAChoice}: costs, a finding by a
 * court or tribunal, a warranty that none is pending, a claim by a third party, interim measures).
 *
 * <p>Of the structured terms only the chosen forum is printed; a court left in the field of an arbitration (or a
 * commission in that of a lawsuit) is advice to remove it, not a void agreement. The chosen forum's own field
 * naming the other one ("某法院或某仲裁委员会") is printed as written and is 或裁或诉.
 */
final class V007ArbitrationOrLitigation implements Rule {
    @Override
    public String id() {
        return "QY-V007";
    }

    private static final Pattern COURT = Pattern.compile("法院|法庭");
    private static final Pattern ARBITRATION = Pattern.compile("仲裁");

    private final int[] patterns;
    private final Pattern disputeContext;
    private final Pattern notAChoice;

    V007ArbitrationOrLitigation(RuleConfig config, TextScanner scanner) {
        this.patterns = Texts.register(scanner, config.strings("patterns"), config.optionalString("requiredWord"));
        this.disputeContext = Pattern.compile(config.parameter("disputeContext").asString());
        this.notAChoice = Pattern.compile(config.parameter("notAChoice").asString());
    }

    @Override
    public void check(ReviewSubject s, Findings f) {
        var d = s.terms().dispute();
        if (d != null && d.method() != null) {
            boolean arbitration = V006ArbitrationCommission.arbitration(d);
            String chosen = arbitration ? d.arbitrationCommission() : d.court();
            if (!Texts.blank(chosen) && (arbitration ? COURT : ARBITRATION).matcher(chosen).find()) {
                // printed as the one forum: "向某法院或某仲裁委员会提起诉讼" chooses both
                f.report(Severity.BLOCKER, "/terms/dispute/" + (arbitration ? "arbitrationCommission" : "court"),
                        "bothInField", chosen);
            }
            // the other forum's field is not printed (the document names only the chosen one): no 或裁或诉 in the
            // contract, but a value the user may think is agreed
            String unused = arbitration ? d.court() : d.arbitrationCommission();
            if (!Texts.blank(unused)) {
                f.report(Severity.INFO, "/terms/dispute/" + (arbitration ? "court" : "arbitrationCommission"),
                        arbitration ? "courtNotPrinted" : "commissionNotPrinted", unused);
            }
        }
        var clauses = s.clauses();
        for (int ci = 0; ci < clauses.size(); ci++) {
            Clause clause = clauses.get(ci);
            for (int[] m : f.scan().merged(ci, patterns)) {
                // "诉讼或仲裁方式实现债权所支出的费用" names both without choosing how a dispute is decided
                if (!disputeContext.matcher(Texts.sentence(clause.text(), m[0], m[1])).find()
                        || notAChoice.matcher(Texts.clausePart(clause.text(), m[0], m[1])).find()) {
                    continue;
                }
                f.reportSpan(Severity.BLOCKER, clause.id(), m[0], m[1], "bothText", clause.text().substring(m[0], m[1]));
            }
        }
    }
}
