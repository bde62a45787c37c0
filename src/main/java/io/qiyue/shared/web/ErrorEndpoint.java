package io.qiyue.shared.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;

import java.net.URI;

/**
 * The error page Tomcat forwards to ({@code /error}) for what never reached a controller or failed in a
 * filter: TRACE (405), a status sent by a filter, an exception thrown by one. It answers like
 * {@link ProblemHandler} and {@link PageErrors} do — problem+json for the API, the error page for the UI —
 * and a request for {@code /error} itself is a 404. Replaces Spring Boot's BasicErrorController, whose JSON
 * is not problem+json.
 */
@org.springframework.stereotype.Controller
class ErrorEndpoint implements ErrorController {
    private static final Logger log = LoggerFactory.getLogger(ErrorEndpoint.class);

    private final ProblemHandler problems;
    private final MessageSource messages;
    private final FieldLabels labels;
    private final org.springframework.beans.factory.ObjectProvider<LayoutModel> layout;

    ErrorEndpoint(ProblemHandler problems, MessageSource messages, FieldLabels labels,
                  org.springframework.beans.factory.ObjectProvider<LayoutModel> layout) {
        this.layout = layout;
        this.problems = problems;
        this.messages = messages;
        this.labels = labels;
    }

    @RequestMapping("/error")
    Object error(HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Object uriAttribute = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        Throwable thrown = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable t ? t : null;
        String uri = uriAttribute instanceof String u ? u : request.getRequestURI();
        HttpStatus status = code instanceof Integer c && HttpStatus.resolve(c) != null ? HttpStatus.valueOf(c)
                : HttpStatus.NOT_FOUND;
        if (thrown != null && Disconnects.isDisconnect(thrown)) {
            Disconnects.log(log, request, thrown);
            return ResponseEntity.status(status).build();
        }
        String field = null;
        boolean truncatedUpload = false;
        if (thrown != null && cause(thrown, InvalidParameterException.class)) {
            status = HttpStatus.BAD_REQUEST;
            // a multipart body whose parameters cannot be read is an upload over the limit, or one that did not
            // arrive whole
            truncatedUpload = UploadForm.multipart(request);
            boolean tooLarge = truncatedUpload
                    && cause(thrown, org.apache.tomcat.util.http.fileupload.impl.SizeException.class);
            field = truncatedUpload ? "file" : RequestGuard.undecodableParameter(request);
            if (tooLarge && uri.startsWith("/api/")) {
                return problems.uploadTooLarge(request, response);
            }
            if (truncatedUpload && !uri.startsWith("/api/")) {
                var back = UploadForm.redirectBack(uri, request, response, tooLarge ? problems.uploadTooLargeMessage()
                        : messages.getMessage("qiyue.document.truncated-upload", null, LocaleContextHolder.getLocale()));
                if (back != null) {
                    return back;
                }
            }
        }
        String type;
        String detailCode;
        Object[] args;
        switch (status) {
            case BAD_REQUEST -> {
                type = field != null ? "validation" : "bad-request";
                detailCode = truncatedUpload ? "qiyue.document.truncated-upload"
                        : field != null ? "qiyue.validation.encoding" : "qiyue.problem.bad-request";
                args = new Object[0];
            }
            case UNAUTHORIZED -> {
                type = "unauthenticated";
                detailCode = "qiyue.problem.unauthenticated";
                args = new Object[0];
            }
            case FORBIDDEN -> {
                type = "forbidden";
                // a form whose CSRF token no longer matches its session is out of date, not beyond the user's role
                detailCode = request.getAttribute(org.springframework.security.web.WebAttributes.ACCESS_DENIED_403)
                        instanceof org.springframework.security.web.csrf.CsrfException
                        ? "qiyue.problem.form-expired" : "qiyue.problem.forbidden";
                args = new Object[0];
            }
            case NOT_FOUND -> {
                type = "not-found";
                detailCode = "qiyue.problem.no-such-path";
                args = new Object[]{uri};
            }
            case METHOD_NOT_ALLOWED -> {
                type = "method-not-allowed";
                detailCode = "qiyue.problem.method";
                args = new Object[]{request.getAttribute("jakarta.servlet.error.method") instanceof String m ? m
                        : request.getMethod()};
            }
            case INTERNAL_SERVER_ERROR -> {
                type = "internal";
                detailCode = "qiyue.problem.internal";
                args = new Object[0];
            }
            default -> {
                type = "status";
                detailCode = "qiyue.problem.status";
                args = new Object[]{status.value(), status.getReasonPhrase()};
            }
        }
        boolean api = uri.startsWith("/api/");
        if (api) {
            var problem = field != null ? problems.validation(java.util.List.of(problems.error(field, detailCode)))
                    : problems.problem(status, type, detailCode, args);
            try {
                problem.getBody().setInstance(URI.create(uri));
            } catch (IllegalArgumentException notAUri) {
                // the request's own address cannot be repeated: leave instance out
            }
            return problem;
        }
        var locale = LocaleContextHolder.getLocale();
        String detail = messages.getMessage(detailCode, args, detailCode, locale);
        return LayoutModel.errorPage(status, field != null ? labels.withMessage(field, detail, locale) : detail, layout);
    }

    private static boolean cause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
