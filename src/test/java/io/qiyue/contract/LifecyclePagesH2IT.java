package io.qiyue.contract;

import io.qiyue.testing.ApiTestSupport;
import io.qiyue.testing.Browser;
import io.qiyue.testing.ContractSamples;
import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.UsingDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lifecycle on the contract page: the buttons follow the transition table and the caller's rights, a
 * refused termination shows the page again with the input and the error beside the field, renewal opens
 * the successor, and both pages link to each other.
 */
@UsingDatabase(TestDatabase.H2)
class LifecyclePagesH2IT extends ApiTestSupport {
    @Autowired
    Contracts contracts;

    /** The submit button says what it did on the page it returns to, not only by the status badge (outside tester). */
    @Test
    void submittingFromThePageSaysItWasSubmitted() {
        var sales = createUser("SALES", null);
        String id = createContract(sales.client(), "SERVICE").path("id").asString();
        acceptWarnings(sales.client(), id);
        var browser = new Browser(port).login(sales.username(), USER_PASSWORD);
        var submitted = browser.submit("/contracts/" + id + "/submit", "/contracts/" + id,
                "version", String.valueOf(version(id)));
        assertThat(submitted.statusCode()).as("%s", submitted.body()).isEqualTo(302);
        String back = submitted.headers().firstValue("Location").orElseThrow();
        assertThat(back).endsWith("/contracts/" + id + "?moved=SUBMIT");
        assertThat(browser.get("/contracts/" + id + "?moved=SUBMIT").body()).contains("id=\"contract-moved\"", "已提交审批");
        // only the moves it knows: another value shows nothing
        assertThat(browser.get("/contracts/" + id + "?moved=%3Cb%3E").body()).doesNotContain("id=\"contract-moved\"");
        // the lists name the owner as the contract page does, by display name (outside tester)
        String owner = ">测试用户 " + sales.username() + "<";
        assertThat(browser.get("/contracts").body()).contains(owner);
        assertThat(browser.get("/customers").body()).contains(owner);
    }

    @Test
    void terminationAndRenewalFromTheContractPage() {
        var sales = createUser("SALES", null);
        String id = signed(sales.username());
        var browser = new Browser(port).login(sales.username(), USER_PASSWORD);
        String page = browser.get("/contracts/" + id).body();
        assertThat(page).contains("id=\"lifecycle-terminate-open\"", "id=\"lifecycle-renew-open\"")
                .doesNotContain("id=\"lifecycle-submit\"", "id=\"edit-contract\"");

        var refused = browser.submit("/contracts/" + id + "/terminate", "/contracts/" + id,
                "version", String.valueOf(version(id)), "reason", " ", "date", ContractSamples.YEAR + "-03-01");
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("请填写终止原因", "value=\"" + ContractSamples.YEAR + "-03-01\"", "<details id=\"lifecycle-terminate\"")
                .containsPattern("id=\"lifecycle-terminate\"[^>]*open=\"open\"");
        assertThat(admin().get("/api/v1/contracts/" + id).json().path("status").asString()).isEqualTo("SIGNED");

        // a title too long is told beside the title (it was refused without a word on the page: outside tester)
        var tooLong = browser.submit("/contracts/" + id + "/renew", "/contracts/" + id,
                "version", String.valueOf(version(id)), "title", "长".repeat(600));
        assertThat(tooLong.body()).containsPattern(
                "<input[^>]*is-invalid[^>]*id=\"renew-title\"|<input[^>]*id=\"renew-title\"[^>]*is-invalid");
        var renewed = browser.submit("/contracts/" + id + "/renew", "/contracts/" + id,
                "version", String.valueOf(version(id)), "startDate", (ContractSamples.YEAR + 1) + "-01-01",
                "endDate", (ContractSamples.YEAR + 1) + "-12-31", "title", (ContractSamples.YEAR + 1) + "年度服务合同（续签）");
        assertThat(renewed.statusCode()).isEqualTo(302);
        String successor = renewed.headers().firstValue("Location").orElseThrow().replaceAll(".*/contracts/", "");
        assertThat(browser.get("/contracts/" + successor).body()).contains((ContractSamples.YEAR + 1) + "年度服务合同（续签）",
                "id=\"lifecycle-predecessor\"", "/contracts/" + id);
        assertThat(browser.get("/contracts/" + id).body()).contains("id=\"lifecycle-successor\"")
                .doesNotContain("id=\"lifecycle-renew-open\"");

        var terminated = browser.submit("/contracts/" + id + "/terminate", "/contracts/" + id,
                "version", String.valueOf(version(id)), "reason", "客户书面通知解除", "date", LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString());
        assertThat(terminated.statusCode()).isEqualTo(302);
        assertThat(browser.get("/contracts/" + id).body()).contains("已于 " + LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")) + " 终止：客户书面通知解除")
                .doesNotContain("id=\"lifecycle-terminate-open\"");
    }

    /**
     * The termination form offers today in China whatever the server's zone: a server on UTC offered yesterday there
     * before 08:00, and that date, submitted as offered, ended the contract a day back.
     */
    @Test
    void theTerminationFormOffersTheBusinessDayWhateverTheServersZone() {
        var sales = createUser("SALES", null);
        String id = signed(sales.username());
        var browser = new Browser(port).login(sales.username(), USER_PASSWORD);
        var china = java.time.ZonedDateTime.now(java.time.ZoneId.of("Asia/Shanghai"));
        // a zone whose day is not China's now: 20 hours behind it, or, late in its evening, 6 hours ahead
        String elsewhere = china.getHour() < 20 ? "Etc/GMT+12" : "Pacific/Kiritimati";
        var serverZone = java.util.TimeZone.getDefault();
        String page;
        try {
            java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone(elsewhere));
            page = browser.get("/contracts/" + id).body();
        } finally {
            java.util.TimeZone.setDefault(serverZone);
        }
        assertThat(page).containsPattern("id=\"terminate-date\"[^>]*value=\"" + china.toLocalDate() + "\"");
    }

    /** A contract that renews itself says so, and its owner records a notice of non-renewal from the page. */
    @Test
    void aNoticeOfNonRenewalFromTheContractPage() {
        var sales = createUser("SALES", null);
        String id = signed(sales.username(), true);
        var browser = new Browser(port).login(sales.username(), USER_PASSWORD);
        int end = ContractSamples.YEAR;
        assertThat(browser.get("/contracts/" + id).body()).contains("id=\"lifecycle-auto-renew\"",
                "将自动续期一年至 " + (end + 1), "id=\"lifecycle-non-renewal-form\"");
        var noticed = browser.submit("/contracts/" + id + "/non-renewal", "/contracts/" + id, "reason", "客户另行招标");
        assertThat(noticed.statusCode()).isEqualTo(302);
        assertThat(browser.get("/contracts/" + id).body()).contains("id=\"lifecycle-non-renewal\"", "客户另行招标")
                .doesNotContain("id=\"lifecycle-non-renewal-form\"", "将自动续期一年");
        assertThat(new Browser(port).login(createUser("VIEWER", null).username(), USER_PASSWORD)
                .get("/contracts/" + id).body()).doesNotContain("id=\"lifecycle-non-renewal-form\"");
    }

    @Test
    void aReaderWhoMayNotChangeTheContractSeesNoLifecycleButtons() {
        var sales = createUser("SALES", null);
        var viewer = createUser("VIEWER", null);
        String id = signed(sales.username());
        String page = new Browser(port).login(viewer.username(), USER_PASSWORD).get("/contracts/" + id).body();
        assertThat(page).doesNotContain("lifecycle-terminate-open", "lifecycle-renew-open", "id=\"lifecycle-terminate\"");
    }

    /** Renewal chosen for an indefinite term (QY-V010 warns): its page has no renewal to tell, and still opens. */
    @Test
    void anIndefiniteContractThatWasToRenewItselfShowsItsPage() {
        var sales = createUser("SALES", null);
        String customerId = createOrganization(admin()).path("id").asString();
        var body = ContractSamples.contract("SERVICE", unique("不定期合同"), customerId, ourEntityId());
        body.put("owner", sales.username());
        body.put("autoRenew", true);
        body.putNull("endDate");
        String id = createContract(admin(), body).path("id").asString();
        for (ContractAction action : List.of(ContractAction.SUBMIT, ContractAction.APPROVE, ContractAction.START_SIGNING,
                ContractAction.SIGN)) {
            contracts.advance(id, action, null, "admin");
        }
        var browser = new Browser(port).login(sales.username(), USER_PASSWORD);
        var page = browser.get("/contracts/" + id);
        assertThat(page.statusCode()).as("an outside tester got a 500 here").isEqualTo(200);
        // no term to renew either (outside tester: 续签 was offered and made an indefinite successor)
        assertThat(page.body()).doesNotContain("id=\"lifecycle-auto-renew\"", "id=\"lifecycle-non-renewal-form\"",
                "id=\"lifecycle-renew-open\"", "id=\"lifecycle-renew\"").contains("id=\"lifecycle-terminate-open\"");
        var refused = browser.submit("/contracts/" + id + "/renew", "/contracts/" + id,
                "version", String.valueOf(version(id)));
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("id=\"lifecycle-error\"", "不定期合同");
        var successor = admin().get("/api/v1/contracts/" + id + "/lifecycle").json().path("successorId");
        assertThat(successor.isMissingNode() || successor.isNull()).as("%s", successor).isTrue();
    }

    private int version(String id) {
        return admin().get("/api/v1/contracts/" + id).json().path("version").asInt();
    }

    private String signed(String owner) {
        return signed(owner, false);
    }

    private String signed(String owner, boolean autoRenew) {
        String customerId = createOrganization(admin()).path("id").asString();
        var body = ContractSamples.contract("SERVICE", unique("页面合同"), customerId, ourEntityId());
        body.put("owner", owner);
        body.put("autoRenew", autoRenew);
        String id = createContract(admin(), body).path("id").asString();
        for (ContractAction action : List.of(ContractAction.SUBMIT, ContractAction.APPROVE, ContractAction.START_SIGNING,
                ContractAction.SIGN)) {
            contracts.advance(id, action, null, "admin");
        }
        return id;
    }
}
