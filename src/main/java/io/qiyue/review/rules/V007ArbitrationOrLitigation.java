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
 * naming the other one ("某法院或某仲裁委员会") is printed as written and is 或裁或诉, and so is a clause that chooses the
 * forum the dispute article does not (诉讼 in the article, "也可向某仲裁委员会申请仲裁" in the provider's duties): the
 * two halves are in different articles, the contract still chooses both. A choice ruled out in its own part of the
 * sentence ({@code negated}: 双方不得再向人民法院起诉) is none.
 */
final class V007ArbitrationOrLitigation implements Rule {
    @Override
    public String id() {
        return "QY-V007";
    }

    private static final Pattern COURT = Pattern.compile("法院|法庭");
    private static final Pattern ARBITRATION = Pattern.compile("仲裁");

    private final int[] patterns;
    private final int[] arbitrationChosen;
    private final int[] litigationChosen;
    private final Pattern disputeContext;
    private final Pattern notAChoice;
    private final Pattern negated;

    V007ArbitrationOrLitigation(RuleConfig config, TextScanner scanner) {
        this.patterns = Texts.register(scanner, config.strings("patterns"), config.optionalString("requiredWord"));
        this.arbitrationChosen = Texts.register(scanner, config.strings("arbitrationChosen"), "仲裁");
        this.litigationChosen = Texts.register(scanner, config.strings("litigationChosen"), "诉|法院");
        this.disputeContext = Pattern.compile(config.parameter("disputeContext").asString());
        this.notAChoice = Pattern.compile(config.parameter("notAChoice").asString());
        this.negated = Pattern.compile(config.parameter("negated").asString());
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
        // the dispute article prints the chosen forum: a clause choosing the other one makes the contract choose both
        Boolean arbitrationArticle = d == null || d.method() == null ? null : V006ArbitrationCommission.arbitration(d);
        if (s.readsPaper()) {
            checkPaper(s, f, arbitrationArticle);
            return;
        }
        var clauses = s.clauses();
        for (int ci = 0; ci < clauses.size(); ci++) {
            Clause clause = clauses.get(ci);
            var both = new java.util.ArrayList<int[]>();
            for (int[] m : f.scan().merged(ci, patterns)) {
                // "诉讼或仲裁方式实现债权所支出的费用" names both without choosing how a dispute is decided
                if (!choice(clause.text(), m)) {
                    continue;
                }
                both.add(m);
                f.reportSpan(Severity.BLOCKER, clause.id(), m[0], m[1], "bothText", clause.text().substring(m[0], m[1]));
            }
            if (arbitrationArticle == null) {
                continue;
            }
            for (int[] m : f.scan().merged(ci, arbitrationArticle ? litigationChosen : arbitrationChosen)) {
                if (both.stream().anyMatch(b -> b[0] < m[1] && m[0] < b[1]) || !choice(clause.text(), m)
                        || negated.matcher(clause.text().substring(Texts.partStart(clause.text(), m[0]), m[0])).find()) {
                    continue;
                }
                f.reportSpan(Severity.BLOCKER, clause.id(), m[0], m[1],
                        arbitrationArticle ? "litigationTextBesideArbitration" : "arbitrationTextBesideLitigation",
                        Texts.clausePart(clause.text(), m[0], m[1]));
                break;
            }
        }
    }

    /**
     * An uploaded paper prints its own dispute article, not the record's: it chooses both only when its own words
     * do (a paragraph choosing both, or one choosing arbitration and another a lawsuit). A paper choosing only the
     * forum the record does not is no void agreement but a record and a text that disagree (an outside tester saw
     * 或裁或诉 reported of a paper that never mentions arbitration).
     */
    private void checkPaper(ReviewSubject s, Findings f, Boolean arbitrationRecorded) {
        var clauses = s.clauses();
        int[] arbitration = null;
        int[] litigation = null;
        int arbitrationClause = -1;
        int litigationClause = -1;
        for (int ci = 0; ci < clauses.size(); ci++) {
            Clause clause = clauses.get(ci);
            String text = clause.text();
            var both = new java.util.ArrayList<int[]>();
            for (int[] m : f.scan().merged(ci, patterns)) {
                if (choice(text, m)) {
                    both.add(m);
                    f.reportSpan(Severity.BLOCKER, clause.id(), m[0], m[1], "bothText", text.substring(m[0], m[1]));
                }
            }
            if (arbitration == null) {
                arbitration = firstChoice(f.scan().merged(ci, arbitrationChosen), text, both);
                arbitrationClause = arbitration == null ? -1 : ci;
            }
            if (litigation == null) {
                litigation = firstChoice(f.scan().merged(ci, litigationChosen), text, both);
                litigationClause = litigation == null ? -1 : ci;
            }
        }
        if (arbitration != null && litigation != null) {
            // reported where the second of the two choices is made
            boolean litigationLater = litigationClause > arbitrationClause
                    || (litigationClause == arbitrationClause && litigation[0] > arbitration[0]);
            int ci = litigationLater ? litigationClause : arbitrationClause;
            int[] m = litigationLater ? litigation : arbitration;
            String text = clauses.get(ci).text();
            f.reportSpan(Severity.BLOCKER, clauses.get(ci).id(), m[0], m[1],
                    litigationLater ? "litigationTextBesideArbitration" : "arbitrationTextBesideLitigation",
                    Texts.clausePart(text, m[0], m[1]));
        } else if (arbitrationRecorded != null && (arbitrationRecorded ? litigation : arbitration) != null) {
            int ci = arbitrationRecorded ? litigationClause : arbitrationClause;
            int[] m = arbitrationRecorded ? litigation : arbitration;
            String text = clauses.get(ci).text();
            f.reportSpan(Severity.WARNING, clauses.get(ci).id(), m[0], m[1],
                    arbitrationRecorded ? "paperLitigationRecordArbitration" : "paperArbitrationRecordLitigation",
                    Texts.clausePart(text, m[0], m[1]));
        }
    }

    /** The first match that chooses a forum, outside the passages already reported as choosing both. */
    private int[] firstChoice(java.util.List<int[]> matches, String text, java.util.List<int[]> both) {
        for (int[] m : matches) {
            if (both.stream().noneMatch(b -> b[0] < m[1] && m[0] < b[1]) && choice(text, m)
                    && !negated.matcher(text.substring(Texts.partStart(text, m[0]), m[0])).find()) {
                return m;
            }
        }
        return null;
    }

    /** Whether the words matched choose how a dispute is decided, rather than name a forum for something else. */
    private boolean choice(String text, int[] m) {
        return disputeContext.matcher(Texts.sentence(text, m[0], m[1])).find()
                && !notAChoice.matcher(Texts.clausePart(text, m[0], m[1])).find();
    }
}
