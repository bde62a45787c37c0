package io.qiyue.contract;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.qiyue.shared.Money;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The typed parts of a contract (合同条款), as spec/domain.md names them. Every part is optional in a
 * draft: the review says what is missing. Which parts a type may carry is decided by
 * {@link ContractType#parts()}.
 */
public final class Terms {
    private Terms() {
    }

    static final int TEXT = 4000;
    static final int SHORT = 200;

    // -- common to all types --------------------------------------------------------------------

    public enum PaymentMethod { BANK_TRANSFER, ALIPAY, WECHAT_PAY, CHECK, CASH, OTHER }

    /**
     * {@code depositOffsetsInstalment}: true when the deposit (定金) is credited against the first instalment, which
     * then includes it; false when it is returned after performance. Absent in terms stored before it existed.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Payment(PaymentMethod method, @Size(max = 120) List<@Valid Instalment> schedule,
                          @Valid Money deposit, Boolean noConsideration, Boolean depositOffsetsInstalment,
                          @Valid Tax tax) {

        /** The payment as stored before the deposit's offset and the tax were typed. */
        public Payment(PaymentMethod method, List<Instalment> schedule, Money deposit, Boolean noConsideration) {
            this(method, schedule, deposit, noConsideration, null, null);
        }

        /** Marked as without consideration (无偿): nothing is due, whatever the amount says. */
        public boolean withoutConsideration() {
            return Boolean.TRUE.equals(noConsideration);
        }
    }

    public enum InvoiceType { VAT_SPECIAL, VAT_ORDINARY }

    /** Whether the amounts include VAT (含税), at which rate in percent points ("6" = 6%), and the invoice issued. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Tax(Boolean included,
                      @DecimalMin("0") @DecimalMax("100") @Digits(integer = 3, fraction = 2)
                      @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal ratePercent,
                      InvoiceType invoiceType) {
    }

    /** What makes an instalment due (付款条件), printed before its time limit and date. */
    public enum PaymentTrigger { ON_SIGNING, ON_DELIVERY, ON_ACCEPTANCE, ON_GO_LIVE_ACCEPTANCE, AFTER_WARRANTY, ON_INVOICE }

    /**
     * One instalment (分期): due on a date, or on a trigger ({@code trigger}, or a free-text {@code milestone})
     * within {@code workingDays} 个工作日; a trigger and a date may both be set (the date is then the latest day).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Instalment(LocalDate dueDate, @Size(max = SHORT) String milestone, @NotNull @Valid Money amount,
                             @Size(max = 500) String description, PaymentTrigger trigger,
                             @Min(0) @Max(365) Integer workingDays) {

        /** An instalment as stored before triggers were typed. */
        public Instalment(LocalDate dueDate, String milestone, Money amount, String description) {
            this(dueDate, milestone, amount, description, null, null);
        }
    }

    /** When and where the contract is signed (签订日期/签订地点). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Signing(LocalDate date, @Size(max = SHORT) String place) {
    }

    /** Addresses for notices (通知与送达) and whether service by e-mail is agreed. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Notices(@Size(max = SHORT) String partyAAddress, @Size(max = SHORT) String partyAEmail,
                          @Size(max = SHORT) String partyBAddress, @Size(max = SHORT) String partyBEmail,
                          Boolean emailServiceAgreed) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RightsAndObligations(@Size(max = 50) List<@NotBlank @Size(max = TEXT) String> provider,
                                       @Size(max = 50) List<@NotBlank @Size(max = TEXT) String> customer) {
    }

    public enum DamagesBasis { FIXED, PERCENT_OF_AMOUNT, DAILY_RATE }

    /** FIXED: yuan; PERCENT_OF_AMOUNT: percent points ("10" = 10%); DAILY_RATE: percent per day ("0.05"). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LiquidatedDamages(@NotNull DamagesBasis basis,
                                    @NotNull @DecimalMin("0") @DecimalMax("1000000000000") @Digits(integer = 13, fraction = 4)
                                    @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal value) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Breach(@Valid LiquidatedDamages liquidatedDamages, @Size(max = TEXT) String description) {
    }

    public enum DisputeMethod { ARBITRATION, LITIGATION, NEGOTIATION_THEN_ARBITRATION, NEGOTIATION_THEN_LITIGATION }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Dispute(@NotNull DisputeMethod method, @Size(max = SHORT) String arbitrationCommission,
                          @Size(max = SHORT) String court) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Termination(@Size(max = 50) List<@NotBlank @Size(max = TEXT) String> conditions,
                              @Min(0) @Max(3650) Integer noticeDays) {
    }

    public enum IpOwnership { PROVIDER, CUSTOMER, JOINT, NONE }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record IntellectualProperty(@NotNull IpOwnership ownership, @Size(max = TEXT) String description) {
    }

    // -- per type -------------------------------------------------------------------------------

    /** A service or maintenance item with its standard (服务项目及标准). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(@NotBlank @Size(max = SHORT) String name, @Size(max = TEXT) String standard) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Service(@Size(max = 100) List<@Valid Item> items, @Size(max = TEXT) String scope,
                          @Size(max = TEXT) String qualityRequirements) {
    }

    public enum InformationCategory { PERSONAL_INFORMATION, TRADE_SECRET, TECHNICAL, BUSINESS, FINANCIAL, OTHER }

    /**
     * MUTUAL: both parties disclose and receive (双向); ONE_WAY: 甲方 (the customer) discloses, 乙方 (we) receive
     * (单向); PARTY_B_DISCLOSES: the other way, we disclose and the customer receives (an outside tester could not
     * write that agreement).
     */
    public enum NdaDirection { MUTUAL, ONE_WAY, PARTY_B_DISCLOSES }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ConfidentialInformation(@Size(max = 6) List<@NotNull InformationCategory> categories,
                                          @Size(max = TEXT) String description,
                                          @Size(max = 20) List<@NotBlank @Size(max = TEXT) String> exclusions,
                                          NdaDirection direction) {

        /** The part as stored before the direction was typed (read as mutual). */
        public ConfidentialInformation(List<InformationCategory> categories, String description,
                                       List<String> exclusions) {
            this(categories, description, exclusions, null);
        }
    }

    /** A duty that outlives the contract: during the term plus N years. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PeriodAfterTermination(@NotNull @Min(0) @Max(100) Integer yearsAfterTermination) {
    }

    public enum MaintenanceMethod { PHONE, EMAIL, ONSITE, VIDEO }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Maintenance(@Size(max = 100) List<@Valid Item> items,
                              @Size(max = 4) List<@NotNull MaintenanceMethod> methods,
                              @Min(1) @Max(3650) Integer visitIntervalDays,
                              @Min(1) @Max(8760) Integer responseHours) {
    }

    public enum ConsultingMethod { IN_PERSON, PHONE, EMAIL, VIDEO }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Consulting(@Size(max = TEXT) String scope, @Size(max = TEXT) String qualityRequirements,
                             @Size(max = 4) List<@NotNull ConsultingMethod> methods,
                             @Size(max = 50) List<@NotBlank @Size(max = TEXT) String> deliverables) {
    }

    public enum SharedCategory { BASIC_INFO, CONTACT_INFO, TRANSACTION_RECORDS, BEHAVIOUR_DATA, OTHER }

    /** Who provides the data (提供方) and who receives it (接收方). */
    public enum SharingDirection { PARTY_A_PROVIDES, PARTY_B_PROVIDES, MUTUAL }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SharedInformation(@Size(max = 5) List<@NotNull SharedCategory> categories,
                                    Boolean containsPersonalInformation,
                                    Boolean containsSensitivePersonalInformation,
                                    @Size(max = TEXT) String purpose, Boolean crossBorder,
                                    Boolean separateConsentObtained, SharingDirection direction) {

        /** The part as stored before the direction was typed. */
        public SharedInformation(List<SharedCategory> categories, Boolean containsPersonalInformation,
                                 Boolean containsSensitivePersonalInformation, String purpose, Boolean crossBorder,
                                 Boolean separateConsentObtained) {
            this(categories, containsPersonalInformation, containsSensitivePersonalInformation, purpose, crossBorder,
                    separateConsentObtained, null);
        }
    }

    public enum SharingMethod { EMAIL, ONLINE_PLATFORM, API, SFTP, OTHER }

    public enum ProcessingRole { PROVISION, ENTRUSTED }

    public enum LegalBasis { SEPARATE_CONSENT, CONTRACT_NECESSITY, LEGAL_DUTY, OTHER }

    public enum CrossBorderMechanism { SECURITY_ASSESSMENT, CERTIFICATION, STANDARD_CONTRACT }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Recipient(@Size(max = SHORT) String name, @Size(max = SHORT) String contact) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PersonalInformation(ProcessingRole processingRole, LegalBasis legalBasis, @Valid Recipient recipient,
                                      @Size(max = TEXT) String processingMethod,
                                      @Size(max = 50) List<@NotBlank @Size(max = TEXT) String> securityMeasures,
                                      @Size(max = SHORT) String pipiaReference,
                                      CrossBorderMechanism crossBorderMechanism,
                                      @Size(max = TEXT) String returnOrDeletion) {
    }
}
