package io.qiyue.shared.web;

import io.qiyue.shared.ConflictException;
import io.qiyue.shared.ForbiddenException;
import io.qiyue.shared.InvalidInputException;
import io.qiyue.shared.NotFoundException;
import io.qiyue.shared.PreconditionFailedException;
import io.qiyue.shared.QiyueException;
import io.qiyue.shared.UnrenderableTextException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.InvalidPropertyException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

import java.util.stream.Collectors;

/**
 * Failures of UI pages as an HTML error page in the user's language. Ordered before the REST
 * {@code ProblemHandler}, which would otherwise answer a browser with problem+json. Form errors never
 * get here: the page controllers show them beside the fields.
 */
@ControllerAdvice(annotations = PageController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageErrors {
    private static final Logger log = LoggerFactory.getLogger(PageErrors.class);

    private final MessageSource messages;
    private final FieldLabels labels;
    private final org.springframework.beans.factory.ObjectProvider<LayoutModel> layout;

    PageErrors(MessageSource messages, FieldLabels labels,
               org.springframework.beans.factory.ObjectProvider<LayoutModel> layout) {
        this.messages = messages;
        this.labels = labels;
        this.layout = layout;
    }

    @ExceptionHandler(NotFoundException.class)
    ModelAndView notFound(NotFoundException e) {
        return page(HttpStatus.NOT_FOUND, e);
    }

    @ExceptionHandler({ForbiddenException.class, AccessDeniedException.class})
    ModelAndView forbidden(Exception e) {
        return e instanceof QiyueException q ? page(HttpStatus.FORBIDDEN, q)
                : page(HttpStatus.FORBIDDEN, "qiyue.problem.forbidden");
    }

    @ExceptionHandler(ConflictException.class)
    ModelAndView conflict(ConflictException e) {
        return page(HttpStatus.CONFLICT, e);
    }

    @ExceptionHandler(PreconditionFailedException.class)
    ModelAndView stale(PreconditionFailedException e) {
        return page(HttpStatus.PRECONDITION_FAILED, e);
    }

    /** Bad paging or sorting parameters typed into the address bar. */
    @ExceptionHandler(InvalidInputException.class)
    ModelAndView invalid(InvalidInputException e) {
        var locale = LocaleContextHolder.getLocale();
        String detail = e.violations().stream()
                .map(v -> labels.withMessage(v.field(), messages.getMessage(v.code(),
                        Values.words(messages, v.args().toArray(), locale), v.code(), locale), locale, e.subject()))
                .collect(Collectors.joining(messages.getMessage("common.sentenceSeparator", null, "; ", locale)));
        return view(HttpStatus.BAD_REQUEST, detail);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ModelAndView parameter(MethodArgumentTypeMismatchException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnrenderableTextException text) {
                return unrenderable(e.getName(), text);
            }
        }
        var locale = LocaleContextHolder.getLocale();
        var mismatch = ProblemHandler.mismatch(e);
        return view(HttpStatus.BAD_REQUEST, labels.withMessage(e.getName(), messages.getMessage(mismatch.code(),
                Values.words(messages, mismatch.args(), locale), locale), locale));
    }

    @ExceptionHandler(UnrenderableTextException.class)
    ModelAndView unrenderable(UnrenderableTextException e) {
        return unrenderable("", e);
    }

    /** Parameters Tomcat could not decode (RequestGuard answers most of them before they get here). */
    @ExceptionHandler(org.apache.tomcat.util.http.InvalidParameterException.class)
    ModelAndView undecodable(HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response) {
        if (UploadForm.multipart(request)) {
            // the multipart body of an upload did not arrive whole: say so beside the upload form
            String truncated = messages.getMessage("qiyue.document.truncated-upload", null,
                    LocaleContextHolder.getLocale());
            var back = UploadForm.redirectBack(request.getRequestURI(), request, response, truncated);
            return back != null ? back : view(HttpStatus.BAD_REQUEST, truncated);
        }
        var locale = LocaleContextHolder.getLocale();
        return view(HttpStatus.BAD_REQUEST, labels.withMessage(RequestGuard.undecodableParameter(request),
                messages.getMessage("qiyue.validation.encoding", null, locale), locale));
    }

    /** A form field path that no form has, such as {@code schedule[-1]} or an index past the binder's limit. */
    @ExceptionHandler(InvalidPropertyException.class)
    ModelAndView invalidProperty(InvalidPropertyException e) {
        var locale = LocaleContextHolder.getLocale();
        return view(HttpStatus.BAD_REQUEST, labels.withMessage(e.getPropertyName(),
                messages.getMessage("qiyue.validation.no-such-field", null, locale), locale));
    }

    @ExceptionHandler(Exception.class)
    ModelAndView unexpected(Exception e, HttpServletRequest request, HttpServletResponse response) throws Exception {
        if (e instanceof org.springframework.web.ErrorResponse) {
            throw e; // 404 of static resources, 405 and the like: Spring's own error handling knows them
        }
        if (Disconnects.isDisconnect(e)) {
            Disconnects.log(log, request, e);
            return null;
        }
        if (findCause(e, org.apache.tomcat.util.http.fileupload.InvalidFileNameException.class)) {
            // Tomcat refuses to parse an upload whose file name holds a NUL
            return unrenderable("file", new UnrenderableTextException(0));
        }
        if (response.isCommitted()) {
            log.error("failure on {} {} after the response was committed", request.getMethod(),
                    LoggedPaths.of(request.getRequestURI()), e);
            return null;
        }
        log.error("unexpected failure on {} {}", request.getMethod(), LoggedPaths.of(request.getRequestURI()), e);
        return page(HttpStatus.INTERNAL_SERVER_ERROR, "qiyue.problem.internal");
    }

    private ModelAndView unrenderable(String field, UnrenderableTextException e) {
        var locale = LocaleContextHolder.getLocale();
        String message = messages.getMessage("qiyue.validation.characters", new Object[]{e.characterName()}, locale);
        return view(HttpStatus.BAD_REQUEST, labels.withMessage(field, message, locale));
    }

    private static boolean findCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private ModelAndView page(HttpStatus status, QiyueException e) {
        var locale = LocaleContextHolder.getLocale();
        return view(status, messages.getMessage(e.code(), Values.nouns(messages, e.args().toArray(), locale), e.code(),
                locale));
    }

    private ModelAndView page(HttpStatus status, String code) {
        return view(status, messages.getMessage(code, null, code, LocaleContextHolder.getLocale()));
    }

    private ModelAndView view(HttpStatus status, String detail) {
        return LayoutModel.errorPage(status, detail, layout);
    }
}
