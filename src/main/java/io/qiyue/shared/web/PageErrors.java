package io.qiyue.shared.web;

import io.qiyue.shared.ConflictException;
import io.qiyue.shared.ForbiddenException;
import io.qiyue.shared.InvalidInputException;
import io.qiyue.shared.NotFoundException;
import io.qiyue.shared.PreconditionFailedException;
import io.qiyue.shared.QiyueException;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    PageErrors(MessageSource messages) {
        this.messages = messages;
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
                .map(v -> v.field() + ": " + messages.getMessage(v.code(), v.args().toArray(), v.code(), locale))
                .collect(Collectors.joining("; "));
        return view(HttpStatus.BAD_REQUEST, detail);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ModelAndView parameter(MethodArgumentTypeMismatchException e) {
        return view(HttpStatus.BAD_REQUEST, messages.getMessage("qiyue.json.format",
                new Object[]{String.valueOf(e.getValue()), e.getName()}, LocaleContextHolder.getLocale()));
    }

    @ExceptionHandler(Exception.class)
    ModelAndView unexpected(Exception e, HttpServletRequest request) throws Exception {
        if (e instanceof org.springframework.web.ErrorResponse) {
            throw e; // 404 of static resources, 405 and the like: Spring's own error handling knows them
        }
        log.error("unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), e);
        return page(HttpStatus.INTERNAL_SERVER_ERROR, "qiyue.problem.internal");
    }

    private ModelAndView page(HttpStatus status, QiyueException e) {
        return view(status, messages.getMessage(e.code(), e.args().toArray(), e.code(), LocaleContextHolder.getLocale()));
    }

    private ModelAndView page(HttpStatus status, String code) {
        return view(status, messages.getMessage(code, null, code, LocaleContextHolder.getLocale()));
    }

    private static ModelAndView view(HttpStatus status, String detail) {
        var mav = new ModelAndView("error");
        mav.setStatus(status);
        mav.addObject("status", status.value());
        mav.addObject("detail", detail);
        return mav;
    }
}
