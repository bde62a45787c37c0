package io.qiyue.template;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.IOException;
import java.io.StringReader;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Parsing rendered XHTML (no DTD, no external entities) and reading its plain text. */
final class Xhtml {
    private static final DocumentBuilderFactory FACTORY = factory();
    private static final Set<String> BLOCKS = Set.of("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
            "table", "tr", "section", "header", "footer", "body", "blockquote", "pre");
    private static final Set<String> SKIPPED = Set.of("head", "style", "script", "title");

    private Xhtml() {
    }

    static final class InvalidXhtmlException extends RuntimeException {
        private final int line;
        private final String excerpt;

        InvalidXhtmlException(String message, int line, String excerpt) {
            super(message);
            this.line = line;
            this.excerpt = excerpt;
        }

        int line() {
            return line;
        }

        String excerpt() {
            return excerpt;
        }
    }

    private static DocumentBuilderFactory factory() {
        try {
            var f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            return f;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Idle builders, reused: creating one costs about as much as parsing a contract, and the factory is not
     * thread-safe. A pool rather than a thread-local, which would keep one per request thread (and per virtual thread
     * of a background job).
     */
    private static final Queue<DocumentBuilder> IDLE = new ConcurrentLinkedQueue<>();
    private static final int MAX_IDLE = 32;

    private static DocumentBuilder newBuilder() {
        synchronized (FACTORY) {
            try {
                return FACTORY.newDocumentBuilder();
            } catch (ParserConfigurationException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static Document parse(String xhtml) {
        DocumentBuilder idle = IDLE.poll();
        DocumentBuilder builder = idle != null ? idle : newBuilder();
        builder.setErrorHandler(null);
        try {
            return parse(builder, xhtml);
        } finally {
            builder.reset();
            if (IDLE.size() < MAX_IDLE) {
                IDLE.offer(builder);
            }
        }
    }

    /**
     * The parser's reason, which tells a template author what is wrong with the markup; a refused DOCTYPE
     * (entities could read files) is said plainly rather than with the parser's feature URL.
     */
    private static String reason(Exception e) {
        String message = String.valueOf(e.getMessage());
        return message.contains("DOCTYPE") ? "DOCTYPE is not allowed" : message;
    }

    private static Document parse(DocumentBuilder builder, String xhtml) {
        Document[] doc = new Document[1];
        parse(xhtml, () -> doc[0] = builder.parse(new InputSource(new StringReader(xhtml))));
        return doc[0];
    }

    /** The SAX side of {@link #FACTORY}: the same features, for {@link #text(String)}. */
    private static final javax.xml.parsers.SAXParserFactory SAX = saxFactory();

    private static javax.xml.parsers.SAXParserFactory saxFactory() {
        try {
            var f = javax.xml.parsers.SAXParserFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            return f;
        } catch (ParserConfigurationException | org.xml.sax.SAXException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Idle SAX readers, reused as the builders are (see {@link #IDLE}). */
    private static final Queue<org.xml.sax.XMLReader> IDLE_READERS = new ConcurrentLinkedQueue<>();

    private static org.xml.sax.XMLReader newReader() {
        synchronized (SAX) {
            try {
                return SAX.newSAXParser().getXMLReader();
            } catch (ParserConfigurationException | org.xml.sax.SAXException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * {@code text(parse(xhtml))} without building the DOM: the text of a document that is kept as text only (the
     * document of a saved version), read while parsing. Malformed markup is refused as {@link #parse} refuses it.
     * The same text as through the DOM (XhtmlTextTest compares them): text nodes end where the DOM's end (at an
     * element, a comment, a processing instruction or a CDATA section), the root element is walked into but not
     * itself counted, as {@link #text(Document)} walks from it.
     */
    static String text(String xhtml) {
        org.xml.sax.XMLReader idle = IDLE_READERS.poll();
        org.xml.sax.XMLReader reader = idle != null ? idle : newReader();
        var handler = new TextHandler();
        try {
            reader.setContentHandler(handler);
            reader.setErrorHandler(null);
            reader.setProperty("http://xml.org/sax/properties/lexical-handler", handler);
            parse(xhtml, () -> reader.parse(new InputSource(new StringReader(xhtml))));
        } catch (org.xml.sax.SAXNotRecognizedException | org.xml.sax.SAXNotSupportedException e) {
            throw new IllegalStateException(e);
        } finally {
            reader.setContentHandler(null);
            if (IDLE_READERS.size() < MAX_IDLE) {
                IDLE_READERS.offer(reader);
            }
        }
        return lines(handler.out);
    }

    /** The walk of {@link #walk} done on SAX events. */
    private static final class TextHandler extends org.xml.sax.helpers.DefaultHandler
            implements org.xml.sax.ext.LexicalHandler {
        final StringBuilder out = new StringBuilder();
        /** Per open element: its name and whether its class says "text" (kept as it is); index 0 is the root. */
        private final java.util.ArrayList<String> names = new java.util.ArrayList<>();
        private boolean[] keptAsIs = new boolean[16];
        /** Depth of the outermost open skipped element (head, style …), -1 when none is open. */
        private int skippedAt = -1;
        /** Whether the text node being read so far ends in collapsed white space (SAX hands a node over in pieces). */
        private boolean inRun;

        /** A text node ends (at an element, a comment …): the next one starts a run of its own. */
        private void flush() {
            inRun = false;
        }

        @Override
        public void startElement(String uri, String localName, String qName, org.xml.sax.Attributes attributes) {
            flush();
            String cls = attributes.getValue("class");
            int depth = names.size();
            names.add(localName);
            if (depth == keptAsIs.length) {
                keptAsIs = java.util.Arrays.copyOf(keptAsIs, depth * 2);
            }
            keptAsIs[depth] = cls != null && cls.contains("text");
            if (depth == 0 || skippedAt >= 0) {
                return;
            }
            if (SKIPPED.contains(localName)) {
                skippedAt = depth;
                return;
            }
            if (BLOCKS.contains(localName)) {
                out.append('\n');
            }
            if ("br".equals(localName)) {
                out.append('\n');
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            flush();
            int depth = names.size() - 1;
            names.removeLast();
            if (depth == 0) {
                return;
            }
            if (skippedAt >= 0) {
                if (skippedAt == depth) {
                    skippedAt = -1;
                }
                return;
            }
            if ("td".equals(localName) || "th".equals(localName)) {
                out.append('\t');
            }
            if (BLOCKS.contains(localName)) {
                out.append('\n');
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (skippedAt >= 0 || names.isEmpty()) {
                return;
            }
            if (keptAsIs[names.size() - 1]) {
                for (int i = start, end = start + length; i < end; i++) {
                    if (ch[i] != '\r') {
                        out.append(ch[i]);
                    }
                }
            } else {
                inRun = collapseSpaces(out, ch, start, length, inRun);
            }
        }

        @Override
        public void ignorableWhitespace(char[] ch, int start, int length) {
            characters(ch, start, length);
        }

        @Override
        public void processingInstruction(String target, String data) {
            flush();
        }

        @Override
        public void comment(char[] ch, int start, int length) {
            flush();
        }

        @Override
        public void startCDATA() {
            flush();
        }

        @Override
        public void endCDATA() {
            flush();
        }

        @Override
        public void startDTD(String name, String publicId, String systemId) {
        }

        @Override
        public void endDTD() {
        }

        @Override
        public void startEntity(String name) {
        }

        @Override
        public void endEntity(String name) {
        }
    }

    /** A parse whose SAX and I/O failures become {@link InvalidXhtmlException}. */
    private interface Parse {
        void run() throws org.xml.sax.SAXException, IOException;
    }

    private static void parse(String xhtml, Parse parse) {
        try {
            parse.run();
        } catch (SAXParseException e) {
            String[] lines = xhtml.split("\n", -1);
            int line = Math.max(1, e.getLineNumber());
            String excerpt = line <= lines.length ? lines[line - 1].strip() : "";
            if (excerpt.length() > 120) {
                excerpt = excerpt.substring(0, 120) + "…";
            }
            throw new InvalidXhtmlException(reason(e), line, excerpt);
        } catch (org.xml.sax.SAXException | IOException e) {
            throw new InvalidXhtmlException(reason(e), 1, "");
        }
    }

    /**
     * The text a reader sees: one line per block (paragraph, heading, table row), table cells
     * separated by a tab, runs of white space inside a line collapsed.
     */
    static String text(Document doc) {
        var out = new StringBuilder();
        walk(doc.getDocumentElement(), out);
        return lines(out);
    }

    /** The walked text normalised: lines trimmed, empty ones dropped. */
    static String lines(CharSequence out) {
        // by hand rather than split("\n") and strip(): the same lines, without a string per line
        int n = out.length();
        var result = new StringBuilder(n);
        for (int start = 0; start <= n; ) {
            int end = start;
            while (end < n && out.charAt(end) != '\n') {
                end++;
            }
            int from = start;
            int to = end;
            while (from < to && Character.isWhitespace(out.charAt(from))) {
                from++;
            }
            while (to > from && Character.isWhitespace(out.charAt(to - 1))) {
                to--;
            }
            if (from < to) {
                result.append(out, from, to).append('\n');
            }
            start = end + 1;
        }
        return result.toString();
    }

    private static void walk(Node node, StringBuilder out) {
        for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
            switch (child.getNodeType()) {
                case Node.TEXT_NODE, Node.CDATA_SECTION_NODE -> appendText(out, child.getNodeValue(), node);
                case Node.ELEMENT_NODE -> {
                    String name = ((Element) child).getLocalName();
                    if (SKIPPED.contains(name)) {
                        continue;
                    }
                    boolean block = BLOCKS.contains(name);
                    if (block) {
                        out.append('\n');
                    }
                    if ("br".equals(name)) {
                        out.append('\n');
                    }
                    walk(child, out);
                    if ("td".equals(name) || "th".equals(name)) {
                        out.append('\t');
                    }
                    if (block) {
                        out.append('\n');
                    }
                }
                default -> {
                }
            }
        }
    }

    private static void appendText(StringBuilder out, String text, Node parent) {
        boolean pre = parent instanceof Element e && e.getAttribute("class").contains("text");
        if (pre) {
            out.append(text.replace("\r", ""));
        } else {
            collapseSpaces(out, text);
        }
    }

    /**
     * Appends {@code text} with every run of white space (space, tab, line breaks, vertical tab, form feed, no-break
     * space; not the ideographic space) as one space, as the regular expression used before did (XhtmlTextTest
     * compares them) but without a matcher, which was a tenth of the CPU time of a document rendered for the record.
     */
    static void collapseSpaces(StringBuilder out, String text) {
        collapseSpaces(out, text.toCharArray(), 0, text.length(), false);
    }

    /**
     * {@link #collapseSpaces(StringBuilder, String)} of a text handed over in pieces: {@code inRun} says whether the
     * text so far ended in white space; so does the result.
     */
    private static boolean collapseSpaces(StringBuilder out, char[] text, int start, int length, boolean inRun) {
        for (int i = start, end = start + length; i < end; i++) {
            char c = text[i];
            if (isCollapsed(c)) {
                if (!inRun) {
                    out.append(' ');
                    inRun = true;
                }
            } else {
                out.append(c);
                inRun = false;
            }
        }
        return inRun;
    }

    private static boolean isCollapsed(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r' || c == '\u00A0';
    }
}
