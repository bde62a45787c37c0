package io.qiyue.template;

import io.qiyue.contract.Terms;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The structured changes of a redline as a reader of the contract names them: each JSON pointer of the
 * saved content as the labels of its fields (付款计划 第2项 金额), each value as the document prints it
 * (¥380,000.00, 是/否, 银行转账), never a pointer or raw JSON. The words are the document's, so Chinese,
 * like {@link Labels}.
 */
final class RedlineFields {
    private RedlineFields() {
    }

    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("title", "合同名称"), Map.entry("type", "合同类型"), Map.entry("customerId", "客户"),
            Map.entry("customerName", "客户名称"), Map.entry("ourEntityId", "我方签约主体"), Map.entry("owner", "负责人"),
            Map.entry("amount", "金额"), Map.entry("currency", "币种"), Map.entry("startDate", "开始日期"),
            Map.entry("endDate", "结束日期"), Map.entry("autoRenew", "到期自动续期"),
            Map.entry("renewalNoticeDays", "续期提前通知天数"), Map.entry("status", "状态"),
            Map.entry("payment", "付款"), Map.entry("method", "方式"), Map.entry("schedule", "付款计划"),
            Map.entry("dueDate", "付款日期"), Map.entry("milestone", "付款节点"), Map.entry("description", "说明"),
            Map.entry("deposit", "定金"), Map.entry("noConsideration", "无偿"),
            Map.entry("rightsAndObligations", "权利义务"), Map.entry("provider", "我方"), Map.entry("customer", "客户"),
            Map.entry("breach", "违约责任"), Map.entry("liquidatedDamages", "违约金"), Map.entry("basis", "计算方式"),
            Map.entry("dispute", "争议解决"), Map.entry("arbitrationCommission", "仲裁委员会"), Map.entry("court", "管辖法院"),
            Map.entry("termination", "合同终止"), Map.entry("conditions", "终止条件"), Map.entry("noticeDays", "提前通知天数"),
            Map.entry("intellectualProperty", "知识产权"), Map.entry("ownership", "归属"),
            Map.entry("confidentialityObligations", "保密义务"), Map.entry("service", "服务"), Map.entry("items", "项目"),
            Map.entry("name", "名称"), Map.entry("standard", "标准"), Map.entry("scope", "范围"),
            Map.entry("qualityRequirements", "质量要求"), Map.entry("confidentialInformation", "保密信息"),
            Map.entry("categories", "类别"), Map.entry("exclusions", "除外情形"), Map.entry("confidentialityPeriod", "保密期限"),
            Map.entry("yearsAfterTermination", "合同终止后延续年数"), Map.entry("maintenance", "维护"),
            Map.entry("methods", "方式"), Map.entry("visitIntervalDays", "巡检间隔（天）"),
            Map.entry("responseHours", "响应时间（小时）"), Map.entry("consulting", "咨询"),
            Map.entry("deliverables", "交付成果"), Map.entry("sharedInformation", "共享信息"),
            Map.entry("containsPersonalInformation", "包含个人信息"),
            Map.entry("containsSensitivePersonalInformation", "包含敏感个人信息"), Map.entry("purpose", "共享目的"),
            Map.entry("crossBorder", "涉及跨境提供"), Map.entry("separateConsentObtained", "已取得个人单独同意"),
            Map.entry("sharingMethods", "共享方式"), Map.entry("sharingPeriod", "共享期限"),
            Map.entry("personalInformation", "个人信息保护"), Map.entry("processingRole", "处理关系"),
            Map.entry("legalBasis", "合法性基础"), Map.entry("recipient", "接收方"), Map.entry("contact", "联系方式"),
            Map.entry("processingMethod", "处理方式"), Map.entry("securityMeasures", "安全保护措施"),
            Map.entry("pipiaReference", "个人信息保护影响评估编号"), Map.entry("crossBorderMechanism", "出境机制"),
            Map.entry("returnOrDeletion", "返还或删除安排"),
            Map.entry("depositOffsetsInstalment", "定金抵作首期款"), Map.entry("tax", "税费"),
            Map.entry("included", "含税"), Map.entry("ratePercent", "税率（%）"), Map.entry("invoiceType", "发票类型"),
            Map.entry("trigger", "付款条件"), Map.entry("workingDays", "工作日内"), Map.entry("signing", "签订"),
            Map.entry("date", "日期"), Map.entry("place", "地点"), Map.entry("notices", "通知与送达"),
            Map.entry("partyAAddress", "甲方送达地址"), Map.entry("partyAEmail", "甲方电子邮箱"),
            Map.entry("partyBAddress", "乙方送达地址"), Map.entry("partyBEmail", "乙方电子邮箱"),
            Map.entry("emailServiceAgreed", "同意电子邮件送达"), Map.entry("direction", "方向"));

    /** Enumerations by the name of the field that holds them (or holds a list of them). */
    private static final Map<String, Function<String, Enum<?>>> ENUMS = Map.ofEntries(
            Map.entry("method", name -> Terms.PaymentMethod.valueOf(name)),
            Map.entry("categories", name -> category(name)),
            Map.entry("methods", name -> method(name)),
            Map.entry("sharingMethods", name -> Terms.SharingMethod.valueOf(name)),
            Map.entry("processingRole", name -> Terms.ProcessingRole.valueOf(name)),
            Map.entry("legalBasis", name -> Terms.LegalBasis.valueOf(name)),
            Map.entry("crossBorderMechanism", name -> Terms.CrossBorderMechanism.valueOf(name)),
            Map.entry("ownership", name -> Terms.IpOwnership.valueOf(name)),
            Map.entry("invoiceType", name -> Terms.InvoiceType.valueOf(name)),
            Map.entry("trigger", name -> Terms.PaymentTrigger.valueOf(name)),
            Map.entry("direction", name -> direction(name)));

    private static final Map<String, String> WORDS = Map.ofEntries(
            Map.entry("FIXED", "固定金额"), Map.entry("PERCENT_OF_AMOUNT", "按合同金额的百分比"),
            Map.entry("DAILY_RATE", "按日计算"), Map.entry("ARBITRATION", "仲裁"), Map.entry("LITIGATION", "诉讼"),
            Map.entry("NEGOTIATION_THEN_ARBITRATION", "协商不成的，提交仲裁"),
            Map.entry("NEGOTIATION_THEN_LITIGATION", "协商不成的，向法院起诉"));

    /**
     * Bookkeeping of the saved content that is not a term of the contract; the status too, which a lifecycle move
     * changes without a word of the text (the version history says which move made a version).
     */
    private static final Set<String> IGNORED = Set.of("/version", "/updatedAt", "/createdAt", "/createdBy", "/status");

    /**
     * The fields that differ between two saved contents. Objects and lists of objects are followed down to
     * their fields (a list item by its position); a list of plain values (categories, obligations) is one
     * field whose values are listed.
     */
    static List<Redline.Field> diff(JsonNode before, JsonNode after) {
        var out = new ArrayList<Redline.Field>();
        diff("", before, after, out);
        return out;
    }

    private static void diff(String path, JsonNode before, JsonNode after, List<Redline.Field> out) {
        boolean beforeMissing = missing(before);
        boolean afterMissing = missing(after);
        if ((beforeMissing && afterMissing) || IGNORED.contains(path)) {
            return;
        }
        if (!beforeMissing && !afterMissing && before.equals(after)) {
            return;
        }
        if (container(before, beforeMissing) && container(after, afterMissing)) {
            var names = new TreeSet<String>();
            int items = 0;
            for (JsonNode node : new JsonNode[] {before, after}) {
                if (!missing(node) && node.isObject()) {
                    names.addAll(node.propertyNames());
                } else if (!missing(node)) {
                    items = Math.max(items, node.size());
                }
            }
            for (String name : names) {
                diff(path + "/" + name.replace("~", "~0").replace("/", "~1"), child(before, name), child(after, name), out);
            }
            for (int i = 0; i < items; i++) {
                diff(path + "/" + i, item(before, i), item(after, i), out);
            }
            return;
        }
        out.add(field(path.isEmpty() ? "/" : path, text(before), text(after)));
    }

    /** An object, or a list holding an object: followed down. A list of plain values is one value. */
    private static boolean container(JsonNode node, boolean missing) {
        if (missing) {
            return true;
        }
        if (node.isObject()) {
            return true;
        }
        if (!node.isArray()) {
            return false;
        }
        for (JsonNode item : node) {
            if (item.isContainer()) {
                return true;
            }
        }
        return false;
    }

    private static boolean missing(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() || (node.isArray() && node.isEmpty());
    }

    private static JsonNode child(JsonNode node, String name) {
        return missing(node) || !node.isObject() ? null : node.get(name);
    }

    private static JsonNode item(JsonNode node, int i) {
        return missing(node) || !node.isArray() || i >= node.size() ? null : node.get(i);
    }

    /** A value, or a list of plain values as their texts; null for nothing. */
    private static List<String> text(JsonNode node) {
        if (missing(node)) {
            return null;
        }
        var out = new ArrayList<String>();
        if (node.isArray()) {
            node.forEach(item -> out.add(item.asString()));
        } else {
            out.add(node.asString());
        }
        return out;
    }

    /** The label of one JSON pointer of the saved content, as {@link #diff} names it. */
    static String label(String path) {
        return field(path, null, null).label();
    }

    private static Redline.Field field(String path, List<String> before, List<String> after) {
        String[] segments = path.substring(1).split("/");
        var label = new StringBuilder();
        String field = null;
        String previous = null;
        for (String raw : segments) {
            String segment = raw.replace("~1", "/").replace("~0", "~");
            if (segment.matches("\\d{1,9}")) {
                label.append(" 第").append(Integer.parseInt(segment) + 1).append("项");
                continue;
            }
            // the value of an amount is the amount itself; the terms are the contract's, not a heading
            boolean silent = segment.equals("terms") || (segment.equals("value") && previous != null);
            if (!silent) {
                label.append(label.isEmpty() ? "" : " ").append(NAMES.getOrDefault(segment, segment));
                field = segment;
            }
            previous = segment;
        }
        boolean money = path.endsWith("/value") && !path.contains("/liquidatedDamages/");
        return new Redline.Field(path, label.toString().strip(), values(before, field, money),
                values(after, field, money));
    }

    private static String values(List<String> raw, String field, boolean money) {
        if (raw == null) {
            return "—";
        }
        var out = new ArrayList<String>(raw.size());
        raw.forEach(v -> out.add(value(v, field, money)));
        return String.join("、", out);
    }

    private static String value(String raw, String field, boolean money) {
        if (money) {
            try {
                var format = new DecimalFormat("¥#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
                return format.format(new BigDecimal(raw));
            } catch (NumberFormatException notANumber) {
                return raw;
            }
        }
        if (raw.equals("true") || raw.equals("false")) {
            return raw.equals("true") ? "是" : "否";
        }
        if (WORDS.containsKey(raw)) {
            return WORDS.get(raw);
        }
        var enumeration = field == null ? null : ENUMS.get(field);
        if (enumeration != null) {
            try {
                return Labels.of(enumeration.apply(raw));
            } catch (IllegalArgumentException unknown) {
                return raw;
            }
        }
        return raw;
    }

    /** An NDA's direction (MUTUAL, ONE_WAY) or a sharing agreement's (PARTY_A_PROVIDES …): both are "direction". */
    private static Enum<?> direction(String name) {
        for (var d : Terms.NdaDirection.values()) {
            if (d.name().equals(name)) {
                return d;
            }
        }
        return Terms.SharingDirection.valueOf(name);
    }

    private static Enum<?> category(String name) {
        try {
            return Terms.InformationCategory.valueOf(name);
        } catch (IllegalArgumentException notThatOne) {
            return Terms.SharedCategory.valueOf(name);
        }
    }

    private static Enum<?> method(String name) {
        try {
            return Terms.MaintenanceMethod.valueOf(name);
        } catch (IllegalArgumentException notThatOne) {
            return Terms.ConsultingMethod.valueOf(name);
        }
    }
}
