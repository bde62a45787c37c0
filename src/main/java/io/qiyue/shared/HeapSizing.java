package io.qiyue.shared;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;

import javax.management.JMException;
import javax.management.NotificationEmitter;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How much unused heap the JVM keeps, set by the application because nobody should have to add flags for it.
 * G1 gives memory back after a collection only down to {@code MaxHeapFreeRatio} (70% free by default): with
 * {@code -Xmx512m} and some 130 MB live after a burst of requests, the heap stays committed at the full 512 MB and
 * the process at over 800 MB resident. Keeping at most 30% free (and growing when less than 15% is) lets the heap
 * shrink to about 1.4 times what is live after G1's concurrent cycles and full collections (20% cost CPU in every
 * series of bench/speed.sh, the collector running that much more; 30% showed no such cost beside 40% in alternated
 * runs, and kept the process 30 MB smaller; README, Speed); a periodic collection
 * every five minutes of quiet does the same for an idle instance. These are manageable flags, changed here only
 * when nobody set them on the command line ({@link VMOption.Origin#DEFAULT}).
 * <p>
 * The C heap is given back too. glibc keeps what the JVM frees (the JIT's arenas, zip inflaters, class parsing) in
 * its arenas for reuse, and the process stays that much larger: about 40 MB after {@code bench/speed.sh}. The JDK
 * can trim it periodically ({@code -XX:TrimNativeHeapInterval}), but only with a flag, so Qiyue asks for a trim
 * ({@code System.trim_native_heap}, the diagnostic command behind {@code jcmd}) after each collection that
 * may shrink the heap — G1's concurrent cycles and full collections, never a young collection — at most once
 * every {@link #TRIM_INTERVAL_NANOS} (a later one waits for it), on a thread of its own: the trim takes a few
 * milliseconds and pauses nothing.
 */
public final class HeapSizing {
    private static final long TRIM_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final AtomicLong lastTrim = new AtomicLong(System.nanoTime() - TRIM_INTERVAL_NANOS);
    private static final AtomicBoolean trimPending = new AtomicBoolean();

    private HeapSizing() {
    }

    public static void applyDefaults() {
        HotSpotDiagnosticMXBean vm;
        try {
            vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        } catch (RuntimeException e) {
            return; // not HotSpot: its own defaults
        }
        if (vm == null) {
            return;
        }
        // the minimum first: MinHeapFreeRatio may never exceed MaxHeapFreeRatio, and the default minimum is 40
        setIfDefault(vm, "MinHeapFreeRatio", "15");
        setIfDefault(vm, "MaxHeapFreeRatio", "30");
        setIfDefault(vm, "G1PeriodicGCInterval", "300000");
        trimNativeHeapAfterCollections();
    }

    private static void trimNativeHeapAfterCollections() {
        for (var collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((notification, handback) -> {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())
                            && notification.getUserData() instanceof CompositeData data
                            && !GarbageCollectionNotificationInfo.from(data).getGcAction().contains("minor")) {
                        trimSoon();
                    }
                }, null, null);
            }
        }
    }

    /**
     * Trims now, or when {@link #TRIM_INTERVAL_NANOS} have passed since the last trim; a trim already waiting covers
     * every collection until it runs, so the last collection of a burst is always followed by one.
     */
    private static void trimSoon() {
        if (!trimPending.compareAndSet(false, true)) {
            return;
        }
        Thread.ofPlatform().name("qiyue-native-trim").daemon().start(() -> {
            try {
                long wait = lastTrim.get() + TRIM_INTERVAL_NANOS - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                lastTrim.set(System.nanoTime());
                trimPending.set(false);
            }
            trimNativeHeap();
        });
    }

    /** Whether the trim was done: false where the JVM has no such command (not HotSpot, or older than JDK 21). */
    static boolean trimNativeHeap() {
        try {
            ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "systemTrimNativeHeap",
                    new Object[]{new String[0]}, new String[]{String[].class.getName()});
            return true;
        } catch (JMException | RuntimeException e) {
            return false;
        }
    }

    private static void setIfDefault(HotSpotDiagnosticMXBean vm, String flag, String value) {
        try {
            VMOption option = vm.getVMOption(flag);
            if (option.getOrigin() == VMOption.Origin.DEFAULT && option.isWriteable()) {
                vm.setVMOption(flag, value);
            }
        } catch (IllegalArgumentException e) {
            // a JVM without this flag, or a value the other ratio (set by hand) does not allow: left as it is
        }
    }
}
