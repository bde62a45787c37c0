package io.qiyue.demo;

import io.qiyue.contract.ContractInput;
import io.qiyue.contract.ContractTerms;
import io.qiyue.contract.ContractType;
import io.qiyue.contract.Contracts;
import io.qiyue.contract.Terms;
import io.qiyue.customer.ContactInput;
import io.qiyue.customer.CreditCode;
import io.qiyue.customer.CustomerInput;
import io.qiyue.customer.CustomerKind;
import io.qiyue.customer.CustomerLevel;
import io.qiyue.customer.CustomerQuery;
import io.qiyue.customer.Customers;
import io.qiyue.customer.IdNumber;
import io.qiyue.customer.OurEntities;
import io.qiyue.customer.OurEntityInput;
import io.qiyue.security.Role;
import io.qiyue.security.RunAs;
import io.qiyue.security.TeamInput;
import io.qiyue.security.UserAdministration;
import io.qiyue.security.UserInput;
import io.qiyue.shared.Money;
import io.qiyue.signing.SealImages;
import io.qiyue.signing.SealKind;
import io.qiyue.signing.Seals;
import io.qiyue.template.Clauses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Loads the demo set once, into an installation that has no customers yet, when {@code qiyue.demo-data} is true. That
 * switch is read when the application runs, not as a bean condition: the packaged jar's bean definitions are fixed
 * when it is built (Spring AOT), its configuration is not.
 */
@Component
@Order(10)
class DemoData implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private static final String[][] ORGANIZATIONS = {
            {"杭州云帆信息技术有限公司", "330106", "浙江省杭州市西湖区文三路478号", "陈建国", "软件和信息技术服务业"},
            {"上海浦江智能制造股份有限公司", "310115", "上海市浦东新区张江路1238号", "王丽华", "制造业"},
            {"北京华辰数据科技有限公司", "110108", "北京市海淀区中关村大街27号", "李明", "软件和信息技术服务业"},
            {"深圳前海星联贸易有限公司", "440305", "广东省深圳市南山区前海大道88号", "张伟", "批发和零售业"},
            {"广州粤通物流有限公司", "440106", "广东省广州市天河区珠江新城花城大道66号", "刘洋", "交通运输、仓储和邮政业"},
            {"南京金陵医药连锁有限公司", "320102", "江苏省南京市玄武区中山路18号", "赵敏", "卫生和社会工作"},
            {"成都天府文旅发展有限公司", "510104", "四川省成都市锦江区红星路三段1号", "孙强", "文化、体育和娱乐业"},
            {"武汉光谷新材料有限公司", "420111", "湖北省武汉市洪山区光谷大道77号", "周磊", "制造业"},
            {"苏州工业园区博远电子有限公司", "320506", "江苏省苏州市工业园区星湖街328号", "吴芳", "制造业"},
            {"西安秦岭能源集团有限公司", "610113", "陕西省西安市雁塔区科技路38号", "郑浩", "电力、热力、燃气及水生产和供应业"},
            {"重庆两江汽车零部件有限公司", "500112", "重庆市渝北区金开大道99号", "冯静", "制造业"},
            {"天津滨海港航服务有限公司", "120116", "天津市滨海新区新港二号路35号", "陈晨", "交通运输、仓储和邮政业"},
            {"青岛海湾食品有限公司", "370212", "山东省青岛市崂山区香港东路195号", "褚娜", "制造业"},
            {"厦门鹭岛金融信息服务有限公司", "350203", "福建省厦门市思明区鹭江道8号", "卫东", "金融业"},
            {"长沙湘江教育科技有限公司", "430104", "湖南省长沙市岳麓区麓谷大道627号", "蒋琳", "教育"},
            {"合肥庐州智慧城市运营有限公司", "340104", "安徽省合肥市蜀山区望江西路800号", "沈涛", "公共管理、社会保障和社会组织"},
            {"宁波甬江外贸进出口有限公司", "330212", "浙江省宁波市鄞州区天童南路588号", "韩雪", "批发和零售业"},
            {"郑州中原冷链物流有限公司", "410105", "河南省郑州市金水区花园路39号", "杨帆", "交通运输、仓储和邮政业"},
    };
    private static final String[][] PERSONS = {
            {"林晓雨", "110105", "19880315", "北京市朝阳区建国路93号"},
            {"黄志远", "310104", "19791102", "上海市徐汇区漕溪北路28号"},
    };

    private final boolean enabled;
    private final RunAs runAs;
    private final UserAdministration users;
    private final OurEntities ourEntities;
    private final Customers customers;
    private final Contracts contracts;
    private final Seals seals;
    private final Clauses clauses;
    private final String demoPassword;

    DemoData(RunAs runAs, UserAdministration users, OurEntities ourEntities, Customers customers, Contracts contracts,
             Seals seals, Clauses clauses, @Value("${qiyue.demo-data:false}") boolean enabled,
             @Value("${qiyue.demo-password:qiyue-demo-2026}") String demoPassword) {
        this.enabled = enabled;
        this.clauses = clauses;
        this.runAs = runAs;
        this.users = users;
        this.ourEntities = ourEntities;
        this.customers = customers;
        this.contracts = contracts;
        this.seals = seals;
        this.demoPassword = demoPassword;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!enabled) {
            return;
        }
        runAs.user("admin", () -> {
            if (customers.list(CustomerQuery.ALL, 0, 1, null).total() > 0) {
                log.info("Demo data skipped: the database already has customers");
                return null;
            }
            load();
            return null;
        });
    }

    private void load() {
        var east = users.createTeam(new TeamInput("华东销售部", null));
        var south = users.createTeam(new TeamInput("华南销售部", null));
        var manager = user("manager.east", "周经理", Set.of(Role.SALES_MANAGER), east.id());
        users.updateTeam(east.id(), east.version(), new TeamInput(east.name(), manager));
        user("sales.zhang", "张销售", Set.of(Role.SALES), east.id());
        user("sales.li", "李销售", Set.of(Role.SALES), east.id());
        user("sales.wang", "王销售", Set.of(Role.SALES), south.id());
        user("legal.chen", "陈法务", Set.of(Role.LEGAL), null);
        user("finance.liu", "刘财务", Set.of(Role.FINANCE), null);
        user("viewer.sun", "孙只读", Set.of(Role.VIEWER), null);
        List<String> salesOwners = List.of("sales.zhang", "sales.li", "sales.wang", "manager.east");

        var shanghai = ourEntities.create(new OurEntityInput("契约科技（上海）有限公司", creditCode("310115", 1),
                "上海市浦东新区世纪大道100号", "钱立新", "招商银行上海分行张江支行", "6214830212345678"));
        var hangzhou = ourEntities.create(new OurEntityInput("契约科技（杭州）有限公司", creditCode("330108", 2),
                "浙江省杭州市滨江区网商路699号", "钱立新", "中国工商银行杭州高新支行", "1202026209900123456"));
        // a generated 合同专用章 per entity, for our demo signatories: the legal counsel and the sales manager
        for (var entity : List.of(shanghai, hangzhou)) {
            seals.upload(entity.id(), SealKind.CONTRACT.name(), "合同专用章", List.of("legal.chen", "manager.east"),
                    SealImages.companySeal(entity.name(), "合同专用章"), "contract-seal.png");
        }

        StandardClauses.ALL.forEach(standard -> clauses.create(standard.input()));

        var random = new Random(20261124);
        var customerIds = new ArrayList<String>();
        for (int i = 0; i < ORGANIZATIONS.length; i++) {
            String[] o = ORGANIZATIONS[i];
            String owner = salesOwners.get(i % salesOwners.size());
            var contact = new ContactInput(null, o[3].charAt(0) + "经理", "采购经理",
                    "13" + (5 + i % 5) + String.format("%08d", 10000000 + i * 7919),
                    i % 3 == 0 ? "0571-8" + String.format("%07d", 1000000 + i * 37) + "-8" + i : null,
                    "buyer" + (i + 1) + "@example.com", true);
            customerIds.add(customers.create(new CustomerInput(CustomerKind.ORGANIZATION, o[0], creditCode(o[1], 100 + i), null,
                    o[2], o[3], o[4], CustomerLevel.values()[i % 3], null, owner, List.of(contact))).id());
        }
        for (int i = 0; i < PERSONS.length; i++) {
            String[] p = PERSONS[i];
            String first17 = p[1] + p[2] + "12" + (3 + i);
            customerIds.add(customers.create(new CustomerInput(CustomerKind.PERSON, p[0], null,
                    first17 + IdNumber.checkCharacterFor(first17), p[3], null, "个人客户", CustomerLevel.C, null,
                    salesOwners.get(i), List.of())).id());
        }

        ContractType[] types = ContractType.values();
        for (int i = 0; i < 50; i++) {
            ContractType type = types[i % types.length];
            int customerIndex = (i * 7) % customerIds.size();
            String customerId = customerIds.get(customerIndex);
            String owner = customers.get(customerId).owner();
            LocalDate start = LocalDate.of(2026, 1, 1).plusDays(random.nextInt(540));
            LocalDate end = start.plusYears(1).minusDays(1);
            BigDecimal amount = type.paid() ? BigDecimal.valueOf(20_000 + random.nextInt(60) * 5_000L) : null;
            String title = start.getYear() + "年度" + customers.get(customerId).name().replaceAll("(股份)?有限公司$", "")
                    + type.nameZh().replace("客户", "");
            contracts.create(new ContractInput(type, title, customerId, i % 3 == 0 ? hangzhou.id() : shanghai.id(), owner,
                    amount == null ? null : Money.cny(amount), start, end, i % 4 == 0, i % 4 == 0 ? 30 : null,
                    terms(type, amount, start, end, i % 3 == 0 ? hangzhou.name() : shanghai.name(), random)));
        }
        log.info("Demo data loaded: {} customers, 50 contracts, 7 users (password: see README), a contract seal per entity,"
                + " {} standard clauses", customerIds.size(), StandardClauses.ALL.size());
    }

    private String user(String username, String displayName, Set<Role> roles, String teamId) {
        return users.create(new UserInput(username, displayName, username + "@qiyue.example", roles, teamId, true,
                demoPassword)).id();
    }

    private static String creditCode(String region, int serial) {
        String first17 = "91" + region + String.format("MA%07d", serial);
        return first17 + CreditCode.checkCharacterFor(first17);
    }

    private static ContractTerms terms(ContractType type, BigDecimal amount, LocalDate start, LocalDate end,
                                       String ourEntityName,
                                       Random random) {
        var payment = amount == null ? null : new Terms.Payment(Terms.PaymentMethod.BANK_TRANSFER, List.of(
                new Terms.Instalment(start.plusDays(15), null, Money.cny(half(amount)), "首期款"),
                new Terms.Instalment(start.plusMonths(6), null, Money.cny(amount.subtract(half(amount))), "二期款")),
                null, null);
        var rights = rights(type);
        // a share of the price for the paid types; the agreements have no price, so a fixed sum
        var breach = type.paid()
                ? new Terms.Breach(new Terms.LiquidatedDamages(Terms.DamagesBasis.PERCENT_OF_AMOUNT,
                        BigDecimal.valueOf(5 + random.nextInt(4) * 5L)),
                        "任何一方违约的，应向守约方支付违约金；违约金不足以弥补损失的，应赔偿差额部分。")
                : new Terms.Breach(new Terms.LiquidatedDamages(Terms.DamagesBasis.FIXED, BigDecimal.valueOf(100_000)),
                        "违反本协议保密义务的，违约方应支付违约金；违约金不足以弥补损失的，应赔偿差额部分。");
        var dispute = random.nextBoolean()
                ? new Terms.Dispute(Terms.DisputeMethod.ARBITRATION, "上海国际经济贸易仲裁委员会", null)
                : new Terms.Dispute(Terms.DisputeMethod.NEGOTIATION_THEN_LITIGATION, null, "上海市浦东新区人民法院");
        String self = type.selfReference();
        // a circumstance only: the document's clause already says who may terminate and with what notice
        var termination = new Terms.Termination(List.of("一方严重违约，经对方书面催告后30日内仍未纠正"), 30);
        var ip = new Terms.IntellectualProperty(Terms.IpOwnership.PROVIDER, "服务过程中形成的工作成果知识产权归乙方所有，甲方享有内部使用权。");
        var confidentiality = List.of("未经对方书面同意，不得向第三方披露对方的保密信息", "不得将保密信息用于" + self + "约定之外的用途");
        return switch (type) {
            case SERVICE -> new ContractTerms(payment, rights, breach, dispute, termination, ip, confidentiality,
                    new Terms.Service(List.of(new Terms.Item("服务器及网络设备巡检", "每月一次，出具书面巡检报告"),
                            new Terms.Item("故障处理", "7×24小时受理，4小时内响应，24小时内修复")),
                            "甲方总部及两个分支机构的IT基础设施", "服务可用率不低于99.5%"),
                    null, null, null, null, null, null, null, null);
            case CONFIDENTIALITY -> new ContractTerms(null, rights, breach, dispute, termination, null, confidentiality,
                    null, new Terms.ConfidentialInformation(List.of(Terms.InformationCategory.TRADE_SECRET,
                            Terms.InformationCategory.TECHNICAL), "双方在合作洽谈及履约中披露的技术资料、经营信息",
                            List.of("已为公众所知悉的信息", "接收方独立开发的信息", "从第三方合法获得的信息",
                                    "依法律规定或法院、监管机构要求须披露的信息（仅限要求披露的范围，并应事先书面通知披露方）")),
                    new Terms.PeriodAfterTermination(3), null, null, null, null, null, null);
            case MAINTENANCE -> new ContractTerms(payment, rights, breach, dispute, termination, ip, confidentiality,
                    null, null, null, new Terms.Maintenance(List.of(new Terms.Item("定期回访", "每季度一次现场回访并形成记录"),
                            new Terms.Item("问题解决", "收到故障通知后8小时内响应，3个工作日内解决")),
                            List.of(Terms.MaintenanceMethod.PHONE, Terms.MaintenanceMethod.EMAIL,
                                    Terms.MaintenanceMethod.ONSITE), 90, 8),
                    null, null, null, null, null);
            case CONSULTING -> new ContractTerms(payment, rights, breach, dispute, termination, ip, confidentiality,
                    null, null, null, null, new Terms.Consulting("数字化转型规划咨询，覆盖销售、供应链与财务流程",
                            "咨询报告须经甲方书面验收：覆盖约定的咨询范围、结论有调研数据支撑的，即为合格", List.of(Terms.ConsultingMethod.IN_PERSON,
                            Terms.ConsultingMethod.PHONE, Terms.ConsultingMethod.EMAIL),
                            List.of("现状诊断报告", "数字化转型路线图")),
                    null, null, null, null);
            case INFO_SHARING -> new ContractTerms(null, rights, breach, dispute, termination, null, confidentiality,
                    null, null, null, null, null, new Terms.SharedInformation(List.of(Terms.SharedCategory.BASIC_INFO,
                            Terms.SharedCategory.TRANSACTION_RECORDS), true, false, "联合开展会员积分服务", false, true),
                    List.of(Terms.SharingMethod.SFTP, Terms.SharingMethod.API), new Terms.PeriodAfterTermination(1),
                    new Terms.PersonalInformation(Terms.ProcessingRole.PROVISION, Terms.LegalBasis.SEPARATE_CONSENT,
                            new Terms.Recipient(ourEntityName + "数据合规部", "privacy@example.com"), "加密传输后仅用于积分核算",
                            List.of("传输加密", "访问权限控制", "安全事件应急预案"), "PIA-2026-017", null,
                            "共享期限届满后30日内删除并出具删除证明"));
        };
    }

    /** Each type's own duties: an agreement's parties keep secrets or share data, they do not serve and pay. */
    private static Terms.RightsAndObligations rights(ContractType type) {
        return switch (type) {
            case SERVICE -> new Terms.RightsAndObligations(
                    List.of("按约定标准提供服务，并指派合格人员负责", "对履约过程中知悉的客户信息保密"),
                    List.of("按约定支付服务费用", "为服务提供必要的场地、资料和配合"));
            case CONFIDENTIALITY -> new Terms.RightsAndObligations(
                    List.of("仅为双方合作之目的使用甲方披露的保密信息", "保密信息仅向确有必要知悉的员工披露，并使其承担同等保密义务"),
                    List.of("对乙方披露的技术资料和经营信息承担同等保密义务", "披露信息时以书面或标注方式说明其保密性质"));
            case MAINTENANCE -> new Terms.RightsAndObligations(
                    List.of("按约定的回访周期和方式提供维护服务，并记录每次回访和问题处理情况", "对履约过程中知悉的客户信息保密"),
                    List.of("按约定支付维护费用", "及时反馈系统问题，并为现场维护提供必要的条件和配合"));
            case CONSULTING -> new Terms.RightsAndObligations(
                    List.of("按约定的范围和方式提供咨询服务，指派具备相应经验的顾问", "按期提交咨询成果，并对咨询意见作出必要说明"),
                    List.of("按约定支付咨询费用", "提供咨询所需的资料和信息，并对其真实性负责"));
            case INFO_SHARING -> new Terms.RightsAndObligations(
                    List.of("仅在约定的目的、方式和范围内处理共享信息", "采取约定的安全保护措施，发生信息安全事件时立即补救并通知甲方"),
                    List.of("保证所提供的个人信息已取得个人的单独同意", "不得将共享信息向约定之外的第三方提供"));
        };
    }

    private static BigDecimal half(BigDecimal amount) {
        return amount.divide(BigDecimal.valueOf(2), 2, RoundingMode.HALF_UP);
    }
}
