package io.qiyue.review;

import java.util.ArrayList;
import java.util.List;

/**
 * The extracted text of an uploaded document (an {@code EXTERNAL} version) as the clauses the text rules
 * read, and the review of it.
 *
 * <p><b>Paths and spans.</b> Paragraph {@code i} is line {@code i} (0-based) of the stored text, exactly as
 * {@code GET /api/v1/contracts/{id}/versions/{n}/text} answers it (lines end with {@code \n}); its clause id,
 * and so the {@code path} and {@code span.clauseId} of a finding in it, is {@code /versions/{n}/paragraphs/{i}}.
 * {@code span.start} and {@code span.end} are offsets in UTF-16 code units within that line (how Java and
 * JavaScript index strings), so {@code text.split("\n")[i].substring(start, end)} are the words found. Empty
 * lines keep their number but are no clause. Uploaded text never changes, so these ids are stable.
 */
public final class DocumentText {
    private DocumentText() {
    }

    /** {@code /versions/{n}}: every finding in the document has a path under it. */
    public static String pointer(int version) {
        return "/versions/" + version;
    }

    /** {@code /versions/{n}/paragraphs/{i}}: the clause id of line {@code i}. */
    public static String paragraph(int version, int index) {
        return pointer(version) + "/paragraphs/" + index;
    }

    /** Whether a finding's path lies in the document {@code version}. */
    public static boolean inDocument(int version, String path) {
        String prefix = pointer(version) + "/";
        return path != null && path.startsWith(prefix);
    }

    /** The lines of the text: split at {@code \n}, empty ones kept, no extra one after a final {@code \n}. */
    public static List<String> lines(String text) {
        var out = new ArrayList<String>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                out.add(text.substring(start, i));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            out.add(text.substring(start));
        }
        return out;
    }

    /** One clause per non-blank line, with the id {@link #paragraph}. */
    public static List<Clause> paragraphs(int version, String text) {
        return paragraphs(version, text, List.of());
    }

    /**
     * One clause per non-blank line, with the id {@link #paragraph} and the emphasised passages of the paper
     * that overlap it (a passage may run over several lines of the text, or be part of one).
     */
    public static List<Clause> paragraphs(int version, String text, List<String> emphasised) {
        var lines = lines(text);
        var out = new ArrayList<Clause>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.isBlank()) {
                String compact = line.replaceAll("[\\s\u3000]+", "");
                var mine = emphasised.stream().filter(p -> compact.contains(p) || p.contains(compact)
                        || overlaps(compact, p)).toList();
                out.add(new Clause(paragraph(version, i), line, mine));
            }
        }
        return out;
    }

    /** Whether the passage starts inside the line or the line starts inside the passage (a passage across lines). */
    private static boolean overlaps(String line, String passage) {
        int probe = Math.min(8, Math.min(line.length(), passage.length()));
        return probe >= 4 && (line.contains(passage.substring(0, probe))
                || passage.contains(line.substring(line.length() - probe)));
    }

    /**
     * Reviews the text of uploaded document {@code version} against the contract of {@code subject}: every
     * rule runs over the document's paragraphs instead of the terms' free-text fields, with the contract's
     * record (dates, amounts, parties) as the reference; only findings inside the document are kept. The
     * findings about the structured terms are the contract's own review's business: about the paper they
     * would say nothing true (QY-C007 "no dispute resolution" while the paper has one).
     */
    public static Evaluation review(ReviewEngine engine, ReviewSubject subject, int version, String text) {
        return review(engine, subject, version, text, List.of());
    }

    /** As {@link #review(ReviewEngine, ReviewSubject, int, String)}, with the paper's emphasised passages. */
    public static Evaluation review(ReviewEngine engine, ReviewSubject subject, int version, String text,
                                    List<String> emphasised) {
        var all = engine.evaluate(subject.withClauses(paragraphs(version, text, emphasised)));
        var kept = all.findings().stream().filter(f -> f.span() != null && inDocument(version, f.path())).toList();
        return new Evaluation(all.rulesetVersion(), all.settingsRevision(), kept, all.errors());
    }
}
