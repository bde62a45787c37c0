package io.qiyue.template;

import io.qiyue.contract.Contract;
import io.qiyue.contract.ContractTerms;
import io.qiyue.contract.ContractType;
import io.qiyue.contract.Terms;
import org.apache.pdfbox.Loader;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** The work of io.qiyue.bench.DocumentBenchmark (here for package access). */
public final class DocumentBench {
    private DocumentBench() {
    }

    static RenderedDocument fivePages() {
        Contract s = SampleContracts.contract(ContractType.SERVICE);
        var items = new ArrayList<Terms.Item>();
        for (int i = 1; i <= 18; i++) {
            items.add(new Terms.Item("服务项目" + i, "按照国家标准和行业规范执行，每月提交书面报告，故障在四小时内响应并在二十四小时内修复。"));
        }
        var lines = new ArrayList<String>();
        for (int i = 1; i <= 8; i++) {
            lines.add("乙方应当按照本合同约定的服务标准，安排具备相应资质的人员提供服务，并对服务质量负责（第" + i + "项）。");
        }
        ContractTerms t = s.terms();
        var terms = new ContractTerms(t.payment(), new Terms.RightsAndObligations(lines, lines), t.breach(), t.dispute(),
                t.termination(), t.intellectualProperty(), t.confidentialityObligations(),
                new Terms.Service(items, "甲方总部及各分支机构", "故障四小时内响应"), null, null, null, null, null, null, null, null);
        var c = new Contract(s.id(), s.number(), s.type(), s.title(), s.customerId(), s.customerName(), s.ourEntityId(),
                s.owner(), s.amount(), s.startDate(), s.endDate(), s.autoRenew(), s.renewalNoticeDays(), s.status(), terms,
                1, s.createdAt(), s.createdBy(), s.updatedAt());
        var model = DocumentModels.of(c, SampleContracts.customer(), SampleContracts.ourEntity());
        return new Renderer().render(DefaultTemplates.body(ContractType.SERVICE), model, "t", 1, c.updatedAt());
    }

    public static void run(int seconds) throws Exception {
        int threads = Runtime.getRuntime().availableProcessors();
        var doc = fivePages();
        long t0 = System.nanoTime();
        byte[] first = doc.pdf();
        System.out.printf("first PDF (fonts loaded lazily): %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        try (var pd = Loader.loadPDF(first)) {
            System.out.printf("pages: %d, PDF size: %d KiB%n", pd.getNumberOfPages(), first.length / 1024);
        }
        throughput("PDF", threads, seconds, () -> fivePages().pdf());
        throughput("DOCX", threads, seconds, () -> fivePages().docx());
        throughput("HTML+text", threads, seconds, () -> fivePages().text().getBytes());
        memory("PDF", () -> fivePages().pdf());
        memory("DOCX", () -> fivePages().docx());

        // two 50-page versions: ~10 copies of the 5-page text, with edits every few paragraphs
        String text = doc.text();
        var a = new StringBuilder();
        var b = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            a.append(text);
            String edited = text.replace("服务项目" + (i + 3) + "\t", "服务项目" + (i + 3) + "（修订）\t")
                    .replace("壹拾贰万元整", i % 2 == 0 ? "壹拾伍万元整" : "壹拾贰万元整")
                    .replace("第" + (i + 1) + "项", "第" + (i + 1) + "项，并接受甲方的监督");
            b.append(edited);
        }
        System.out.printf("diff input: %d and %d characters%n", a.length(), b.length());
        for (int i = 0; i < 5; i++) {
            Redlines.diff(a.toString(), b.toString());
        }
        long best = Long.MAX_VALUE;
        int ops = 0;
        for (int i = 0; i < 10; i++) {
            long s = System.nanoTime();
            ops = Redlines.diff(a.toString(), b.toString()).ops().size();
            best = Math.min(best, System.nanoTime() - s);
        }
        System.out.printf("diff of two 50-page versions: %.1f ms (best of 10), %d ops%n", best / 1e6, ops);
    }

    private static void throughput(String name, int threads, int seconds, Supplier<byte[]> work) throws Exception {
        for (int i = 0; i < 20; i++) {
            work.get();
        }
        var done = new AtomicInteger();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        try (var pool = Executors.newFixedThreadPool(threads)) {
            List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        work.get();
                        done.incrementAndGet();
                    }
                }));
            }
            for (var f : futures) {
                f.get();
            }
        }
        System.out.printf("%s: %.1f documents/s on %d threads%n", name, done.get() / (double) seconds, threads);
    }

    private static void memory(String name, Supplier<byte[]> work) {
        var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().threadId();
        work.get();
        long before = bean.getThreadAllocatedBytes(id);
        int n = 20;
        for (int i = 0; i < n; i++) {
            work.get();
        }
        System.out.printf("%s: %.1f MiB allocated per render%n", name, (bean.getThreadAllocatedBytes(id) - before) / n / 1048576.0);
    }
}
