package io.qiyue.search;

import org.apache.lucene.analysis.Analyzer;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How Chinese text is split into words, for indexing and querying alike, and how a query reaches the words a
 * contract spells out in full. smartcn segments by a dictionary and a statistical model: it splits 保密协议 into
 * 保密 + 协议 (so 保密 finds it), but it cannot know that the business shorthand 运维 means 运行维护. Such shorthand
 * is expanded when searching (the query also looks for the long form, and the long form also for the shorthand),
 * not when indexing, so the list can grow without a rebuild.
 */
final class ChineseAnalysis {
    /** Shorthand common in contracts, with the words they stand for. */
    static final Map<String, String> ABBREVIATIONS = Map.ofEntries(
            Map.entry("运维", "运行维护"),
            Map.entry("维保", "维修保养"),
            Map.entry("质保", "质量保证"),
            Map.entry("知产", "知识产权"),
            Map.entry("研发", "研究开发"),
            Map.entry("技改", "技术改造"),
            Map.entry("安保", "安全保卫"),
            Map.entry("物管", "物业管理"),
            Map.entry("基建", "基本建设"),
            Map.entry("集采", "集中采购"),
            Map.entry("信创", "信息技术应用创新"),
            Map.entry("法务", "法律事务"),
            Map.entry("人资", "人力资源"));

    /** What a contract number or credit code looks like once upper-cased: letters, digits and dashes. */
    private static final Pattern CODE = Pattern.compile("[A-Z0-9][A-Z0-9-]{1,63}");

    private ChineseAnalysis() {
    }

    /** Loading the dictionaries takes a moment: on first use, not at startup. */
    private static final class Holder {
        static final Analyzer ANALYZER = new SentenceCachingChineseAnalyzer();
    }

    static Analyzer analyzer() {
        return Holder.ANALYZER;
    }

    /** The query as typed, then with each shorthand written out (and each long form shortened). */
    static List<String> variants(String query) {
        var variants = new LinkedHashSet<String>();
        variants.add(query);
        for (var entry : ABBREVIATIONS.entrySet()) {
            String shorthand = entry.getKey();
            String full = entry.getValue();
            if (shorthand.equals(full)) {
                continue;
            }
            Set<String> more = new LinkedHashSet<>();
            for (String v : variants) {
                if (v.contains(full)) {
                    more.add(v.replace(full, shorthand));
                } else if (v.contains(shorthand)) {
                    more.add(v.replace(shorthand, full));
                }
            }
            variants.addAll(more);
        }
        return List.copyOf(variants);
    }

    /** The query as an exact code (contract number, credit code), or null when it cannot be one. */
    static String asCode(String query) {
        String code = query.strip().toUpperCase(Locale.ROOT);
        return CODE.matcher(code).matches() ? code : null;
    }
}
