package io.qiyue.search;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.ngram.NGramTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Substring search in the index, with the meaning of SQL's {@code LIKE '%q%'}: a field indexed as its overlapping
 * pairs of characters (code points), each at the position where it starts, after which the text ends with a mark
 * of its own. A text of two or more characters holds {@code q} exactly when it holds q's pairs one after the other,
 * a phrase; every character of it starts a pair (the last one with the end mark), so a single character is the
 * prefix of a pair. Unlike the words smartcn finds, this matches any part of a title or number the way the list's
 * filter always has, inside words and across them.
 */
final class SubstringGrams {
    /** Ends every indexed text, so that its last character starts a pair too; never in a title a user may write. */
    static final char END = '\u0003';

    static final Analyzer ANALYZER = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            return new TokenStreamComponents(new NGramTokenizer(2, 2));
        }
    };

    private SubstringGrams() {
    }

    /** What the field indexes for {@code text} (as it is: a caller folds case before, on both sides). */
    static String indexed(String text) {
        return text + END;
    }

    /**
     * The query for the texts holding {@code text}; empty when it cannot be asked here (it holds the end mark). Only
     * every other pair is needed, with the last: together they cover each character at its place.
     */
    static Optional<Query> containing(String field, String text) {
        if (text.isEmpty() || text.indexOf(END) >= 0) {
            return Optional.empty();
        }
        if (text.codePointCount(0, text.length()) == 1) {
            return Optional.of(new PrefixQuery(new Term(field, text)));
        }
        List<String> pairs = pairs(field, text);
        var phrase = new PhraseQuery.Builder();
        for (int i = 0; i < pairs.size(); i++) {
            if (i % 2 == 0 || i == pairs.size() - 1) {
                phrase.add(new Term(field, pairs.get(i)), i);
            }
        }
        return Optional.of(phrase.build());
    }

    private static List<String> pairs(String field, String text) {
        var pairs = new ArrayList<String>();
        try (var tokens = ANALYZER.tokenStream(field, text)) {
            var term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            while (tokens.incrementToken()) {
                pairs.add(term.toString());
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pairs;
    }
}
