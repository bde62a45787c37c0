package io.qiyue.template;

import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The work of io.qiyue.bench.CompareBenchmark (here for package access): redline time of two 100-page
 * contracts, one rewritten (every tenth paragraph changed, its numbers changed), and of two
 * 400,000-character uploads (edited, and unrelated), cold (first call in the JVM) and warm (best of 10).
 * Each case runs with a time limit, since a quadratic diff may never end.
 */
public final class CompareBench {
    private static final Pattern NUMBER = Pattern.compile("\\d+");

    private CompareBench() {
    }

    /** All cases, or only the one numbered {@code only} (1–3): an abandoned case keeps a core busy until exit. */
    public static void run(int limitSeconds, int only) throws Exception {
        String page5 = DocumentBench.fivePages().text();
        var a = new StringBuilder();
        while (a.length() < page5.length() * 20) {
            a.append(page5);
        }
        String hundredPages = a.toString();
        String rewritten = rewrite(hundredPages, 10);
        String upload = repeatTo(hundredPages, 400_000);
        String uploadEdited = rewrite(upload, 10);
        var random = new Random(3);
        var x = new StringBuilder();
        var y = new StringBuilder();
        while (x.length() < 400_000) {
            x.append((char) ('一' + random.nextInt(3000)));
            y.append((char) ('一' + random.nextInt(3000)));
            if (x.length() % 80 == 0) {
                x.append('\n');
                y.append('\n');
            }
        }
        if (only == 0 || only == 1) {
            time("100-page contracts, 10% paragraphs rewritten", hundredPages, rewritten, limitSeconds);
        }
        if (only == 0 || only == 2) {
            time("400,000-character uploads, 10% paragraphs rewritten", upload, uploadEdited, limitSeconds);
        }
        if (only == 0 || only == 3) {
            time("400,000-character uploads, unrelated", x.toString(), y.toString(), limitSeconds);
        }
        System.exit(0);
    }

    /** Every n-th paragraph rewritten: a phrase added and each number in it changed. */
    static String rewrite(String text, int n) {
        var out = new StringBuilder(text.length() + text.length() / 10);
        String[] paragraphs = text.split("\n", -1);
        for (int i = 0; i < paragraphs.length; i++) {
            String p = paragraphs[i];
            if (i % n == 3 && !p.isEmpty()) {
                Matcher m = NUMBER.matcher(p);
                p = m.replaceAll(r -> String.valueOf(Long.parseLong(r.group().substring(0, Math.min(9, r.group().length()))) + 7));
                p = p.length() > 10 ? p.substring(0, p.length() / 2) + "（经双方协商修订）" + p.substring(p.length() / 2) : p + "（修订）";
            }
            out.append(p);
            if (i < paragraphs.length - 1) {
                out.append('\n');
            }
        }
        return out.toString();
    }

    private static String repeatTo(String text, int length) {
        var out = new StringBuilder(length + text.length());
        while (out.length() < length) {
            out.append(text);
        }
        return out.toString();
    }

    private static void time(String name, String before, String after, int limitSeconds) throws Exception {
        System.out.printf("%s (%,d and %,d characters):%n", name, before.length(), after.length());
        Long cold = timed(() -> Redlines.diff(before, after), limitSeconds);
        if (cold == null) {
            System.out.printf("  cold: abandoned after %d s%n", limitSeconds);
            return;
        }
        System.out.printf("  cold: %.1f ms%n", cold / 1e6);
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 15; i++) {
            Long t = timed(() -> Redlines.diff(before, after), limitSeconds);
            if (t == null) {
                System.out.printf("  warm: abandoned after %d s%n", limitSeconds);
                return;
            }
            if (i >= 5) {
                best = Math.min(best, t);
            }
        }
        System.out.printf("  warm: %.1f ms (best of 10 after 5)%n", best / 1e6);
        System.out.printf("  result: %s%n", describe(Redlines.diff(before, after)));
    }

    private static String describe(Object result) {
        String s = String.valueOf(result);
        int ops = s.split("Op\\[").length - 1;
        return ops + " ops" + (s.contains("coarse=true") ? ", coarse" : "");
    }

    /** Nanoseconds, or null when it did not finish within the limit (the thread is left to the exit). */
    private static Long timed(Supplier<Object> work, int limitSeconds) throws InterruptedException {
        var result = new AtomicReference<Long>();
        var thread = new Thread(() -> {
            long s = System.nanoTime();
            work.get();
            result.set(System.nanoTime() - s);
        });
        thread.setDaemon(true);
        thread.start();
        thread.join(limitSeconds * 1000L);
        return result.get();
    }
}
