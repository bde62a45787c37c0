package io.qiyue.operations;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Test sources only, and only in a forked application started with {@code --qiyue.test.hooks=true}
 * ({@link ForkedQiyue}):
 * <ul>
 * <li>a request sent with {@code X-Test-Crash: after-commit} stops the JVM at once ({@code halt}, as {@code kill -9}
 * does) after its handler has committed its work and before the answer leaves the process or the Idempotency-Key
 * keeps it: the narrowest window of a crash — the work done, the client without an answer — which a kill at a
 * random moment hits only by luck;</li>
 * <li>a request sent with {@code X-Test-Hold: <ms>} waits that long before its handler runs, logging that it does,
 * so that a test can stop the process while the request is in flight.</li>
 * </ul>
 */
@Component
@ConditionalOnProperty(name = "qiyue.test.hooks", havingValue = "true")
class ForkedTestHooks implements WebMvcConfigurer {
    static final String CRASH = "X-Test-Crash";
    static final String AFTER_COMMIT = "after-commit";
    static final String HOLD = "X-Test-Hold";
    private static final Logger log = LoggerFactory.getLogger(ForkedTestHooks.class);

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
                    throws InterruptedException {
                String hold = request.getHeader(HOLD);
                if (hold != null) {
                    log.info("holding the request for {} ms", hold);
                    Thread.sleep(Long.parseLong(hold));
                }
                return true;
            }

            @Override
            public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
                                        Exception failure) {
                if (AFTER_COMMIT.equals(request.getHeader(CRASH)) && failure == null && response.getStatus() < 300) {
                    Runtime.getRuntime().halt(137);
                }
            }
        });
    }
}
