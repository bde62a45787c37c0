package io.qiyue.contract;

import java.util.List;
import java.util.Set;

/** The five contract types, each with its number code and the term parts it may carry. */
public enum ContractType {
    SERVICE("SVC", "客户服务合同", "Service contract", true, Set.of("service"), Set.of()),
    /* an NDA normally pays nothing and creates no work product: its form offers no fees or IP parts */
    CONFIDENTIALITY("NDA", "客户保密协议", "Confidentiality agreement", false,
            Set.of("confidentialInformation", "confidentialityPeriod"), Set.of("payment", "intellectualProperty")),
    MAINTENANCE("MNT", "客户维护协议", "Maintenance agreement", true, Set.of("maintenance"), Set.of()),
    CONSULTING("CST", "客户咨询协议", "Consulting agreement", true, Set.of("consulting"), Set.of()),
    INFO_SHARING("ISH", "客户信息共享协议", "Information-sharing agreement", false,
            Set.of("sharedInformation", "sharingMethods", "sharingPeriod", "personalInformation"), Set.of());

    /** Parts every type has (besides parties, term and fees, which are top-level fields). */
    public static final List<String> COMMON_PARTS = List.of("payment", "rightsAndObligations", "breach", "dispute",
            "termination", "intellectualProperty", "confidentialityObligations", "signing", "notices");

    private final String code;
    private final String nameZh;
    private final String nameEn;
    private final boolean paid;
    private final Set<String> ownParts;
    private final Set<String> withoutCommon;

    ContractType(String code, String nameZh, String nameEn, boolean paid, Set<String> ownParts,
                 Set<String> withoutCommon) {
        this.code = code;
        this.nameZh = nameZh;
        this.nameEn = nameEn;
        this.paid = paid;
        this.ownParts = ownParts;
        this.withoutCommon = withoutCommon;
    }

    public String code() {
        return code;
    }

    /** The type whose number code this is (SVC, NDA …), null for none. */
    static ContractType byCode(String code) {
        for (ContractType type : values()) {
            if (type.code.equals(code)) {
                return type;
            }
        }
        return null;
    }

    public String nameZh() {
        return nameZh;
    }

    public String nameEn() {
        return nameEn;
    }

    /**
     * How a document of this type calls itself, after the type's name: 客户服务合同 says 本合同, the four 协议 (the
     * maintenance and consulting agreements too) say 本协议.
     */
    public String selfReference() {
        return nameZh.endsWith("协议") ? "本协议" : "本合同";
    }

    /** Whether the type is normally paid: then an amount is required unless payment.noConsideration is set. */
    public boolean paid() {
        return paid;
    }

    /** The type's own parts, in the order of the record. */
    public List<String> ownParts() {
        return ContractTermsParts.ORDER.stream().filter(ownParts::contains).toList();
    }

    /** Every part the type may carry: common parts, then its own. */
    public List<String> parts() {
        var all = new java.util.ArrayList<>(COMMON_PARTS);
        all.addAll(ownParts());
        return all;
    }

    public boolean allows(String part) {
        return COMMON_PARTS.contains(part) || ownParts.contains(part);
    }

    /**
     * The parts the contract form offers: all it may carry except common parts the type does not need. An NDA
     * carried over from elsewhere may still state fees through the API, and its document then prints them.
     */
    public List<String> formParts() {
        return parts().stream().filter(p -> !withoutCommon.contains(p)).toList();
    }
}
