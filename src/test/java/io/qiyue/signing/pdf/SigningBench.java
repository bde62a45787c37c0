package io.qiyue.signing.pdf;

import io.qiyue.template.SigningSamples;
import org.apache.pdfbox.Loader;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** The work of io.qiyue.bench.SigningBenchmark (here for package access). */
public final class SigningBench {
    private SigningBench() {
    }

    public static void run(int pages, int seconds, int threads) throws Exception {
        byte[] contract = SigningSamples.contractPdf(pages);
        try (var document = Loader.loadPDF(contract)) {
            System.out.printf("contract: %d pages, %d KiB%n", document.getNumberOfPages(), contract.length / 1024);
        }
        var services = SigningFixtures.services();
        var ours = new SignerIdentity("user:bench", "张三", "上海契约信息技术有限公司", "zhang@qiyue.example");
        var customer = new SignerIdentity("contact:bench", "李四", "杭州示例科技有限公司", null);
        byte[] sealB = SigningFixtures.companySeal("上海契约信息技术有限公司");
        byte[] sealA = SigningFixtures.companySeal("杭州示例科技有限公司");

        long t0 = System.nanoTime();
        byte[] first = services.signatures().sign(contract, request(ours, PartySide.PARTY_B, sealB));
        System.out.printf("first signature (CA and certificate issued): %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        byte[] both = services.signatures().sign(first, request(customer, PartySide.PARTY_A, sealA));
        System.out.printf("signed by both: %d KiB (+%d KiB)%n", both.length / 1024, (both.length - contract.length) / 1024);

        for (int i = 0; i < 20; i++) {
            services.signatures().sign(contract, request(ours, PartySide.PARTY_B, sealB));
            services.signatures().verify(both);
        }
        var running = new AtomicBoolean(true);
        var count = new AtomicInteger();
        try (var pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> workers = new ArrayList<>();
            long start = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    while (running.get()) {
                        services.signatures().sign(contract, request(ours, PartySide.PARTY_B, sealB));
                        count.incrementAndGet();
                    }
                    return null;
                }));
            }
            Thread.sleep(seconds * 1000L);
            running.set(false);
            for (var worker : workers) {
                worker.get();
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            System.out.printf("sign (%d-page contract, seal and 骑缝章, B-B) on %d threads: %.1f signatures/s (%d in %.1f s)%n",
                    pages, threads, count.get() / elapsed, count.get(), elapsed);
        }
        int rounds = 50;
        long best = Long.MAX_VALUE;
        long total = 0;
        for (int i = 0; i < rounds; i++) {
            long s = System.nanoTime();
            var checks = services.signatures().verify(both);
            long took = System.nanoTime() - s;
            if (checks.size() != 2 || !checks.stream().allMatch(SignatureCheck::valid)) {
                throw new IllegalStateException("verification failed: " + checks);
            }
            best = Math.min(best, took);
            total += took;
        }
        System.out.printf("verify a twice-signed %d-page contract: %.1f ms mean, %.1f ms best of %d%n",
                pages, total / 1e6 / rounds, best / 1e6, rounds);
    }

    private static SignatureRequest request(SignerIdentity who, PartySide side, byte[] seal) {
        return new SignatureRequest(who, side, "同意本合同全部条款", "上海", Instant.now(), seal, true);
    }
}
