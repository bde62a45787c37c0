package io.qiyue.review.web;

import io.qiyue.review.Severity;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Findings (or what wraps them) grouped for the review pages: every severity present, BLOCKER first. */
final class BySeverity {
    private BySeverity() {
    }

    static <T> Map<Severity, List<T>> group(List<T> items, Function<T, Severity> severity) {
        Map<Severity, List<T>> groups = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            groups.put(s, new ArrayList<>());
        }
        items.forEach(item -> groups.get(severity.apply(item)).add(item));
        return groups;
    }
}
