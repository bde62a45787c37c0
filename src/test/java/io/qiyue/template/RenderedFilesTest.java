package io.qiyue.template;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RenderedFilesTest {
    private static final Instant ISSUED = Instant.parse("2026-03-01T02:00:00Z");

    private static RenderedDocument doc(String body, String number) {
        return new RenderedDocument("<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>t</title></head><body><p>"
                + body + "</p></body></html>", null, number, "服务合同", "杭州某科技有限公司", "tpl", 1, ISSUED);
    }

    @Test
    void aVersionIsWrittenOnceAndItsFileIsTheOneAFreshWritingMakes() {
        var files = new RenderedFiles(8 << 20);
        byte[] first = files.pdf(doc("甲方应于2026年3月31日前付款。", "QY-SVC-2026-0001"));
        byte[] again = files.pdf(doc("甲方应于2026年3月31日前付款。", "QY-SVC-2026-0001"));
        assertThat(again).isSameAs(first);
        assertThat(again).isEqualTo(doc("甲方应于2026年3月31日前付款。", "QY-SVC-2026-0001").pdf());
        assertThat(files.keptFiles()).isEqualTo(1);
    }

    @Test
    void anyDifferenceInWhatTheFileIsMadeFromIsAnotherFile() {
        var files = new RenderedFiles(8 << 20);
        var written = new AtomicInteger();
        files.get(RenderedFiles.Kind.PDF, doc("身份证号码 110105199001011234", "QY-1"), () -> new byte[written.incrementAndGet()]);
        files.get(RenderedFiles.Kind.PDF, doc("身份证号码 110105**********34", "QY-1"), () -> new byte[written.incrementAndGet()]);
        files.get(RenderedFiles.Kind.PDF, doc("身份证号码 110105199001011234", "QY-2"), () -> new byte[written.incrementAndGet()]);
        files.get(RenderedFiles.Kind.DOCX, doc("身份证号码 110105199001011234", "QY-1"), () -> new byte[written.incrementAndGet()]);
        // the split between parts counts: "QY-1" + "服务合同" is not "QY-" + "1服务合同"
        files.get(RenderedFiles.Kind.PDF, new RenderedDocument(doc("x", "").xhtml(), null, "QY-", "1服务合同",
                "杭州某科技有限公司", "tpl", 1, ISSUED), () -> new byte[written.incrementAndGet()]);
        files.get(RenderedFiles.Kind.PDF, new RenderedDocument(doc("x", "").xhtml(), null, "QY-1", "服务合同",
                "杭州某科技有限公司", "tpl", 1, ISSUED), () -> new byte[written.incrementAndGet()]);
        assertThat(written).hasValue(6);
        assertThat(files.keptFiles()).isEqualTo(6);
    }

    @Test
    void theLeastRecentlyUsedGoFirstOnceTheBudgetIsSpentAndAFileOverAQuarterOfItIsNotKept() {
        var files = new RenderedFiles(1000);
        files.get(RenderedFiles.Kind.PDF, doc("a", "1"), () -> new byte[200]);
        files.get(RenderedFiles.Kind.PDF, doc("b", "1"), () -> new byte[200]);
        files.get(RenderedFiles.Kind.PDF, doc("c", "1"), () -> new byte[200]);
        files.get(RenderedFiles.Kind.PDF, doc("a", "1"), () -> new byte[1]); // used again: now the most recent
        files.get(RenderedFiles.Kind.PDF, doc("d", "1"), () -> new byte[250]);
        files.get(RenderedFiles.Kind.PDF, doc("e", "1"), () -> new byte[250]);
        assertThat(files.keptBytes()).isLessThanOrEqualTo(1000);
        var written = new AtomicInteger();
        assertThat(files.get(RenderedFiles.Kind.PDF, doc("a", "1"), () -> new byte[written.incrementAndGet()]))
                .hasSize(200);
        files.get(RenderedFiles.Kind.PDF, doc("b", "1"), () -> new byte[written.incrementAndGet()]);
        assertThat(written).hasValue(1); // b was the eldest, and went
        files.get(RenderedFiles.Kind.PDF, doc("huge", "1"), () -> new byte[251]);
        files.get(RenderedFiles.Kind.PDF, doc("huge", "1"), () -> new byte[written.incrementAndGet()]);
        assertThat(written).hasValue(2);
    }

    @Test
    void downloadsOfAVersionNotYetWrittenWaitForOneWritingAndAFailureIsEveryonesAndNotKept() throws Exception {
        var files = new RenderedFiles(8 << 20);
        var written = new AtomicInteger();
        var release = new CountDownLatch(1);
        try (var pool = Executors.newFixedThreadPool(4)) {
            var downloads = new java.util.ArrayList<Future<byte[]>>();
            for (int i = 0; i < 4; i++) {
                downloads.add(pool.submit(() -> files.get(RenderedFiles.Kind.PDF, doc("slow", "1"), () -> {
                    written.incrementAndGet();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return new byte[]{7};
                })));
            }
            Thread.sleep(200);
            release.countDown();
            for (var download : downloads) {
                assertThat(download.get()).containsExactly(7);
            }
        }
        assertThat(written).hasValue(1);

        assertThatThrownBy(() -> files.get(RenderedFiles.Kind.PDF, doc("broken", "1"), () -> {
            throw new IllegalStateException("unrenderable");
        })).hasMessage("unrenderable");
        assertThat(files.get(RenderedFiles.Kind.PDF, doc("broken", "1"), () -> new byte[]{1})).containsExactly(1);
    }
}
