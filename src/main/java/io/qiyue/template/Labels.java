package io.qiyue.template;

import io.qiyue.contract.Terms;

import java.util.List;
import java.util.stream.Collectors;

/** The Chinese words a contract document uses for the enumerations of the terms. */
final class Labels {
    private Labels() {
    }

    static String of(Enum<?> value) {
        if (value == null) {
            return null;
        }
        return switch (value) {
            case Terms.PaymentMethod m -> switch (m) {
                case BANK_TRANSFER -> "银行转账";
                case ALIPAY -> "支付宝";
                case WECHAT_PAY -> "微信支付";
                case CHECK -> "支票";
                case CASH -> "现金";
                case OTHER -> "双方约定的其他方式";
            };
            case Terms.InformationCategory c -> switch (c) {
                case PERSONAL_INFORMATION -> "个人信息";
                case TRADE_SECRET -> "商业秘密";
                case TECHNICAL -> "技术信息";
                case BUSINESS -> "经营信息";
                case FINANCIAL -> "财务信息";
                case OTHER -> "其他信息";
            };
            case Terms.MaintenanceMethod m -> switch (m) {
                case PHONE -> "电话";
                case EMAIL -> "电子邮件";
                case ONSITE -> "现场";
                case VIDEO -> "视频";
            };
            case Terms.ConsultingMethod m -> switch (m) {
                case IN_PERSON -> "面谈";
                case PHONE -> "电话";
                case EMAIL -> "电子邮件";
                case VIDEO -> "视频";
            };
            case Terms.SharedCategory c -> switch (c) {
                case BASIC_INFO -> "基本信息";
                case CONTACT_INFO -> "联系方式";
                case TRANSACTION_RECORDS -> "交易记录";
                case BEHAVIOUR_DATA -> "行为数据";
                case OTHER -> "其他信息";
            };
            case Terms.SharingMethod m -> switch (m) {
                case EMAIL -> "电子邮件";
                case ONLINE_PLATFORM -> "在线平台";
                case API -> "应用程序接口（API）";
                case SFTP -> "SFTP 文件传输";
                case OTHER -> "双方约定的其他方式";
            };
            case Terms.ProcessingRole r -> switch (r) {
                case PROVISION -> "向其他个人信息处理者提供";
                case ENTRUSTED -> "委托处理";
            };
            case Terms.LegalBasis b -> switch (b) {
                case SEPARATE_CONSENT -> "取得个人的单独同意";
                case CONTRACT_NECESSITY -> "为订立、履行个人作为一方当事人的合同所必需";
                case LEGAL_DUTY -> "为履行法定职责或者法定义务所必需";
                case OTHER -> "法律、行政法规规定的其他情形";
            };
            case Terms.CrossBorderMechanism m -> switch (m) {
                case SECURITY_ASSESSMENT -> "通过国家网信部门组织的安全评估";
                case CERTIFICATION -> "经专业机构进行个人信息保护认证";
                case STANDARD_CONTRACT -> "按照国家网信部门制定的标准合同与境外接收方订立合同";
            };
            case Terms.IpOwnership o -> switch (o) {
                case PROVIDER -> "归乙方所有";
                case CUSTOMER -> "归甲方所有";
                case JOINT -> "由甲乙双方共同所有";
                // read after "因履行本合同产生的成果及其知识产权"; without 本合同, which an agreement (协议) does not call itself
                case NONE -> "归完成该成果的一方所有，双方既有的知识产权不因履行而转让或许可";
            };
            case Terms.PaymentTrigger t -> switch (t) {
                case ON_SIGNING -> "合同签订后";
                case ON_DELIVERY -> "乙方交付后";
                case ON_ACCEPTANCE -> "验收合格后";
                case ON_GO_LIVE_ACCEPTANCE -> "上线验收合格后";
                case AFTER_WARRANTY -> "质保期满后";
                case ON_INVOICE -> "甲方收到乙方发票后";
            };
            case Terms.InvoiceType t -> switch (t) {
                case VAT_SPECIAL -> "增值税专用发票";
                case VAT_ORDINARY -> "增值税普通发票";
            };
            case Terms.NdaDirection d -> switch (d) {
                case MUTUAL -> "双向";
                case ONE_WAY -> "单向";
                case PARTY_B_DISCLOSES -> "单向（乙方披露）";
            };
            case Terms.SharingDirection d -> switch (d) {
                case PARTY_A_PROVIDES -> "甲方提供、乙方接收";
                case PARTY_B_PROVIDES -> "乙方提供、甲方接收";
                case MUTUAL -> "双方相互提供";
            };
            default -> value.name();
        };
    }

    static String joined(List<? extends Enum<?>> values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        return values.stream().map(Labels::of).collect(Collectors.joining("、"));
    }
}
