package io.qiyue.review.rules;

import io.qiyue.review.ReviewSubject;
import io.qiyue.review.Severity;

/**
 * QY-P002: the recipient's name and contact and the processing method are stated (PIPL 第23条; purpose: QY-C014,
 * categories: QY-C002); in a confidentiality agreement over personal information, the purpose and method it allows the
 * receiver (warnings read from its words).
 */
final class P002Recipient implements Rule {
    private final java.util.regex.Pattern department;
    private final java.util.regex.Pattern confidentialityPurpose;
    private final java.util.regex.Pattern confidentialityMethod;

    P002Recipient(RuleConfig config) {
        this.confidentialityPurpose = java.util.regex.Pattern.compile(
                config.parameter("confidentialityPurpose").asString());
        this.confidentialityMethod = java.util.regex.Pattern.compile(
                config.parameter("confidentialityMethod").asString());
        // one unit or a unit within another (法务部 数据合规组), none of them naming whose
        this.department = java.util.regex.Pattern.compile("(?:(?:" + config.wordPattern("departmentWords").pattern()
                + ")+(?:" + config.wordPattern("departmentSuffixes").pattern() + "))+");
    }

    @Override
    public String id() {
        return "QY-P002";
    }

    @Override
    public java.util.Set<io.qiyue.contract.ContractType> types() {
        return java.util.Set.of(io.qiyue.contract.ContractType.INFO_SHARING,
                io.qiyue.contract.ContractType.CONFIDENTIALITY);
    }

    @Override
    public boolean appliesTo(ReviewSubject s) {
        return s.contract().type() == io.qiyue.contract.ContractType.INFO_SHARING
                ? Texts.sharesPersonalInformation(s.terms()) : Texts.confidentialPersonalInformation(s);
    }

    @Override
    public void check(ReviewSubject s, Findings f) {
        if (s.contract().type() == io.qiyue.contract.ContractType.CONFIDENTIALITY) {
            // the recipient is the receiving party, named and reachable as a party (QY-C001); what the receiver may
            // do with the personal information is for the agreement's words to limit
            String path = "/terms/confidentialityObligations";
            if (!Texts.stated(s, confidentialityPurpose)) {
                f.report(Severity.WARNING, path, "confidentialityPurpose");
            }
            if (!Texts.stated(s, confidentialityMethod)) {
                f.report(Severity.WARNING, path, "confidentialityMethod");
            }
            return;
        }
        var pi = s.terms().personalInformation();
        var recipient = pi == null ? null : pi.recipient();
        if (recipient == null || Texts.blank(recipient.name())) {
            f.report(Severity.BLOCKER, "/terms/personalInformation/recipient/name", "name");
        }
        boolean departmentOnly = recipient != null && !Texts.blank(recipient.name())
                && department.matcher(normalise(recipient.name())).matches();
        if (departmentOnly) {
            // 数据合规部 of which company? The individual is to be told who receives (名称或者姓名), and a unit's name
            // alone tells no one; a registered name has a place or trade name besides the generic words
            f.report(Severity.BLOCKER, "/terms/personalInformation/recipient/name", "departmentOnly",
                    recipient.name().strip());
        }
        if (recipient == null || Texts.blank(recipient.contact())) {
            f.report(Severity.BLOCKER, "/terms/personalInformation/recipient/contact", "contact");
        }
        // the agreement makes one party the receiver: a recipient named apart from it (a third company) contradicts
        // the document, which says 乙方 receives, and is a provision to a third party this agreement does not cover
        var shared = s.terms().sharedInformation();
        var direction = shared == null || shared.direction() == null
                ? io.qiyue.contract.Terms.SharingDirection.PARTY_A_PROVIDES : shared.direction();
        if (recipient != null && !Texts.blank(recipient.name()) && !departmentOnly
                && direction != io.qiyue.contract.Terms.SharingDirection.MUTUAL) {
            boolean customerReceives = direction == io.qiyue.contract.Terms.SharingDirection.PARTY_B_PROVIDES;
            var receiving = customerReceives ? s.customer() : s.ourEntity();
            if (receiving != null && !Texts.blank(receiving.name()) && ENTITY.matcher(recipient.name()).find()
                    && !names(recipient.name(), receiving.name())) {
                f.report(Severity.BLOCKER, "/terms/personalInformation/recipient/name", "notTheReceiver",
                        recipient.name().strip(), customerReceives ? "甲方" : "乙方", receiving.name());
            }
        }
        if (pi == null || Texts.blank(pi.processingMethod())) {
            f.report(Severity.BLOCKER, "/terms/personalInformation/processingMethod", "method");
        }
    }

    /** A name of a company or another body of its own (a person's name is not judged). */
    private static final java.util.regex.Pattern ENTITY = java.util.regex.Pattern.compile(
            "公司|集团|有限|企业|事务所|研究院|中心$|(?i)\\b(ltd|limited|inc|llc|gmbh|corp|corporation|co\\.|pte|plc|s\\.a\\.)");

    /** Whether the recipient as written names the party (or a part of it: 某某公司数据保护办公室). */
    private static boolean names(String recipient, String party) {
        String r = normalise(recipient);
        String p = normalise(party);
        return r.contains(p) || p.contains(r);
    }

    private static String normalise(String name) {
        return io.qiyue.shared.Text.halfWidthBrackets(name.replaceAll("\\s+", ""));
    }
}
