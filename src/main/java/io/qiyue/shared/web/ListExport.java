package io.qiyue.shared.web;

import io.qiyue.shared.InvalidInputException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A list page's export as a download: XLSX (amounts as numbers, text as text) or CSV (UTF-8 with BOM), written
 * row by row as the database hands them over. Open it only once the request has been validated and scoped: from
 * then on the response is a file, and an error can no longer become problem+json.
 */
public final class ListExport implements AutoCloseable {
    public static final String XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public static final String CSV_TYPE = "text/csv";

    /** The two formats a list exports to. */
    public enum Format {
        XLSX(XLSX_TYPE, "xlsx"), CSV(CSV_TYPE + ";charset=UTF-8", "csv");

        private final String contentType;
        private final String extension;

        Format(String contentType, String extension) {
            this.contentType = contentType;
            this.extension = extension;
        }

        /** The {@code format} request parameter of browsers' export links: xlsx or csv, else a 400. */
        public static Format ofParameter(String value) {
            String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
            return switch (v) {
                case "xlsx" -> XLSX;
                case "csv" -> CSV;
                default -> throw new InvalidInputException("format", "qiyue.export.format");
            };
        }

        /** The format an Accept header asks for (the handler's produces condition has matched one of them). */
        public static Format ofAccept(String accept) {
            return accept != null && accept.toLowerCase(Locale.ROOT).contains(XLSX_TYPE) ? XLSX : CSV;
        }
    }

    private final OutputStream out;
    private final XlsxWriter xlsx;
    private final CsvWriter csv;

    private ListExport(OutputStream out, Format format, String sheetName, List<String> headers) {
        this.out = out;
        this.xlsx = format == Format.XLSX ? new XlsxWriter(sheetName, headers) : null;
        this.csv = format == Format.CSV ? new CsvWriter(out, headers) : null;
    }

    /**
     * Starts the download: the content type, and a file name of the list and the day in both forms of RFC 6266
     * (an ASCII {@code filename} for old clients, the list's name in the reader's language in {@code filename*}).
     */
    public static ListExport start(HttpServletResponse response, Format format, String asciiName, String localName,
                                   LocalDate day, String sheetName, List<String> headers) {
        response.setContentType(format.contentType);
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, contentDisposition(asciiName, localName, day, format));
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        try {
            return new ListExport(response.getOutputStream(), format, sheetName, headers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String contentDisposition(String asciiName, String localName, LocalDate day, Format format) {
        String suffix = "-" + day + "." + format.extension;
        return "attachment; filename=\"" + asciiName + suffix + "\"; filename*=UTF-8''"
                + rfc5987(localName + suffix);
    }

    /** Percent-encodes all but RFC 5987's attr-char, byte by byte of the UTF-8 form. */
    static String rfc5987(String value) {
        var encoded = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return encoded.toString();
    }

    public void row(Object... values) {
        if (xlsx != null) {
            xlsx.row(values);
        } else {
            csv.row(values);
        }
    }

    public int rows() {
        return xlsx != null ? xlsx.rows() : csv.rows();
    }

    /** Writes the workbook (XLSX keeps its rows in a temporary file until now) or flushes the CSV. */
    @Override
    public void close() {
        if (xlsx != null) {
            try (xlsx) {
                xlsx.writeTo(out);
            }
        } else {
            csv.close();
        }
    }

    /**
     * An export's words in the reader's language and its times in the instance's zone, as every list writes them:
     * headers and labels from the messages (a code without a message stays as it is), times to the second. A file
     * repeats a handful of labels (types, statuses) on each of its rows: each is looked up once per file. For the
     * thread that writes one export.
     */
    public static final class Wording {
        private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

        private final MessageSource messages;
        private final Locale locale;
        private final ZoneId zone;
        private final Map<String, String> looked = new HashMap<>();

        public Wording(MessageSource messages, Locale locale, ZoneId zone) {
            this.messages = messages;
            this.locale = locale;
            this.zone = zone;
        }

        /** In the request's language, times in the clock's zone. */
        public static Wording ofRequest(MessageSource messages, Clock clock) {
            return new Wording(messages, LocaleContextHolder.getLocale(), clock.getZone());
        }

        public Locale locale() {
            return locale;
        }

        /** The message of {@code code}, or the code itself when there is none. */
        public String text(String code) {
            return text(code, code);
        }

        /** The message of {@code code}, or {@code fallback} when there is none. */
        public String text(String code, String fallback) {
            String key = code + '\u0000' + fallback;
            String found = looked.get(key);
            if (found == null) {
                found = messages.getMessage(code, null, fallback, locale);
                looked.put(key, found);
            }
            return found;
        }

        /** The messages of {@code codes}, in order: a file's header row. */
        public List<String> texts(String... codes) {
            return java.util.Arrays.stream(codes).map(this::text).toList();
        }

        /** {@code yyyy-MM-dd HH:mm:ss} in the zone; null stays null (an empty cell). */
        public String time(Instant at) {
            return at == null ? null : TIME.format(at.atZone(zone));
        }
    }
}
