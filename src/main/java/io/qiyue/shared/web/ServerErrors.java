package io.qiyue.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedHandler;

import java.io.IOException;
import java.util.Set;

/**
 * Errors raised outside Spring MVC answer like those inside it: Spring Security's firewall rejections and
 * Tomcat's own (a URI it cannot decode, {@code %2f}, {@code %00}) as problem+json under {@code /api/} and as
 * a page elsewhere, through {@link EarlyErrors}. What Tomcat sends to the error page ({@code /error}: TRACE,
 * exceptions of filters) is answered by {@link ErrorEndpoint}.
 */
@Configuration(proxyBeanMethods = false)
class ServerErrors {
    private static final Logger log = LoggerFactory.getLogger(ServerErrors.class);
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    @Bean
    RequestRejectedHandler requestRejectedHandler(EarlyErrors errors) {
        return (request, response, rejected) -> {
            log.debug("request rejected by the firewall: {}", rejected.getMessage());
            if (!METHODS.contains(request.getMethod())) {
                response.setHeader("Allow", String.join(", ", METHODS));
                errors.write(request, response, HttpStatus.METHOD_NOT_ALLOWED.value(), "method-not-allowed",
                        "qiyue.problem.method", request.getMethod());
            } else {
                errors.write(request, response, HttpStatus.BAD_REQUEST.value(), "bad-request", "qiyue.problem.bad-path");
            }
        };
    }

    /** Replaces the host's error report valve, which Tomcat uses when no application could take the request. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports(EarlyErrors errors) {
        return new WebServerFactoryCustomizer<>() {
            @Override
            public void customize(TomcatServletWebServerFactory factory) {
                factory.addContextCustomizers(context -> {
                    var host = (StandardHost) context.getParent();
                    for (Valve valve : host.getPipeline().getValves()) {
                        if (valve instanceof ErrorReportValve) {
                            host.getPipeline().removeValve(valve);
                        }
                    }
                    // named, so that the host does not add Tomcat's own at start
                    host.setErrorReportValveClass(ProblemReportValve.class.getName());
                    host.getPipeline().addValve(new ProblemReportValve(errors));
                });
            }
        };
    }

    /** Tomcat's error report as problem+json or a page, without server information or stack traces. */
    static final class ProblemReportValve extends ErrorReportValve {
        private final EarlyErrors errors;

        ProblemReportValve(EarlyErrors errors) {
            this.errors = errors;
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            try {
                HttpServletRequest http = request.getRequest();
                HttpServletResponse out = response.getResponse();
                if (throwable != null && status < 500) {
                    // the client's fault (headers over the limit, an undecodable request line), and anyone can send it
                    // without signing in: one line without the stack trace, so that a flood cannot fill the log
                    log.warn("request refused before the application with {}: {} {}: {}", status, request.getMethod(),
                            shortened(LoggedPaths.of(request.getRequestURI())),
                            shortened(String.valueOf(throwable.getMessage())));
                } else if (throwable != null) {
                    log.error("failure outside the application on {} {}", request.getMethod(),
                            shortened(LoggedPaths.of(request.getRequestURI())), throwable);
                }
                if (status == 400) {
                    // an address Tomcat cannot decode, a request line or headers over its limits …: it does not say which
                    errors.write(http, out, status, "bad-request", "qiyue.problem.bad-request");
                } else {
                    var known = HttpStatus.resolve(status);
                    errors.write(http, out, status, "status", "qiyue.problem.status", status,
                            known == null ? "" : known.getReasonPhrase());
                }
            } catch (IOException | RuntimeException e) {
                log.debug("could not write the error report for {}", LoggedPaths.of(request.getRequestURI()), e);
            }
        }

        /** At most 200 characters of what the client sent, without line breaks that could forge log lines. */
        static String shortened(String text) {
            if (text == null) {
                return null;
            }
            String line = text.replaceAll("[\\r\\n\\t]", " ");
            return line.length() <= 200 ? line : line.substring(0, 200) + "…";
        }
    }
}
