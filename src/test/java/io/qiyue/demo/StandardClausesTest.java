package io.qiyue.demo;

import io.qiyue.contract.Contract;
import io.qiyue.contract.ContractTerms;
import io.qiyue.contract.ContractType;
import io.qiyue.contract.Terms;
import io.qiyue.customer.Customer;
import io.qiyue.customer.CustomerKind;
import io.qiyue.customer.CustomerLevel;
import io.qiyue.customer.CustomerStatus;
import io.qiyue.template.Clause;
import io.qiyue.template.Clauses;
import io.qiyue.template.SampleContracts;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo's standard clauses as a lawyer reads them in the documents they are printed in. */
class StandardClausesTest {
    private static final Customer COMPANY = new Customer("c1", CustomerKind.ORGANIZATION, "杭州示例科技有限公司",
            "91330100716105852F", null, "浙江省杭州市余杭区文一西路969号", "张三", "信息技术", CustomerLevel.A,
            CustomerStatus.ACTIVE, "admin", List.of(), false, 1, Instant.EPOCH, Instant.EPOCH);
    private static final Customer PERSON = new Customer("p1", CustomerKind.PERSON, "赵六", null, "110101199001011234",
            "北京市海淀区中关村大街1号", null, null, CustomerLevel.A, CustomerStatus.ACTIVE, "admin", List.of(), false,
            1, Instant.EPOCH, Instant.EPOCH);

    private static StandardClauses.Standard standard(String title) {
        return StandardClauses.ALL.stream().filter(s -> s.title().equals(title)).findFirst().orElseThrow();
    }

    private static Optional<String> printed(StandardClauses.Standard s, Contract contract, Customer customer) {
        return Clauses.printed(s.text(), contract, customer, null);
    }

    @Test
    void every_standard_clause_fills_in_for_its_type() {
        for (var s : StandardClauses.ALL) {
            var types = s.category().equals(Clause.GENERAL) ? List.of(ContractType.values())
                    : List.of(ContractType.valueOf(s.category()));
            for (ContractType type : types) {
                assertThat(printed(s, SampleContracts.contract(type), COMPANY)).as("%s in %s", s.title(), type)
                        .hasValueSatisfying(text -> assertThat(text).doesNotContain("{{", "}}").endsWith("。"));
            }
        }
    }

    @Test
    void a_natural_person_is_not_sent_to_departments_of_their_own() {
        var integrity = standard("廉洁合作");
        for (ContractType type : ContractType.values()) {
            String person = printed(integrity, SampleContracts.contract(type), PERSON).orElseThrow();
            assertThat(person).startsWith("双方应遵守国家有关反商业贿赂的法律法规。")
                    .contains("甲方发现乙方工作人员索取或收受不正当利益的，可向乙方的监察或法务部门书面举报")
                    .doesNotContain("对方的监察或法务部门", "对方工作人员", "一方发现");
            String company = printed(integrity, SampleContracts.contract(type), COMPANY).orElseThrow();
            assertThat(company).contains("任何一方不得向对方工作人员提供", "可向对方的监察或法务部门书面举报");
        }
    }

    @Test
    void remote_maintenance_rules_only_where_maintenance_is_done_remotely() {
        var remote = standard("远程维护的安全要求");
        Contract sample = SampleContracts.contract(ContractType.MAINTENANCE);
        assertThat(printed(remote, withMethods(sample, List.of(Terms.MaintenanceMethod.ONSITE)), COMPANY)).isEmpty();
        assertThat(printed(remote, withMethods(sample, List.of()), COMPANY)).isEmpty();
        for (var method : List.of(Terms.MaintenanceMethod.PHONE, Terms.MaintenanceMethod.EMAIL,
                Terms.MaintenanceMethod.VIDEO)) {
            assertThat(printed(remote, withMethods(sample, List.of(Terms.MaintenanceMethod.ONSITE, method)), COMPANY))
                    .as("%s", method).hasValueSatisfying(text -> assertThat(text).startsWith("乙方通过远程方式进行维护的"));
        }
    }

    private static Contract withMethods(Contract c, List<Terms.MaintenanceMethod> methods) {
        ContractTerms t = c.terms();
        var m = t.maintenance();
        var terms = new ContractTerms(t.payment(), t.rightsAndObligations(), t.breach(), t.dispute(), t.termination(),
                t.intellectualProperty(), t.confidentialityObligations(), t.service(), t.confidentialInformation(),
                t.confidentialityPeriod(), new Terms.Maintenance(m.items(), methods, m.visitIntervalDays(),
                m.responseHours()), t.consulting(), t.sharedInformation(), t.sharingMethods(), t.sharingPeriod(),
                t.personalInformation(), t.signing(), t.notices());
        return new Contract(c.id(), c.number(), c.type(), c.title(), c.customerId(), c.customerName(), c.ourEntityId(),
                c.owner(), c.amount(), c.startDate(), c.endDate(), c.autoRenew(), c.renewalNoticeDays(), c.status(),
                terms, c.version(), c.createdAt(), c.createdBy(), c.updatedAt());
    }
}
