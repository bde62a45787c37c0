package io.qiyue.importing;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipFile;

/**
 * Reads an uploaded file into a {@link Table}: XLSX through POI's streaming SAX reader (never a whole-workbook DOM,
 * so a large sheet costs memory by row, not by sheet), CSV through commons-csv in UTF-8 (with or without BOM),
 * UTF-16 with its BOM, or GB18030/GBK, comma, tab or semicolon separated.
 * The file's type is told by its first bytes, not its name. Limits: {@link #MAX_ROWS} data rows; XLSX (a zip) at most
 * {@link #MAX_ENTRIES} entries, {@link #MAX_UNZIPPED} bytes unpacked and a ratio of {@link #MAX_RATIO} per large entry.
 */
final class TableReader {
    static final int MAX_ROWS = 100_000;
    static final int MAX_COLUMNS = 200;
    static final int MAX_ENTRIES = 1_000;
    static final long MAX_UNZIPPED = 400L * 1024 * 1024;
    static final int MAX_RATIO = 200;
    static final Charset GB18030 = Charset.forName("GB18030");

    private TableReader() {
    }

    enum Format { XLSX, CSV, ZIP }

    /**
     * The format the name promises, checked against the first bytes; refuses anything else. A UTF-16 text named so
     * by {@code encoding} (null: none named) may go without its BOM.
     */
    static Format format(String fileName, byte[] head, String encoding) {
        boolean utf16 = encoding != null && encoding.strip().toUpperCase(Locale.ROOT).startsWith("UTF-16");
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT).strip();
        boolean zip = head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
        boolean ole = head.length >= 4 && (head[0] & 0xff) == 0xD0 && (head[1] & 0xff) == 0xCF
                && (head[2] & 0xff) == 0x11 && (head[3] & 0xff) == 0xE0;
        if (name.endsWith(".xlsx")) {
            if (!zip) {
                throw new UnreadableFileException(ole ? "qiyue.import.file.xls" : "qiyue.import.file.not-xlsx");
            }
            return Format.XLSX;
        }
        if (name.endsWith(".csv") || name.endsWith(".txt")) {
            if (zip || ole || binary(head) && !utf16Bom(head) && !utf16) {
                throw new UnreadableFileException("qiyue.import.file.not-csv");
            }
            return Format.CSV;
        }
        if (name.endsWith(".zip")) {
            if (!zip) {
                throw new UnreadableFileException("qiyue.import.file.not-zip");
            }
            return Format.ZIP;
        }
        if (name.endsWith(".xls")) {
            throw new UnreadableFileException("qiyue.import.file.xls");
        }
        throw new UnreadableFileException("qiyue.import.file.type");
    }

    /** Excel's "Unicode text" and other UTF-16 files: zero bytes, but text, as their byte order mark says. */
    private static boolean utf16Bom(byte[] head) {
        return head.length >= 2 && ((head[0] & 0xff) == 0xFF && (head[1] & 0xff) == 0xFE
                || (head[0] & 0xff) == 0xFE && (head[1] & 0xff) == 0xFF);
    }

    private static boolean binary(byte[] head) {
        for (byte b : head) {
            if (b == 0) {
                return true;
            }
        }
        return false;
    }

    static Table read(Path file, String fileName, String encoding) throws IOException {
        byte[] head = new byte[8192];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        byte[] start = java.util.Arrays.copyOf(head, n);
        if (n == 0) {
            throw new UnreadableFileException("qiyue.import.file.empty");
        }
        var format = format(fileName, start, encoding);
        if (format == Format.ZIP) {
            throw new UnreadableFileException("qiyue.import.file.type");
        }
        return format == Format.XLSX ? xlsx(file) : csv(Files.readAllBytes(file), encoding);
    }

    // --- CSV

    static Table csv(byte[] bytes, String encoding) {
        String text = decode(bytes, encoding);
        var rows = new ArrayList<Table.Row>();
        List<String> header = null;
        // the line the last whole record ended on: a broken one is named by the line after it (outside tester)
        long[] lineRead = {0};
        try (var parser = CSVFormat.DEFAULT.builder().setDelimiter(delimiter(text)).setIgnoreSurroundingSpaces(true).get()
                .parse(new StringReader(text))) {
            for (CSVRecord record : parser) {
                lineRead[0] = parser.getCurrentLineNumber();
                int number = (int) record.getRecordNumber();
                var cells = new ArrayList<String>(record.size());
                record.forEach(cell -> cells.add(cell == null ? "" : cell.strip()));
                if (header == null) {
                    header = cells;
                    continue;
                }
                add(rows, new Table.Row(number, cells));
            }
        } catch (IOException | java.io.UncheckedIOException | IllegalStateException e) {
            throw new UnreadableFileException("qiyue.import.file.csv-broken", lineRead[0] + 1);
        }
        if (header == null) {
            throw new UnreadableFileException("qiyue.import.file.empty");
        }
        return new Table(header, rows);
    }

    /**
     * What separates the cells, read from the header line: a comma, unless the header has none but tabs (Excel's
     * "Unicode text" and "text (tab delimited)", a copy from a sheet) or semicolons (Excel where the comma is the
     * decimal sign).
     */
    static char delimiter(String text) {
        int end = text.indexOf('\n');
        String header = end < 0 ? text : text.substring(0, end);
        if (header.indexOf(',') >= 0) {
            return ',';
        }
        if (header.indexOf('\t') >= 0) {
            return '\t';
        }
        return header.indexOf(';') >= 0 ? ';' : ',';
    }

    /**
     * The text in the encoding asked for, else by its BOM (UTF-8, UTF-16), else UTF-8 when the bytes are valid
     * UTF-8, else GB18030 (what Excel on a Chinese Windows writes as "CSV" is GBK, which GB18030 contains, with
     * the characters GBK lacks, 㑇 or 𠀀, in four bytes); bytes valid in neither are refused, never guessed.
     */
    static String decode(byte[] bytes, String encoding) {
        if (encoding != null && !encoding.isBlank()) {
            Charset charset = encoding(encoding);
            if (charset == null) {
                throw new UnreadableFileException("qiyue.import.file.encoding-unknown", encoding.strip());
            }
            // GBK's bytes read as GB18030 reads them, with the characters GBK left to private use (㑇 is FE56)
            boolean gbk = charset.name().equals("GBK") || charset.name().equals("GB2312");
            String text = strict(bytes, gbk ? GB18030 : charset);
            if (text == null) {
                throw new UnreadableFileException("qiyue.import.file.encoding-mismatch", charset.name());
            }
            return stripBom(text);
        }
        if (utf16Bom(bytes)) {
            String utf16 = strict(bytes, StandardCharsets.UTF_16);
            if (utf16 == null) {
                throw new UnreadableFileException("qiyue.import.file.encoding");
            }
            return stripBom(utf16);
        }
        String utf8 = strict(bytes, StandardCharsets.UTF_8);
        if (utf8 != null) {
            return stripBom(utf8);
        }
        String gb18030 = strict(bytes, GB18030);
        // private-use characters are what Big5 or Shift-JIS bytes turn into when read as GB18030: say so instead
        if (gb18030 != null && gb18030.chars().noneMatch(c -> c >= 0xE000 && c <= 0xF8FF)) {
            return gb18030;
        }
        throw new UnreadableFileException("qiyue.import.file.encoding");
    }

    /**
     * The encodings a file may be named in: those Chinese spreadsheets are saved in. Any other the JDK knows (LATIN1,
     * Big5 …) reads a Chinese file into characters without an error, to fail later as columns that are not there.
     */
    private static final java.util.Set<String> ENCODINGS = java.util.Set.of("UTF-8", "GBK", "GB2312", "GB18030",
            "UTF-16", "UTF-16LE", "UTF-16BE");

    /** The charset of an {@code encoding} parameter when it is one of {@link #ENCODINGS}, else null. */
    static Charset encoding(String name) {
        try {
            Charset charset = Charset.forName(name.strip());
            return ENCODINGS.contains(charset.name()) ? charset : null;
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    private static String stripBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static String strict(byte[] bytes, Charset charset) {
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static void add(List<Table.Row> rows, Table.Row row) {
        if (row.cells().stream().allMatch(String::isEmpty)) {
            return;
        }
        if (rows.size() >= MAX_ROWS) {
            throw new UnreadableFileException("qiyue.import.file.too-many-rows", MAX_ROWS);
        }
        if (row.cells().size() > MAX_COLUMNS) {
            throw new UnreadableFileException("qiyue.import.file.too-many-columns", MAX_COLUMNS);
        }
        rows.add(row);
    }

    // --- XLSX

    /** Refuses a zip whose entries would unpack to far more than it holds, counting what each entry really inflates to. */
    static void checkZip(Path file) {
        checkZip(file, "qiyue.import.file.not-xlsx");
    }

    static void checkZip(Path file, String notAZip) {
        checkZip(file, notAZip, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** {@code names}: the charset of entry names written without the UTF-8 flag. */
    static void checkZip(Path file, String notAZip, java.nio.charset.Charset names) {
        try (var zip = new ZipFile(file.toFile(), names)) {
            long total = 0;
            int entries = 0;
            var all = zip.entries();
            byte[] buffer = new byte[64 * 1024];
            while (all.hasMoreElements()) {
                var entry = all.nextElement();
                if (++entries > MAX_ENTRIES) {
                    throw new UnreadableFileException("qiyue.import.file.too-many-entries", MAX_ENTRIES);
                }
                long size = 0;
                long compressed = Math.max(1, entry.getCompressedSize());
                try (var in = zip.getInputStream(entry)) {
                    for (int r; (r = in.read(buffer)) > 0; ) {
                        size += r;
                        total += r;
                        if (total > MAX_UNZIPPED || (size > 1024 * 1024 && size / compressed > MAX_RATIO)) {
                            throw new UnreadableFileException("qiyue.import.file.zip-bomb");
                        }
                    }
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new UnreadableFileException(notAZip);
        }
    }

    static Table xlsx(Path file) {
        checkZip(file);
        try (var pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
            var reader = new XSSFReader(pkg);
            var strings = new ReadOnlySharedStringsTable(pkg, false);
            var styles = reader.getStylesTable();
            var sheets = reader.getSheetsData();
            if (!sheets.hasNext()) {
                throw new UnreadableFileException("qiyue.import.file.empty");
            }
            var collector = new RowCollector();
            try (InputStream sheet = sheets.next()) {
                var xml = XMLHelper.newXMLReader();
                xml.setContentHandler(new FormulaMarking(styles, strings, collector));
                xml.parse(new InputSource(sheet));
            }
            if (collector.header == null) {
                throw new UnreadableFileException("qiyue.import.file.empty");
            }
            return new Table(collector.headerRow, collector.header, collector.rows);
        } catch (UnreadableFileException e) {
            throw e;
        } catch (Exception e) {
            if (e.getCause() instanceof UnreadableFileException u) {
                throw u;
            }
            throw new UnreadableFileException("qiyue.import.file.not-xlsx");
        }
    }

    /** Numbers as written (no grouping, no exponent), dates as ISO dates; everything else as DataFormatter shows it. */
    static final class PlainFormatter extends DataFormatter {
        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString, boolean use1904Windowing) {
            if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
                var dateTime = DateUtil.getLocalDateTime(value, use1904Windowing);
                return dateTime.toLocalTime().equals(java.time.LocalTime.MIDNIGHT)
                        ? dateTime.toLocalDate().format(DateTimeFormatter.ISO_LOCAL_DATE)
                        : dateTime.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
            }
            // as Excel shows it: 15 significant digits, so that 30000.010000000002 (a sum's binary noise) reads 30000.01;
            // beyond 15 digits as Excel shows it too (4.40305199001014E+17): the digits after the 15th are lost, and an
            // ID number or contract number so written is refused as such (Problems.checkCells), not taken as typed
            var shown = new BigDecimal(value, new java.math.MathContext(15)).stripTrailingZeros();
            return Math.abs(value) >= 1e15 ? shown.toString() : shown.toPlainString();
        }
    }

    /**
     * The sheet's handler, telling the collector of every formula ({@code <f>}) as its cell begins: the value Excel
     * cached for it is what the formula computed (or a link's label), not what was typed, and a formula without one
     * would come out as no cell at all; so a formula cell reads "=" and its formula, refused as in a CSV file.
     */
    private static final class FormulaMarking extends XSSFSheetXMLHandler {
        private final RowCollector collector;
        private final StringBuilder formula = new StringBuilder();
        private String reference;
        private boolean inFormula;

        FormulaMarking(org.apache.poi.xssf.model.Styles styles, ReadOnlySharedStringsTable strings,
                       RowCollector collector) {
            super(styles, strings, collector, new PlainFormatter(), false);
            this.collector = collector;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes)
                throws SAXException {
            if ("c".equals(localName)) {
                reference = attributes.getValue("r");
                collector.cellBegins();
            } else if ("f".equals(localName)) {
                inFormula = true;
                formula.setLength(0);
            }
            super.startElement(uri, localName, qName, attributes);
        }

        @Override
        public void characters(char[] ch, int start, int length) throws SAXException {
            if (inFormula) {
                formula.append(ch, start, length);
            }
            super.characters(ch, start, length);
        }

        @Override
        public void endElement(String uri, String localName, String qName) throws SAXException {
            if ("f".equals(localName)) {
                inFormula = false;
                // a shared formula's later cells carry no text of their own: "=" alone still says formula
                collector.formula(reference, "=" + formula.toString().strip());
            }
            super.endElement(uri, localName, qName);
        }
    }

    private static final class RowCollector implements XSSFSheetXMLHandler.SheetContentsHandler {
        List<String> header;
        int headerRow;
        final List<Table.Row> rows = new ArrayList<>();
        private List<String> current;
        /** The columns of the current row whose cell is a formula, already placed by {@link #formula}. */
        private final java.util.Set<Integer> formulas = new java.util.HashSet<>();
        /** The column of the current cell when it is a formula, else -1: a cell without a reference is the next one. */
        private int formulaHere = -1;

        @Override
        public void startRow(int rowNum) {
            current = new ArrayList<>();
            formulas.clear();
        }

        void cellBegins() {
            formulaHere = -1;
        }

        void formula(String reference, String formula) {
            formulaHere = column(reference);
            formulas.add(formulaHere);
            place(formulaHere, formula);
        }

        @Override
        public void endRow(int rowNum) {
            if (header == null) {
                if (current.stream().allMatch(String::isEmpty)) {
                    return;
                }
                header = current;
                headerRow = rowNum + 1;
            } else {
                add(rows, new Table.Row(rowNum + 1, current));
            }
        }

        @Override
        public void cell(String reference, String value, XSSFComment comment) {
            int column = reference == null && formulaHere >= 0 ? formulaHere : column(reference);
            if (!formulas.contains(column)) {
                String text = value == null ? "" : value.strip();
                // a value cell is text even when it begins as a formula would (Qiyue's own exports write such a title
                // as a quote-prefixed text cell): marked with the apostrophe a CSV file carries for it, so that only a
                // real formula (<f>, placed as "=…" above) is refused as one (outside tester: an export came back
                // refused)
                place(column, text.startsWith("=") ? "'" + text : text);
            }
        }

        private int column(String reference) {
            int column = reference == null ? current.size()
                    : new org.apache.poi.ss.util.CellReference(reference).getCol();
            if (column >= MAX_COLUMNS) {
                throw new UnreadableFileException("qiyue.import.file.too-many-columns", MAX_COLUMNS);
            }
            return column;
        }

        private void place(int column, String value) {
            while (current.size() < column) {
                current.add("");
            }
            current.add(value);
        }
    }
}
