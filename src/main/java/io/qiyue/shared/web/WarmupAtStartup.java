package io.qiyue.shared.web;

import io.qiyue.shared.Warmup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * Runs every module's {@link Warmup} once the application is ready, one after the other in one background thread
 * (on two cores, several at once would slow the requests that arrive meanwhile), then asks this instance for its
 * public pages and files over loopback so that the servlet, the security chain, Thymeleaf and the layout are warm
 * too. Until it is done the readiness probe answers 503 WARMING ({@link WarmupReadiness}), so a load balancer
 * or orchestrator sends users only to a warm instance; a failing part is logged and skipped, and a warm-up that
 * overruns {@code qiyue.warmup.readiness-limit} no longer holds readiness back.
 */
@Component
class WarmupAtStartup {
    private static final Logger log = LoggerFactory.getLogger(WarmupAtStartup.class);
    private static final List<String> PUBLIC_PATHS = List.of("/login", "/css/app.css", "/js/app.js",
            "/webjars/bootstrap/css/bootstrap.min.css", "/webjars/htmx.org/dist/htmx.min.js");

    private final List<Warmup> warmups;
    private final java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);

    private final boolean enabled;
    private final Duration readinessLimit;
    private volatile long startedAt;

    // qiyue.warmup=false (tests, benchmarks' data generators) is read here rather than as a bean condition: the
    // packaged jar's bean definitions are fixed when it is built (Spring AOT), its properties are not
    WarmupAtStartup(List<Warmup> warmups,
                    @org.springframework.beans.factory.annotation.Value("${qiyue.warmup:true}") boolean enabled,
                    @org.springframework.beans.factory.annotation.Value("${qiyue.warmup.readiness-limit:PT2M}")
                    Duration readinessLimit) {
        this.warmups = warmups;
        this.enabled = enabled;
        this.readinessLimit = readinessLimit;
    }

    /** Whether readiness should still be held back: the warm-up has not finished and has not overrun its limit. */
    boolean holdsReadiness() {
        if (done.getCount() == 0) {
            return false;
        }
        long started = startedAt;
        return started == 0 || System.nanoTime() - started < readinessLimit.toNanos();
    }

    @EventListener
    void on(ApplicationReadyEvent ready) {
        startedAt = System.nanoTime();
        if (!enabled) {
            done.countDown();
            return;
        }
        Integer port = ready.getApplicationContext() instanceof WebServerApplicationContext web
                && web.getWebServer() != null ? web.getWebServer().getPort() : null;
        Thread.ofPlatform().name("qiyue-warmup").daemon().priority(Thread.MIN_PRIORITY)
                .start(() -> warmAll(port));
    }

    private void warmAll(Integer port) {
        long start = System.nanoTime();
        for (Warmup warmup : warmups) {
            long t = System.nanoTime();
            try {
                warmup.warm();
                log.debug("Warmed {} in {} ms", warmup.name(), (System.nanoTime() - t) / 1_000_000);
            } catch (Exception | LinkageError e) {
                log.warn("Warm-up of {} failed (the first request will be slower): {}", warmup.name(), e.toString());
            }
        }
        if (port != null && port > 0) {
            warmPages(port);
        }
        log.info("Warm-up done in {} ms ({} parts and the public pages)", (System.nanoTime() - start) / 1_000_000,
                warmups.size());
        done.countDown();
    }

    /** Waits until the warm-up has run (for tests and benchmarks that measure after it). */
    boolean awaitDone(Duration timeout) throws InterruptedException {
        return done.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private static void warmPages(int port) {
        try (var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            for (String path : PUBLIC_PATHS) {
                try {
                    http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
                } catch (java.io.IOException e) {
                    log.debug("Warm-up request {} failed: {}", path, e.toString());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
