package io.qiyue.testing;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Complete, valid request bodies for contracts of each of the five types, with typed terms. */
public final class ContractSamples {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static final String[] TYPES = {"SERVICE", "CONFIDENTIALITY", "MAINTENANCE", "CONSULTING", "INFO_SHARING"};

    /**
     * The year of the samples' term: the one after this, so that a sample contract signed by a test has not begun
     * (it would be in force at once) and its instalments are not yet due, whatever day the suite runs.
     */
    public static final int YEAR = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).getYear() + 1;

    private static final String COMMON_TERMS = """
            "payment": { "method": "BANK_TRANSFER", "schedule": [
                { "dueDate": "YEAR-01-15", "amount": { "value": "60000.00", "currency": "CNY" }, "description": "首期款" },
                { "milestone": "验收合格", "amount": { "value": "60000.00", "currency": "CNY" }, "description": "二期款" } ] },
            "rightsAndObligations": { "provider": ["按约定提供服务"], "customer": ["按时付款"] },
            "breach": BREACH,
            "dispute": { "method": "ARBITRATION", "arbitrationCommission": "上海仲裁委员会" },
            "termination": { "conditions": ["一方严重违约"], "noticeDays": 30 },
            "intellectualProperty": { "ownership": "PROVIDER", "description": "成果归乙方" },
            "confidentialityObligations": ["不得泄露对方商业秘密"]
            """;

    /** A share of the price for the paid types; the agreements have no price, so a fixed sum. */
    private static final String PAID_BREACH = """
            { "liquidatedDamages": { "basis": "PERCENT_OF_AMOUNT", "value": "10" }, "description": "逾期按比例支付违约金" }""";
    private static final String AGREEMENT_BREACH = """
            { "liquidatedDamages": { "basis": "FIXED", "value": "50000" }, "description": "违反保密义务的，另行赔偿超出违约金的损失" }""";

    private ContractSamples() {
    }

    /** The terms JSON of a type: the common parts plus the type's own parts. */
    public static String terms(String type) {
        String own = switch (type) {
            case "SERVICE" -> """
                    "service": { "items": [ { "name": "服务器巡检", "standard": "每月一次，出具巡检报告" } ],
                                 "scope": "甲方总部机房", "qualityRequirements": "故障4小时内响应" }
                    """;
            case "CONFIDENTIALITY" -> """
                    "confidentialInformation": { "categories": ["TRADE_SECRET", "TECHNICAL"],
                        "description": "双方在合作中获知的技术和经营信息", "exclusions": ["已公开的信息"] },
                    "confidentialityPeriod": { "yearsAfterTermination": 3 }
                    """;
            case "MAINTENANCE" -> """
                    "maintenance": { "items": [ { "name": "系统维护", "standard": "每季度巡检" } ],
                        "methods": ["PHONE", "ONSITE"], "visitIntervalDays": 90, "responseHours": 4 }
                    """;
            case "CONSULTING" -> """
                    "consulting": { "scope": "信息化规划咨询", "qualityRequirements": "报告经甲方验收",
                        "methods": ["IN_PERSON", "VIDEO"], "deliverables": ["咨询报告"] }
                    """;
            case "INFO_SHARING" -> """
                    "sharedInformation": { "categories": ["BASIC_INFO", "CONTACT_INFO"], "containsPersonalInformation": true,
                        "containsSensitivePersonalInformation": false, "purpose": "联合客户服务", "crossBorder": false,
                        "separateConsentObtained": true },
                    "sharingMethods": ["API", "SFTP"],
                    "sharingPeriod": { "yearsAfterTermination": 2 },
                    "personalInformation": { "processingRole": "PROVISION", "legalBasis": "SEPARATE_CONSENT",
                        "recipient": { "name": "乙方数据合规部", "contact": "dpo@example.com" },
                        "processingMethod": "加密传输后存储", "securityMeasures": ["加密", "访问控制"],
                        "pipiaReference": "PIA-2026-001", "returnOrDeletion": "共享期限届满后30日内删除" }
                    """;
            default -> throw new IllegalArgumentException(type);
        };
        boolean agreement = type.equals("CONFIDENTIALITY") || type.equals("INFO_SHARING");
        return "{" + COMMON_TERMS.replace("BREACH", agreement ? AGREEMENT_BREACH : PAID_BREACH).replace("YEAR", String.valueOf(YEAR))
                + "," + own + "}";
    }

    /** A complete create body; paid types get an amount, the others none. */
    public static ObjectNode contract(String type, String title, String customerId, String ourEntityId) {
        var node = JSON.createObjectNode();
        node.put("type", type);
        node.put("title", title);
        node.put("customerId", customerId);
        node.put("ourEntityId", ourEntityId);
        if (!type.equals("CONFIDENTIALITY") && !type.equals("INFO_SHARING")) {
            var amount = node.putObject("amount");
            amount.put("value", "120000.00");
            amount.put("currency", "CNY");
        }
        node.put("startDate", YEAR + "-01-01");
        node.put("endDate", YEAR + "-12-31");
        node.put("autoRenew", false);
        node.set("terms", JSON.readTree(terms(type)));
        return node;
    }
}
