package io.qiyue.shared.web;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.apache.catalina.connector.ClientAbortException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.context.support.StaticMessageSource;
import org.springframework.http.converter.HttpMessageNotWritableException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #10, item 13: a client that disconnects mid-download is one DEBUG line — no ERROR with a stack
 * trace, and no attempt to write problem+json or an error page to the closed response.
 */
class ClientDisconnectTest {
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger[] loggers = {(Logger) LoggerFactory.getLogger(ProblemHandler.class),
            (Logger) LoggerFactory.getLogger(PageErrors.class)};

    @BeforeEach
    void capture() {
        logged.start();
        for (var logger : loggers) {
            logger.addAppender(logged);
            logger.setLevel(Level.DEBUG);
        }
    }

    @AfterEach
    void release() {
        for (var logger : loggers) {
            logger.detachAppender(logged);
            logger.setLevel(null);
        }
    }

    private static Exception[] disconnects() {
        return new Exception[]{new ClientAbortException(new IOException("Broken pipe")),
                new AsyncRequestNotUsableException("Response not usable after response errors."),
                new IOException("Connection reset by peer"),
                new HttpMessageNotWritableException("Could not write JSON", new ClientAbortException("closed"))};
    }

    @Test
    void theApiWritesNothingAndLogsOneDebugLine() {
        var problems = problemHandler();
        for (Exception e : disconnects()) {
            logged.list.clear();
            var request = new MockHttpServletRequest("GET", "/api/v1/contracts/1/document");
            var response = new MockHttpServletResponse();

            assertThat(problems.unexpected(e, request, response)).as("%s", e).isNull();

            assertThat(logged.list).as("%s", e).hasSize(1);
            assertThat(logged.list.getFirst().getLevel()).isEqualTo(Level.DEBUG);
            assertThat(logged.list.getFirst().getThrowableProxy()).isNull();
            assertThat(response.getContentAsByteArray()).isEmpty();
        }
    }

    @Test
    void theUiRendersNoErrorPageAndLogsOneDebugLine() throws Exception {
        var pages = new PageErrors(new StaticMessageSource(), new FieldLabels(new StaticMessageSource()), noLayout());
        for (Exception e : disconnects()) {
            logged.list.clear();
            var request = new MockHttpServletRequest("GET", "/contracts/1/document.pdf");

            assertThat(pages.unexpected(e, request, new MockHttpServletResponse())).as("%s", e).isNull();

            assertThat(logged.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.DEBUG);
        }
    }

    @Test
    void aFailureAfterTheAnswerWasCommittedIsLoggedButNotAnsweredAgain() {
        var problems = problemHandler();
        var response = new MockHttpServletResponse();
        response.setCommitted(true);

        assertThat(problems.unexpected(new IllegalStateException("boom"), new MockHttpServletRequest("GET", "/api/v1/x"),
                response)).isNull();
        assertThat(logged.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.ERROR);
    }

    private static ProblemHandler problemHandler() {
        var messages = new StaticMessageSource();
        var labels = new FieldLabels(messages);
        return new ProblemHandler(messages, labels, org.springframework.util.unit.DataSize.ofMegabytes(20),
                new EarlyErrors(messages, new org.springframework.beans.factory.support.StaticListableBeanFactory()
                        .getBeanProvider(org.springframework.web.servlet.LocaleResolver.class), labels),
                tools.jackson.databind.json.JsonMapper.builder().build(), null, noLayout(), noBodyRules());
    }

    @SuppressWarnings("unchecked")
    private static org.springframework.beans.factory.ObjectProvider<BodyRules<?>> noBodyRules() {
        return (org.springframework.beans.factory.ObjectProvider<BodyRules<?>>) (Object)
                new org.springframework.beans.factory.support.StaticListableBeanFactory().getBeanProvider(BodyRules.class);
    }

    private static org.springframework.beans.factory.ObjectProvider<LayoutModel> noLayout() {
        return new org.springframework.beans.factory.support.StaticListableBeanFactory().getBeanProvider(LayoutModel.class);
    }
}
