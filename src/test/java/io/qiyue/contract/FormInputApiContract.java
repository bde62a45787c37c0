package io.qiyue.contract;

import io.qiyue.testing.ApiTestSupport;
import io.qiyue.testing.ContractSamples;
import io.qiyue.testing.TestIdentifiers;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #15, forms that help, over the API: one body reports every problem at once (the fields' own constraints
 * and the rules between them), a contract is refused for an archived or blacklisted customer and for an owner
 * outside the caller's reach, the customer choices offer neither, and contacts take a landline.
 */
abstract class FormInputApiContract extends ApiTestSupport {

    @Test
    void oneContractBodyReportsEveryProblemAtOnce() {
        long before = contractCount();
        ObjectNode body = ContractSamples.contract("SERVICE", "", "no-such-customer", ourEntityId());
        body.putObject("amount").put("value", "-5").put("currency", "CNY");
        body.put("startDate", "2027-06-01");
        body.put("endDate", "2027-01-01");
        body.put("renewalNoticeDays", -3);
        body.put("owner", "nobody_" + unique("x").replace("-", "_"));
        body.putObject("terms").putObject("payment").putObject("deposit").put("value", "-1").put("currency", "CNY");

        var refused = admin().post("/api/v1/contracts", body.toString());

        assertProblem(refused, 400, "title", "amount.value", "endDate", "renewalNoticeDays",
                "terms.payment.deposit.value", "customerId", "owner");
        assertThat(contractCount()).isEqualTo(before);
    }

    @Test
    void anUpdateReportsEveryProblemAtOnceToo() {
        String customerId = createOrganization(admin()).path("id").asString();
        var created = createContract(admin(), ContractSamples.contract("SERVICE", unique("全部错误"), customerId,
                ourEntityId()));
        String path = "/api/v1/contracts/" + created.path("id").asString();
        var current = admin().get(path);

        var refused = admin().patch(path, """
                {"title": " ", "endDate": "2000-01-01", "renewalNoticeDays": 9999, "ourEntityId": "no-such-entity",
                 "terms": {"payment": {"deposit": {"value": "-1", "currency": "CNY"}}}}""", current.header("ETag"));

        assertProblem(refused, 400, "title", "endDate", "renewalNoticeDays", "ourEntityId",
                "terms.payment.deposit.value");
    }

    @Test
    void aContractIsRefusedForAnArchivedOrBlacklistedCustomer() {
        for (String status : new String[] {"ARCHIVED", "BLACKLISTED"}) {
            var customer = createOrganization(admin());
            String customerPath = "/api/v1/customers/" + customer.path("id").asString();
            var changed = admin().patch(customerPath, "{\"status\": \"%s\"}".formatted(status),
                    admin().get(customerPath).header("ETag"));
            assertThat(changed.status()).as("%s", changed).isEqualTo(200);

            var refused = admin().post("/api/v1/contracts", ContractSamples.contract("SERVICE", unique("停用客户"),
                    customer.path("id").asString(), ourEntityId()).toString());

            assertProblem(refused, 400, "customerId");
            assertThat(refused.json().path("errors").get(0).path("message").asString())
                    .contains(customer.path("name").asString())
                    .contains(status.equals("ARCHIVED") ? "已归档" : "黑名单");
        }
    }

    @Test
    void aDraftKeepsItsCustomerWhenTheCustomerIsArchivedLater() {
        var customer = createOrganization(admin());
        String customerPath = "/api/v1/customers/" + customer.path("id").asString();
        var created = createContract(admin(), ContractSamples.contract("SERVICE", unique("先建后归档"),
                customer.path("id").asString(), ourEntityId()));
        admin().patch(customerPath, "{\"status\": \"ARCHIVED\"}", admin().get(customerPath).header("ETag"));
        String path = "/api/v1/contracts/" + created.path("id").asString();

        var saved = admin().patch(path, "{\"title\": \"%s\"}".formatted(unique("改标题")), admin().get(path).header("ETag"));

        assertThat(saved.status()).as("the review warns of the customer; the save does not refuse it: %s", saved)
                .isEqualTo(200);
    }

    @Test
    void theOwnerMustBeWithinTheCallersReachAndMayOwnContracts() {
        String team = createTeam();
        var manager = createUser("SALES_MANAGER", team);
        var member = createUser("SALES", team);
        var outsider = createUser("SALES", createTeam());
        var viewer = createUser("VIEWER", team);
        String customerId = createOrganization(manager.client()).path("id").asString();

        for (var owner : new TestUser[] {outsider, viewer}) {
            var body = ContractSamples.contract("SERVICE", unique("负责人"), customerId, ourEntityId());
            body.put("owner", owner.username());
            assertProblem(manager.client().post("/api/v1/contracts", body.toString()), 400, "owner");
        }
        var toMember = ContractSamples.contract("SERVICE", unique("负责人"), customerId, ourEntityId());
        toMember.put("owner", member.username());
        var created = manager.client().post("/api/v1/contracts", toMember.toString());
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        assertThat(created.json().path("owner").asString()).isEqualTo(member.username());

        var bySalesperson = ContractSamples.contract("SERVICE", unique("负责人"),
                createOrganization(member.client()).path("id").asString(), ourEntityId());
        bySalesperson.put("owner", manager.username());
        assertProblem(member.client().post("/api/v1/contracts", bySalesperson.toString()), 400, "owner");
    }

    @Test
    void oneCustomerBodyReportsEveryProblemAtOnce() {
        long before = customerCount();
        var body = organizationBody("", "not-a-credit-code");
        body.put("owner", "nobody_" + unique("x").replace("-", "_"));
        var contact = (ObjectNode) body.path("contacts").get(0);
        contact.put("name", "");
        contact.put("mobile", "12345");
        contact.put("landline", "12-34");
        contact.put("email", "not-an-address");

        var refused = admin().post("/api/v1/customers", body.toString());

        assertProblem(refused, 400, "name", "creditCode", "owner", "contacts[0].name", "contacts[0].mobile",
                "contacts[0].landline", "contacts[0].email");
        assertThat(customerCount()).isEqualTo(before);
    }

    @Test
    void aContactsLandlineIsKeptInOneFormEncryptedAndMaskedLikeTheMobile() {
        var body = organizationBody(unique("座机客户"), TestIdentifiers.creditCode());
        ((ObjectNode) body.path("contacts").get(0)).put("landline", "（0755）8888 6666 转 123");
        var created = admin().post("/api/v1/customers", body.toString());
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        String id = created.json().path("id").asString();
        assertThat(created.json().path("contacts").get(0).path("landline").asString()).isEqualTo("0755-88886666-123");

        var viewer = createUser("VIEWER", null);
        var asViewer = viewer.client().get("/api/v1/customers/" + id);
        assertThat(asViewer.json().path("contacts").get(0).path("landline").asString()).isEqualTo("0755-****6666-123");

        // what the viewer was shown, sent back by someone who may change it, leaves the number as it is
        var current = admin().get("/api/v1/customers/" + id);
        var masked = (ObjectNode) current.json().deepCopy();
        ((ObjectNode) masked.path("contacts").get(0)).put("landline", "0755-****6666-123");
        var put = admin().put("/api/v1/customers/" + id, masked.toString(), current.header("ETag"));
        assertThat(put.status()).as("%s", put).isEqualTo(200);
        assertThat(put.json().path("contacts").get(0).path("landline").asString()).isEqualTo("0755-88886666-123");
    }
}
