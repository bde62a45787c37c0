package io.qiyue.search;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.cn.smart.WordType;
import org.apache.lucene.analysis.cn.smart.hhmm.HHMMSegmenter;
import org.apache.lucene.analysis.cn.smart.hhmm.SegToken;
import org.apache.lucene.analysis.cn.smart.hhmm.SegTokenFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;
import org.apache.lucene.analysis.util.SegmentingTokenizerBase;

import java.io.IOException;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * smartcn's analysis ({@link SmartChineseAnalyzer}: its HMM word segmentation sentence by sentence, Porter stemming
 * of Latin words, its punctuation stop list) with the words of recently seen sentences remembered. Contracts are
 * written from templates and a clause library, so most of the sentences of every contract indexed were already
 * segmented for the one before; segmenting was three quarters of the search feeder's CPU in bench/speed.sh's
 * profile, more than the contract create itself. Over the 3,000 contracts of that benchmark 87% of the sentences
 * (73% of the characters) had been seen before. A sentence's words depend only on the sentence, so a remembered
 * answer is the answer; {@code SentenceCachingChineseAnalyzerTest} holds the tokens (text, offsets, type, positions)
 * to smartcn's own for varied text.
 */
final class SentenceCachingChineseAnalyzer extends Analyzer {
    /**
     * Sentences remembered (about a kilobyte each with their words): the shared ones of the templates and clauses
     * are far fewer; a contract's own (its number, parties, dates) come and go, least recently used first.
     */
    private static final int REMEMBERED = 4_096;
    /** Longer sentences are rare and seldom repeat: not worth their memory. */
    private static final int LONGEST_REMEMBERED = 512;
    /** Marks a sentence is cut after for remembering (see {@link #words}). */
    private static final String CUTS = "，；：、";

    private final CharArraySet stopWords = SmartChineseAnalyzer.getDefaultStopSet();
    private final Map<String, Words> sentences = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Words> eldest) {
            return size() > REMEMBERED;
        }
    };

    /**
     * The words of one sentence in two arrays rather than an object and a char array per word (a third of the
     * memory): their normalised texts one after the other, and per word where its text ends in those and where the
     * word starts and ends in the sentence.
     */
    private record Words(char[] texts, int[] bounds) {
        static final Words NONE = new Words(new char[0], new int[0]);

        int count() {
            return bounds.length / 3;
        }

        int textStart(int word) {
            return word == 0 ? 0 : bounds[3 * word - 3];
        }

        int textEnd(int word) {
            return bounds[3 * word];
        }

        int start(int word) {
            return bounds[3 * word + 1];
        }

        int end(int word) {
            return bounds[3 * word + 2];
        }

        /** The words of pieces starting at {@code starts} in one sentence, each piece after the first without its first word. */
        static Words joined(List<Words> pieces, List<Integer> starts) {
            int characters = 0;
            int count = 0;
            for (int p = 0; p < pieces.size(); p++) {
                Words piece = pieces.get(p);
                characters += piece.texts.length - (p == 0 ? 0 : piece.textEnd(0));
                count += piece.count() - (p == 0 ? 0 : 1);
            }
            char[] texts = new char[characters];
            int[] bounds = new int[3 * count];
            int textAt = 0;
            int word = 0;
            for (int p = 0; p < pieces.size(); p++) {
                Words piece = pieces.get(p);
                int shift = starts.get(p);
                for (int w = p == 0 ? 0 : 1; w < piece.count(); w++) {
                    int from = piece.textStart(w);
                    int length = piece.textEnd(w) - from;
                    System.arraycopy(piece.texts, from, texts, textAt, length);
                    textAt += length;
                    bounds[3 * word] = textAt;
                    bounds[3 * word + 1] = piece.start(w) + shift;
                    bounds[3 * word + 2] = piece.end(w) + shift;
                    word++;
                }
            }
            return new Words(texts, bounds);
        }
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer tokenizer = new CachingTokenizer();
        TokenStream result = new PorterStemFilter(tokenizer);
        result = new StopFilter(result, stopWords);
        return new TokenStreamComponents(tokenizer, result);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new LowerCaseFilter(in);
    }

    /**
     * The words of a sentence, cut after each full-width comma, semicolon, colon and enumeration comma into pieces that
     * each begin with the cut before them: "甲方：某公司，地址：某路1号。" is segmented as "甲方：", "：某公司，", "，地址：" and
     * "：某路1号。", and the repeated mark is dropped from the later piece. A contract's sentences mostly differ in a
     * piece or two (a name, a date, an amount) while the rest comes from the template, so pieces are remembered far
     * more often than whole sentences. The words come out as smartcn's for the whole sentence because such a mark is
     * always a word of its own (no dictionary word holds one), so every segmentation of the sentence passes through
     * it, and the best path to the mark and the best path on from it are each chosen alone. A piece that does not
     * begin with its mark as a word of its own (which would break that reasoning) has the sentence segmented whole.
     */
    private Words words(String sentence, HHMMSegmenter segmenter, SegTokenFilter filter) {
        int cut = nextCut(sentence, 1);
        if (cut < 0) {
            return remembered(sentence, segmenter, filter);
        }
        var pieces = new ArrayList<Words>();
        var starts = new ArrayList<Integer>();
        int from = 0;
        while (true) {
            int end = cut < 0 ? sentence.length() : cut + 1;
            Words piece = remembered(sentence.substring(from, end), segmenter, filter);
            if (from > 0 && !(piece.count() > 0 && piece.start(0) == 0 && piece.end(0) == 1)) {
                return segment(sentence, segmenter, filter);
            }
            pieces.add(piece);
            starts.add(from);
            if (cut < 0) {
                break;
            }
            from = cut;
            cut = nextCut(sentence, cut + 1);
        }
        return Words.joined(pieces, starts);
    }

    /** The first cut at or after {@code from} that leaves something after it, or -1. */
    private static int nextCut(String sentence, int from) {
        for (int i = from; i < sentence.length() - 1; i++) {
            if (CUTS.indexOf(sentence.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The words of a sentence, remembered under the sentence with every ASCII digit read as 0. smartcn segments a run of
     * digits as one number whatever its digits are (the graph holds it as 未##数, and a digit is never part of a
     * dictionary word), so sentences that differ only in their dates, amounts and numbers are cut alike; each keeps its
     * own digits, put back into the words that hold them.
     */
    private Words remembered(String sentence, HHMMSegmenter segmenter, SegTokenFilter filter) {
        if (sentence.length() > LONGEST_REMEMBERED) {
            return segment(sentence, segmenter, filter);
        }
        boolean holdsDigits = firstDigit(sentence, 0, sentence.length()) >= 0;
        String key = holdsDigits ? digitsAsZero(sentence) : sentence;
        Words known;
        synchronized (sentences) {
            known = sentences.get(key);
        }
        if (known != null) {
            Words own = holdsDigits ? withDigitsOf(sentence, known) : known;
            if (own != null) {
                return own;
            }
        }
        Words words = segment(sentence, segmenter, filter);
        synchronized (sentences) {
            sentences.put(key, words);
        }
        return words;
    }

    /** The sentence with each ASCII digit replaced by 0; the sentence itself when it holds none. */
    static String digitsAsZero(String sentence) {
        int first = firstDigit(sentence, 0, sentence.length());
        if (first < 0) {
            return sentence;
        }
        char[] chars = sentence.toCharArray();
        for (int i = first; i < chars.length; i++) {
            if (chars[i] >= '0' && chars[i] <= '9') {
                chars[i] = '0';
            }
        }
        return new String(chars);
    }

    private static int firstDigit(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                return i;
            }
        }
        return -1;
    }

    /**
     * Words remembered for a sentence of the same shape, with this sentence's digits in the words that hold them, or
     * null when such a word's text is not one character per character of the sentence (then it is segmented anew).
     * smartcn's normalisation (full-width to half-width, lower case) leaves ASCII digits as they are, character for
     * character, so a digit's place in the word's text is its place in the sentence.
     */
    private static Words withDigitsOf(String sentence, Words known) {
        char[] texts = known.texts().clone();
        for (int w = 0; w < known.count(); w++) {
            int start = known.start(w);
            int end = known.end(w);
            if (firstDigit(sentence, start, end) < 0) {
                continue;
            }
            int textStart = known.textStart(w);
            if (known.textEnd(w) - textStart != end - start) {
                return null;
            }
            for (int i = start; i < end; i++) {
                char c = sentence.charAt(i);
                if (c >= '0' && c <= '9') {
                    texts[textStart + i - start] = c;
                }
            }
        }
        return new Words(texts, known.bounds());
    }

    /** smartcn's segmentation of one sentence, without its begin and end marks, normalised as smartcn does. */
    private static Words segment(String sentence, HHMMSegmenter segmenter, SegTokenFilter filter) {
        List<SegToken> all = segmenter.process(sentence);
        if (all.size() <= 2) {
            return Words.NONE;
        }
        var texts = new StringBuilder(sentence.length());
        int[] bounds = new int[3 * (all.size() - 2)];
        int word = 0;
        for (SegToken token : all.subList(1, all.size() - 1)) {
            switch (token.wordType) {
                case WordType.STRING, WordType.NUMBER, WordType.FULLWIDTH_NUMBER, WordType.FULLWIDTH_STRING ->
                        token.charArray = sentence.substring(token.startOffset, token.endOffset).toCharArray();
                default -> {
                }
            }
            SegToken normalised = filter.filter(token);
            texts.append(normalised.charArray);
            bounds[3 * word] = texts.length();
            bounds[3 * word + 1] = normalised.startOffset;
            bounds[3 * word + 2] = normalised.endOffset;
            word++;
        }
        char[] text = new char[texts.length()];
        texts.getChars(0, text.length, text, 0);
        return new Words(text, bounds);
    }

    private final class CachingTokenizer extends SegmentingTokenizerBase {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final OffsetAttribute offsets = addAttribute(OffsetAttribute.class);
        private final TypeAttribute type = addAttribute(TypeAttribute.class);
        private final HHMMSegmenter segmenter = new HHMMSegmenter();
        private final SegTokenFilter filter = new SegTokenFilter();
        private Words words = Words.NONE;
        private int next;
        private int sentenceOffset;

        CachingTokenizer() {
            super(BreakIterator.getSentenceInstance(Locale.ROOT));
        }

        @Override
        protected void setNextSentence(int sentenceStart, int sentenceEnd) {
            words = words(new String(buffer, sentenceStart, sentenceEnd - sentenceStart), segmenter, filter);
            next = 0;
            sentenceOffset = offset + sentenceStart;
        }

        @Override
        protected boolean incrementWord() {
            if (next >= words.count()) {
                return false;
            }
            int word = next++;
            clearAttributes();
            int textStart = words.textStart(word);
            term.copyBuffer(words.texts(), textStart, words.textEnd(word) - textStart);
            offsets.setOffset(correctOffset(sentenceOffset + words.start(word)),
                    correctOffset(sentenceOffset + words.end(word)));
            type.setType("word");
            return true;
        }

        @Override
        public void reset() throws IOException {
            super.reset();
            words = Words.NONE;
            next = 0;
        }
    }
}
