package io.qiyue.contract.web;

import io.qiyue.contract.ContractInput;
import io.qiyue.contract.ContractTerms;
import io.qiyue.contract.ContractType;
import io.qiyue.contract.Terms;
import io.qiyue.shared.FieldViolation;
import io.qiyue.shared.Money;
import io.qiyue.shared.Text;
import org.springframework.format.annotation.DateTimeFormat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The contract form. Its field paths equal those of {@link ContractInput} ({@code terms.service.scope},
 * {@code terms.payment.schedule[0].amount}), so violations from validation or the service land beside
 * their fields. Lists of texts are edited as one textarea each, one item per line; items and
 * instalments as repeatable rows. Amounts stay text until conversion, so that "12,000" typed by a
 * user comes back with a message rather than as a binding failure that loses the value.
 */
class ContractForm {
    public ContractType type = ContractType.SERVICE;
    public String title;
    public String customerId;
    public String ourEntityId;
    public String owner;
    public String amount;
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    public LocalDate startDate;
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    public LocalDate endDate;
    public boolean autoRenew;
    public Integer renewalNoticeDays;
    public Integer version;
    public TermsForm terms = new TermsForm();

    static class TermsForm {
        public PaymentForm payment = new PaymentForm();
        public RightsForm rightsAndObligations = new RightsForm();
        public BreachForm breach = new BreachForm();
        public DisputeForm dispute = new DisputeForm();
        public TerminationForm termination = new TerminationForm();
        public IntellectualPropertyForm intellectualProperty = new IntellectualPropertyForm();
        public String confidentialityObligations;
        public ServiceForm service = new ServiceForm();
        public ConfidentialInformationForm confidentialInformation = new ConfidentialInformationForm();
        public PeriodForm confidentialityPeriod = new PeriodForm();
        public MaintenanceForm maintenance = new MaintenanceForm();
        public ConsultingForm consulting = new ConsultingForm();
        public SharedInformationForm sharedInformation = new SharedInformationForm();
        public List<Terms.SharingMethod> sharingMethods = new ArrayList<>();
        public PeriodForm sharingPeriod = new PeriodForm();
        public PersonalInformationForm personalInformation = new PersonalInformationForm();
        public SigningForm signing = new SigningForm();
        public NoticesForm notices = new NoticesForm();
    }

    static class SigningForm {
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
        public LocalDate date;
        public String place;
    }

    static class NoticesForm {
        public String partyAAddress;
        public String partyAEmail;
        public String partyBAddress;
        public String partyBEmail;
        public boolean emailServiceAgreed;
    }

    static class TaxForm {
        public Boolean included;
        public String ratePercent;
        public Terms.InvoiceType invoiceType;
    }

    static class PaymentForm {
        public Terms.PaymentMethod method;
        public List<InstalmentForm> schedule = new ArrayList<>();
        public String deposit;
        public boolean noConsideration;
        public boolean depositOffsetsInstalment;
        public TaxForm tax = new TaxForm();
    }

    static class InstalmentForm {
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
        public LocalDate dueDate;
        public String milestone;
        public String amount;
        public String description;
        public Terms.PaymentTrigger trigger;
        public Integer workingDays;

        boolean isBlank() {
            return dueDate == null && Text.isBlank(milestone) && Text.isBlank(amount) && Text.isBlank(description)
                    && trigger == null && workingDays == null;
        }
    }

    static class RightsForm {
        public String provider;
        public String customer;
    }

    static class BreachForm {
        public LiquidatedDamagesForm liquidatedDamages = new LiquidatedDamagesForm();
        public String description;
    }

    static class LiquidatedDamagesForm {
        public Terms.DamagesBasis basis;
        public String value;
    }

    static class DisputeForm {
        public Terms.DisputeMethod method;
        public String arbitrationCommission;
        public String court;
    }

    static class TerminationForm {
        public String conditions;
        public Integer noticeDays;
    }

    static class IntellectualPropertyForm {
        public Terms.IpOwnership ownership;
        public String description;
    }

    static class ItemForm {
        public String name;
        public String standard;

        boolean isBlank() {
            return Text.isBlank(name) && Text.isBlank(standard);
        }
    }

    static class ServiceForm {
        public List<ItemForm> items = new ArrayList<>();
        public String scope;
        public String qualityRequirements;
    }

    static class ConfidentialInformationForm {
        public List<Terms.InformationCategory> categories = new ArrayList<>();
        public String description;
        public String exclusions;
        public Terms.NdaDirection direction;
    }

    static class PeriodForm {
        public Integer yearsAfterTermination;
    }

    static class MaintenanceForm {
        public List<ItemForm> items = new ArrayList<>();
        public List<Terms.MaintenanceMethod> methods = new ArrayList<>();
        public Integer visitIntervalDays;
        public Integer responseHours;
    }

    static class ConsultingForm {
        public String scope;
        public String qualityRequirements;
        public List<Terms.ConsultingMethod> methods = new ArrayList<>();
        public String deliverables;
    }

    static class SharedInformationForm {
        public List<Terms.SharedCategory> categories = new ArrayList<>();
        public boolean containsPersonalInformation;
        public boolean containsSensitivePersonalInformation;
        public String purpose;
        public boolean crossBorder;
        public boolean separateConsentObtained;
        public Terms.SharingDirection direction;
    }

    static class RecipientForm {
        public String name;
        public String contact;
    }

    static class PersonalInformationForm {
        public Terms.ProcessingRole processingRole;
        public Terms.LegalBasis legalBasis;
        public RecipientForm recipient = new RecipientForm();
        public String processingMethod;
        public String securityMeasures;
        public String pipiaReference;
        public Terms.CrossBorderMechanism crossBorderMechanism;
        public String returnOrDeletion;
    }

    // -- from the contract ------------------------------------------------------------------------

    static ContractForm of(ContractInput in, int version) {
        var f = new ContractForm();
        f.type = in.type();
        f.title = in.title();
        f.customerId = in.customerId();
        f.ourEntityId = in.ourEntityId();
        f.owner = in.owner();
        f.amount = money(in.amount());
        f.startDate = in.startDate();
        f.endDate = in.endDate();
        f.autoRenew = Boolean.TRUE.equals(in.autoRenew());
        f.renewalNoticeDays = in.renewalNoticeDays();
        f.version = version;
        var t = in.terms();
        var ft = f.terms;
        if (t.payment() != null) {
            ft.payment.method = t.payment().method();
            ft.payment.deposit = money(t.payment().deposit());
            ft.payment.noConsideration = Boolean.TRUE.equals(t.payment().noConsideration());
            ft.payment.depositOffsetsInstalment = Boolean.TRUE.equals(t.payment().depositOffsetsInstalment());
            if (t.payment().tax() != null) {
                ft.payment.tax.included = t.payment().tax().included();
                var rate = t.payment().tax().ratePercent();
                ft.payment.tax.ratePercent = rate == null ? null : rate.toPlainString();
                ft.payment.tax.invoiceType = t.payment().tax().invoiceType();
            }
            for (var i : list(t.payment().schedule())) {
                var row = new InstalmentForm();
                row.dueDate = i.dueDate();
                row.milestone = i.milestone();
                row.amount = money(i.amount());
                row.description = i.description();
                row.trigger = i.trigger();
                row.workingDays = i.workingDays();
                ft.payment.schedule.add(row);
            }
        }
        if (t.rightsAndObligations() != null) {
            ft.rightsAndObligations.provider = lines(t.rightsAndObligations().provider());
            ft.rightsAndObligations.customer = lines(t.rightsAndObligations().customer());
        }
        if (t.breach() != null) {
            ft.breach.description = t.breach().description();
            if (t.breach().liquidatedDamages() != null) {
                ft.breach.liquidatedDamages.basis = t.breach().liquidatedDamages().basis();
                var value = t.breach().liquidatedDamages().value();
                ft.breach.liquidatedDamages.value = value == null ? null : value.toPlainString();
            }
        }
        if (t.dispute() != null) {
            ft.dispute.method = t.dispute().method();
            ft.dispute.arbitrationCommission = t.dispute().arbitrationCommission();
            ft.dispute.court = t.dispute().court();
        }
        if (t.termination() != null) {
            ft.termination.conditions = lines(t.termination().conditions());
            ft.termination.noticeDays = t.termination().noticeDays();
        }
        if (t.intellectualProperty() != null) {
            ft.intellectualProperty.ownership = t.intellectualProperty().ownership();
            ft.intellectualProperty.description = t.intellectualProperty().description();
        }
        ft.confidentialityObligations = lines(t.confidentialityObligations());
        if (t.service() != null) {
            ft.service.items = rows(t.service().items());
            ft.service.scope = t.service().scope();
            ft.service.qualityRequirements = t.service().qualityRequirements();
        }
        if (t.confidentialInformation() != null) {
            ft.confidentialInformation.categories = new ArrayList<>(list(t.confidentialInformation().categories()));
            ft.confidentialInformation.description = t.confidentialInformation().description();
            ft.confidentialInformation.exclusions = lines(t.confidentialInformation().exclusions());
            ft.confidentialInformation.direction = t.confidentialInformation().direction();
        }
        if (t.confidentialityPeriod() != null) {
            ft.confidentialityPeriod.yearsAfterTermination = t.confidentialityPeriod().yearsAfterTermination();
        }
        if (t.maintenance() != null) {
            ft.maintenance.items = rows(t.maintenance().items());
            ft.maintenance.methods = new ArrayList<>(list(t.maintenance().methods()));
            ft.maintenance.visitIntervalDays = t.maintenance().visitIntervalDays();
            ft.maintenance.responseHours = t.maintenance().responseHours();
        }
        if (t.consulting() != null) {
            ft.consulting.scope = t.consulting().scope();
            ft.consulting.qualityRequirements = t.consulting().qualityRequirements();
            ft.consulting.methods = new ArrayList<>(list(t.consulting().methods()));
            ft.consulting.deliverables = lines(t.consulting().deliverables());
        }
        if (t.sharedInformation() != null) {
            var s = t.sharedInformation();
            ft.sharedInformation.categories = new ArrayList<>(list(s.categories()));
            ft.sharedInformation.containsPersonalInformation = Boolean.TRUE.equals(s.containsPersonalInformation());
            ft.sharedInformation.containsSensitivePersonalInformation =
                    Boolean.TRUE.equals(s.containsSensitivePersonalInformation());
            ft.sharedInformation.purpose = s.purpose();
            ft.sharedInformation.crossBorder = Boolean.TRUE.equals(s.crossBorder());
            ft.sharedInformation.separateConsentObtained = Boolean.TRUE.equals(s.separateConsentObtained());
            ft.sharedInformation.direction = s.direction();
        }
        if (t.signing() != null) {
            ft.signing.date = t.signing().date();
            ft.signing.place = t.signing().place();
        }
        if (t.notices() != null) {
            ft.notices.partyAAddress = t.notices().partyAAddress();
            ft.notices.partyAEmail = t.notices().partyAEmail();
            ft.notices.partyBAddress = t.notices().partyBAddress();
            ft.notices.partyBEmail = t.notices().partyBEmail();
            ft.notices.emailServiceAgreed = Boolean.TRUE.equals(t.notices().emailServiceAgreed());
        }
        ft.sharingMethods = new ArrayList<>(list(t.sharingMethods()));
        if (t.sharingPeriod() != null) {
            ft.sharingPeriod.yearsAfterTermination = t.sharingPeriod().yearsAfterTermination();
        }
        if (t.personalInformation() != null) {
            var p = t.personalInformation();
            var fp = ft.personalInformation;
            fp.processingRole = p.processingRole();
            fp.legalBasis = p.legalBasis();
            if (p.recipient() != null) {
                fp.recipient.name = p.recipient().name();
                fp.recipient.contact = p.recipient().contact();
            }
            fp.processingMethod = p.processingMethod();
            fp.securityMeasures = lines(p.securityMeasures());
            fp.pipiaReference = p.pipiaReference();
            fp.crossBorderMechanism = p.crossBorderMechanism();
            fp.returnOrDeletion = p.returnOrDeletion();
        }
        return f;
    }

    /**
     * The parts the form shows: those the type's form offers, and any other the contract already has (an NDA with
     * fees agreed through the API), so that saving the form never drops what it does not show.
     */
    List<String> shownParts() {
        var shown = new ArrayList<>(type.formParts());
        if (!shown.contains("payment") && (!Text.isBlank(amount) || terms.payment.method != null
                || !Text.isBlank(terms.payment.deposit) || terms.payment.schedule.stream().anyMatch(r -> !r.isBlank()))) {
            shown.add("payment");
        }
        if (!shown.contains("intellectualProperty") && (terms.intellectualProperty.ownership != null
                || !Text.isBlank(terms.intellectualProperty.description))) {
            shown.add("intellectualProperty");
        }
        return shown;
    }

    // -- to the input -----------------------------------------------------------------------------

    /** Drops rows left empty (the form offers spare rows), so that the input's indices are those shown again. */
    void dropEmptyRows() {
        terms.payment.schedule.removeIf(r -> r == null || r.isBlank());
        terms.service.items.removeIf(r -> r == null || r.isBlank());
        terms.maintenance.items.removeIf(r -> r == null || r.isBlank());
    }

    /**
     * The input for the service: a part left entirely empty is absent, and only the parts of the
     * contract's type are sent. Amounts that are not numbers are collected in {@code problems}.
     */
    ContractInput toInput(List<FieldViolation> problems) {
        var t = terms;
        var own = type.ownParts();
        var payment = new Terms.Payment(t.payment.method,
                emptyToNull(indexed(t.payment.schedule, (row, i) -> new Terms.Instalment(row.dueDate,
                        Text.blankToNull(row.milestone), money(row.amount, "terms.payment.schedule[" + i + "].amount", problems),
                        Text.blankToNull(row.description), row.trigger, row.workingDays))),
                money(t.payment.deposit, "terms.payment.deposit", problems), t.payment.noConsideration ? true : null,
                // the box only means something with a deposit: without one the answer stays absent
                Text.isBlank(t.payment.deposit) ? null : t.payment.depositOffsetsInstalment,
                absentIfEmpty(new Terms.Tax(t.payment.tax.included,
                        decimal(t.payment.tax.ratePercent, "terms.payment.tax.ratePercent", problems),
                        t.payment.tax.invoiceType)));
        var rights = new Terms.RightsAndObligations(textItems(t.rightsAndObligations.provider),
                textItems(t.rightsAndObligations.customer));
        var damages = t.breach.liquidatedDamages.basis == null && Text.isBlank(t.breach.liquidatedDamages.value) ? null
                : new Terms.LiquidatedDamages(t.breach.liquidatedDamages.basis,
                decimal(t.breach.liquidatedDamages.value, "terms.breach.liquidatedDamages.value", problems));
        var breach = new Terms.Breach(damages, Text.blankToNull(t.breach.description));
        var dispute = new Terms.Dispute(t.dispute.method, Text.blankToNull(t.dispute.arbitrationCommission), Text.blankToNull(t.dispute.court));
        var termination = new Terms.Termination(textItems(t.termination.conditions), t.termination.noticeDays);
        var ip = new Terms.IntellectualProperty(t.intellectualProperty.ownership, Text.blankToNull(t.intellectualProperty.description));
        Terms.Service service = null;
        Terms.ConfidentialInformation confidential = null;
        Terms.PeriodAfterTermination confidentialityPeriod = null;
        Terms.Maintenance maintenance = null;
        Terms.Consulting consulting = null;
        Terms.SharedInformation shared = null;
        List<Terms.SharingMethod> sharingMethods = null;
        Terms.PeriodAfterTermination sharingPeriod = null;
        Terms.PersonalInformation personal = null;
        if (own.contains("service")) {
            service = new Terms.Service(emptyToNull(toItems(t.service.items)), Text.blankToNull(t.service.scope),
                    Text.blankToNull(t.service.qualityRequirements));
        }
        if (own.contains("confidentialInformation")) {
            confidential = new Terms.ConfidentialInformation(emptyToNull(t.confidentialInformation.categories),
                    Text.blankToNull(t.confidentialInformation.description), textItems(t.confidentialInformation.exclusions),
                    t.confidentialInformation.direction);
        }
        if (own.contains("confidentialityPeriod") && t.confidentialityPeriod.yearsAfterTermination != null) {
            confidentialityPeriod = new Terms.PeriodAfterTermination(t.confidentialityPeriod.yearsAfterTermination);
        }
        if (own.contains("maintenance")) {
            maintenance = new Terms.Maintenance(emptyToNull(toItems(t.maintenance.items)),
                    emptyToNull(t.maintenance.methods), t.maintenance.visitIntervalDays, t.maintenance.responseHours);
        }
        if (own.contains("consulting")) {
            consulting = new Terms.Consulting(Text.blankToNull(t.consulting.scope), Text.blankToNull(t.consulting.qualityRequirements),
                    emptyToNull(t.consulting.methods), textItems(t.consulting.deliverables));
        }
        if (own.contains("sharedInformation")) {
            var s = t.sharedInformation;
            shared = new Terms.SharedInformation(emptyToNull(s.categories), s.containsPersonalInformation ? true : null,
                    s.containsSensitivePersonalInformation ? true : null, Text.blankToNull(s.purpose), s.crossBorder ? true : null,
                    s.separateConsentObtained ? true : null, s.direction);
        }
        if (own.contains("sharingMethods")) {
            sharingMethods = emptyToNull(t.sharingMethods);
        }
        if (own.contains("sharingPeriod") && t.sharingPeriod.yearsAfterTermination != null) {
            sharingPeriod = new Terms.PeriodAfterTermination(t.sharingPeriod.yearsAfterTermination);
        }
        if (own.contains("personalInformation")) {
            var p = t.personalInformation;
            var recipient = new Terms.Recipient(Text.blankToNull(p.recipient.name), Text.blankToNull(p.recipient.contact));
            personal = new Terms.PersonalInformation(p.processingRole, p.legalBasis, absentIfEmpty(recipient),
                    Text.blankToNull(p.processingMethod), textItems(p.securityMeasures), Text.blankToNull(p.pipiaReference),
                    p.crossBorderMechanism, Text.blankToNull(p.returnOrDeletion));
        }
        var contractTerms = new ContractTerms(absentIfEmpty(payment), absentIfEmpty(rights), absentIfEmpty(breach),
                absentIfEmpty(dispute), absentIfEmpty(termination), absentIfEmpty(ip),
                textItems(t.confidentialityObligations), absentIfEmpty(service), absentIfEmpty(confidential),
                confidentialityPeriod, absentIfEmpty(maintenance), absentIfEmpty(consulting), absentIfEmpty(shared),
                sharingMethods, sharingPeriod, absentIfEmpty(personal),
                absentIfEmpty(new Terms.Signing(t.signing.date, Text.blankToNull(t.signing.place))),
                absentIfEmpty(new Terms.Notices(Text.blankToNull(t.notices.partyAAddress),
                        Text.blankToNull(t.notices.partyAEmail), Text.blankToNull(t.notices.partyBAddress),
                        Text.blankToNull(t.notices.partyBEmail), t.notices.emailServiceAgreed ? true : null)));
        return new ContractInput(type, Text.blankToNull(title), Text.blankToNull(customerId), Text.blankToNull(ourEntityId), Text.blankToNull(owner),
                money(amount, "amount", problems), startDate, endDate, autoRenew, renewalNoticeDays, contractTerms);
    }

    // -- helpers ----------------------------------------------------------------------------------

    private interface IndexedMapper<T, R> {
        R map(T value, int index);
    }

    private static <T, R> List<R> indexed(List<T> rows, IndexedMapper<T, R> mapper) {
        var out = new ArrayList<R>();
        for (int i = 0; i < rows.size(); i++) {
            out.add(mapper.map(rows.get(i), i));
        }
        return out;
    }

    private static List<Terms.Item> toItems(List<ItemForm> rows) {
        return rows.stream().map(r -> new Terms.Item(Text.blankToNull(r.name), Text.blankToNull(r.standard))).toList();
    }

    private static List<ItemForm> rows(List<Terms.Item> items) {
        var rows = new ArrayList<ItemForm>();
        for (var i : list(items)) {
            var row = new ItemForm();
            row.name = i.name();
            row.standard = i.standard();
            rows.add(row);
        }
        return rows;
    }

    /** One item per non-blank line; null when there is none. */
    private static List<String> textItems(String text) {
        if (Text.isBlank(text)) {
            return null;
        }
        var lines = text.lines().map(String::trim).filter(s -> !s.isEmpty()).toList();
        return lines.isEmpty() ? null : lines;
    }

    private static String lines(List<String> items) {
        return items == null || items.isEmpty() ? null : String.join("\n", items);
    }

    private static Money money(String text, String field, List<FieldViolation> problems) {
        BigDecimal value = decimal(text, field, problems);
        return value == null ? null : new Money(value, Money.CNY);
    }

    private static BigDecimal decimal(String text, String field, List<FieldViolation> problems) {
        if (Text.isBlank(text)) {
            return null;
        }
        try {
            return Money.parsePlain(text.trim().replace(",", "").replace("，", ""));
        } catch (NumberFormatException e) {
            problems.add(new FieldViolation(field, "ui.number", text.trim()));
            return null;
        }
    }

    private static String money(Money money) {
        return money == null || money.value() == null ? null : money.value().toPlainString();
    }

    private static <T> List<T> list(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static <T> List<T> emptyToNull(List<T> list) {
        return list == null || list.isEmpty() ? null : List.copyOf(list);
    }

    /** A record whose components are all null or empty stands for a part the user did not fill in. */
    private static <T extends Record> T absentIfEmpty(T part) {
        if (part == null) {
            return null;
        }
        boolean empty = Arrays.stream(part.getClass().getRecordComponents()).allMatch(c -> {
            try {
                Object v = c.getAccessor().invoke(part);
                return v == null || (v instanceof List<?> l && l.isEmpty())
                        || (v instanceof Record r && absentIfEmpty(r) == null);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        });
        return empty ? null : part;
    }
}
