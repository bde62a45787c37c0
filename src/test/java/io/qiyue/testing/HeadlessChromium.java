package io.qiyue.testing;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Debian's Chromium driven by Playwright for the browser tests: /usr/bin/chromium (or {@code QIYUE_CHROMIUM}),
 * headless, with the flags that keep it off the network. Without it a test is skipped with the reason, and
 * fails when {@code CI=true}, where .ci/run has installed it.
 */
public final class HeadlessChromium implements AutoCloseable {
    private final Playwright playwright;
    private final Browser browser;

    private HeadlessChromium(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    public static HeadlessChromium launch() {
        Path chromium = Path.of(System.getenv().getOrDefault("QIYUE_CHROMIUM", "/usr/bin/chromium"));
        if (!Files.isExecutable(chromium)) {
            String message = "browser test needs Chromium at " + chromium + " (apt-get install chromium)";
            if ("true".equals(System.getenv("CI"))) {
                fail(message);
            }
            System.err.println("SKIPPED: " + message);
            assumeTrue(false, message);
        }
        // The CI machine runs these beside the databases on two cores; a page can take longer than Playwright's
        // default five seconds there without anything being wrong. A real failure still fails, only later.
        PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
        var playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        var browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(chromium)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--no-first-run", "--disable-sync")));
        return new HeadlessChromium(playwright, browser);
    }

    public Browser browser() {
        return browser;
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
