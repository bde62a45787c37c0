package io.qiyue.shared.web;

import io.qiyue.shared.PageResult;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * Any list answered as {@code { items, page, size, total }} is also a CSV or XLSX file when the client asks for one
 * by {@code Accept} (spec/api.md: "any list"): the items' fields are the columns, headed by their labels, in the
 * order of the JSON. The lists a user filters over many pages (contracts, customers, audit, obligations, cases,
 * receipts, invoices, the ageing) have exports of their own that stream every row; this one writes the page the
 * list answers — a short list whole, a paged one the page asked for (up to 200 rows).
 *
 * <p>Last among the converters, so that {@code Accept: *}{@code /*} still gets JSON.
 */
final class ListPageExports extends AbstractHttpMessageConverter<PageResult<?>> {
    private static final MediaType CSV = MediaType.parseMediaType(ListExport.CSV_TYPE);
    private static final MediaType XLSX = MediaType.parseMediaType(ListExport.XLSX_TYPE);

    private final JsonMapper json;
    private final MessageSource messages;
    private final Clock clock;

    ListPageExports(JsonMapper json, MessageSource messages, Clock clock) {
        super(CSV, XLSX);
        this.json = json;
        this.messages = messages;
        this.clock = clock;
    }

    @Override
    protected boolean supports(Class<?> type) {
        return PageResult.class.isAssignableFrom(type);
    }

    @Override
    protected boolean canRead(MediaType mediaType) {
        return false;
    }

    @Override
    protected PageResult<?> readInternal(Class<? extends PageResult<?>> type, HttpInputMessage input) {
        throw new HttpMessageNotReadableException("a list is not read from a spreadsheet", input);
    }

    @Override
    protected void writeInternal(PageResult<?> page, HttpOutputMessage output) throws IOException {
        var format = XLSX.isCompatibleWith(output.getHeaders().getContentType()) ? ListExport.Format.XLSX
                : ListExport.Format.CSV;
        var rows = new ArrayList<JsonNode>(page.items().size());
        var columns = new LinkedHashSet<String>();
        for (Object item : page.items()) {
            JsonNode node = json.valueToTree(item);
            rows.add(node);
            if (node.isObject()) {
                columns.addAll(node.propertyNames());
            }
        }
        boolean scalars = columns.isEmpty();
        Locale locale = LocaleContextHolder.getLocale();
        // a list's own label first (field.list.body: a notification's text, not a request's body), then the field's
        List<String> headers = scalars ? List.of(messages.getMessage("field.value", null, "value", locale))
                : columns.stream().map(c -> messages.getMessage("field.list." + c, null,
                        messages.getMessage("field." + c, null, c, locale), locale)).toList();
        var wording = new ListExport.Wording(messages, locale, clock.getZone());
        String name = listName();
        output.getHeaders().set(HttpHeaders.CONTENT_DISPOSITION,
                ListExport.contentDisposition(name, name, LocalDate.now(clock), format));
        output.getHeaders().set("X-Content-Type-Options", "nosniff");
        output.getHeaders().setCacheControl("no-store");
        if (format == ListExport.Format.CSV) {
            output.getHeaders().setContentType(MediaType.parseMediaType(ListExport.CSV_TYPE + ";charset=UTF-8"));
        }
        var body = output.getBody();
        if (format == ListExport.Format.XLSX) {
            try (var sheet = new XlsxWriter(name, headers)) {
                rows.forEach(row -> sheet.row(cells(row, columns, scalars, wording)));
                sheet.writeTo(body);
            }
        } else {
            try (var csv = new CsvWriter(body, headers)) {
                rows.forEach(row -> csv.row(cells(row, columns, scalars, wording)));
            }
        }
    }

    private static Object[] cells(JsonNode row, LinkedHashSet<String> columns, boolean scalars,
                                  ListExport.Wording wording) {
        if (scalars) {
            return new Object[]{cell(row)};
        }
        var cells = new Object[columns.size()];
        int i = 0;
        for (String column : columns) {
            cells[i++] = readable(column, cell(row.get(column)), wording);
        }
        return cells;
    }

    private static final java.util.regex.Pattern INSTANT =
            java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?Z");
    private static final java.util.regex.Pattern CODE = java.util.regex.Pattern.compile("[A-Z][A-Z0-9_]{1,40}");

    /**
     * A cell as the other exports write it (outside tester): a time in the installation's zone to the second rather
     * than UTC, a code with a label ({@code stepKind} APPROVAL → enum.StepKind.APPROVAL) as its label, yes or no
     * in words.
     */
    private static Object readable(String column, Object cell, ListExport.Wording wording) {
        if (cell instanceof Boolean yes) {
            return wording.text(yes ? "common.yes" : "common.no");
        }
        if (!(cell instanceof String text)) {
            return cell;
        }
        if (INSTANT.matcher(text).matches()) {
            try {
                return wording.time(java.time.Instant.parse(text));
            } catch (java.time.format.DateTimeParseException e) {
                return text;
            }
        }
        if (CODE.matcher(text).matches()) {
            return wording.text("enum." + Character.toUpperCase(column.charAt(0)) + column.substring(1) + "." + text,
                    text);
        }
        return text;
    }

    /** A value as a cell: text and numbers as they are, money as its amount, anything larger as compact JSON. */
    private static Object cell(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isString()) {
            return value.asString();
        }
        if (value.isObject() && value.has("value") && value.has("currency") && value.size() == 2) {
            try {
                return new BigDecimal(value.get("value").asString());
            } catch (NumberFormatException e) {
                return value.get("value").asString();
            }
        }
        if (value.isArray() && value.valueStream().allMatch(JsonNode::isValueNode)) {
            var parts = new ArrayList<String>();
            value.forEach(v -> parts.add(v.asString()));
            return String.join("; ", parts);
        }
        return value.toString();
    }

    /** The file's name: the list's last path segment that is a word ({@code teams}, {@code versions}). */
    private static String listName() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            String[] segments = attributes.getRequest().getRequestURI().split("/");
            for (int i = segments.length - 1; i >= 0; i--) {
                if (segments[i].matches("[a-z][a-z-]{1,40}")) {
                    return segments[i];
                }
            }
        }
        return "list";
    }
}
