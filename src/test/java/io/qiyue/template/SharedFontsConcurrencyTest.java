package io.qiyue.template;

import io.qiyue.contract.ContractType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every PDF shares one parsed pair of CJK fonts (io.qiyue.shared.CjkFonts). Written one at a time, a contract's PDF
 * is the same file byte for byte on every download; written by many threads at once, each must still be exactly that
 * file: a glyph, a width or a subset mixed up between documents would change the bytes.
 */
class SharedFontsConcurrencyTest {

    @Test
    void pdfsWrittenAtOnceAreTheFilesWrittenOneAtATime() throws Exception {
        Map<ContractType, byte[]> alone = new EnumMap<>(ContractType.class);
        for (ContractType type : ContractType.values()) {
            alone.put(type, RenderingTest.render(type).pdf());
        }
        int writers = 8;
        int rounds = 3;
        var start = new CountDownLatch(1);
        try (var pool = Executors.newFixedThreadPool(writers)) {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int first = w;
                Callable<List<String>> writer = () -> {
                    start.await();
                    var differing = new ArrayList<String>();
                    ContractType[] types = ContractType.values();
                    for (int i = 0; i < rounds * types.length; i++) {
                        ContractType type = types[(first + i) % types.length];
                        if (!Arrays.equals(RenderingTest.render(type).pdf(), alone.get(type))) {
                            differing.add(type.name());
                        }
                    }
                    return differing;
                };
                results.add(pool.submit(writer));
            }
            start.countDown();
            for (var result : results) {
                assertThat(result.get()).as("PDFs that differ from the one written alone").isEmpty();
            }
        }
    }
}
