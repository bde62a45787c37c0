package io.qiyue.shared.web;

import io.qiyue.shared.ConflictException;
import io.qiyue.shared.FieldViolation;
import io.qiyue.shared.ForbiddenException;
import io.qiyue.shared.InvalidInputException;
import io.qiyue.shared.NotFoundException;
import io.qiyue.shared.PreconditionFailedException;
import io.qiyue.shared.PreconditionRequiredException;
import io.qiyue.shared.QiyueException;
import io.qiyue.shared.TooManyRequestsException;
import io.qiyue.shared.UnrenderableTextException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Validator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.InvalidPropertyException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.BindException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one place where failures of the REST API become RFC 9457 problem+json, in the caller's
 * language. Bad input never reaches the 500 branch: every parsing and validation failure is named
 * by field here. It applies to every handler (also to requests no handler matched, such as an unknown
 * API path); page controllers of the UI may declare an advice of higher precedence for HTML errors.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ProblemHandler {
    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);
    private static final String TYPE_BASE = "https://qiyue.io/problems/";

    private final MessageSource messages;
    private final FieldLabels labels;
    private final DataSize maxFileSize;
    private final EarlyErrors pages;
    private final JsonMapper json;
    private final Validator validator;
    private final org.springframework.beans.factory.ObjectProvider<LayoutModel> layout;
    private final org.springframework.beans.factory.ObjectProvider<BodyRules<?>> bodyRules;

    ProblemHandler(MessageSource messages, FieldLabels labels,
                   @Value("${spring.servlet.multipart.max-file-size}") DataSize maxFileSize, EarlyErrors pages,
                   JsonMapper json, Validator validator,
                   org.springframework.beans.factory.ObjectProvider<LayoutModel> layout,
                   org.springframework.beans.factory.ObjectProvider<BodyRules<?>> bodyRules) {
        this.layout = layout;
        this.bodyRules = bodyRules;
        this.json = json;
        this.validator = validator;
        this.messages = messages;
        this.labels = labels;
        this.maxFileSize = maxFileSize;
        this.pages = pages;
    }

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidInputException e) {
        var errors = e.violations().stream().map(v -> fieldError(v, e.subject())).toList();
        return validation(errors);
    }

    @ExceptionHandler(BindException.class)
    ResponseEntity<ProblemDetail> bind(BindException e) {
        var errors = new ArrayList<Map<String, String>>();
        var locale = LocaleContextHolder.getLocale();
        e.getFieldErrors().forEach(fe -> errors.add(labelled(fe.getField(), messages.getMessage(fe, locale))));
        e.getGlobalErrors().forEach(ge -> errors.add(Map.of("field", ge.getObjectName(),
                "message", messages.getMessage(ge, locale))));
        errors.sort(java.util.Comparator.comparing((Map<String, String> m) -> m.get("field"))
                .thenComparing(m -> m.get("message")));
        return validation(errors);
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<ProblemDetail> methodValidation(HandlerMethodValidationException e) {
        var errors = new ArrayList<Map<String, String>>();
        e.getParameterValidationResults().forEach(result -> {
            String name = result.getMethodParameter().getParameterName();
            result.getResolvableErrors().forEach(err -> errors.add(labelled(String.valueOf(name),
                    messages.getMessage(err, LocaleContextHolder.getLocale()))));
        });
        return validation(errors);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        Throwable cause = e.getCause();
        if (findCause(e, PayloadTooLargeException.class) != null) {
            return tooLarge();
        }
        var text = findCause(e, UnrenderableTextException.class);
        if (text != null) {
            return validation(withTheRest(request, error(cause instanceof JacksonException j ? path(j) : "body",
                    "qiyue.validation.characters", text.characterName())));
        }
        if (cause instanceof StreamReadException read && JsonInput.isEncodingError(read)) {
            return validation(List.of(error(JsonInput.path(read), "qiyue.validation.encoding")));
        }
        if (cause instanceof StreamReadException read && JsonInput.isDuplicateField(read)) {
            return validation(List.of(error(JsonInput.path(read), "qiyue.json.duplicate")));
        }
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return validation(withTheRest(request, unknownField(path(unknown), unknown.getPropertyName())));
        }
        if (cause instanceof StrictJson.DateOutOfRangeException range) {
            var violation = JsonInput.violation(range);
            return validation(withTheRest(request, error(violation.field(), violation.code(), violation.args().toArray())));
        }
        if (cause instanceof InvalidFormatException format) {
            var violation = JsonInput.formatViolation(format);
            return validation(withTheRest(request, error(violation.field(), violation.code(),
                    violation.args().toArray())));
        }
        if (cause instanceof tools.jackson.databind.exc.InvalidNullException hole) {
            return validation(withTheRest(request, error(path(hole), "qiyue.validation.required")));
        }
        if (cause instanceof MismatchedInputException mismatch) {
            Class<?> target = mismatch.getTargetType();
            return validation(withTheRest(request, target != null && target.isEnum()
                    ? error(path(mismatch), "qiyue.json.enum-values", target)
                    : error(path(mismatch), "qiyue.json.type", typeName(target))));
        }
        if (cause instanceof StrictJson.ExponentInText exponent && !exponent.getPath().isEmpty()) {
            return validation(withTheRest(request, error(path(exponent), "qiyue.json.decimal-exponent")));
        }
        if (cause instanceof tools.jackson.core.exc.InputCoercionException range && !range.getPath().isEmpty()) {
            return validation(withTheRest(request, error(path(range), "qiyue.json.number-range", typeName(range.getTargetType()))));
        }
        if (cause instanceof tools.jackson.core.exc.StreamConstraintsException limit) {
            // the parser's limits (nesting depth, a number's or a name's length) are not a mistake of syntax: saying
            // "not JSON near line 0" sent an outside tester looking for one
            String message = String.valueOf(limit.getOriginalMessage());
            return problem(HttpStatus.BAD_REQUEST, "malformed-json", message.contains("nesting depth")
                    ? "qiyue.problem.json-too-deep" : "qiyue.problem.json-over-limit");
        }
        if (cause instanceof StreamReadException read) {
            var location = read.getLocation();
            return problem(HttpStatus.BAD_REQUEST, "malformed-json", "qiyue.problem.malformed-json",
                    location == null ? 0 : location.getLineNr(), location == null ? 0 : location.getColumnNr());
        }
        if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
            var violation = JsonInput.violation(jackson);
            return validation(withTheRest(request, error(violation.field(), violation.code(), violation.args().toArray())));
        }
        if (cause == null) {
            return problem(HttpStatus.BAD_REQUEST, "malformed-json", "qiyue.problem.body-missing");
        }
        return problem(HttpStatus.BAD_REQUEST, "malformed-json", "qiyue.problem.malformed-json", 0, 0);
    }

    /**
     * The first error Jackson found and every other one {@link BodyErrors} finds in the same body, one per field.
     */
    private List<Map<String, String>> withTheRest(HttpServletRequest request, Map<String, String> first) {
        var errors = new ArrayList<Map<String, String>>();
        errors.add(first);
        var fields = new java.util.HashSet<String>(List.of(first.get("field")));
        for (var v : BodyErrors.besides(request, first.get("field"), json, validator, this::rulesOf)) {
            if (fields.add(v.field())) {
                errors.add(fieldError(v, BodyErrors.subject(request)));
            }
        }
        return errors;
    }

    /**
     * The problems the module whose body this is finds in what of it did bind (its {@link BodyRules}), or null to
     * check the fields' own constraints alone: there are none for the type, or they could not be asked (the caller
     * may not create one). A body Spring MVC reads whole is one that creates: the rules are asked without an id.
     */
    private List<io.qiyue.shared.FieldViolation> rulesOf(Object value) {
        for (var rules : bodyRules) {
            if (rules.type().isInstance(value)) {
                try {
                    return problems(rules, value);
                } catch (RuntimeException refused) {
                    log.debug("the rules of {} were not asked: {}", rules.type().getSimpleName(), refused.toString());
                    return null;
                }
            }
        }
        return null;
    }

    private static <T> List<io.qiyue.shared.FieldViolation> problems(BodyRules<T> rules, Object value) {
        return rules.problems(null, rules.type().cast(value));
    }

    @ExceptionHandler(PayloadTooLargeException.class)
    ResponseEntity<ProblemDetail> payloadTooLarge() {
        return tooLarge();
    }

    /** What an upload over the limit is told, with the configured limit. */
    String uploadTooLargeMessage() {
        return messages.getMessage("qiyue.document.too-large", new Object[]{size(maxFileSize)}, "qiyue.document.too-large",
                LocaleContextHolder.getLocale());
    }

    /** The limit in the message is the configured one, so the two cannot disagree. */
    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<?> uploadTooLarge(HttpServletRequest request, HttpServletResponse response) {
        var page = backToUploadForm(request, response, "qiyue.document.too-large", size(maxFileSize));
        if (page != null) {
            return page;
        }
        var problem = problem(HttpStatus.CONTENT_TOO_LARGE, "too-large", "qiyue.document.too-large", size(maxFileSize));
        problem.getBody().setProperty("errors",
                List.of(error("file", "qiyue.document.too-large", size(maxFileSize))));
        return problem;
    }

    /**
     * A multipart body Tomcat could not parse: cut off before its closing boundary, or a file name with a
     * NUL. Either way the file did not arrive as sent.
     */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<?> damagedUpload(MultipartException e, HttpServletRequest request, HttpServletResponse response) {
        String code = findCause(e, org.apache.tomcat.util.http.fileupload.InvalidFileNameException.class) != null
                ? "qiyue.document.file-name" : "qiyue.document.truncated-upload";
        var page = backToUploadForm(request, response, code);
        return page != null ? page : validation(List.of(error("file", code)));
    }

    private ResponseEntity<?> backToUploadForm(HttpServletRequest request, HttpServletResponse response, String code,
                                               Object... args) {
        String target = UploadForm.back(request, response,
                messages.getMessage(code, args, code, LocaleContextHolder.getLocale()));
        return target == null ? null : ResponseEntity.status(HttpStatus.SEE_OTHER).location(java.net.URI.create(target)).build();
    }

    static String size(DataSize size) {
        long bytes = size.toBytes();
        if (bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MiB";
        }
        return bytes % 1024 == 0 ? bytes / 1024 + " KiB" : bytes + " B";
    }

    /** Text refused outside a body or parameter, e.g. by a service that reads it from elsewhere. */
    @ExceptionHandler(UnrenderableTextException.class)
    ResponseEntity<ProblemDetail> unrenderable(UnrenderableTextException e) {
        return validation(List.of(error("body", "qiyue.validation.characters", e.characterName())));
    }

    /**
     * Parameters Tomcat could not decode (RequestGuard answers most of them before they get here); in a
     * multipart body, the upload that carries them did not arrive whole.
     */
    @ExceptionHandler(org.apache.tomcat.util.http.InvalidParameterException.class)
    ResponseEntity<?> undecodable(HttpServletRequest request, HttpServletResponse response) {
        if (UploadForm.multipart(request)) {
            var page = backToUploadForm(request, response, "qiyue.document.truncated-upload");
            return page != null ? page : validation(List.of(error("file", "qiyue.document.truncated-upload")));
        }
        return validation(List.of(error(RequestGuard.undecodableParameter(request), "qiyue.validation.encoding")));
    }

    /** A form field path that no form has, such as {@code schedule[-1]} or an index past the binder's limit. */
    @ExceptionHandler(InvalidPropertyException.class)
    ResponseEntity<ProblemDetail> invalidProperty(InvalidPropertyException e) {
        return validation(List.of(error(e.getPropertyName(), "qiyue.validation.no-such-field")));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> parameterType(MethodArgumentTypeMismatchException e) {
        var text = findCause(e, UnrenderableTextException.class);
        if (text != null) {
            return validation(List.of(error(e.getName(), "qiyue.validation.characters", text.characterName())));
        }
        var mismatch = mismatch(e);
        return validation(List.of(error(e.getName(), mismatch.code(), mismatch.args())));
    }

    /** What a request parameter that did not convert is refused with: a message code and its arguments. */
    record Mismatch(String code, Object[] args) {
    }

    /**
     * A parameter of a choice (an enum, or a list of them: {@code status=PENDING,BAD}) names the value refused and the
     * choices by their labels, as a single choice does (outside tester: "“BAD”不是有效的列表"); any other, the kind of
     * value it takes.
     */
    static Mismatch mismatch(MethodArgumentTypeMismatchException e) {
        Class<?> required = e.getRequiredType();
        Class<?> choice = required != null && required.isEnum() ? required : elementType(e);
        if (choice != null && choice.isEnum()) {
            return new Mismatch("qiyue.json.enum", new Object[]{refused(e.getValue(), choice), choice});
        }
        return new Mismatch("qiyue.json.format", new Object[]{String.valueOf(e.getValue()), typeName(required)});
    }

    /** The element type of a collection or array parameter; null for any other. */
    private static Class<?> elementType(MethodArgumentTypeMismatchException e) {
        Class<?> required = e.getRequiredType();
        if (required == null || e.getParameter() == null
                || !(required.isArray() || java.util.Collection.class.isAssignableFrom(required))) {
            return null;
        }
        var type = org.springframework.core.ResolvableType.forMethodParameter(e.getParameter());
        return (required.isArray() ? type.getComponentType() : type.asCollection().getGeneric(0)).resolve();
    }

    /** The first of the values given that is none of the choice's constants (as Spring reads them), else all of them. */
    private static String refused(Object value, Class<?> choice) {
        var given = value instanceof String[] many ? List.of(many) : List.of(String.valueOf(value));
        var names = java.util.Arrays.stream(choice.getEnumConstants()).map(c -> ((Enum<?>) c).name())
                .collect(java.util.stream.Collectors.toSet());
        return given.stream().flatMap(v -> java.util.Arrays.stream(v.split(","))).map(String::trim)
                .filter(v -> !v.isEmpty() && !names.contains(v)).findFirst()
                .orElse(String.join(",", given));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ProblemDetail> missingParameter(MissingServletRequestParameterException e) {
        return validation(List.of(error(e.getParameterName(), "qiyue.validation.required")));
    }

    @ExceptionHandler(org.springframework.web.multipart.support.MissingServletRequestPartException.class)
    ResponseEntity<ProblemDetail> missingPart(org.springframework.web.multipart.support.MissingServletRequestPartException e) {
        return validation(List.of(error(e.getRequestPartName(), "qiyue.validation.required")));
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<ProblemDetail> missingHeader(MissingRequestHeaderException e) {
        return validation(List.of(error(e.getHeaderName(), "qiyue.validation.required")));
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "not-found", e.code(), e.args().toArray());
    }

    @ExceptionHandler(NoResourceFoundException.class)
    Object noResource(NoResourceFoundException e, HttpServletRequest request,
                                             HttpServletResponse response) throws IOException {
        return noSuchPath(e.getResourcePath(), request, response);
    }

    /** A path no controller and no static folder answers (the static files are mapped folder by folder). */
    @ExceptionHandler(NoHandlerFoundException.class)
    Object noHandler(NoHandlerFoundException e, HttpServletRequest request,
                                            HttpServletResponse response) throws IOException {
        return noSuchPath(e.getRequestURL(), request, response);
    }

    /**
     * A browser that followed a stale link or a typed address gets the error page with the navigation, not
     * problem+json.
     */
    private Object noSuchPath(String path, HttpServletRequest request, HttpServletResponse response) {
        if (EarlyErrors.wantsPage(request)) {
            return LayoutModel.errorPage(HttpStatus.NOT_FOUND, messages.getMessage("qiyue.problem.no-such-path",
                    new Object[]{path}, LocaleContextHolder.getLocale()), layout);
        }
        return problem(HttpStatus.NOT_FOUND, "not-found", "qiyue.problem.no-such-path", path);
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<ProblemDetail> conflict(ConflictException e) {
        var response = problem(HttpStatus.CONFLICT, "conflict", e.code(), e.args().toArray());
        e.properties().forEach(response.getBody()::setProperty);
        return response;
    }

    @ExceptionHandler(TooManyRequestsException.class)
    ResponseEntity<ProblemDetail> tooMany(TooManyRequestsException e) {
        var problem = problem(HttpStatus.TOO_MANY_REQUESTS, "too-many-attempts", e.code(), e.args().toArray());
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header("Retry-After", Long.toString(e.retryAfter().toSeconds()))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem.getBody());
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ProblemDetail> integrity(DataIntegrityViolationException e) {
        log.info("integrity violation: {}", e.getMostSpecificCause().getClass().getSimpleName());
        return problem(HttpStatus.CONFLICT, "conflict", "qiyue.problem.integrity");
    }

    @ExceptionHandler({PreconditionFailedException.class, OptimisticLockingFailureException.class})
    ResponseEntity<ProblemDetail> stale(Exception e) {
        if (!(e instanceof QiyueException q)) {
            return problem(HttpStatus.PRECONDITION_FAILED, "stale", "qiyue.problem.stale", "?");
        }
        // an If-Match that names no version matches none (still 412, RFC 9110 13.1.1), but it is not a stale version:
        // its title says so (outside tester: "版本已过期" for If-Match: garbage)
        boolean unusable = q.code().equals("qiyue.problem.if-match-invalid")
                || q.code().equals("qiyue.problem.if-match-weak");
        return problem(HttpStatus.PRECONDITION_FAILED, unusable ? "if-match-unusable" : "stale", q.code(),
                q.args().toArray());
    }

    @ExceptionHandler(PreconditionRequiredException.class)
    ResponseEntity<ProblemDetail> preconditionRequired(PreconditionRequiredException e) {
        return problem(HttpStatus.PRECONDITION_REQUIRED, "if-match-required", e.code());
    }

    @ExceptionHandler({ForbiddenException.class, AccessDeniedException.class})
    ResponseEntity<ProblemDetail> forbidden(Exception e) {
        return e instanceof QiyueException q
                ? problem(HttpStatus.FORBIDDEN, "forbidden", q.code(), q.args().toArray())
                : problem(HttpStatus.FORBIDDEN, "forbidden", "qiyue.problem.forbidden");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    Object method(HttpRequestMethodNotSupportedException e, HttpServletRequest request, HttpServletResponse response) {
        var allowed = e.getSupportedHttpMethods();
        if (EarlyErrors.wantsPage(request)) {
            // a browser that opened the address of a form's action (outside tester: raw JSON) gets the error page
            if (allowed != null && !allowed.isEmpty()) {
                response.setHeader(org.springframework.http.HttpHeaders.ALLOW, String.join(", ", allowed.stream()
                        .map(org.springframework.http.HttpMethod::name).toList()));
            }
            return LayoutModel.errorPage(HttpStatus.METHOD_NOT_ALLOWED, messages.getMessage("qiyue.problem.method",
                    new Object[]{e.getMethod()}, LocaleContextHolder.getLocale()), layout);
        }
        var answer = problem(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", "qiyue.problem.method", e.getMethod());
        if (allowed == null || allowed.isEmpty()) {
            return answer;
        }
        // RFC 9110 §15.5.6: a 405 names the methods the resource takes
        return ResponseEntity.status(answer.getStatusCode()).headers(answer.getHeaders())
                .allow(allowed.toArray(org.springframework.http.HttpMethod[]::new)).body(answer.getBody());
    }

    @ExceptionHandler(UnsupportedFileType.class)
    ResponseEntity<ProblemDetail> fileType(UnsupportedFileType e) {
        var answer = problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "qiyue.problem.file-type",
                e.fileName(), e.accepted());
        answer.getBody().setProperty("errors", List.of(error(e.field(), "qiyue.problem.file-type", e.fileName(),
                e.accepted())));
        return answer;
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException e) {
        if (e.getContentType() == null) {
            return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "qiyue.problem.media-type-missing");
        }
        return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "qiyue.problem.media-type",
                String.valueOf(e.getContentType()));
    }

    /**
     * No mapping took the request's parameters: an export link's {@code format} with an Accept header that none of
     * the answers meets. A client error, not a failure.
     */
    @ExceptionHandler(org.springframework.web.bind.UnsatisfiedServletRequestParameterException.class)
    ResponseEntity<ProblemDetail> parameterConditions() {
        return problem(HttpStatus.BAD_REQUEST, "bad-request", "qiyue.problem.bad-request");
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ProblemDetail> notAcceptable() {
        return problem(HttpStatus.NOT_ACCEPTABLE, "not-acceptable", "qiyue.problem.not-acceptable");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request, HttpServletResponse response) {
        if (Disconnects.isDisconnect(e)) {
            Disconnects.log(log, request, e);
            return null;
        }
        if (findCause(e, org.apache.tomcat.util.http.fileupload.InvalidFileNameException.class) != null) {
            // Tomcat refuses to parse an upload whose file name holds a NUL
            return validation(List.of(error("file", "qiyue.document.file-name")));
        }
        if (response.isCommitted()) {
            // the answer is partly sent: a problem body can no longer follow it
            log.error("failure on {} {} after the response was committed", request.getMethod(),
                    LoggedPaths.of(request.getRequestURI()), e);
            return null;
        }
        log.error("unexpected failure on {} {}", request.getMethod(), LoggedPaths.of(request.getRequestURI()), e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "qiyue.problem.internal");
    }

    private ResponseEntity<ProblemDetail> tooLarge() {
        return problem(HttpStatus.CONTENT_TOO_LARGE, "too-large", "qiyue.problem.too-large",
                RequestSizeLimit.MAX_BYTES / 1024);
    }

    ResponseEntity<ProblemDetail> validation(List<Map<String, String>> errors) {
        var response = problem(HttpStatus.BAD_REQUEST, "validation", "qiyue.problem.invalid");
        response.getBody().setProperty("errors", errors);
        if (errors.size() == 1) {
            // the message names the field by its label already
            response.getBody().setDetail(errors.getFirst().get("message"));
        }
        return response;
    }

    ResponseEntity<ProblemDetail> problem(HttpStatus status, String type, String code, Object... args) {
        var locale = LocaleContextHolder.getLocale();
        var body = ProblemDetail.forStatus(status);
        body.setType(URI.create(TYPE_BASE + type));
        body.setTitle(messages.getMessage("qiyue.title." + type, null, status.getReasonPhrase(), locale));
        body.setDetail(messages.getMessage(code, Values.nouns(messages, args, locale), code, locale));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }

    private Map<String, String> fieldError(FieldViolation v, String subject) {
        if (v.code().equals("qiyue.json.unknown-field") && v.args().size() == 1) {
            return unknownField(v.field(), String.valueOf(v.args().getFirst()));
        }
        return fieldOf(subject, v.field(), v.code(), v.args().toArray());
    }

    /**
     * A field's error in the caller's language. A code that is no message key is a message already (Bean
     * Validation's, interpolated: "须匹配 [A-Za-z0-9_\p{IsHan}]+"): it is not formatted again, where its braces
     * would be read as arguments.
     */
    Map<String, String> error(String field, String code, Object... args) {
        return fieldOf(bodySubject(), field, code, args);
    }

    /** What the current request's JSON body is about ({@link BodyErrors#subject}), null outside a request. */
    private static String bodySubject() {
        return org.springframework.web.context.request.RequestContextHolder.getRequestAttributes()
                instanceof org.springframework.web.context.request.ServletRequestAttributes attributes
                ? BodyErrors.subject(attributes.getRequest()) : null;
    }

    /** {@link #error} for a field of {@code subject}, labelled as {@link FieldLabels} labels that subject's fields. */
    private Map<String, String> fieldOf(String subject, String field, String code, Object[] args) {
        var locale = LocaleContextHolder.getLocale();
        String message = messages.getMessage(code, Values.words(messages, args, locale), null, locale);
        return Map.of("field", field, "message",
                labels.withMessage(field, message != null ? message : code, locale, subject));
    }

    /** A field no input has: named by where it stands (its parent's label), since it has no label of its own. */
    private Map<String, String> unknownField(String field, String name) {
        var locale = LocaleContextHolder.getLocale();
        int cut = Math.max(field.lastIndexOf('.'), field.lastIndexOf('['));
        String message = messages.getMessage("qiyue.json.unknown-field", new Object[]{name}, locale);
        return Map.of("field", field, "message", cut <= 0 ? message
                : labels.withMessage(field.substring(0, cut), message, locale));
    }

    /** The machine's field path as it is, and a message that names the field by its label (付款条款 › 定金：…). */
    private Map<String, String> labelled(String field, String message) {
        return Map.of("field", field, "message", labels.withMessage(field, message, LocaleContextHolder.getLocale(),
                bodySubject()));
    }

    private static String path(JacksonException e) {
        return JsonInput.path(e);
    }

    /** The kind of value a field takes, as a message ({@code qiyue.type.decimal}: 数字（可带两位小数）). */
    static org.springframework.context.MessageSourceResolvable typeName(Class<?> type) {
        String kind = type == null ? "value" : switch (type.getSimpleName()) {
            case "String" -> "string";
            case "Integer", "int", "Long", "long", "Short", "short" -> "integer";
            case "Boolean", "boolean" -> "boolean";
            case "BigDecimal", "Double", "double", "Float", "float" -> "decimal";
            case "LocalDate" -> "date";
            case "Instant", "OffsetDateTime", "LocalDateTime" -> "time";
            case "List", "Set" -> "array";
            default -> java.util.Collection.class.isAssignableFrom(type) || type.isArray() ? "array"
                    : type.isRecord() || type.isInterface() || java.util.Map.class.isAssignableFrom(type) ? "object"
                    : "value";
        };
        return new org.springframework.context.support.DefaultMessageSourceResolvable(
                new String[]{"qiyue.type." + kind}, kind);
    }

    private static <T extends Throwable> T findCause(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }
}
