package io.qiyue.search;

import io.qiyue.contract.ContractListIndex;
import io.qiyue.security.OwnerScope;
import io.qiyue.shared.IndexMatches;
import io.qiyue.shared.Money;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageScorer;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.QueryBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.BreakIterator;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Stream;

/**
 * This instance's Lucene index, under {@code qiyue.search.index-dir} (default {@code <data dir>/index}). Each build
 * lives in a directory of its own ({@code g<millis>}); the newest one whose last commit records a change-log position
 * is the one in use, so a rebuild fills a new directory while searches keep reading the old one, and a crash during a
 * rebuild leaves the old one in use. Opened on first use, never at startup.
 */
@Component
class LuceneSearchIndex implements SearchIndex, DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(LuceneSearchIndex.class);
    static final String SEQUENCE = "qiyue.search.sequence";
    /** The layout of the documents: an index written with another one is not usable and is rebuilt. */
    static final String SCHEMA = "qiyue.search.schema";
    private static final String SCHEMA_VERSION = "4";
    /**
     * The title (a customer's name) in lower case and the code (a contract's number, a customer's credit code) as
     * written, for the lists' substring filters ({@link SubstringGrams}).
     */
    static final String TITLE_GRAMS = "titleGrams";
    static final String CODE_GRAMS = "codeGrams";
    /** A run of ASCII letters and digits holding both (X200, ISO27001, qs3f9a). */
    private static final java.util.regex.Pattern IDENTIFIER =
            java.util.regex.Pattern.compile("(?<![A-Za-z0-9])(?=[A-Za-z0-9]*[A-Za-z])(?=[A-Za-z0-9]*[0-9])[A-Za-z0-9]+");
    /** The fields the contract list's pages are ordered by, as numbers (epoch days, cents); the id breaks ties. */
    private static final Map<ContractListIndex.Order, String> ORDERS = Map.of(
            ContractListIndex.Order.AMOUNT, "amountOrder", ContractListIndex.Order.START_DATE, "startDayOrder",
            ContractListIndex.Order.END_DATE, "endDayOrder");
    private static final String ID_ORDER = "idOrder";
    /** The deepest page end the index sorts for; past it the database pages. */
    private static final int MAX_PAGE_END = 10_000;
    /** The catch-all field: code, title, customer and text, stored with offsets for the highlighter. */
    static final String ALL = "all";
    private static final FieldType ALL_TYPE = allType();
    private static final int MAX_HITS = 10_000;

    private final Path root;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    /** Searches a request's slices of segments side by side; started with the first searcher, stopped on close. */
    private ExecutorService segmentSearches;
    private Live live;
    private boolean opened;

    /** The index in use: its directory, writer, searchers and the change-log position it holds. */
    private record Live(Path path, FSDirectory directory, IndexWriter writer, SearcherManager searchers,
                        AtomicLong sequence, AtomicLong committedAt) {
        void close() throws IOException {
            searchers.close();
            writer.close();
            directory.close();
        }
    }

    LuceneSearchIndex(@Value("${qiyue.search.index-dir:${qiyue.data-dir}/index}") Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    Path root() {
        return root;
    }

    @Override
    public long appliedSequence() {
        ensureOpen();
        lock.readLock().lock();
        try {
            if (live != null && Files.isDirectory(live.path())) {
                return live.sequence().get();
            }
            if (live == null) {
                return -1;
            }
        } finally {
            lock.readLock().unlock();
        }
        // the folder was deleted under the open index: give it up, and look again (a rebuild follows)
        log.warn("search index {} was deleted", root);
        reset();
        ensureOpen();
        lock.readLock().lock();
        try {
            return live == null ? -1 : live.sequence().get();
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void apply(List<SearchDocument> upserts, Collection<String> removals, long throughSequence) {
        ensureOpen();
        lock.readLock().lock();
        try {
            if (live == null) {
                return;
            }
            for (SearchDocument d : upserts) {
                live.writer().updateDocument(new Term("key", d.key()), document(d));
            }
            for (String key : removals) {
                live.writer().deleteDocuments(new Term("key", key));
            }
            live.writer().setLiveCommitData(Map.of(SEQUENCE, Long.toString(throughSequence), SCHEMA, SCHEMA_VERSION).entrySet());
            // searches see changes from the refresh below; a commit (segments synced to disk, a new commit point)
            // for every second's batch was work of its own while contracts are being written: it comes every few
            // seconds, and when the feeder has nothing new (persist)
            if (System.nanoTime() - live.committedAt().get() >= COMMIT_EVERY_NANOS) {
                commit(live);
            }
            // searchers see the changes before the position says they are applied: a list that trusts the index
            // once it has applied the whole log must find what was just created (maybeRefresh returns at once
            // when another thread is refreshing, possibly from before these changes)
            live.searchers().maybeRefreshBlocking();
            live.sequence().set(throughSequence);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** How long applied changes may wait for a commit while more keep coming. */
    private static final long COMMIT_EVERY_NANOS = java.time.Duration.ofSeconds(10).toNanos();

    private static void commit(Live live) throws IOException {
        live.writer().commit();
        live.committedAt().set(System.nanoTime());
    }

    @Override
    public void persist() {
        ensureOpen();
        lock.readLock().lock();
        try {
            if (live != null && live.writer().hasUncommittedChanges()) {
                commit(live);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public SearchResult search(SearchCriteria criteria) {
        var none = SearchResult.empty(criteria.page(), criteria.size());
        return onSearcher(none, searcher -> criteria.owners() != null && criteria.owners().isEmpty() ? none
                : search(searcher, criteria));
    }

    private interface SearcherWork<T> {
        T on(IndexSearcher searcher) throws IOException;
    }

    /** {@code work} on a searcher of the index in use (released after), or {@code withoutIndex} when there is none. */
    private <T> T onSearcher(T withoutIndex, SearcherWork<T> work) {
        ensureOpen();
        lock.readLock().lock();
        try {
            if (live == null) {
                return withoutIndex;
            }
            IndexSearcher searcher = live.searchers().acquire();
            try {
                return work.on(searcher);
            } finally {
                live.searchers().release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The search on one searcher: hits, snippets and the exact total (also what the benchmark times in-process). */
    static SearchResult search(IndexSearcher searcher, SearchCriteria c) throws IOException {
        int wanted = (int) Math.min(MAX_HITS, ((long) c.page() + 1) * c.size());
        Query words = textQuery(c.text(), c.partsOfNames(), c.partsOfCustomerNames());
        Query query = query(c, words);
        // the page's hits only: with the threshold at the page's size, Lucene skips blocks of documents that cannot
        // enter the top (block-max WAND; for the date order, the date's points), instead of scoring every match
        TopDocs top = c.sort() == SearchSort.DATE
                ? searcher.search(query, new TopFieldCollectorManager(new Sort(dateSort(), SortField.FIELD_SCORE),
                wanted, wanted))
                : searcher.search(query, new TopScoreDocCollectorManager(wanted, wanted));
        int from = Math.min(top.scoreDocs.length, c.page() * c.size());
        ScoreDoc[] page = Arrays.copyOfRange(top.scoreDocs, from, top.scoreDocs.length);
        String[] snippets = page.length == 0 ? new String[0]
                : highlighter(searcher).highlight(ALL, words, new TopDocs(top.totalHits, page), 2);
        var hits = new ArrayList<SearchHit>();
        StoredFields stored = searcher.storedFields();
        for (int i = 0; i < page.length; i++) {
            float score = Float.isNaN(page[i].score) ? 0 : page[i].score;
            hits.add(hit(stored.document(page[i].doc, HIT_FIELDS), score, snippets[i]));
        }
        return new SearchResult(hits, total(searcher, c, top), c.page(), c.size());
    }

    /** The fields a hit shows: everything stored but the catch-all text, which only the highlighter reads. */
    private static final java.util.Set<String> HIT_FIELDS = java.util.Set.of("kind", "id", "number", "title",
            "customerName", "type", "status", "owner", "startDate", "endDate", "amount");

    /**
     * The exact number of matches (spec/api.md's {@code total}): when collecting the top stopped counting, a count
     * of the same matches without scores or boosts, which Lucene answers from the terms' statistics where it can (one
     * word, no filter, no deletions) and otherwise by walking the matches without scoring them.
     */
    private static long total(IndexSearcher searcher, SearchCriteria c, TopDocs top) throws IOException {
        if (top.totalHits.relation() == org.apache.lucene.search.TotalHits.Relation.EQUAL_TO) {
            return top.totalHits.value();
        }
        return searcher.count(query(c, matchingQuery(c.text(), c.partsOfNames(), c.partsOfCustomerNames())));
    }

    /**
     * Passages of about 80 characters around the matched words, read from the offsets kept in the index (no text is
     * analysed again), the words in {@code <em>} and everything else HTML-escaped.
     */
    private static UnifiedHighlighter highlighter(IndexSearcher searcher) {
        return new UnifiedHighlighter.Builder(searcher, ChineseAnalysis.analyzer())
                .withFormatter(new DefaultPassageFormatter("<em>", "</em>", " … ", true))
                .withBreakIterator(() -> LengthGoalBreakIterator.createClosestToLength(
                        BreakIterator.getSentenceInstance(Locale.ROOT), 80, 0.5f))
                .withMaxLength(100_000)
                // the words are plain terms (no phrases): their offsets suffice, without a Weight's matches per hit
                .withWeightMatches(false)
                .withScorer(new CheapPassageScorer())
                .build();
    }

    /**
     * The highlighter's BM25 passage score without its per-passage hash of terms (a fresh 32 KB block for every
     * candidate passage, half of the snippets' time in profiles): a passage holds a handful of matches, so distinct
     * terms are found by comparing them with each other.
     */
    static final class CheapPassageScorer extends PassageScorer {
        @Override
        public float score(Passage passage, int contentLength) {
            int matches = passage.getNumMatches();
            BytesRef[] terms = passage.getMatchTerms();
            int[] inDoc = passage.getMatchTermFreqsInDoc();
            float score = 0;
            for (int i = 0; i < matches; i++) {
                boolean seen = false;
                for (int j = 0; j < i && !seen; j++) {
                    seen = terms[j].bytesEquals(terms[i]);
                }
                if (seen) {
                    continue;
                }
                int freq = 0;
                for (int j = i; j < matches; j++) {
                    if (terms[j].bytesEquals(terms[i])) {
                        freq++;
                    }
                }
                score += weight(contentLength, inDoc[i]) * tf(freq, passage.getLength());
            }
            return score * norm(passage.getStartOffset());
        }
    }

    private static SortField dateSort() {
        var field = new SortField("date", SortField.Type.LONG, true);
        field.setMissingValue(Long.MIN_VALUE);
        return field;
    }

    /** The words (required) and the filters, the data scope first among them. */
    static Query query(SearchCriteria c) {
        return query(c, textQuery(c.text(), c.partsOfNames(), c.partsOfCustomerNames()));
    }

    private static Query query(SearchCriteria c, Query words) {
        var query = new BooleanQuery.Builder().add(words, Occur.MUST);
        if (c.owners() != null && !c.owners().all()) {
            query.add(new TermInSetQuery("owner", c.owners().owners().stream().map(BytesRef::new).toList()), Occur.FILTER);
        }
        if (c.kind() != null) {
            query.add(new TermQuery(new Term("kind", c.kind().name())), Occur.FILTER);
        }
        if (c.type() != null) {
            query.add(new TermQuery(new Term("type", c.type())), Occur.FILTER);
        }
        if (c.status() != null) {
            query.add(new TermQuery(new Term("status", c.status())), Occur.FILTER);
        }
        if (c.from() != null || c.to() != null) {
            query.add(LongPoint.newRangeQuery("date", c.from() == null ? Long.MIN_VALUE : c.from().toEpochDay(),
                    c.to() == null ? Long.MAX_VALUE : c.to().toEpochDay()), Occur.FILTER);
        }
        if (c.amountMin() != null || c.amountMax() != null) {
            query.add(LongPoint.newRangeQuery("amount", c.amountMin() == null ? Long.MIN_VALUE : cents(c.amountMin()),
                    c.amountMax() == null ? Long.MAX_VALUE : cents(c.amountMax())), Occur.FILTER);
        }
        return query.build();
    }

    /**
     * What the words match: every word of the query (or of one of its {@linkplain ChineseAnalysis#variants variants})
     * in the catch-all field, or the query as an exact or leading part of a code; a match in the title ranks higher.
     * Built from analysed words, never parsed, so no input is a syntax error.
     */
    static Query textQuery(String text, boolean partsOfNames) {
        return textQuery(text, partsOfNames, false);
    }

    /** {@link #textQuery(String, boolean)}, with {@code customerNames}: customers' names are also searched for the text as a part. */
    static Query textQuery(String text, boolean partsOfNames, boolean customerNames) {
        var builder = new QueryBuilder(ChineseAnalysis.analyzer());
        var any = new BooleanQuery.Builder();
        int clauses = 0;
        for (String variant : ChineseAnalysis.variants(text)) {
            Query q = words(builder, ALL, variant);
            if (q != null) {
                any.add(q, Occur.SHOULD);
                clauses++;
            }
        }
        var inName = nameParts(text, partsOfNames, customerNames);
        if (inName.isPresent()) {
            any.add(new BoostQuery(inName.get(), 0.5f), Occur.SHOULD);
            clauses++;
        }
        String code = ChineseAnalysis.asCode(text);
        if (code != null) {
            any.add(new BoostQuery(new TermQuery(new Term("code", code)), 20f), Occur.SHOULD);
            any.add(new BoostQuery(new PrefixQuery(new Term("code", code)), 5f), Occur.SHOULD);
            clauses += 2;
        }
        if (clauses == 0) {
            return new MatchNoDocsQuery("no words to search");
        }
        var ranked = new BooleanQuery.Builder().add(any.build(), Occur.MUST);
        Query inTitle = words(builder, "title", text);
        if (inTitle != null) {
            ranked.add(new BoostQuery(inTitle, 3f), Occur.SHOULD);
        }
        return ranked.build();
    }

    /**
     * The documents {@link #textQuery} matches, without what only ranks them (the title's boost): the variants, and
     * the code as an exact or leading part. A single word with no variant is a plain term query, which
     * {@link IndexSearcher#count} answers from the index's statistics.
     */
    static Query matchingQuery(String text, boolean partsOfNames) {
        return matchingQuery(text, partsOfNames, false);
    }

    static Query matchingQuery(String text, boolean partsOfNames, boolean customerNames) {
        var builder = new QueryBuilder(ChineseAnalysis.analyzer());
        var any = new ArrayList<Query>();
        for (String variant : ChineseAnalysis.variants(text)) {
            Query q = words(builder, ALL, variant);
            if (q != null) {
                any.add(q);
            }
        }
        nameParts(text, partsOfNames, customerNames).ifPresent(any::add);
        String code = ChineseAnalysis.asCode(text);
        if (code != null) {
            // the prefix matches the exact code too
            any.add(new PrefixQuery(new Term("code", code)));
        }
        if (any.isEmpty()) {
            return new MatchNoDocsQuery("no words to search");
        }
        if (any.size() == 1) {
            return any.getFirst();
        }
        var either = new BooleanQuery.Builder();
        any.forEach(q -> either.add(q, Occur.SHOULD));
        return either.build();
    }

    /**
     * Every word of {@code text} in {@code field}, a run of letters mixed with digits (an identifier: X200, ISO27001, a
     * legacy number) as its parts side by side: smartcn cuts such a run into letters and digits ("qs3f9a" is qs, 3,
     * f, 9, a), which on their own occur in nearly every contract's text. Null when the text has no words.
     */
    static Query words(QueryBuilder builder, String field, String text) {
        var identifiers = IDENTIFIER.matcher(text);
        if (!identifiers.find()) {
            return allWords(builder.getAnalyzer(), field, text);
        }
        var all = new BooleanQuery.Builder();
        var rest = new StringBuilder();
        int after = 0;
        do {
            rest.append(text, after, identifiers.start()).append(' ');
            after = identifiers.end();
            Query together = builder.createPhraseQuery(field, identifiers.group());
            if (together != null) {
                all.add(together, Occur.MUST);
            }
        } while (identifiers.find());
        rest.append(text, after, text.length());
        Query others = allWords(builder.getAnalyzer(), field, rest.toString());
        if (others != null) {
            all.add(others, Occur.MUST);
        }
        BooleanQuery built = all.build();
        return built.clauses().isEmpty() ? null : built;
    }

    /**
     * Every word of {@code text} in {@code field}, with the characters smartcn leaves on their own kept side by side
     * as they were typed. It knows no personal names: 钱七 is 钱 and 七, and each alone occurs in nearly every
     * contract (第七条), so asked for both anywhere, 钱七 found 67 contracts of which 2 named the person. A single
     * word is a plain term query (what {@link IndexSearcher#count} answers from statistics). Null without words.
     */
    private static Query allWords(Analyzer analyzer, String field, String text) {
        record Token(String term, int start, int end) {
            boolean lone() {
                return term.codePointCount(0, term.length()) == 1
                        && Character.UnicodeScript.of(term.codePointAt(0)) == Character.UnicodeScript.HAN;
            }
        }
        var tokens = new ArrayList<Token>();
        try (var stream = analyzer.tokenStream(field, text)) {
            var term = stream.addAttribute(org.apache.lucene.analysis.tokenattributes.CharTermAttribute.class);
            var offset = stream.addAttribute(org.apache.lucene.analysis.tokenattributes.OffsetAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                tokens.add(new Token(term.toString(), offset.startOffset(), offset.endOffset()));
            }
            stream.end();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        var clauses = new ArrayList<Query>();
        for (int i = 0; i < tokens.size(); ) {
            int j = i + 1;
            if (tokens.get(i).lone()) {
                while (j < tokens.size() && tokens.get(j).lone() && tokens.get(j).start() == tokens.get(j - 1).end()) {
                    j++;
                }
            }
            if (j - i > 1) {
                var phrase = new org.apache.lucene.search.PhraseQuery.Builder();
                for (int k = i; k < j; k++) {
                    phrase.add(new Term(field, tokens.get(k).term()), k - i);
                }
                clauses.add(phrase.build());
            } else {
                clauses.add(new TermQuery(new Term(field, tokens.get(i).term())));
            }
            i = j;
        }
        if (clauses.size() <= 1) {
            return clauses.isEmpty() ? null : clauses.getFirst();
        }
        var all = new BooleanQuery.Builder();
        clauses.forEach(q -> all.add(q, Occur.MUST));
        return all.build();
    }

    /**
     * A short query as part of a customer's name, as the customer list's filter finds it: smartcn keeps dictionary
     * words whole (有限公司, 科技园), so "有限" matched none of the 有限公司 by words. For a search of customers (a
     * hundred thousand names, not a million contracts' texts) and for what is being typed (保, the start of 保密协议),
     * a few characters without spaces, where such a part is what is meant; ranked below a match of whole words.
     */
    /**
     * The text as part of titles and names ({@code partsOfNames}), or of customers' names only
     * ({@code customerNames}): a search of every kind finds a customer by its name even where the segmenter cuts the
     * name alone otherwise than within the customer's text (an outside tester's 林晓雨 found only with kind=CUSTOMER).
     */
    private static Optional<Query> nameParts(String text, boolean partsOfNames, boolean customerNames) {
        if (partsOfNames) {
            return partOfTitle(text);
        }
        if (!customerNames) {
            return Optional.empty();
        }
        return partOfTitle(text).map(part -> new BooleanQuery.Builder().add(part, Occur.MUST)
                .add(new TermQuery(new Term("kind", SearchKind.CUSTOMER.name())), Occur.FILTER).build());
    }

    private static Optional<Query> partOfTitle(String text) {
        String part = text.strip().toLowerCase(Locale.ROOT);
        int length = part.codePointCount(0, part.length());
        if (length < 1 || length > 8 || part.chars().anyMatch(Character::isWhitespace)) {
            return Optional.empty();
        }
        return SubstringGrams.containing(TITLE_GRAMS, part);
    }

    private static FieldType allType() {
        var type = new FieldType(TextField.TYPE_STORED);
        type.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        type.freeze();
        return type;
    }

    static long cents(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP).unscaledValue().longValueExact();
    }

    static Document document(SearchDocument d) {
        var doc = new Document();
        doc.add(new StringField("key", d.key(), Field.Store.NO));
        doc.add(new StringField("kind", d.kind().name(), Field.Store.YES));
        doc.add(new StringField("id", d.id(), Field.Store.YES));
        var all = new StringBuilder();
        if (d.code() != null) {
            doc.add(new StringField("code", d.code().toUpperCase(java.util.Locale.ROOT), Field.Store.NO));
            doc.add(new StoredField("number", d.code()));
            all.append(d.code()).append('\n');
        }
        doc.add(new TextField("title", d.title(), Field.Store.YES));
        all.append(d.title()).append('\n');
        doc.add(new TextField(TITLE_GRAMS, SubstringGrams.indexed(d.title().toLowerCase(Locale.ROOT)), Field.Store.NO));
        if (d.code() != null) {
            doc.add(new TextField(CODE_GRAMS, SubstringGrams.indexed(d.code()), Field.Store.NO));
        }
        if (d.customerId() != null) {
            doc.add(new StringField("customerId", d.customerId(), Field.Store.NO));
        }
        if (d.customerName() != null) {
            doc.add(new StoredField("customerName", d.customerName()));
            doc.add(new StringField("customerNameExact", d.customerName(), Field.Store.NO));
            all.append(d.customerName()).append('\n');
        }
        all.append(d.text() == null ? "" : d.text());
        doc.add(new Field(ALL, all.toString(), ALL_TYPE));
        for (var field : Map.of("type", String.valueOf(d.type()), "status", String.valueOf(d.status()),
                "owner", String.valueOf(d.owner())).entrySet()) {
            doc.add(new StringField(field.getKey(), field.getValue(), Field.Store.YES));
        }
        if (d.date() != null) {
            doc.add(new LongPoint("date", d.date().toEpochDay()));
            doc.add(new NumericDocValuesField("date", d.date().toEpochDay()));
        }
        doc.add(new SortedDocValuesField(ID_ORDER, new BytesRef(d.id())));
        if (d.startDate() != null) {
            doc.add(new StoredField("startDate", d.startDate().toString()));
            doc.add(new NumericDocValuesField(ORDERS.get(ContractListIndex.Order.START_DATE),
                    d.startDate().toEpochDay()));
        }
        if (d.endDate() != null) {
            doc.add(new StoredField("endDate", d.endDate().toString()));
            doc.add(new NumericDocValuesField(ORDERS.get(ContractListIndex.Order.END_DATE), d.endDate().toEpochDay()));
        }
        if (d.amount() != null) {
            doc.add(new NumericDocValuesField(ORDERS.get(ContractListIndex.Order.AMOUNT), cents(d.amount())));
            doc.add(new LongPoint("amount", cents(d.amount())));
            doc.add(new StoredField("amount", d.amount().setScale(2, RoundingMode.HALF_UP).toPlainString()));
        }
        return doc;
    }

    private static SearchHit hit(Document doc, float score, String snippet) {
        String title = doc.get("title");
        return new SearchHit(SearchKind.valueOf(doc.get("kind")), doc.get("id"), title, doc.get("number"),
                snippet != null ? snippet : DefaultEncoder.escape(title), score, doc.get("customerName"),
                doc.get("type"), doc.get("status"), doc.get("owner"), date(doc.get("startDate")),
                date(doc.get("endDate")), doc.get("amount") == null ? null : Money.cny(doc.get("amount")));
    }

    private static LocalDate date(String value) {
        return value == null ? null : LocalDate.parse(value);
    }

    /** Escaping as the passage formatter does, for a snippet made of the title alone. */
    private static final class DefaultEncoder {
        static String escape(String text) {
            return org.apache.lucene.search.highlight.SimpleHTMLEncoder.htmlEncode(text);
        }
    }

    @Override
    public Optional<IndexMatches> matchContracts(OwnerScope scope, ContractFilter filter, int idLimit) {
        return contractFilters(filter).flatMap(filters -> matching(SearchKind.CONTRACT, scope, filters, idLimit));
    }

    @Override
    public Optional<List<String>> pageContracts(OwnerScope scope, ContractFilter filter, ContractListIndex.Order order,
                                                boolean ascending, long offset, int size) {
        if (offset + size > MAX_PAGE_END) {
            return Optional.empty();
        }
        var filters = contractFilters(filter);
        if (filters.isEmpty()) {
            return Optional.empty();
        }
        return onSearcher(Optional.empty(), searcher -> {
            if (scope.isEmpty()) {
                return Optional.empty();
            }
            Query all = filtered(SearchKind.CONTRACT, scope, filters.get());
            String field = ORDERS.get(order);
            Query withValue = new BooleanQuery.Builder().add(all, Occur.FILTER)
                    .add(new org.apache.lucene.search.FieldExistsQuery(field), Occur.FILTER).build();
            if (searcher.count(all) != searcher.count(withValue)) {
                return Optional.empty();
            }
            var sort = new Sort(new SortField(field, SortField.Type.LONG, !ascending),
                    new SortField(ID_ORDER, SortField.Type.STRING));
            TopDocs top = searcher.search(all, (int) (offset + size), sort);
            var ids = new ArrayList<String>(size);
            for (int i = (int) offset; i < top.scoreDocs.length; i++) {
                // the id the page was sorted by last, so no document is read
                ids.add(((BytesRef) ((FieldDoc) top.scoreDocs[i]).fields[1]).utf8ToString());
            }
            return Optional.of(ids);
        });
    }

    /** The filters of a contract list in the index's terms; empty when its text cannot be looked up here. */
    private static Optional<List<Query>> contractFilters(ContractFilter filter) {
        var filters = new ArrayList<Query>();
        for (var field : new String[][] {{"type", filter.type()}, {"status", filter.status()},
                {"customerId", filter.customerId()}, {"owner", filter.owner()}}) {
            if (field[1] != null) {
                filters.add(new TermQuery(new Term(field[0], field[1])));
            }
        }
        if (filter.text() != null) {
            var text = containing(filter.text(), true);
            if (text.isEmpty()) {
                return Optional.empty();
            }
            if (!filter.customersMatchingText().isEmpty()) {
                text.get().add(new TermInSetQuery("customerId",
                        filter.customersMatchingText().stream().map(BytesRef::new).toList()), Occur.SHOULD);
            }
            filters.add(text.get().build());
        }
        return Optional.of(filters);
    }

    @Override
    public Optional<IndexMatches> matchCustomers(OwnerScope scope, String text, boolean creditCodeToo, int idLimit) {
        var query = containing(text, creditCodeToo);
        return query.isEmpty() ? Optional.empty()
                : matching(SearchKind.CUSTOMER, scope, List.of(query.get().build()), idLimit);
    }

    /**
     * Records whose title (case ignored), or also code, holds {@code text}, as SQL's {@code LIKE '%text%'} finds
     * them; empty when the text cannot be looked up here.
     */
    private static Optional<BooleanQuery.Builder> containing(String text, boolean codeToo) {
        var title = SubstringGrams.containing(TITLE_GRAMS, text.toLowerCase(Locale.ROOT));
        var code = SubstringGrams.containing(CODE_GRAMS, text.toUpperCase(Locale.ROOT));
        if (title.isEmpty() || code.isEmpty()) {
            return Optional.empty();
        }
        var query = new BooleanQuery.Builder().add(title.get(), Occur.SHOULD);
        if (codeToo) {
            query.add(code.get(), Occur.SHOULD);
        }
        return Optional.of(query);
    }

    private static Query filtered(SearchKind kind, OwnerScope scope, List<Query> filters) {
        var query = new BooleanQuery.Builder().add(new TermQuery(new Term("kind", kind.name())), Occur.FILTER);
        if (!scope.all()) {
            query.add(new TermInSetQuery("owner", scope.owners().stream().map(BytesRef::new).toList()), Occur.FILTER);
        }
        filters.forEach(filter -> query.add(filter, Occur.FILTER));
        return query.build();
    }

    /** The records of {@code kind} in {@code scope} that pass every filter: counted, and named when at most {@code idLimit}. */
    private Optional<IndexMatches> matching(SearchKind kind, OwnerScope scope, List<Query> filters, int idLimit) {
        return onSearcher(Optional.empty(), searcher -> {
            if (scope.isEmpty()) {
                return Optional.of(IndexMatches.NONE);
            }
            Query built = filtered(kind, scope, filters);
            int count = searcher.count(built);
            if (count == 0 || count > idLimit) {
                return Optional.of(new IndexMatches(count, List.of()));
            }
            return Optional.of(new IndexMatches(count, searcher.search(built, IdCollector.MANAGER)));
        });
    }

    /**
     * The ids of the matches, from the id's doc values: reading each stored document instead would decompress the
     * blocks of stored text around it (a contract's text is stored for the highlighter), 2,000 times at most.
     */
    private static final class IdCollector extends SimpleCollector {
        static final CollectorManager<IdCollector, List<String>> MANAGER = new CollectorManager<>() {
            @Override
            public IdCollector newCollector() {
                return new IdCollector();
            }

            @Override
            public List<String> reduce(Collection<IdCollector> collectors) {
                return collectors.stream().flatMap(c -> c.ids.stream()).toList();
            }
        };

        private final List<String> ids = new ArrayList<>();
        private SortedDocValues values;

        @Override
        protected void doSetNextReader(LeafReaderContext context) throws IOException {
            values = DocValues.getSorted(context.reader(), ID_ORDER);
        }

        @Override
        public void collect(int doc) throws IOException {
            if (!values.advanceExact(doc)) {
                throw new IllegalStateException("a document without its id's doc values");
            }
            ids.add(values.lookupOrd(values.ordValue()).utf8ToString());
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }
    }

    @Override
    public List<String> contractsOfCustomerNamedOtherwise(String customerId, String name) {
        var query = new BooleanQuery.Builder()
                .add(new TermQuery(new Term("customerId", customerId)), Occur.FILTER)
                .add(new TermQuery(new Term("kind", SearchKind.CONTRACT.name())), Occur.FILTER)
                .add(new TermQuery(new Term("customerNameExact", name)), Occur.MUST_NOT).build();
        return onSearcher(List.of(), searcher -> {
            var ids = new ArrayList<String>();
            StoredFields stored = searcher.storedFields();
            for (ScoreDoc sd : searcher.search(query, MAX_HITS).scoreDocs) {
                ids.add(stored.document(sd.doc).get("id"));
            }
            return ids;
        });
    }

    @Override
    public Rebuild startRebuild() {
        try {
            Files.createDirectories(root);
            Path path = root.resolve("g" + System.currentTimeMillis());
            while (Files.exists(path)) {
                path = root.resolve("g" + (Long.parseLong(path.getFileName().toString().substring(1)) + 1));
            }
            var directory = FSDirectory.open(path);
            var writer = new IndexWriter(directory, config().setOpenMode(IndexWriterConfig.OpenMode.CREATE)
                    .setRAMBufferSizeMB(64));
            return new FreshIndex(path, directory, writer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private final class FreshIndex implements Rebuild {
        private final Path path;
        private final FSDirectory directory;
        private final IndexWriter writer;

        FreshIndex(Path path, FSDirectory directory, IndexWriter writer) {
            this.path = path;
            this.directory = directory;
            this.writer = writer;
        }

        @Override
        public void add(List<SearchDocument> documents) {
            try {
                // a fresh index reads each record once: adding skips the delete-by-key an update pays per document
                for (SearchDocument d : documents) {
                    writer.addDocument(document(d));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void complete(long throughSequence) {
            try {
                writer.setLiveCommitData(Map.of(SEQUENCE, Long.toString(throughSequence), SCHEMA, SCHEMA_VERSION).entrySet());
                writer.forceMerge(8);
                writer.commit();
                writer.close();
                directory.close();
            } catch (IOException e) {
                abandon();
                throw new UncheckedIOException(e);
            }
            lock.writeLock().lock();
            try {
                Live before = live;
                live = null;
                if (before != null) {
                    closeQuietly(before);
                }
                live = openIfComplete(path);
                if (live == null) {
                    throw new IllegalStateException("the rebuilt index at " + path + " does not open");
                }
                deleteAllBut(path);
                opened = true;
            } finally {
                lock.writeLock().unlock();
            }
        }

        @Override
        public void abandon() {
            try {
                writer.rollback();
            } catch (IOException | RuntimeException ignored) {
                // throwing it away anyway
            }
            try {
                directory.close();
            } catch (IOException ignored) {
                // throwing it away anyway
            }
            deleteTree(path);
        }
    }

    private static IndexWriterConfig config() {
        var analyzer = new PerFieldAnalyzerWrapper(ChineseAnalysis.analyzer(),
                Map.of(TITLE_GRAMS, SubstringGrams.ANALYZER, CODE_GRAMS, SubstringGrams.ANALYZER));
        return new IndexWriterConfig(analyzer).setRAMBufferSizeMB(16);
    }

    private void ensureOpen() {
        lock.readLock().lock();
        try {
            if (opened) {
                return;
            }
        } finally {
            lock.readLock().unlock();
        }
        lock.writeLock().lock();
        try {
            if (opened) {
                return;
            }
            opened = true;
            for (Path candidate : builds()) {
                live = openIfComplete(candidate);
                if (live != null) {
                    log.info("search index {} open as of change {}", candidate, live.sequence().get());
                    return;
                }
            }
            log.warn("no usable search index under {}: it needs a rebuild", root);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Build directories, newest first. */
    private List<Path> builds() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(root)) {
            return children.filter(p -> p.getFileName().toString().matches("g\\d+") && Files.isDirectory(p))
                    .sorted(Comparator.comparingLong((Path p) -> Long.parseLong(p.getFileName().toString().substring(1)))
                            .reversed())
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The index at {@code path} ready for use, or null when it is missing, incomplete or corrupt. */
    private Live openIfComplete(Path path) {
        FSDirectory directory = null;
        IndexWriter writer = null;
        try {
            directory = FSDirectory.open(path);
            var commit = SegmentInfos.readLatestCommit(directory).getUserData();
            String sequence = commit.get(SEQUENCE);
            if (sequence == null || !SCHEMA_VERSION.equals(commit.get(SCHEMA))) {
                directory.close();
                return null;
            }
            writer = new IndexWriter(directory, config().setOpenMode(IndexWriterConfig.OpenMode.APPEND));
            var searchers = new SearcherManager(writer, new SearcherFactory() {
                @Override
                public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) {
                    return searcher(reader, segmentSearches());
                }
            });
            // reading every segment once: a damaged file fails here, not in a user's search
            IndexSearcher probe = searchers.acquire();
            try {
                probe.count(new org.apache.lucene.search.MatchAllDocsQuery());
            } finally {
                searchers.release(probe);
            }
            return new Live(path, directory, writer, searchers, new AtomicLong(Long.parseLong(sequence)),
                    new AtomicLong(System.nanoTime()));
        } catch (IOException | RuntimeException e) {
            log.warn("search index {} is not usable: {}", path, e.toString());
            try {
                if (writer != null) {
                    writer.rollback();
                }
                if (directory != null) {
                    directory.close();
                }
            } catch (IOException | RuntimeException ignored) {
                // it is being given up
            }
            return null;
        }
    }

    private void deleteAllBut(Path keep) {
        for (Path other : builds()) {
            if (!other.equals(keep)) {
                deleteTree(other);
            }
        }
    }

    private static void deleteTree(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> all = Files.walk(path)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a file still open elsewhere is removed with the next rebuild
                }
            });
        } catch (IOException ignored) {
            // left for the next rebuild
        }
    }

    private static void closeQuietly(Live index) {
        try {
            index.close();
        } catch (IOException | RuntimeException e) {
            log.warn("closing search index {}: {}", index.path(), e.toString());
        }
    }

    /** Forgets the index in use (deleted or broken under it): the next use looks again. */
    void reset() {
        lock.writeLock().lock();
        try {
            if (live != null) {
                closeQuietly(live);
            }
            live = null;
            opened = false;
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public void destroy() {
        lock.writeLock().lock();
        try {
            if (live != null) {
                closeQuietly(live);
                live = null;
            }
            synchronized (this) {
                if (segmentSearches != null) {
                    segmentSearches.shutdown();
                    segmentSearches = null;
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    private synchronized ExecutorService segmentSearches() {
        if (segmentSearches == null) {
            var count = new AtomicLong();
            segmentSearches = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()),
                    task -> {
                        var thread = new Thread(task, "search-segments-" + count.incrementAndGet());
                        thread.setDaemon(true);
                        return thread;
                    });
        }
        return segmentSearches;
    }

    /**
     * A searcher that searches slices of the index's segments side by side (the calling thread takes part), so that
     * one request's latency is not the sum of every segment's on a machine with cores to spare. No query cache: what
     * users type rarely repeats, and counts served from a cache would make repeated benchmark queries look cheaper
     * than they are.
     */
    static IndexSearcher searcher(IndexReader reader, Executor executor) {
        var searcher = new IndexSearcher(reader, executor);
        searcher.setQueryCache(null);
        return searcher;
    }
}
