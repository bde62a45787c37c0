package io.qiyue.web;

import io.qiyue.testing.ApiTestSupport;
import io.qiyue.testing.Browser;
import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.TestIdentifiers;
import io.qiyue.testing.UsingDatabase;
import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #15, forms that help, as HTML: the smaller forms report every problem of a save at once, each a link to
 * its field's JSON pointer, with the input kept; the customer picker answers only for customers one may contract with.
 */
@UsingDatabase(TestDatabase.H2)
class FormPagesH2IT extends ApiTestSupport {
    private static final Pattern SUMMARY_LINK = Pattern.compile("data-error-path=\"([^\"]+)\"");

    @Test
    void theUserFormReportsTheTakenNameTheMissingPasswordAndTheConstraintsTogether() {
        var browser = new Browser(port).login("admin", ADMIN_PASSWORD);

        var refused = browser.submit("/admin/users", "/admin/users/new", "username", "admin", "displayName", " ",
                "email", "not-an-address", "teamId", "no-such-team", "password", "");

        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(errorPaths(refused.body())).contains("/username", "/displayName", "/email", "/roles", "/teamId",
                "/password");
        assertThat(refused.body()).contains("value=\"not-an-address\"");
    }

    @Test
    void aFormWhoseTokenNoLongerMatchesSaysItExpiredNotThatTheRoleForbidsIt() {
        var browser = new Browser(port).login("admin", ADMIN_PASSWORD);

        var stale = browser.post("/our-entities", "_csrf=stale-token&name=x");

        assertThat(stale.statusCode()).isEqualTo(403);
        // outside tester: a form posted after its token changed was told the role may not do this
        assertThat(stale.body()).contains("表单已过期").doesNotContain("您的角色无权");
    }

    @Test
    void theOurEntityFormReportsTheCreditCodeWithTheOtherProblems() {
        var browser = new Browser(port).login("admin", ADMIN_PASSWORD);
        String wrongCheck = TestIdentifiers.withWrongCreditCheck(TestIdentifiers.creditCode());

        var refused = browser.submit("/our-entities", "/our-entities/new", "name", "", "creditCode", wrongCheck,
                "address", "");

        assertThat(errorPaths(refused.body())).contains("/name", "/creditCode", "/address");
        assertThat(refused.body()).contains("value=\"" + wrongCheck + "\"");
    }

    @Test
    void theCustomerPickerAnswersOnlyWithActiveCustomersInReachAndRefusesReaders() {
        var owner = createOrganization(admin());
        String name = owner.path("name").asString();
        var sales = createUser("SALES", createTeam());
        var viewer = createUser("VIEWER", null);

        String asAdmin = new Browser(port).login("admin", ADMIN_PASSWORD)
                .htmxGet("/contracts/customer-options?q=" + Browser.enc(name.substring(2))).body();
        assertThat(asAdmin).contains(name, owner.path("creditCode").asString());
        assertThat(new Browser(port).login("admin", ADMIN_PASSWORD)
                .htmxGet("/contracts/customer-options?q=" + owner.path("creditCode").asString().substring(4, 14)).body())
                .contains(name);

        String asSales = new Browser(port).login(sales.username(), USER_PASSWORD)
                .htmxGet("/contracts/customer-options?q=" + Browser.enc(name)).body();
        assertThat(asSales).doesNotContain(name).contains("没有符合的客户");

        assertThat(new Browser(port).login(viewer.username(), USER_PASSWORD)
                .htmxGet("/contracts/customer-options?q=" + Browser.enc(name)).statusCode()).isEqualTo(403);
    }

    private static java.util.List<String> errorPaths(String page) {
        return SUMMARY_LINK.matcher(page).results().map(m -> m.group(1)).toList();
    }
}
