package io.qiyue.testing;

import com.microsoft.playwright.Browser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Base of the browser tests: the application as in {@link ApiTestSupport}, and one headless Chromium per test
 * class ({@link HeadlessChromium}: skipped without it, failing when {@code CI=true}).
 */
public abstract class ChromiumTestSupport extends ApiTestSupport {
    private static HeadlessChromium chromium;
    protected static Browser browser;

    @BeforeAll
    static void launchBrowser() {
        chromium = HeadlessChromium.launch();
        browser = chromium.browser();
    }

    @AfterAll
    static void closeBrowser() {
        if (chromium != null) {
            chromium.close();
            chromium = null;
        }
    }
}
