package io.qiyue.template;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.DeltaType;

import java.util.ArrayList;
import java.util.List;

/**
 * Character-level redlines of Chinese text. Lines are compared first (cheap, and unchanged
 * paragraphs stay one equality), then each changed block character by character (code points),
 * then small equalities between changes are folded into them (the semantic clean-up of
 * diff-match-patch), so that a rewritten phrase reads as one deletion and one insertion instead of
 * a comb of single characters.
 */
final class Redlines {
    private Redlines() {
    }

    static List<Redline.Op> diff(String before, String after) {
        List<String> a = lines(before);
        List<String> b = lines(after);
        var ops = new ArrayList<Redline.Op>();
        int ia = 0;
        for (AbstractDelta<String> delta : DiffUtils.diff(a, b).getDeltas()) {
            int start = delta.getSource().getPosition();
            if (start > ia) {
                ops.add(new Redline.Op(Redline.EQUAL, String.join("", a.subList(ia, start))));
            }
            String source = String.join("", delta.getSource().getLines());
            String target = String.join("", delta.getTarget().getLines());
            if (delta.getType() == DeltaType.DELETE) {
                ops.add(new Redline.Op(Redline.DELETE, source));
            } else if (delta.getType() == DeltaType.INSERT) {
                ops.add(new Redline.Op(Redline.INSERT, target));
            } else {
                ops.addAll(characters(source, target));
            }
            ia = start + delta.getSource().size();
        }
        if (ia < a.size()) {
            ops.add(new Redline.Op(Redline.EQUAL, String.join("", a.subList(ia, a.size()))));
        }
        return cleanup(ops);
    }

    private static List<Redline.Op> characters(String source, String target) {
        List<Integer> a = source.codePoints().boxed().toList();
        List<Integer> b = target.codePoints().boxed().toList();
        var ops = new ArrayList<Redline.Op>();
        int ia = 0;
        for (AbstractDelta<Integer> delta : DiffUtils.diff(a, b).getDeltas()) {
            int start = delta.getSource().getPosition();
            if (start > ia) {
                ops.add(new Redline.Op(Redline.EQUAL, text(a.subList(ia, start))));
            }
            if (!delta.getSource().getLines().isEmpty()) {
                ops.add(new Redline.Op(Redline.DELETE, text(delta.getSource().getLines())));
            }
            if (!delta.getTarget().getLines().isEmpty()) {
                ops.add(new Redline.Op(Redline.INSERT, text(delta.getTarget().getLines())));
            }
            ia = start + delta.getSource().size();
        }
        if (ia < a.size()) {
            ops.add(new Redline.Op(Redline.EQUAL, text(a.subList(ia, a.size()))));
        }
        return ops;
    }

    /** Merges neighbours and folds every equality no longer than the changes on both of its sides. */
    static List<Redline.Op> cleanup(List<Redline.Op> input) {
        List<Redline.Op> ops = merge(input);
        for (int pass = 0; pass < 32; pass++) {
            boolean changed = false;
            var out = new ArrayList<Redline.Op>(ops.size());
            for (int i = 0; i < ops.size(); i++) {
                var op = ops.get(i);
                if (op.op().equals(Redline.EQUAL) && i > 0 && i < ops.size() - 1) {
                    int len = op.text().codePointCount(0, op.text().length());
                    if (len <= changeAround(ops, i, -1) && len <= changeAround(ops, i, 1)) {
                        out.add(new Redline.Op(Redline.DELETE, op.text()));
                        out.add(new Redline.Op(Redline.INSERT, op.text()));
                        changed = true;
                        continue;
                    }
                }
                out.add(op);
            }
            ops = merge(out);
            if (!changed) {
                break;
            }
        }
        return ops;
    }

    /** max(deleted, inserted) code points between the equality at i and the next equality in direction dir. */
    private static int changeAround(List<Redline.Op> ops, int i, int dir) {
        int deleted = 0;
        int inserted = 0;
        for (int j = i + dir; j >= 0 && j < ops.size() && !ops.get(j).op().equals(Redline.EQUAL); j += dir) {
            var o = ops.get(j);
            int n = o.text().codePointCount(0, o.text().length());
            if (o.op().equals(Redline.DELETE)) {
                deleted += n;
            } else {
                inserted += n;
            }
        }
        return Math.max(deleted, inserted);
    }

    /** Adjacent operations of one kind joined; in each run of changes, one deletion before one insertion. */
    private static List<Redline.Op> merge(List<Redline.Op> ops) {
        var out = new ArrayList<Redline.Op>();
        var del = new StringBuilder();
        var ins = new StringBuilder();
        var eq = new StringBuilder();
        for (var op : ops) {
            if (op.text().isEmpty()) {
                continue;
            }
            switch (op.op()) {
                case Redline.EQUAL -> {
                    flushChanges(out, del, ins);
                    eq.append(op.text());
                }
                case Redline.DELETE -> {
                    flushEqual(out, eq);
                    del.append(op.text());
                }
                default -> {
                    flushEqual(out, eq);
                    ins.append(op.text());
                }
            }
        }
        flushChanges(out, del, ins);
        flushEqual(out, eq);
        return out;
    }

    private static void flushEqual(List<Redline.Op> out, StringBuilder eq) {
        if (!eq.isEmpty()) {
            out.add(new Redline.Op(Redline.EQUAL, eq.toString()));
            eq.setLength(0);
        }
    }

    private static void flushChanges(List<Redline.Op> out, StringBuilder del, StringBuilder ins) {
        if (!del.isEmpty()) {
            out.add(new Redline.Op(Redline.DELETE, del.toString()));
            del.setLength(0);
        }
        if (!ins.isEmpty()) {
            out.add(new Redline.Op(Redline.INSERT, ins.toString()));
            ins.setLength(0);
        }
    }

    /** The redline as HTML: text escaped, line breaks kept, changes in {@code <del>}/{@code <ins>}. */
    static String html(Redline redline) {
        var out = new StringBuilder(1024).append("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"UTF-8\"/>")
                .append("<title>").append(redline.from()).append(" → ").append(redline.to()).append("</title><style>")
                .append(".redline{white-space:pre-wrap;font-family:\"Noto Sans SC\",sans-serif;line-height:1.6}")
                .append("ins{background:#d4f7d4;text-decoration:underline}del{background:#fbd5d5;color:#900}")
                .append("</style></head><body><div class=\"redline\">");
        for (var op : redline.ops()) {
            String text = escape(op.text());
            switch (op.op()) {
                case Redline.INSERT -> out.append("<ins>").append(text).append("</ins>");
                case Redline.DELETE -> out.append("<del>").append(text).append("</del>");
                default -> out.append(text);
            }
        }
        out.append("</div>");
        if (!redline.fields().isEmpty()) {
            out.append("<table><tr><th>字段</th><th>修改前</th><th>修改后</th></tr>");
            for (var f : redline.fields()) {
                out.append("<tr><td>").append(escape(f.path())).append("</td><td>").append(escape(f.before()))
                        .append("</td><td>").append(escape(f.after())).append("</td></tr>");
            }
            out.append("</table>");
        }
        return out.append("</body></html>").toString();
    }

    static String escape(String s) {
        if (s == null) {
            return "";
        }
        var out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static List<String> lines(String text) {
        var out = new ArrayList<String>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                out.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            out.add(text.substring(start));
        }
        return out;
    }

    private static String text(List<Integer> codePoints) {
        var sb = new StringBuilder(codePoints.size());
        codePoints.forEach(sb::appendCodePoint);
        return sb.toString();
    }
}
