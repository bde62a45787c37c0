package io.qiyue.template;

import java.util.List;

/**
 * What a template sees: every structured value of a contract and its parties, already worded in
 * Chinese (labels, dates, 大写 amounts), so that templates stay logic-less. Absent parts are null
 * (a section {@code {{#service}}} then renders nothing and {@code {{^service}}} its fallback).
 * Strings are plain text: the template engine escapes them. {@code agreement}: the document calls itself 本协议
 * (an NDA, an information-sharing agreement), not 本合同, and has no service to perform.
 */
public record DocumentModel(String number, String title, String typeName, String typeCode, boolean agreement,
                            Party partyA,
                            Party partyB, Period period, Fees fees, Rights rights, Breach breach, Dispute dispute,
                            Termination termination, IntellectualProperty intellectualProperty,
                            List<Line> confidentialityObligations, Service service, Confidentiality confidentiality,
                            Maintenance maintenance, Consulting consulting, Sharing sharing, Signing signing,
                            Notices notices, List<ClauseText> clauses) {

    /**
     * 甲方 (the customer) or 乙方 (our entity). {@code person}: a natural person, who signs alone, has no legal
     * representative and no seal.
     */
    public record Party(String role, String name, boolean person, String identifierLabel, String identifier,
                        String address, String representativeLabel, String representative, String contact,
                        String email, String bankName, String bankAccount) {
    }

    public record Period(String start, String end, boolean autoRenew, Integer renewalNoticeDays) {
    }

    /** An amount in figures (¥120,000.00) and in capital numerals (壹拾贰万元整). */
    public record Amount(String figures, String words) {
    }

    /**
     * {@code payable}: the customer pays something (not a free contract), so payment, account and invoice clauses
     * are true; {@code capped}: a positive total exists, so a liability cap "以本合同总金额为限" limits rather than
     * removes the remedy. {@code deposit} is the whole deposit sentence, {@code tax} the tax and invoice sentence.
     * A total of zero is not free unless 无偿 was chosen: it is printed as ¥0.00. {@code toAccount}: paid into 乙方's
     * bank account (not by WeChat Pay, Alipay …), so the account is printed.
     */
    public record Fees(Amount total, String method, List<Instalment> instalments, String deposit,
                       boolean noConsideration, boolean payable, boolean capped, String tax, String invoice,
                       boolean toAccount) {
    }

    public record Instalment(int index, String due, Amount amount, String description) {
    }

    /** One numbered line of a list (obligations, conditions, deliverables …). */
    public record Line(int index, String text) {
    }

    public record Item(int index, String name, String standard) {
    }

    public record Rights(List<Line> provider, List<Line> customer) {
    }

    public record Breach(String damages, String description) {
    }

    public record Dispute(String text) {
    }

    public record Termination(List<Line> conditions, Integer noticeDays) {
    }

    /** {@code customerOwns}: the results belong to 甲方, so no clause may restrict 甲方's use of them. */
    public record IntellectualProperty(String ownership, String description, boolean customerOwns) {
    }

    /**
     * {@code standardsStated}: some item has a standard, or quality requirements are given, so that the remedy
     * clause can speak of 上述标准或质量要求 (an outside tester read it under no standards at all).
     */
    public record Service(List<Item> items, String scope, String qualityRequirements, boolean standardsStated) {
    }

    /**
     * {@code oneWay}: only 甲方 discloses and only 乙方 receives (单向); otherwise both do (双向). {@code until}: when
     * the duty ends (本协议终止后3年, 本协议终止时), null when no period is agreed.
     */
    /**
     * {@code oneWay}: 甲方 discloses and 乙方 receives; {@code oneWayFromPartyB}: the other way round. Two flags, not
     * one direction, so that a template written before the second existed never prints 甲方 as the discloser of an
     * agreement where 乙方 discloses: it prints the mutual wording instead.
     */
    public record Confidentiality(String categories, String description, List<Line> exclusions,
                                  Integer yearsAfterTermination, String until, boolean oneWay,
                                  boolean oneWayFromPartyB) {

        /**
         * Confidentiality agreed to end when the agreement does (0 years after it): the closing clause then must not
         * say that the confidentiality clause outlives a termination.
         */
        public boolean endsWithTheContract() {
            return yearsAfterTermination != null && yearsAfterTermination == 0;
        }
    }

    /**
     * {@code remote}: a method other than on site is agreed (phone, e-mail, video), so that a clause about
     * maintaining from afar ({@code {{#maintenance.remote}}}) applies.
     */
    public record Maintenance(List<Item> items, String methods, Integer visitIntervalDays, Integer responseHours,
                              boolean remote) {
    }

    public record Consulting(String scope, String qualityRequirements, String methods, List<Line> deliverables) {
    }

    /**
     * {@code provider}/{@code receiver}: 甲方, 乙方 or 甲乙双方 as 提供方 and 接收方 (委托方 and 受托方 when personal
     * information is processed on behalf of the provider, named in {@code providerRole}/{@code receiverRole});
     * {@code roles}: the sentence that names them; {@code term}: how long the sharing lasts.
     */
    public record Sharing(String provider, String receiver, String providerRole, String receiverRole, String roles,
                          String categories, String containsPersonalInformation,
                          String containsSensitivePersonalInformation, String purpose, String crossBorder,
                          String separateConsentObtained, String methods, Integer yearsAfterTermination, String term,
                          PersonalInformation personalInformation) {
    }

    public record PersonalInformation(String processingRole, String legalBasis, String recipientName,
                                      String recipientContact, String processingMethod, List<Line> securityMeasures,
                                      String pipiaReference, String crossBorderMechanism, String returnOrDeletion) {
    }

    /** 签订日期/签订地点; blank lines to fill in by hand where not yet known. */
    public record Signing(String date, String place) {
    }

    /** The notice addresses of both parties and whether service by e-mail is agreed. */
    public record Notices(String partyAAddress, String partyAEmail, String partyBAddress, String partyBEmail,
                          boolean emailServiceAgreed) {
    }

    /**
     * An approved clause of the library, its {{variables}} filled in; conspicuous ones print bold. A clause whose
     * text fills in to nothing (all of it inside a section the contract does not have) is not printed.
     */
    public record ClauseText(int index, String title, String text, boolean conspicuous) {
    }
}
