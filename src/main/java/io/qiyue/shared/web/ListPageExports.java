package io.qiyue.shared.web;

import io.qiyue.shared.Listing;
import io.qiyue.shared.PageResult;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.core.ResolvableType;
import org.springframework.http.converter.AbstractSmartHttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.jsonFormatVisitors.JsonFormatVisitorWrapper;
import tools.jackson.databind.jsonFormatVisitors.JsonObjectFormatVisitor;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Any list answered as {@code { items, page, size, total }}, or as items with more beside them (a search, the review
 * settings: a {@link Listing}), is also a CSV or XLSX file when the client asks for one by {@code Accept}
 * (spec/api.md: "any list"): the item type's fields are the columns, headed by their labels, in the order of the
 * JSON. The lists a user filters over many pages (contracts, customers, audit, obligations, cases,
 * receipts, invoices, the ageing) have exports of their own that stream every row; this one writes the page the
 * list answers — a short list whole, a paged one the page asked for (up to 200 rows).
 *
 * <p>Last among the converters, so that {@code Accept: *}{@code /*} still gets JSON.
 */
final class ListPageExports extends AbstractSmartHttpMessageConverter<Listing> {
    private static final MediaType CSV = MediaType.parseMediaType(ListExport.CSV_TYPE);
    private static final MediaType XLSX = MediaType.parseMediaType(ListExport.XLSX_TYPE);

    private final JsonMapper json;
    private final MessageSource messages;
    private final Clock clock;
    private final Map<Class<?>, List<Column>> columnsByType = new ConcurrentHashMap<>();

    ListPageExports(JsonMapper json, MessageSource messages, Clock clock) {
        super(CSV, XLSX);
        this.json = json;
        this.messages = messages;
        this.clock = clock;
    }

    /**
     * A column of the file: a JSON property of the list's items, with the enum whose labels its codes have (an
     * approval step's {@code kind}: enum.StepKind.APPROVAL), or null.
     */
    record Column(String name, Class<?> codes, boolean html) {
        Column(String name, Class<?> codes) {
            this(name, codes, false);
        }
    }

    @Override
    protected boolean supports(Class<?> type) {
        return Listing.class.isAssignableFrom(type);
    }

    @Override
    public boolean canRead(ResolvableType type, MediaType mediaType) {
        return false;
    }

    @Override
    public Listing read(ResolvableType type, HttpInputMessage input, Map<String, Object> hints) {
        throw new HttpMessageNotReadableException("a list is not read from a spreadsheet", input);
    }

    @Override
    public boolean canWrite(ResolvableType type, Class<?> valueClass, MediaType mediaType) {
        return supports(valueClass) && canWrite(mediaType);
    }

    @Override
    protected void writeInternal(Listing page, ResolvableType type, HttpOutputMessage output,
                                 Map<String, Object> hints) throws IOException {
        var format = XLSX.isCompatibleWith(output.getHeaders().getContentType()) ? ListExport.Format.XLSX
                : ListExport.Format.CSV;
        var rows = new ArrayList<JsonNode>(page.items().size());
        var columns = new LinkedHashMap<String, Column>();
        // the item type's properties first: an empty list still has its header row, and codes their enum
        columnsOf(itemType(type == null || type.resolve() == null ? ResolvableType.forInstance(page) : type))
                .forEach(c -> columns.put(c.name(), c));
        for (Object item : page.items()) {
            JsonNode node = json.valueToTree(item);
            rows.add(node);
            if (node.isObject()) {
                node.propertyNames().forEach(name -> columns.putIfAbsent(name, new Column(name, null)));
            }
        }
        boolean scalars = columns.isEmpty();
        Locale locale = LocaleContextHolder.getLocale();
        String name = listName();
        List<String> headers = scalars ? List.of(messages.getMessage("field.value", null, "value", locale))
                : columns.keySet().stream().map(c -> header(name, c, locale)).toList();
        var wording = new ListExport.Wording(messages, locale, clock.getZone());
        output.getHeaders().set(HttpHeaders.CONTENT_DISPOSITION,
                ListExport.contentDisposition(name, name, LocalDate.now(clock), format));
        output.getHeaders().set("X-Content-Type-Options", "nosniff");
        output.getHeaders().setCacheControl("no-store");
        if (format == ListExport.Format.CSV) {
            output.getHeaders().setContentType(MediaType.parseMediaType(ListExport.CSV_TYPE + ";charset=UTF-8"));
        }
        var body = output.getBody();
        var order = List.copyOf(columns.values());
        if (format == ListExport.Format.XLSX) {
            try (var sheet = new XlsxWriter(name, headers)) {
                rows.forEach(row -> sheet.row(cells(row, order, scalars, wording)));
                sheet.writeTo(body);
            }
        } else {
            try (var csv = new CsvWriter(body, headers)) {
                rows.forEach(row -> csv.row(cells(row, order, scalars, wording)));
            }
        }
    }

    /**
     * A column's header: this list's own label (field.list.contacts.title: a contact's 职务, not a clause's 名称), then
     * one for lists (field.list.body: a notification's text, not a request's body), then the field's.
     */
    String header(String list, String column, Locale locale) {
        return messages.getMessage("field.list." + list + "." + column, null,
                messages.getMessage("field.list." + column, null,
                        messages.getMessage("field." + column, null, column, locale), locale), locale);
    }

    /** What a list holds: a page's type argument, else the element type of the answer's {@code items}. */
    static Class<?> itemType(ResolvableType type) {
        Class<?> answer = type.toClass();
        if (PageResult.class.isAssignableFrom(answer)) {
            return type.as(PageResult.class).getGeneric(0).resolve();
        }
        var items = org.springframework.util.ReflectionUtils.findMethod(answer, "items");
        return items == null ? null : ResolvableType.forMethodReturnType(items, answer).getGeneric(0).resolve();
    }

    /** The properties Jackson writes for an item of {@code type}, in its order; none for a scalar or unknown type. */
    List<Column> columnsOf(Class<?> type) {
        if (type == null || type == Object.class || type.isPrimitive() || type.getName().startsWith("java.")) {
            return List.of();
        }
        return columnsByType.computeIfAbsent(type, t -> {
            var found = new ArrayList<Column>();
            json.acceptJsonFormatVisitor(t, new JsonFormatVisitorWrapper.Base() {
                @Override
                public JsonObjectFormatVisitor expectObjectFormat(JavaType objectType) {
                    return new JsonObjectFormatVisitor.Base(getContext()) {
                        @Override
                        public void property(BeanProperty property) {
                            found.add(new Column(property.getName(), codesOf(property.getType()),
                                    property.getAnnotation(io.qiyue.shared.HtmlText.class) != null));
                        }

                        @Override
                        public void optionalProperty(BeanProperty property) {
                            property(property);
                        }
                    };
                }
            });
            return List.copyOf(found);
        });
    }

    private static Class<?> codesOf(JavaType type) {
        JavaType single = type.isContainerType() && type.getContentType() != null ? type.getContentType() : type;
        return single.isEnumType() ? single.getRawClass() : null;
    }

    private static Object[] cells(JsonNode row, List<Column> columns, boolean scalars, ListExport.Wording wording) {
        if (scalars) {
            return new Object[]{cell(row)};
        }
        var cells = new Object[columns.size()];
        int i = 0;
        for (Column column : columns) {
            cells[i++] = readable(column, row.get(column.name()), wording);
        }
        return cells;
    }

    private static final java.util.regex.Pattern INSTANT =
            java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?Z");
    private static final java.util.regex.Pattern CODE = java.util.regex.Pattern.compile("[A-Z][A-Z0-9_]{1,40}");

    /**
     * A cell as the other exports write it (outside tester): a time in the installation's zone to the second rather
     * than UTC, a code as its label (an approval step's {@code kind} APPROVAL → enum.StepKind.APPROVAL; a list of
     * codes label by label), yes or no in words.
     */
    private static Object readable(Column column, JsonNode value, ListExport.Wording wording) {
        if (value != null && value.isArray() && column.codes() != null) {
            var labels = new ArrayList<String>();
            value.forEach(v -> labels.add(String.valueOf(readable(column, cell(v), wording))));
            return String.join("；", labels);
        }
        return readable(column, cell(value), wording);
    }

    private static final java.util.regex.Pattern TAG = java.util.regex.Pattern.compile("<[^>]*>");

    private static Object readable(Column column, Object cell, ListExport.Wording wording) {
        if (column.html() && cell instanceof String markup) {
            return org.springframework.web.util.HtmlUtils.htmlUnescape(TAG.matcher(markup).replaceAll(""));
        }
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
            String name = column.name();
            String byColumn = wording.text("enum." + Character.toUpperCase(name.charAt(0)) + name.substring(1) + "."
                    + text, text);
            return column.codes() == null ? byColumn
                    : wording.text("enum." + column.codes().getSimpleName() + "." + text, byColumn);
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
            return listName(attributes.getRequest().getRequestURI());
        }
        return "list";
    }

    static String listName(String path) {
        String[] segments = path.split("/");
        for (int i = segments.length - 1; i >= 0; i--) {
            if (segments[i].matches("[a-z][a-z-]{1,40}")) {
                return segments[i];
            }
        }
        return "list";
    }
}
