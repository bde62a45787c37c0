package io.qiyue.bench;

import io.qiyue.template.DocumentBench;

/**
 * Not a test: PDF and DOCX throughput of a ~5-page contract on all cores, redline time of two
 * 50-page versions, memory per render. Run with
 * {@code mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.qiyue.bench.DocumentBenchmark}
 * or from the IDE.
 */
public final class DocumentBenchmark {
    private DocumentBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        DocumentBench.run(args.length > 0 ? Integer.parseInt(args[0]) : 10);
    }
}
