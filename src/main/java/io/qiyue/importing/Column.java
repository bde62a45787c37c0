package io.qiyue.importing;

import java.util.List;

/**
 * A column of an import file: its Chinese name (the templates' header) and the other names accepted for it, English
 * included. {@code field} is the input field the customer and contract modules name in their problems.
 */
enum Column {
    CUSTOMER_NAME(ImportKind.CUSTOMERS, "客户名称", "name", true, "名称", "customer name", "name"),
    CREDIT_CODE(ImportKind.CUSTOMERS, "统一社会信用代码", "creditCode", false, "信用代码", "credit code", "creditcode", "uscc",
            "unified social credit code"),
    ID_NUMBER(ImportKind.CUSTOMERS, "身份证号", "idNumber", false, "身份证号码", "id number", "idnumber", "id card number"),
    CUSTOMER_KIND(ImportKind.CUSTOMERS, "类型", "kind", false, "客户类型", "kind", "type"),
    LEVEL(ImportKind.CUSTOMERS, "等级", "level", false, "客户等级", "客户级别", "level"),
    ADDRESS(ImportKind.CUSTOMERS, "地址", "address", false, "address"),
    LEGAL_REPRESENTATIVE(ImportKind.CUSTOMERS, "法定代表人", "legalRepresentative", false, "法人", "legal representative"),
    INDUSTRY(ImportKind.CUSTOMERS, "行业", "industry", false, "industry"),
    CUSTOMER_OWNER(ImportKind.CUSTOMERS, "负责人", "owner", false, "owner"),
    CONTACT(ImportKind.CUSTOMERS, "联系人", "contacts", false, "主要联系人", "contact", "primary contact"),
    MOBILE(ImportKind.CUSTOMERS, "手机", "mobile", false, "手机号", "联系人手机", "mobile", "contact mobile"),
    EMAIL(ImportKind.CUSTOMERS, "邮箱", "email", false, "电子邮箱", "email", "e-mail"),
    /** As the customer list exports it: repeated, not changed (archiving and blacklisting are decisions of their own). */
    CUSTOMER_STATUS(ImportKind.CUSTOMERS, "状态", "status", false, "客户状态", "status"),

    NUMBER(ImportKind.CONTRACTS, "合同编号", "number", false, "编号", "contract number", "number", "contract no"),
    TYPE(ImportKind.CONTRACTS, "合同类型", "type", true, "类型", "type", "contract type"),
    TITLE(ImportKind.CONTRACTS, "标题", "title", true, "合同名称", "title"),
    CUSTOMER(ImportKind.CONTRACTS, "客户", "customerId", true, "客户名称", "customer"),
    OUR_ENTITY(ImportKind.CONTRACTS, "我方主体", "ourEntityId", false, "我方签约主体", "our entity",
            "our signing entity"),
    AMOUNT(ImportKind.CONTRACTS, "金额", "amount", false, "合同金额", "amount"),
    AMOUNT_IN_WORDS(ImportKind.CONTRACTS, "金额大写", "amountInWords", false, "大写金额", "amount in words"),
    START_DATE(ImportKind.CONTRACTS, "开始日期", "startDate", false, "start date"),
    END_DATE(ImportKind.CONTRACTS, "结束日期", "endDate", false, "end date"),
    SIGNED_ON(ImportKind.CONTRACTS, "签订日期", "signedOn", false, "签署日期", "signed on", "signing date"),
    STATUS(ImportKind.CONTRACTS, "状态", "status", false, "合同状态", "status"),
    CONTRACT_OWNER(ImportKind.CONTRACTS, "负责人", "owner", false, "owner"),
    CREATOR(ImportKind.CONTRACTS, "创建人", "createdBy", false, "created by", "creator"),
    // the contract's terms: optional, a blank cell leaves the part empty (the review then says what is missing)
    PAYMENT_METHOD(ImportKind.CONTRACTS, "付款方式", "terms.payment.method", false, "payment method"),
    PAYMENT_SCHEDULE(ImportKind.CONTRACTS, "付款计划", "terms.payment.schedule", false, "payment schedule", "schedule"),
    // what a legacy contract's customer had paid before it came to Qiyue: one receipt over the oldest instalments
    RECEIVED(ImportKind.CONTRACTS, "已收金额", "received", false, "已收款", "已收款金额", "已回款", "received",
            "received amount"),
    RECEIVED_ON(ImportKind.CONTRACTS, "收款日期", "receivedOn", false, "最近收款日期", "已收款日期", "received on",
            "last received on"),
    DAMAGES_PERCENT(ImportKind.CONTRACTS, "违约金比例（%）", "terms.breach", false, "违约金比例", "违约金比例(%)",
            "liquidated damages %", "liquidated damages (%)", "liquidated damages"),
    DISPUTE_METHOD(ImportKind.CONTRACTS, "争议解决方式", "terms.dispute.method", false, "争议解决", "dispute resolution"),
    ARBITRATION_COMMISSION(ImportKind.CONTRACTS, "仲裁机构", "terms.dispute.arbitrationCommission", false,
            "仲裁委员会", "arbitration commission", "arbitration"),
    COURT(ImportKind.CONTRACTS, "管辖法院", "terms.dispute.court", false, "court"),
    SERVICE_ITEMS(ImportKind.CONTRACTS, "服务内容", "terms.service.items", false, "服务项目", "service items"),
    SERVICE_SCOPE(ImportKind.CONTRACTS, "服务范围", "terms.service.scope", false, "service scope"),
    QUALITY_REQUIREMENTS(ImportKind.CONTRACTS, "质量要求", "terms.service.qualityRequirements", false,
            "quality requirements"),
    CONFIDENTIAL_SCOPE(ImportKind.CONTRACTS, "保密信息范围", "terms.confidentialInformation", false,
            "confidential information"),
    CONFIDENTIALITY_YEARS(ImportKind.CONTRACTS, "合同终止后保密年限", "terms.confidentialityPeriod", false,
            "保密年限", "confidentiality years"),
    MAINTENANCE_ITEMS(ImportKind.CONTRACTS, "维护内容", "terms.maintenance.items", false, "维护项目", "maintenance items"),
    MAINTENANCE_METHODS(ImportKind.CONTRACTS, "维护方式", "terms.maintenance.methods", false, "maintenance methods"),
    VISIT_INTERVAL(ImportKind.CONTRACTS, "回访间隔（天）", "terms.maintenance.visitIntervalDays", false, "回访间隔",
            "回访间隔(天)", "visit interval days", "visit interval"),
    CONSULTING_SCOPE(ImportKind.CONTRACTS, "咨询范围", "terms.consulting.scope", false, "consulting scope"),
    CONSULTING_METHODS(ImportKind.CONTRACTS, "咨询方式", "terms.consulting.methods", false, "consulting methods"),
    SHARED_CATEGORIES(ImportKind.CONTRACTS, "共享信息类别", "terms.sharedInformation.categories", false,
            "shared information", "shared categories"),
    SHARING_METHODS(ImportKind.CONTRACTS, "共享方式", "terms.sharingMethods", false, "sharing methods"),
    SHARING_YEARS(ImportKind.CONTRACTS, "共享期限（终止后年数）", "terms.sharingPeriod", false, "共享期限",
            "共享期限(终止后年数)", "sharing years"),
    // a contract that renews itself (自动续期一年) goes on at its end instead of expiring (an outside tester could not
    // say so of a legacy contract, nor change it after the import)
    AUTO_RENEW(ImportKind.CONTRACTS, "自动续期", "autoRenew", false, "到期自动续期", "auto renew", "auto-renew"),
    RENEWAL_NOTICE_DAYS(ImportKind.CONTRACTS, "续期通知天数", "renewalNoticeDays", false, "续期提前通知天数",
            "renewal notice days");

    private final ImportKind kind;
    private final String header;
    private final String field;
    private final boolean required;
    private final List<String> aliases;

    Column(ImportKind kind, String header, String field, boolean required, String... aliases) {
        this.kind = kind;
        this.header = header;
        this.field = field;
        this.required = required;
        this.aliases = List.of(aliases);
    }

    ImportKind kind() {
        return kind;
    }

    /** The templates' header. */
    String header() {
        return header;
    }

    String field() {
        return field;
    }

    boolean required() {
        return required;
    }

    boolean matches(String header) {
        String key = ImportValues.headerKey(header);
        return key.equals(ImportValues.headerKey(this.header))
                || aliases.stream().anyMatch(a -> ImportValues.headerKey(a).equals(key));
    }

    static List<Column> of(ImportKind kind) {
        return java.util.Arrays.stream(values()).filter(c -> c.kind == kind).toList();
    }
}
