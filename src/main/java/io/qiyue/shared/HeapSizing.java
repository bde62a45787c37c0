package io.qiyue.shared;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;

import java.lang.management.ManagementFactory;

/**
 * How much unused heap the JVM keeps, set by the application because nobody should have to add flags for it.
 * G1 gives memory back after a collection only down to {@code MaxHeapFreeRatio} (70% free by default): with
 * {@code -Xmx512m} and some 130 MB live after a burst of requests, the heap stays committed at the full 512 MB and
 * the process at over 800 MB resident. Keeping at most 40% free (and growing when less than 20% is) lets the heap
 * shrink to about 1.7 times what is live after G1's concurrent cycles and full collections; a periodic collection
 * every five minutes of quiet does the same for an idle instance. These are manageable flags, changed here only
 * when nobody set them on the command line ({@link VMOption.Origin#DEFAULT}).
 */
public final class HeapSizing {
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
        setIfDefault(vm, "MinHeapFreeRatio", "20");
        setIfDefault(vm, "MaxHeapFreeRatio", "40");
        setIfDefault(vm, "G1PeriodicGCInterval", "300000");
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
