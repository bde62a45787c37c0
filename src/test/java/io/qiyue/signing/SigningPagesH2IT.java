package io.qiyue.signing;

import io.qiyue.contract.ContractAction;
import io.qiyue.contract.Contracts;
import io.qiyue.testing.ApiTestSupport;
import io.qiyue.testing.Browser;
import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.UsingDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The signing page's and the verification page's upload forms over an HTTP session: a file the server refuses
 * before the controller runs (over 20 MiB) brings the browser back to the form with the reason beside it.
 */
@UsingDatabase(TestDatabase.H2)
class SigningPagesH2IT extends ApiTestSupport {
    @Autowired
    Contracts contracts;
    @Autowired
    io.qiyue.shared.OutgoingMail mail;

    @Test
    void anOversizedUploadComesBackToItsFormWithTheReason() {
        var sales = createUser("SALES", null);
        String id = readyContract(sales.client(), "页面签署");
        for (var action : new ContractAction[]{ContractAction.SUBMIT, ContractAction.APPROVE,
                ContractAction.START_SIGNING}) {
            contracts.advance(id, action, null, sales.username());
        }
        var browser = new Browser(port).login(sales.username(), USER_PASSWORD);
        byte[] big = new byte[20 * 1024 * 1024 + 1];

        var verify = browser.post("/verify", "multipart/form-data; boundary=b", multipart(browser.csrf("/verify"), big));
        assertThat(verify.statusCode()).isEqualTo(303);
        assertThat(browser.get("/verify").body()).contains("id=\"error-detail\"").contains("20 MiB");

        String page = "/contracts/" + id + "/sign";
        var paper = browser.post(page + "/paper", "multipart/form-data; boundary=b", multipart(browser.csrf(page), big));
        assertThat(paper.statusCode()).isEqualTo(303);
        assertThat(paper.headers().firstValue("Location").orElse("")).endsWith(page + "#paper");
        var shown = browser.get(page).body();
        assertThat(shown).contains("id=\"error-detail\"").contains("20 MiB").contains("id=\"paper-form\"");
        // without a mail server the page says the customer receives nothing, and a reissue is not called "sent"
        // (outside tester); whether this context has one depends on the tests that ran before in it
        assertThat(shown.contains("id=\"mail-unavailable\"")).isEqualTo(!mail.configured());
        if (!mail.configured()) {
            assertThat(browser.get(page + "?reissued").body()).contains("客户收不到新链接")
                    .doesNotContain("已重新发送签署请求");
        }
        assertThat(contracts.internal(id).status().name()).isEqualTo("SIGNING");
    }

    private static byte[] multipart(String csrf, byte[] content) {
        var out = new ByteArrayOutputStream();
        out.writeBytes(("--b\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
        out.writeBytes(("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.pdf\"\r\n"
                + "Content-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes("\r\n--b--\r\n".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
