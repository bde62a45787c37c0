package io.qiyue.template;

import io.qiyue.contract.Contract;
import io.qiyue.contract.ContractTerms;
import io.qiyue.contract.ContractType;
import io.qiyue.contract.Terms;
import io.qiyue.customer.Customer;
import io.qiyue.customer.CustomerKind;
import io.qiyue.customer.OurEntity;
import io.qiyue.shared.Money;
import io.qiyue.shared.Text;
import io.qiyue.template.DocumentModel.Amount;
import io.qiyue.template.DocumentModel.Line;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** Builds the {@link DocumentModel} of a contract and its two parties. */
final class DocumentModels {
    private DocumentModels() {
    }

    /**
     * @param customer the customer as the reader may see it, or null when it is not visible (then
     *                 only the name the contract carries is printed)
     * @param ourEntity our signing entity, or null if unknown
     */
    static DocumentModel of(Contract c, Customer customer, OurEntity ourEntity) {
        ContractTerms t = c.terms() == null ? ContractTerms.EMPTY : c.terms();
        boolean agreement = agreement(c.type());
        String self = c.type().selfReference();
        return new DocumentModel(c.number(), c.title(), c.type().nameZh(), c.type().code(), agreement,
                partyA(c, customer), partyB(ourEntity),
                new DocumentModel.Period(date(c.startDate()), date(c.endDate()), c.autoRenew(), c.renewalNoticeDays()),
                fees(c.amount(), t.payment(), self), rights(t.rightsAndObligations()),
                breach(t.breach(), c.amount(), nothingPaid(c.amount(), t.payment()), self),
                dispute(t.dispute(), self), termination(t.termination()), ip(t.intellectualProperty()),
                lines(t.confidentialityObligations()), service(t.service()),
                confidentiality(t.confidentialInformation(), t.confidentialityPeriod()), maintenance(t.maintenance()),
                consulting(t.consulting()),
                sharing(t.sharedInformation(), t.sharingMethods(), t.sharingPeriod(), t.personalInformation()),
                signing(t.signing()), notices(t.notices()), List.of());
    }

    /**
     * The types whose documents are agreements (协议) about information rather than a service: they call
     * themselves 本协议 throughout, in the shared sections too (see {@link DefaultTemplates}).
     */
    static boolean agreement(ContractType type) {
        return type == ContractType.CONFIDENTIALITY || type == ContractType.INFO_SHARING;
    }

    /**
     * The parties chose a contract without consideration (无偿). A total of zero alone is not that choice: the document
     * then states the total it was given, ¥0.00, rather than assert 无偿 for the parties, and QY-C004 blocks it.
     */
    static boolean free(Terms.Payment p) {
        return p != null && p.withoutConsideration();
    }

    /** Nothing is to be paid: free, or a total of zero, so a share of the price or of a late payment is nothing. */
    static boolean nothingPaid(Money total, Terms.Payment p) {
        return free(p) || total != null && total.value() != null && total.value().signum() == 0;
    }

    static DocumentModel withClauses(DocumentModel m, List<DocumentModel.ClauseText> clauses) {
        return new DocumentModel(m.number(), m.title(), m.typeName(), m.typeCode(), m.agreement(), m.partyA(),
                m.partyB(), m.period(), m.fees(), m.rights(), m.breach(), m.dispute(), m.termination(),
                m.intellectualProperty(), m.confidentialityObligations(), m.service(), m.confidentiality(),
                m.maintenance(), m.consulting(), m.sharing(), m.signing(), m.notices(), List.copyOf(clauses));
    }

    /**
     * The model with the library's clauses as this contract prints them, their {{variables}} filled in and numbered
     * in order. A clause written for some contracts only (all of its text inside {@code {{#maintenance.remote}}} or
     * {@code {{^partyA.person}}}) fills in to nothing in the others: it is left out, not printed as a bare heading.
     */
    static DocumentModel withLibrary(DocumentModel m, List<Clause> clauses) {
        var texts = new ArrayList<DocumentModel.ClauseText>();
        for (Clause c : clauses) {
            String text = TemplateEngine.renderText(c.text(), m);
            if (!Text.isBlank(text)) {
                texts.add(new DocumentModel.ClauseText(texts.size() + 1, c.title(), text, c.conspicuous()));
            }
        }
        return withClauses(m, texts);
    }

    static DocumentModel.Party partyA(Contract c, Customer customer) {
        if (customer == null) {
            return new DocumentModel.Party("甲方", c.customerName(), false, null, null, null, null, null, null, null,
                    null, null);
        }
        boolean person = customer.kind() == CustomerKind.PERSON;
        var contact = customer.primaryContact();
        return new DocumentModel.Party("甲方", customer.name(), person, person ? "身份证号码" : "统一社会信用代码",
                person ? customer.idNumber() : customer.creditCode(), customer.address(),
                person ? null : "法定代表人", person ? null : customer.legalRepresentative(),
                contact == null ? null : contact.name(), contact == null ? null : contact.email(), null, null);
    }

    static DocumentModel.Party partyB(OurEntity e) {
        if (e == null) {
            return new DocumentModel.Party("乙方", null, false, null, null, null, null, null, null, null, null, null);
        }
        return new DocumentModel.Party("乙方", e.name(), false, "统一社会信用代码", e.creditCode(), e.address(),
                "法定代表人", e.legalRepresentative(), null, null, e.bankName(), e.bankAccount());
    }

    static Amount amount(Money money) {
        return money == null ? null : amount(money.value());
    }

    /**
     * An amount as the document writes it, in figures and in 大写, to the fen: computed amounts (a percentage of
     * the price) and a fixed sum typed with more decimals are rounded half up, as money is paid.
     */
    static Amount amount(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal fen = value.setScale(2, java.math.RoundingMode.HALF_UP);
        var format = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
        return new Amount("¥" + format.format(fen), ChineseAmounts.format(fen));
    }

    static String date(LocalDate d) {
        return d == null ? null : d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
    }

    private static DocumentModel.Fees fees(Money total, Terms.Payment p, String self) {
        boolean free = free(p);
        if (total == null && p == null) {
            return null;
        }
        boolean positive = total != null && total.value() != null && total.value().signum() > 0;
        var instalments = new ArrayList<DocumentModel.Instalment>();
        if (!free && p != null && p.schedule() != null) {
            int i = 1;
            for (var s : p.schedule()) {
                instalments.add(new DocumentModel.Instalment(i++, due(s), amount(s.amount()), s.description()));
            }
        }
        Terms.Tax tax = p == null ? null : p.tax();
        // paid by WeChat Pay, Alipay, cash or cheque: 乙方's bank account has no place in the contract
        boolean toAccount = p == null || p.method() == null || p.method() == Terms.PaymentMethod.BANK_TRANSFER
                || p.method() == Terms.PaymentMethod.OTHER;
        return new DocumentModel.Fees(free ? null : amount(total), free || p == null ? null : Labels.of(p.method()),
                instalments.isEmpty() ? null : instalments, free || p == null ? null : deposit(p, self), free,
                !free, !free && positive, free ? null : tax(tax), free ? null : invoice(tax, !instalments.isEmpty()),
                !free && toAccount);
    }

    /** When an instalment is due: its trigger and time limit, then the date (the latest day when both are set). */
    static String due(Terms.Instalment s) {
        var out = new StringBuilder();
        if (s.trigger() != null) {
            out.append(Labels.of(s.trigger()));
        } else if (!Text.isBlank(s.milestone())) {
            out.append(s.milestone().strip());
        }
        if (!out.isEmpty() && s.workingDays() != null) {
            out.append(s.workingDays()).append("个工作日内");
        }
        if (s.trigger() != null && !Text.isBlank(s.milestone())) {
            out.append("（").append(s.milestone().strip()).append("）");
        }
        if (s.dueDate() != null) {
            out.append(out.isEmpty() ? date(s.dueDate()) + "前" : "，且不晚于" + date(s.dueDate()));
        }
        return out.toString();
    }

    private static String deposit(Terms.Payment p, String self) {
        Amount a = amount(p.deposit());
        if (a == null) {
            return null;
        }
        String paid = "甲方应于" + self + "签订之日起五个工作日内向乙方支付定金" + a.figures() + "（大写：人民币" + a.words() + "）";
        if (Boolean.TRUE.equals(p.depositOffsetsInstalment())) {
            return paid + "，该定金抵作第1期款项的一部分，甲方支付第1期款项时相应扣减。";
        }
        if (Boolean.FALSE.equals(p.depositOffsetsInstalment())) {
            return paid + "，该定金不抵作价款；" + self + "履行完毕后十个工作日内，乙方应将定金全额退还甲方。";
        }
        return paid + "，合同履行后定金抵作价款。";
    }

    /**
     * Whether the price includes VAT. Exclusive of VAT, the sentence says that 甲方 pays the VAT on top, at the
     * agreed rate or, with none agreed, at the rate of the invoice issued.
     */
    private static String tax(Terms.Tax t) {
        if (t == null || t.included() == null) {
            return null;
        }
        String rate = t.ratePercent() == null ? null : t.ratePercent().stripTrailingZeros().toPlainString() + "%";
        if (t.included()) {
            return "上述金额为含税金额" + (rate == null ? "，已包含乙方依法应缴纳的增值税" : "，增值税税率为" + rate) + "。";
        }
        return "上述金额为不含税金额，增值税由甲方另行承担：甲方支付每期款项时，应按"
                + (rate == null ? "乙方开具发票时依法适用的增值税税率" : rate + "的增值税税率")
                + "另行向乙方支付该期款项对应的增值税税额。";
    }

    /** The invoice sentence: of each instalment when there is a plan, of the payment when there is none. */
    private static String invoice(Terms.Tax t, boolean instalments) {
        String kind = t == null || t.invoiceType() == null ? "合法有效的发票" : Labels.of(t.invoiceType());
        boolean exclusive = t != null && Boolean.FALSE.equals(t.included());
        return "乙方收到" + (instalments ? "每期" : "") + "款项前应向甲方开具"
                + (exclusive ? "与" + (instalments ? "该期" : "该笔") + "款项及增值税税额合计金额相等的" : "等额") + kind + "。";
    }

    private static DocumentModel.Signing signing(Terms.Signing s) {
        return s == null ? null : new DocumentModel.Signing(date(s.date()), s.place());
    }

    private static DocumentModel.Notices notices(Terms.Notices n) {
        return n == null ? null : new DocumentModel.Notices(n.partyAAddress(), n.partyAEmail(), n.partyBAddress(),
                n.partyBEmail(), Boolean.TRUE.equals(n.emailServiceAgreed()));
    }

    private static DocumentModel.Rights rights(Terms.RightsAndObligations r) {
        return r == null ? null : new DocumentModel.Rights(lines(r.provider()), lines(r.customer()));
    }

    /**
     * Liquidated damages as a share of the price, or per day of the late part, mean nothing when nothing is paid:
     * a free contract, or one without a total, compensates the actual loss instead.
     */
    private static DocumentModel.Breach breach(Terms.Breach b, Money total, boolean free, String self) {
        if (b == null) {
            return null;
        }
        String damages = null;
        var ld = b.liquidatedDamages();
        if (ld != null) {
            String value = ld.value().stripTrailingZeros().toPlainString();
            boolean positive = total != null && total.value() != null && total.value().signum() > 0;
            String actualLoss = "违约方应赔偿守约方因违约行为所遭受的实际损失";
            damages = switch (ld.basis()) {
                case FIXED -> {
                    var a = amount(ld.value());
                    yield "违约方应向守约方支付违约金" + a.figures() + "（大写：人民币" + a.words() + "）";
                }
                case PERCENT_OF_AMOUNT -> free || !positive ? actualLoss
                        : "违约方应向守约方支付相当于" + self + "总金额" + value + "%的违约金"
                        + computedDamages(total.value().multiply(ld.value()).movePointLeft(2), self);
                // per day of the late part: an agreement without a price (an NDA) has no sum to be late with
                case DAILY_RATE -> free || !positive ? actualLoss
                        : "每逾期一日，违约方应按逾期履行部分金额的" + value + "%向守约方支付违约金";
            };
        }
        return new DocumentModel.Breach(damages, b.description());
    }

    /**
     * The sum a percentage comes to, in figures and in 大写 as a fixed sum is written; nothing when it is less than a
     * fen (an outside tester read "20%的违约金（按协议总金额计算为¥0.00）" of a total of ¥0.01).
     */
    private static String computedDamages(BigDecimal computed, String self) {
        var a = amount(computed);
        return computed.setScale(2, java.math.RoundingMode.HALF_UP).signum() == 0 ? ""
                : "（按" + self + "总金额计算为" + a.figures() + "，大写：人民币" + a.words() + "）";
    }

    /** Chinese characters naming no institution (仲裁, 委员会, 中心, 院 …): a place. */
    private static final java.util.regex.Pattern PLACE_ONLY =
            java.util.regex.Pattern.compile("(?!.*(仲|会|中心|院|所|庭))\\p{IsHan}{2,12}");

    private static DocumentModel.Dispute dispute(Terms.Dispute d, String self) {
        if (d == null) {
            return null;
        }
        String commission = Text.isBlank(d.arbitrationCommission()) ? "双方协商确定的仲裁委员会"
                : PLACE_ONLY.matcher(d.arbitrationCommission().strip()).matches()
                // a place alone (杭州): the commission of that place, as 仲裁法解释第6条 reads it, not "提交杭州…该会"
                ? d.arbitrationCommission().strip() + "的仲裁委员会" : d.arbitrationCommission();
        String court = Text.isBlank(d.court()) ? "有管辖权的人民法院" : d.court();
        String arbitration = "提交" + commission + "，按照申请仲裁时该仲裁机构现行有效的仲裁规则进行仲裁。仲裁裁决是终局的，对双方均有约束力";
        String litigation = "任何一方均可向" + court + "提起诉讼";
        String any = "因" + self + "引起的或与" + self + "有关的任何争议，";
        String text = switch (d.method()) {
            case ARBITRATION -> any + "均" + arbitration + "。";
            case LITIGATION -> any + litigation + "。";
            case NEGOTIATION_THEN_ARBITRATION -> any + "双方应首先友好协商解决；协商不成的，" + arbitration + "。";
            case NEGOTIATION_THEN_LITIGATION -> any + "双方应首先友好协商解决；协商不成的，" + litigation + "。";
        };
        return new DocumentModel.Dispute(text);
    }

    private static DocumentModel.Termination termination(Terms.Termination t) {
        // no days of notice (0): the termination takes effect when the notice arrives, not "提前0日"
        Integer noticeDays = t == null || t.noticeDays() == null || t.noticeDays() == 0 ? null : t.noticeDays();
        return t == null ? null : new DocumentModel.Termination(lines(t.conditions()), noticeDays);
    }

    private static DocumentModel.IntellectualProperty ip(Terms.IntellectualProperty ip) {
        return ip == null ? null : new DocumentModel.IntellectualProperty(Labels.of(ip.ownership()), ip.description(),
                ip.ownership() == Terms.IpOwnership.CUSTOMER);
    }

    private static DocumentModel.Service service(Terms.Service s) {
        if (s == null) {
            return null;
        }
        boolean standards = !Text.isBlank(s.qualityRequirements()) || s.items() != null && s.items().stream()
                .anyMatch(item -> item != null && !Text.isBlank(item.standard()));
        return new DocumentModel.Service(items(s.items()), s.scope(), s.qualityRequirements(), standards);
    }

    private static DocumentModel.Confidentiality confidentiality(Terms.ConfidentialInformation i,
                                                                 Terms.PeriodAfterTermination p) {
        if (i == null && p == null) {
            return null;
        }
        return new DocumentModel.Confidentiality(i == null ? null : Labels.joined(i.categories()),
                i == null ? null : i.description(), i == null ? null : lines(i.exclusions()),
                p == null ? null : p.yearsAfterTermination(), until(p),
                i != null && i.direction() == Terms.NdaDirection.ONE_WAY,
                i != null && i.direction() == Terms.NdaDirection.PARTY_B_DISCLOSES);
    }

    /** The end of a duty that outlasts the agreement: 本协议终止后3年, or 本协议终止时 for none after it. */
    private static String until(Terms.PeriodAfterTermination p) {
        if (p == null || p.yearsAfterTermination() == null) {
            return null;
        }
        int years = p.yearsAfterTermination();
        return years == 0 ? "本协议终止时" : "本协议终止后" + years + "年";
    }

    private static DocumentModel.Maintenance maintenance(Terms.Maintenance m) {
        boolean remote = m != null && m.methods() != null
                && m.methods().stream().anyMatch(method -> method != null && method != Terms.MaintenanceMethod.ONSITE);
        return m == null ? null : new DocumentModel.Maintenance(items(m.items()), Labels.joined(m.methods()),
                m.visitIntervalDays(), m.responseHours(), remote);
    }

    private static DocumentModel.Consulting consulting(Terms.Consulting c) {
        return c == null ? null : new DocumentModel.Consulting(c.scope(), c.qualityRequirements(),
                Labels.joined(c.methods()), lines(c.deliverables()));
    }

    private static DocumentModel.Sharing sharing(Terms.SharedInformation s, List<Terms.SharingMethod> methods,
                                                 Terms.PeriodAfterTermination period, Terms.PersonalInformation pi) {
        boolean abroad = s != null && Boolean.TRUE.equals(s.crossBorder());
        // nothing leaves the country: the mechanism row says so rather than stay blank
        String mechanism = !abroad ? "不适用（不向境外提供）"
                : pi == null || pi.crossBorderMechanism() == null ? "由双方另行书面确认"
                : Labels.of(pi.crossBorderMechanism());
        DocumentModel.PersonalInformation personal = pi == null ? null : new DocumentModel.PersonalInformation(
                Labels.of(pi.processingRole()), Labels.of(pi.legalBasis()),
                pi.recipient() == null ? null : pi.recipient().name(),
                pi.recipient() == null ? null : pi.recipient().contact(), pi.processingMethod(),
                lines(pi.securityMeasures()), pi.pipiaReference(), mechanism, pi.returnOrDeletion());
        // processing on behalf of the provider (委托处理) makes the parties 委托方 and 受托方, not 提供方 and 接收方
        boolean entrusted = pi != null && pi.processingRole() == Terms.ProcessingRole.ENTRUSTED;
        String providerRole = entrusted ? "委托方" : "提供方";
        String receiverRole = entrusted ? "受托方" : "接收方";
        // an unticked box in the form is stored as absent: the agreement must still say 否, not leave a blank
        Function<Boolean, String> yesNo = b -> Boolean.TRUE.equals(b) ? "是" : "否";
        var direction = s == null || s.direction() == null ? Terms.SharingDirection.PARTY_A_PROVIDES : s.direction();
        String provider = switch (direction) {
            case PARTY_A_PROVIDES -> "甲方";
            case PARTY_B_PROVIDES -> "乙方";
            case MUTUAL -> "甲乙双方";
        };
        String receiver = switch (direction) {
            case PARTY_A_PROVIDES -> "乙方";
            case PARTY_B_PROVIDES -> "甲方";
            case MUTUAL -> "甲乙双方";
        };
        String roles;
        if (entrusted) {
            roles = direction == Terms.SharingDirection.MUTUAL
                    ? "甲乙双方互为委托方和受托方：一方委托另一方处理共享信息时，委托的一方为委托方（“委托方”），受托处理的一方为受托方（“受托方”）。"
                    : "本协议项下，" + provider + "委托" + receiver + "处理共享信息，" + provider + "为委托方（“委托方”），"
                    + receiver + "为受托方（“受托方”）。";
        } else {
            roles = direction == Terms.SharingDirection.MUTUAL
                    ? "甲乙双方互为提供方和接收方：一方向另一方提供共享信息时，提供信息的一方为提供方（“提供方”），接收信息的一方为接收方（“接收方”）。"
                    : "本协议项下，" + provider + "为共享信息的提供方（“提供方”），" + receiver + "为共享信息的接收方（“接收方”）。";
        }
        Integer years = period == null ? null : period.yearsAfterTermination();
        String term = years == null ? "本协议有效期内"
                : years == 0 ? "本协议有效期内，至本协议终止时止" : "本协议有效期内及本协议终止后" + years + "年";
        return new DocumentModel.Sharing(provider, receiver, providerRole, receiverRole, roles,
                s == null ? null : Labels.joined(s.categories()),
                yesNo.apply(s == null ? null : s.containsPersonalInformation()),
                yesNo.apply(s == null ? null : s.containsSensitivePersonalInformation()),
                s == null ? null : withoutFinalStop(s.purpose()), yesNo.apply(s == null ? null : s.crossBorder()),
                // no personal information shared (the document says 否 to both questions, an unticked box included):
                // nobody's consent is asked, so neither 是 nor 否 (outside tester)
                !sharesPersonalInformation(s) ? "不适用" : yesNo.apply(s.separateConsentObtained()),
                Labels.joined(methods),
                years, term, personal);
    }

    /**
     * The agreement says that personal information is shared: 是 to 是否包含个人信息 or to 是否包含敏感个人信息. Unset is
     * 否 there (an unticked box), and so it is here.
     */
    static boolean sharesPersonalInformation(Terms.SharedInformation s) {
        return s != null && (Boolean.TRUE.equals(s.containsPersonalInformation())
                || Boolean.TRUE.equals(s.containsSensitivePersonalInformation()));
    }

    /** A sentence the template ends itself ("共享目的：{purpose}。"), without the full stop it was typed with. */
    static String withoutFinalStop(String text) {
        if (text == null) {
            return null;
        }
        String stripped = text.strip();
        int end = stripped.length();
        while (end > 0 && "。．.；;，,".indexOf(stripped.charAt(end - 1)) >= 0) {
            end--;
        }
        return stripped.substring(0, end);
    }

    private static List<DocumentModel.Item> items(List<Terms.Item> items) {
        if (items == null || items.isEmpty()) {
            return null;
        }
        var out = new ArrayList<DocumentModel.Item>();
        for (int i = 0; i < items.size(); i++) {
            out.add(new DocumentModel.Item(i + 1, items.get(i).name(), items.get(i).standard()));
        }
        return out;
    }

    static List<Line> lines(List<String> texts) {
        if (texts == null || texts.isEmpty()) {
            return null;
        }
        var out = new ArrayList<Line>();
        for (int i = 0; i < texts.size(); i++) {
            out.add(new Line(i + 1, texts.get(i)));
        }
        return out;
    }
}
