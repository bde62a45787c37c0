package io.qiyue.shared;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileWindowReadTest {
    @TempDir
    Path dir;

    private byte[] content(int size) {
        var bytes = new byte[size];
        new Random(7).nextBytes(bytes);
        return bytes;
    }

    @Test
    void readsWhatTheFileHoldsAtEveryPositionWithinAndAcrossItsWindowAndPastIt() throws IOException {
        byte[] content = content(100_000);
        Path file = Files.write(dir.resolve("f.bin"), content);
        var random = new Random(11);
        try (var read = new FileWindowRead(FileChannel.open(file, StandardOpenOption.READ), true)) {
            assertThat(read.length()).isEqualTo(content.length);
            for (int i = 0; i < 2_000; i++) {
                int at = random.nextInt(content.length);
                read.seek(at);
                if (random.nextBoolean()) {
                    assertThat(read.read()).isEqualTo(content[at] & 0xff);
                    assertThat(read.getPosition()).isEqualTo(at + 1);
                } else {
                    int wanted = random.nextInt(random.nextBoolean() ? 100 : 40_000);
                    var into = new byte[wanted + 3];
                    int got = read.read(into, 3, wanted);
                    int expected = Math.min(wanted, content.length - at);
                    assertThat(got).isEqualTo(wanted == 0 ? 0 : expected);
                    assertThat(Arrays.copyOfRange(into, 3, 3 + got)).isEqualTo(Arrays.copyOfRange(content, at, at + got));
                    assertThat(read.getPosition()).isEqualTo(at + got);
                }
            }
            read.seek(content.length + 10);
            assertThat(read.isEOF()).isTrue();
            assertThat(read.read()).isEqualTo(-1);
            assertThat(read.read(new byte[4], 0, 4)).isEqualTo(-1);
            assertThatThrownBy(() -> read.seek(-1)).isInstanceOf(IOException.class);
        }
    }

    @Test
    void viewsReadOnSeveralThreadsAtOnceEachSeeTheirOwnPartAndCloseNothingShared() throws Exception {
        byte[] content = content(300_000);
        Path file = Files.write(dir.resolve("f.bin"), content);
        var channel = FileChannel.open(file, StandardOpenOption.READ);
        try (var read = new FileWindowRead(channel, true); var pool = Executors.newFixedThreadPool(8)) {
            var tasks = new java.util.ArrayList<Callable<Boolean>>();
            for (int t = 0; t < 32; t++) {
                int start = t * 9_000;
                tasks.add(() -> {
                    try (var view = read.createView(start, 20_000)) {
                        var seen = new byte[20_000];
                        for (int i = 0; i < seen.length; i++) {
                            seen[i] = (byte) view.read();
                        }
                        return Arrays.equals(seen, Arrays.copyOfRange(content, start, start + 20_000));
                    }
                });
            }
            for (var done : pool.invokeAll(tasks)) {
                assertThat(done.get()).isTrue();
            }
            assertThat(channel.isOpen()).isTrue();
        }
        assertThat(channel.isOpen()).isFalse();
    }
}
