package io.qiyue.bench;

import io.qiyue.signing.pdf.SigningBench;

/**
 * Not a test: PAdES signatures per second on a 10-page contract with the seal and 骑缝章 (PDF parsing, seal placement,
 * incremental save and the ECDSA signature; keys in an in-memory H2), and the verification time of a contract signed
 * by both parties. Run with {@code bench/signing.sh [pages=10] [seconds=20] [threads=cores]}.
 */
public final class SigningBenchmark {
    private SigningBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        SigningBench.run(args.length > 0 ? Integer.parseInt(args[0]) : 10,
                args.length > 1 ? Integer.parseInt(args[1]) : 20,
                args.length > 2 ? Integer.parseInt(args[2]) : Runtime.getRuntime().availableProcessors());
    }
}
