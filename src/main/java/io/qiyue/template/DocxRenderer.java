package io.qiyue.template;

import org.apache.poi.wp.usermodel.HeaderFooterType;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.TableWidthType;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageMar;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageSz;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTblGrid;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STFldCharType;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STHeightRule;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STTblLayoutType;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The same rendered XHTML as a Word document (A4): headings, paragraphs, tables, bold for
 * {@code <strong>} and conspicuous clauses, the contract number in the header and page numbers in
 * the footer. Text goes into runs as text, so nothing a user typed becomes markup.
 */
final class DocxRenderer {
    /*
     * The PDF's Noto Sans SC is not installed with Word; Microsoft YaHei is, on every Windows with Office, and is
     * the sans-serif face closest to it, so the two files look alike (宋体 made the DOCX a different document).
     */
    private static final String FONT = "Microsoft YaHei";
    private static final int SIGNATURE_ROW = 1474; // 26 mm in twips
    private static final int SEAL_ROW = 2268; // 40 mm: room for a 4 cm company seal
    private static final int TEXT_WIDTH = 11906 - 1247 - 1134; // A4 less the left and right margins, in twips
    private static final int LABEL_WIDTH = 2800; // twips: 是否已取得个人的单独同意 (12 characters at 10.5 pt) in one line
    /* 期次 | 付款条件及期限 | 金额 | 大写金额 | 说明: 第12期, ¥1,234,567.89 and 质保金 each in one line */
    private static final int[] INSTALMENT_COLUMNS = {900, 3000, 1700, 2325, 1600};
    private static final int[] ITEM_COLUMNS = {900, 3000, TEXT_WIDTH - 3900};
    /* zip entries carry a time: the document's own, so that one version is one file; DOS time starts in 1980 */
    private static final LocalDateTime NO_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);

    private DocxRenderer() {
    }

    static byte[] render(Document xhtml, String number, String title, String author, Instant issued) {
        try (var doc = new XWPFDocument(); var out = new ByteArrayOutputStream(32 * 1024)) {
            var core = doc.getProperties().getCoreProperties();
            core.setTitle(title);
            core.setCreator(author);
            core.setCreated(Optional.of(Date.from(issued)));
            core.setModified(Optional.of(Date.from(issued)));
            pageSetup(doc);
            headerAndFooter(doc, number);
            Element body = child(xhtml.getDocumentElement(), "body");
            if (body != null) {
                blocks(doc, null, body);
            }
            doc.write(out);
            return withFixedTimes(out.toByteArray(), issued);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The package again, every entry stamped with the document's time instead of the time it was written. */
    private static byte[] withFixedTimes(byte[] docx, Instant issued) throws IOException {
        // the local time in UTC, written as it is: the server's time zone does not change the file
        LocalDateTime at = LocalDateTime.ofInstant(issued, ZoneOffset.UTC);
        LocalDateTime time = at.isBefore(NO_TIME) ? NO_TIME : at;
        var out = new ByteArrayOutputStream(docx.length + 1024);
        try (var in = new ZipInputStream(new ByteArrayInputStream(docx)); var zip = new ZipOutputStream(out)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                var copy = new ZipEntry(e.getName());
                copy.setTimeLocal(time);
                zip.putNextEntry(copy);
                in.transferTo(zip);
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static void pageSetup(XWPFDocument doc) {
        CTSectPr sect = doc.getDocument().getBody().addNewSectPr();
        CTPageSz size = sect.addNewPgSz();
        size.setW(BigInteger.valueOf(11906));
        size.setH(BigInteger.valueOf(16838));
        CTPageMar margin = sect.addNewPgMar();
        margin.setTop(BigInteger.valueOf(1417));
        margin.setBottom(BigInteger.valueOf(1247));
        margin.setLeft(BigInteger.valueOf(1247));
        margin.setRight(BigInteger.valueOf(1134));
        margin.setHeader(BigInteger.valueOf(709));
        margin.setFooter(BigInteger.valueOf(709));
    }

    private static void headerAndFooter(XWPFDocument doc, String number) {
        var header = doc.createHeader(HeaderFooterType.DEFAULT).createParagraph();
        header.setAlignment(ParagraphAlignment.RIGHT);
        run(header, "合同编号：" + (number == null ? "" : number), false, 9);
        var footer = doc.createFooter(HeaderFooterType.DEFAULT).createParagraph();
        footer.setAlignment(ParagraphAlignment.CENTER);
        run(footer, "第 ", false, 9);
        field(footer, "PAGE");
        run(footer, " 页，共 ", false, 9);
        field(footer, "NUMPAGES");
        run(footer, " 页", false, 9);
    }

    private static void field(XWPFParagraph p, String instruction) {
        p.createRun().getCTR().addNewFldChar().setFldCharType(STFldCharType.BEGIN);
        p.createRun().getCTR().addNewInstrText().setStringValue(" " + instruction + " ");
        p.createRun().getCTR().addNewFldChar().setFldCharType(STFldCharType.SEPARATE);
        run(p, "1", false, 9);
        p.createRun().getCTR().addNewFldChar().setFldCharType(STFldCharType.END);
    }

    /** Block content of an element, into the document body or into a table cell. */
    private static void blocks(XWPFDocument doc, XWPFTableCell cell, Element parent) {
        List<Node> inline = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && isBlock(e.getLocalName())) {
                flush(doc, cell, inline, parent);
                block(doc, cell, e);
            } else {
                inline.add(n);
            }
        }
        flush(doc, cell, inline, parent);
    }

    private static void flush(XWPFDocument doc, XWPFTableCell cell, List<Node> inline, Element parent) {
        boolean content = inline.stream().anyMatch(n -> !n.getTextContent().isBlank());
        if (content) {
            var p = paragraph(doc, cell);
            inlines(p, inline, bold(parent), 10.5);
        }
        inline.clear();
    }

    private static void block(XWPFDocument doc, XWPFTableCell cell, Element e) {
        String name = e.getLocalName();
        switch (name) {
            case "table" -> {
                if (cell == null) {
                    table(doc, e);
                }
            }
            case "h1", "h2", "h3", "h4" -> {
                var p = paragraph(doc, cell);
                if ("h1".equals(name)) {
                    p.setAlignment(ParagraphAlignment.CENTER);
                }
                p.setSpacingBefore("h1".equals(name) ? 120 : 240);
                p.setSpacingAfter(80);
                p.setKeepNext(true);
                inlines(p, children(e), true, "h1".equals(name) ? 18 : 12);
            }
            case "p" -> {
                var p = paragraph(doc, cell);
                if (nextIsTable(e)) {
                    // 甲方按下表分期支付： stays on the page of its table
                    keepNext(p);
                }
                inlines(p, children(e), bold(e), 10.5);
            }
            case "div" -> {
                if (e.getAttribute("class").contains("signature") && cell == null) {
                    paragraph(doc, null).setPageBreak(true);
                }
                if (!e.getAttribute("class").contains("running-header")) {
                    blocks(doc, cell, e);
                }
            }
            case "head", "style", "script", "title" -> {
            }
            default -> blocks(doc, cell, e);
        }
    }

    private static void table(XWPFDocument doc, Element e) {
        // a caption prints above its table, as in the PDF (the rows alone would lose its words)
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element caption && "caption".equals(caption.getLocalName())
                    && !caption.getTextContent().isBlank()) {
                var p = paragraph(doc, null);
                p.setAlignment(ParagraphAlignment.CENTER);
                keepNext(p);
                inlines(p, children(caption), bold(caption), 10.5);
            }
        }
        List<Element> rows = new ArrayList<>();
        collectRows(e, rows);
        if (rows.isEmpty()) {
            return;
        }
        int columns = rows.stream().mapToInt(r -> cells(r).size()).max().orElse(1);
        XWPFTable table = doc.createTable(rows.size(), columns);
        String classes = " " + e.getAttribute("class") + " ";
        boolean signatures = classes.contains(" signatures ");
        int[] widths = widths(classes, columns);
        // a fixed layout on a grid: without <w:tblGrid> LibreOffice draws only the first column
        table.setWidth(String.valueOf(TEXT_WIDTH));
        table.setWidthType(TableWidthType.DXA);
        table.getCTTbl().getTblPr().addNewTblLayout().setType(STTblLayoutType.FIXED);
        CTTblGrid grid = table.getCTTbl().getTblGrid() != null ? table.getCTTbl().getTblGrid()
                : table.getCTTbl().addNewTblGrid();
        while (grid.sizeOfGridColArray() > 0) {
            grid.removeGridCol(0);
        }
        for (int w : widths) {
            grid.addNewGridCol().setW(BigInteger.valueOf(w));
        }
        for (int r = 0; r < rows.size(); r++) {
            List<Element> cells = cells(rows.get(r));
            var row = table.getRow(r);
            row.setCantSplitRow(true);
            // a header row of <th> repeats at the top of every page the table runs onto, as in the PDF
            boolean header = r == 0 && !cells.isEmpty() && cells.stream().allMatch(c -> "th".equals(c.getLocalName()));
            if (header) {
                row.setRepeatHeader(true);
            }
            if (signatures && r > 0) {
                // room to sign, and to stamp a 4 cm seal in the seal row, as the PDF's signature page leaves
                boolean seal = cells.stream().anyMatch(c -> (" " + c.getAttribute("class") + " ").contains(" seal "));
                row.setHeight(seal ? SEAL_ROW : SIGNATURE_ROW);
                row.getCtRow().getTrPr().getTrHeightArray(0).setHRule(STHeightRule.AT_LEAST);
            }
            for (int c = 0; c < columns; c++) {
                XWPFTableCell cell = table.getRow(r).getCell(c);
                cell.setWidth(String.valueOf(widths[c]));
                cell.setWidthType(TableWidthType.DXA);
                // a new cell has one empty paragraph: fill it rather than leave a blank line
                var p = cell.getParagraphs().getFirst();
                if (header) {
                    // the header row keeps with the first row of the table, not alone at the foot of a page
                    keepNext(p);
                }
                if (c < cells.size()) {
                    Element source = cells.get(c);
                    inlines(p, children(source), "th".equals(source.getLocalName()) || bold(source), 10.5);
                }
            }
        }
        paragraph(doc, null);
    }

    /**
     * Column widths in twips, summing to the text width: labels such as 证件类型及号码 and the short cells of the
     * payment table keep to one line rather than break between characters; other tables share the width evenly.
     */
    private static int[] widths(String classes, int columns) {
        if (classes.contains(" instalments ") && columns == INSTALMENT_COLUMNS.length) {
            return INSTALMENT_COLUMNS.clone();
        }
        if (classes.contains(" items ") && columns == ITEM_COLUMNS.length) {
            return ITEM_COLUMNS.clone();
        }
        int[] widths = new int[columns];
        boolean labelled = classes.contains(" labelled ") && columns > 1;
        int first = labelled ? LABEL_WIDTH : TEXT_WIDTH / columns;
        widths[0] = first;
        for (int c = 1; c < columns; c++) {
            widths[c] = (TEXT_WIDTH - first) / (columns - 1);
        }
        // what the division leaves goes to the last column, so that the grid spans the text width exactly
        widths[columns - 1] += TEXT_WIDTH - java.util.Arrays.stream(widths).sum();
        return widths;
    }

    /* XWPFParagraph#setKeepNext fails on a paragraph without properties yet */
    private static void keepNext(XWPFParagraph p) {
        if (!p.getCTP().isSetPPr()) {
            p.getCTP().addNewPPr();
        }
        p.setKeepNext(true);
    }

    private static boolean nextIsTable(Element e) {
        for (Node n = e.getNextSibling(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element next) {
                return "table".equals(next.getLocalName());
            }
            if (!n.getTextContent().isBlank()) {
                return false;
            }
        }
        return false;
    }

    private static void collectRows(Element e, List<Element> rows) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child) {
                if ("tr".equals(child.getLocalName())) {
                    rows.add(child);
                } else {
                    collectRows(child, rows);
                }
            }
        }
    }

    private static List<Element> cells(Element row) {
        var out = new ArrayList<Element>();
        for (Node n = row.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && ("td".equals(c.getLocalName()) || "th".equals(c.getLocalName()))) {
                out.add(c);
            }
        }
        return out;
    }

    private static XWPFParagraph paragraph(XWPFDocument doc, XWPFTableCell cell) {
        return cell == null ? doc.createParagraph() : cell.addParagraph();
    }

    /**
     * How the PDF marks text besides bold, so that the Word file marks it alike: struck out ({@code <s>}, which reads as
     * deleted), underlined ({@code <u>}), italic ({@code <i>}, {@code <em>}).
     */
    private record Marks(boolean strike, boolean underline, boolean italic) {
        static final Marks NONE = new Marks(false, false, false);

        Marks with(String element) {
            return new Marks(strike || "s".equals(element), underline || "u".equals(element),
                    italic || "i".equals(element) || "em".equals(element));
        }

        void apply(XWPFRun run) {
            if (strike) {
                run.setStrikeThrough(true);
            }
            if (underline) {
                run.setUnderline(org.apache.poi.xwpf.usermodel.UnderlinePatterns.SINGLE);
            }
            if (italic) {
                run.setItalic(true);
            }
        }
    }

    private static void inlines(XWPFParagraph p, List<Node> nodes, boolean bold, double size) {
        for (Node n : nodes) {
            inline(p, n, bold, size, n.getParentNode() instanceof Element e && e.getAttribute("class").contains("text"),
                    Marks.NONE);
        }
    }

    private static void inline(XWPFParagraph p, Node n, boolean bold, double size, boolean preserve, Marks marks) {
        if (n.getNodeType() == Node.TEXT_NODE || n.getNodeType() == Node.CDATA_SECTION_NODE) {
            String text = preserve ? n.getNodeValue() : n.getNodeValue().replaceAll("\\s+", " ");
            if (!text.isEmpty()) {
                String[] lines = text.split("\n", -1);
                XWPFRun run = run(p, "", bold, size);
                marks.apply(run);
                for (int i = 0; i < lines.length; i++) {
                    if (i > 0) {
                        run.addBreak();
                    }
                    line(run, lines[i], i == 0);
                }
            }
        } else if (n instanceof Element e) {
            String name = e.getLocalName();
            if ("br".equals(name)) {
                run(p, "", bold, size).addBreak();
                return;
            }
            boolean b = bold || "strong".equals(name) || "b".equals(name) || bold(e);
            for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
                inline(p, c, b, size, preserve || e.getAttribute("class").contains("text"), marks.with(name));
            }
        }
    }

    /**
     * One line of text into the run, a tab as Word's own {@code <w:tab/>}: a TAB character inside {@code <w:t>} is
     * shown by Word as a space at best, and is not what the XHTML's preserved text says. {@code first}: the run's
     * first text, which fills the empty {@code <w:t>} the run was made with.
     */
    private static void line(XWPFRun run, String line, boolean first) {
        String[] pieces = line.split("\t", -1);
        for (int j = 0; j < pieces.length; j++) {
            if (j > 0) {
                run.addTab();
            }
            if (first && j == 0) {
                run.setText(pieces[0], 0);
            } else if (!pieces[j].isEmpty() || pieces.length == 1) {
                run.setText(pieces[j], run.getCTR().sizeOfTArray());
            }
        }
    }

    private static XWPFRun run(XWPFParagraph p, String text, boolean bold, double size) {
        XWPFRun run = p.createRun();
        // in the schema's order: rFonts before b before sz (Word repairs a file with them the other way round)
        run.setFontFamily(FONT);
        run.getCTR().getRPr().getRFontsArray(0).setEastAsia(FONT);
        run.setBold(bold);
        run.setFontSize(size);
        // Chinese, so that where YaHei is missing (LibreOffice on Linux) the fallback is a Simplified Chinese face, not
        // the Japanese glyph forms of a CJK font chosen by the system's language
        var lang = run.getCTR().getRPr().addNewLang();
        lang.setVal("zh-CN");
        lang.setEastAsia("zh-CN");
        run.setText(text);
        return run;
    }

    private static boolean bold(Element e) {
        return e.getAttribute("class").contains("conspicuous");
    }

    private static boolean isBlock(String name) {
        return switch (name) {
            case "p", "div", "h1", "h2", "h3", "h4", "table", "ul", "ol", "li", "section", "header", "footer",
                 "head", "style", "script", "title" -> true;
            default -> false;
        };
    }

    private static List<Node> children(Element e) {
        var out = new ArrayList<Node>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            out.add(n);
        }
        return out;
    }

    private static Element child(Element e, String name) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && name.equals(c.getLocalName())) {
                return c;
            }
        }
        return null;
    }
}
