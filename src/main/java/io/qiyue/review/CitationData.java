package io.qiyue.review;

/** A citation as the ruleset stores it, with the summary in both languages; localised into a {@link Citation}. */
public record CitationData(String source, String article, String summary, String summaryEn) {

    public Citation localised(boolean english) {
        return new Citation(source, article, english && summaryEn != null ? summaryEn : summary);
    }
}
