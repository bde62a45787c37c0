package io.qiyue.search;

import io.qiyue.security.OwnerScope;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.store.FSDirectory;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code GET /api/v1/search} of a running Qiyue beside the same query on the same index opened directly with Lucene,
 * in one run (bench/search.sh; by hand, never by CI). Both answer a fixed set of Chinese queries, one at a time, the
 * first page of 20 with the exact total; the raw side also reads the hits' stored fields, as the application does,
 * but neither highlights (the application does, which is part of what the ratio shows). The raw query is the plain
 * way to ask Lucene for a page and an exact total: one scoring pass that counts every match (TopScoreDocCollector
 * with an unbounded threshold), on a default single-threaded searcher; it is also timed on a searcher with the
 * application's threads (segments searched side by side), so that the ratio can be read against either. Interleaved with them: the
 * floor every API request pays (HTTP, token, filters: the rebuild's progress) and the application's own search
 * method run here on the same index (the raw query plus snippets and hits), so that the gap can be split into
 * what the web layer costs and what the highlighting costs.
 * <p>
 * Arguments: base URL (loopback only), API token (of a user who reads everything, e.g. an admin, so that the raw side
 * needs no scope filter either), index folder (the instance's {@code qiyue.search.index-dir}), rounds per query.
 */
public final class SearchBenchmark {
    static final List<String> QUERIES = List.of("保密", "运维", "服务合同", "违约责任", "付款", "数据中心", "知识产权",
            "仲裁", "验收", "保密条款 违约", "技术服务", "巡检", "信息共享", "咨询报告", "维护协议");
    private static final int PAGE = 20;

    private SearchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("arguments: <base URL on loopback> <API token> <index folder> [rounds per query=100]");
            System.exit(2);
        }
        URI base = URI.create(args[0].endsWith("/") ? args[0] : args[0] + "/");
        if (!Set.of("127.0.0.1", "localhost", "[::1]", "::1").contains(base.getHost())) {
            throw new IllegalArgumentException("loopback only: " + base.getHost());
        }
        String token = args[1];
        Path folder = newestBuild(Path.of(args[2]));
        int rounds = args.length > 3 ? Math.max(1, Math.min(10_000, Integer.parseInt(args[3]))) : 100;
        System.out.printf("index %s, %d queries × %d rounds%n", folder, QUERIES.size(), rounds);

        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        var threads = java.util.concurrent.Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        try (var directory = FSDirectory.open(folder); var reader = DirectoryReader.open(directory)) {
            var searcher = new IndexSearcher(reader);
            // the application's searcher: slices of segments searched side by side, no query cache
            var appSearcher = LuceneSearchIndex.searcher(reader, threads);
            var parallelSearcher = LuceneSearchIndex.searcher(reader, threads);
            System.out.printf("documents in the index: %,d%n", reader.numDocs());
            // warm every side up (discarded: the JIT compiles the application's search path and the page cache takes
            // the index's files), then measure them interleaved so that all see the same load
            int warmupRounds = Math.max(1, Integer.getInteger("search.warmupRounds", 20));
            long warming = System.nanoTime();
            for (int round = 0; round < warmupRounds; round++) {
                for (String q : QUERIES) {
                    api(http, base, token, q);
                    raw(searcher, q);
                    raw(parallelSearcher, q);
                    inProcess(appSearcher, q);
                }
            }
            System.out.printf("warm-up: %d rounds of every query on each side, %.1f s, discarded%n", warmupRounds,
                    (System.nanoTime() - warming) / 1e9);
            long[] api = new long[QUERIES.size() * rounds];
            long[] floor = new long[api.length];
            long[] inProcess = new long[api.length];
            long[] raw = new long[api.length];
            long[] rawParallel = new long[api.length];
            int i = 0;
            long apiTotal = 0;
            long rawTotal = 0;
            for (int round = 0; round < rounds; round++) {
                for (String q : QUERIES) {
                    long start = System.nanoTime();
                    apiTotal += api(http, base, token, q);
                    api[i] = System.nanoTime() - start;
                    start = System.nanoTime();
                    floor(http, base, token);
                    floor[i] = System.nanoTime() - start;
                    start = System.nanoTime();
                    inProcess(appSearcher, q);
                    inProcess[i] = System.nanoTime() - start;
                    start = System.nanoTime();
                    rawTotal += raw(searcher, q);
                    raw[i] = System.nanoTime() - start;
                    start = System.nanoTime();
                    raw(parallelSearcher, q);
                    rawParallel[i] = System.nanoTime() - start;
                    i++;
                }
            }
            report("GET /api/v1/search", api);
            report("HTTP + auth floor ", floor);
            report("app search in-JVM ", inProcess);
            report("raw Lucene query  ", raw);
            report("raw, same threads ", rawParallel);
            System.out.printf("hits counted: api %,d, raw %,d (equal unless the index changed during the run)%n",
                    apiTotal, rawTotal);
            System.out.printf("ratio api/raw: p50 %.2f×, p95 %.2f×, p99 %.2f×%n", ratio(api, raw, 50),
                    ratio(api, raw, 95), ratio(api, raw, 99));
            System.out.printf("ratio api/raw on the application's threads: p50 %.2f×, p95 %.2f×, p99 %.2f×%n",
                    ratio(api, rawParallel, 50), ratio(api, rawParallel, 95), ratio(api, rawParallel, 99));
        } finally {
            threads.shutdown();
        }
    }

    private static long api(HttpClient http, URI base, String token, String q) throws Exception {
        var request = HttpRequest.newBuilder(base.resolve("api/v1/search?size=" + PAGE + "&q="
                        + URLEncoder.encode(q, StandardCharsets.UTF_8)))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json")
                .timeout(Duration.ofSeconds(30)).GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET /api/v1/search?q=" + q + ": " + response.statusCode() + " "
                    + response.body());
        }
        String body = response.body();
        int at = body.lastIndexOf("\"total\":");
        return at < 0 ? 0 : Long.parseLong(body.substring(at + 8).replaceAll("^\\s*(\\d+).*$", "$1").trim());
    }

    /**
     * What every API request pays whatever it asks: HTTP, the token's check, the filters and a small JSON answer
     * (the rebuild's progress, admins only: no index work).
     */
    private static void floor(HttpClient http, URI base, String token) throws Exception {
        var request = HttpRequest.newBuilder(base.resolve("api/v1/search/rebuild"))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json")
                .timeout(Duration.ofSeconds(30)).GET().build();
        int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status != 200) {
            throw new IllegalStateException("GET /api/v1/search/rebuild: " + status);
        }
    }

    /** The application's own search on the index opened here: the raw query plus snippets and hits. */
    private static long inProcess(IndexSearcher searcher, String q) throws Exception {
        return LuceneSearchIndex.search(searcher, new SearchCriteria(q, null, null, null, OwnerScope.ALL, null, null,
                null, null, SearchSort.RELEVANCE, 0, PAGE)).total();
    }

    private static long raw(IndexSearcher searcher, String q) throws Exception {
        Query query = LuceneSearchIndex.query(new SearchCriteria(q, null, null, null, OwnerScope.ALL, null, null, null,
                null, SearchSort.RELEVANCE, 0, PAGE));
        TopDocs top = searcher.search(query, new TopScoreDocCollectorManager(PAGE, Integer.MAX_VALUE));
        StoredFields stored = searcher.storedFields();
        for (ScoreDoc sd : top.scoreDocs) {
            stored.document(sd.doc);
        }
        return top.totalHits.value();
    }

    private static Path newestBuild(Path root) throws Exception {
        try (Stream<Path> children = Files.list(root)) {
            return children.filter(p -> p.getFileName().toString().matches("g\\d+"))
                    .max(Comparator.comparingLong(p -> Long.parseLong(p.getFileName().toString().substring(1))))
                    .orElseThrow(() -> new IllegalArgumentException("no index build (g<millis>) under " + root));
        }
    }

    private static double percentile(long[] nanos, int p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    private static double ratio(long[] a, long[] b, int p) {
        return percentile(a, p) / Math.max(1e-6, percentile(b, p));
    }

    private static void report(String what, long[] nanos) {
        var ms = new ArrayList<Double>();
        for (int p : new int[] {50, 95, 99, 100}) {
            ms.add(percentile(nanos, p));
        }
        System.out.printf("%s  p50 %7.2f ms  p95 %7.2f ms  p99 %7.2f ms  max %7.2f ms  (%d requests)%n", what,
                ms.get(0), ms.get(1), ms.get(2), ms.get(3), nanos.length);
    }
}
