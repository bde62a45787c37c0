package io.qiyue.signing;

import com.microsoft.playwright.Browser;
import io.qiyue.contract.ContractAction;
import io.qiyue.contract.Contracts;
import io.qiyue.testing.ChromiumTestSupport;
import io.qiyue.testing.ContractSamples;
import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.UsingDatabase;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signing in headless Chromium: the owner names the signers and signs for us on the signing page with the
 * password, then the customer's contact signs on the link with the e-mailed code and a name stamp. The signed
 * PDF's signature page is rendered to {@code target/screenshots/signed-page.png}: both parties' seals over
 * their names and the two 骑缝章 halves at the right edge must be there.
 */
@UsingDatabase(TestDatabase.H2)
class SigningBrowserIT extends ChromiumTestSupport {
    private static final Pattern LINK = Pattern.compile("/s/([A-Za-z0-9_-]{43})");
    private static final Pattern CODE = Pattern.compile("验证码为：(\\d{6})");

    @Autowired
    Contracts contracts;
    @Autowired
    JdbcClient jdbc;

    @Test
    void ourSignatoryThenTheCustomerSignAndTheSignedPageShowsBothSealsAndTheStraddleSeal() throws IOException {
        var sales = createUser("SALES", null);
        var customer = createOrganization(sales.client());
        var entity = admin().post("/api/v1/our-entities", """
                { "name": "契约示例（杭州）信息技术有限公司", "creditCode": "%s", "address": "杭州市西湖区文三路 90 号",
                  "legalRepresentative": "王五", "bankName": "中国建设银行杭州分行", "bankAccount": "33050161234500000001" }
                """.formatted(io.qiyue.testing.TestIdentifiers.creditCode())).json().path("id").asString();
        var seal = SealApiContract.upload(admin(), entity, "seal.png",
                SealImages.companySeal("契约示例（杭州）信息技术有限公司", "合同专用章"), "CONTRACT", "合同专用章",
                sales.username());
        assertThat(seal.status()).as("%s", seal).isEqualTo(201);
        var body = ContractSamples.contract("SERVICE", unique("浏览器签署"), customer.path("id").asString(), entity);
        var created = createContract(sales.client(), body);
        String id = created.path("id").asString();
        String number = created.path("number").asString();
        acceptWarnings(sales.client(), id);
        contracts.advance(id, ContractAction.SUBMIT, null, sales.username());
        contracts.advance(id, ContractAction.APPROVE, "同意", "admin");
        String base = "http://127.0.0.1:" + port;

        try (var context = browser.newContext(new Browser.NewContextOptions().setLocale("zh-CN")
                .setViewportSize(1280, 900))) {
            var page = context.newPage();
            page.navigate(base + "/login");
            page.fill("#username", sales.username());
            page.fill("#password", USER_PASSWORD);
            page.click("#login-submit");
            page.waitForURL(u -> !u.contains("/login"));

            page.navigate(base + "/contracts/" + id);
            page.click("#open-signing");
            page.selectOption("#plan-order", "OURS_FIRST");
            page.fill("#plan-ours", sales.username());
            page.check("#theirs-" + customer.path("contacts").get(0).path("id").asString());
            page.click("#plan-submit");
            assertThat(page.locator("#notice")).hasText("签署人已保存。");

            page.click("#back-to-contract");
            // the answer sends htmx to the contract page again (HX-Redirect): wait until that page has loaded,
            // or the next navigation races it and one of them is aborted (waiting for its request alone let the
            // old page's load state answer at once, and a loaded CI machine lost the race)
            page.waitForNavigation(() -> page.click("#lifecycle-signing"));
            page.navigate(base + "/contracts/" + id + "/sign");
            assertThat(page.locator("#round-status")).hasText("进行中");
            assertThat(page.locator("#hash-match")).hasText("与审批文件一致");
            page.fill("#sign-password", "wrong-password");
            page.click("#our-sign-submit");
            assertThat(page.locator("#error-detail")).containsText("登录密码不正确");
            page.fill("#sign-password", USER_PASSWORD);
            page.click("#our-sign-submit");
            assertThat(page.locator("#notice")).hasText("已签署。");
            // our side signed: the plan is still offered for the customer's signers, ours and the order read-only
            assertThat(page.locator("#plan-settled")).containsText("我方已有人签署");
            assertThat(page.locator("#plan-ours")).not().isEditable();
            assertThat(page.locator("#plan-order")).isDisabled();
            page.click("#plan-submit");
            assertThat(page.locator("#notice")).hasText("签署人已保存。");
        }

        String token = latest(customer.path("contacts").get(0).path("email").asString(), number, LINK);
        try (var context = browser.newContext(new Browser.NewContextOptions().setLocale("zh-CN")
                .setViewportSize(390, 844))) {
            var page = context.newPage();
            page.navigate(base + "/s/" + token);
            assertThat(page.locator("h1")).hasText(body.path("title").asString());
            assertThat(page.locator("#signer-name")).containsText("李四");
            page.click("#send-code");
            assertThat(page.locator("#code-sent")).isVisible();
            String code = latest(customer.path("contacts").get(0).path("email").asString(), number, CODE);
            page.fill("#code", code);
            page.fill("#typedName", "李四");
            Path shots = Path.of("target", "screenshots");
            Files.createDirectories(shots);
            // a company customer signs under its seal, not the signer's name stamp
            Path theirSeal = Files.write(shots.resolve("customer-seal.png"), SigningApiContract.SealPng.red());
            page.setInputFiles("#sealImage", theirSeal);
            page.screenshot(new com.microsoft.playwright.Page.ScreenshotOptions()
                    .setPath(shots.resolve("customer-signing-page.png")).setFullPage(true));
            page.click("#sign-submit");
            assertThat(page.locator("#signing-signed")).isVisible();
            assertThat(context.cookies()).as("no session for the customer").isEmpty();
        }

        var signed = sales.client().request("GET", "/api/v1/contracts/" + id + "/signed-document").sendForBytes();
        assertThat(signed.statusCode()).isEqualTo(200);
        try (var doc = Loader.loadPDF(signed.body())) {
            assertThat(doc.getSignatureDictionaries()).hasSize(2);
            int last = doc.getNumberOfPages() - 1;
            BufferedImage image = new PDFRenderer(doc).renderImageWithDPI(last, 80);
            Path shot = Path.of("target", "screenshots", "signed-page.png");
            ImageIO.write(image, "png", shot.toFile());
            assertThat(redPixels(image, 0, image.getWidth() / 2)).as("甲方's seal on the left half").isGreaterThan(300);
            assertThat(redPixels(image, image.getWidth() / 2, image.getWidth() - image.getWidth() / 20))
                    .as("乙方's seal on the right half").isGreaterThan(300);
            assertThat(redPixels(image, image.getWidth() - image.getWidth() / 25, image.getWidth()))
                    .as("骑缝章 at the right edge").isGreaterThan(50);
        }
    }

    private String latest(String email, String number, Pattern pattern) {
        for (String mail : jdbc.sql("SELECT payload FROM notification_outbox WHERE target = ? ORDER BY created_at DESC,"
                + " id").param(email).query(String.class).list()) {
            var m = pattern.matcher(mail);
            if (mail.contains(number) && m.find()) {
                return m.group(1);
            }
        }
        throw new AssertionError("nothing e-mailed to " + email + " for " + number);
    }

    private static int redPixels(BufferedImage image, int fromX, int toX) {
        int count = 0;
        for (int x = Math.max(0, fromX); x < Math.min(image.getWidth(), toX); x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                if (r > 150 && g < 110 && b < 110) {
                    count++;
                }
            }
        }
        return count;
    }
}
