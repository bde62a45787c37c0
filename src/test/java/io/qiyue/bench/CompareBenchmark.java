package io.qiyue.bench;

import io.qiyue.template.CompareBench;

/**
 * Not a test: redline time of two 100-page contracts and of two 400,000-character uploads, cold and
 * warm. Run with
 * {@code mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.qiyue.bench.CompareBenchmark}
 * (arguments: the time limit per case in seconds, 60 by default; the case 1–3, all by default), or
 * bench/compare.sh, which runs each case in its own JVM.
 */
public final class CompareBenchmark {
    private CompareBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        CompareBench.run(args.length > 0 ? Integer.parseInt(args[0]) : 60, args.length > 1 ? Integer.parseInt(args[1]) : 0);
    }
}
