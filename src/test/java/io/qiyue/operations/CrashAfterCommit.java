package io.qiyue.operations;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Test sources only, and only in a forked application started with {@code --qiyue.test.crash-after-commit=true}: a
 * request sent with {@code X-Test-Crash: after-commit} stops the JVM at once ({@code halt}, as {@code kill -9} does)
 * after its handler has committed its work and before the answer leaves the process or the Idempotency-Key keeps
 * it. That is the narrowest window of a crash — the work done, the client without an answer — which a kill at a
 * random moment hits only by luck.
 */
@Component
@ConditionalOnProperty(name = "qiyue.test.crash-after-commit", havingValue = "true")
class CrashAfterCommit implements WebMvcConfigurer {
    static final String HEADER = "X-Test-Crash";
    static final String AFTER_COMMIT = "after-commit";

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
                                        Exception failure) {
                if (AFTER_COMMIT.equals(request.getHeader(HEADER)) && failure == null && response.getStatus() < 300) {
                    Runtime.getRuntime().halt(137);
                }
            }
        });
    }
}
