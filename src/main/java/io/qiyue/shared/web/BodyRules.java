package io.qiyue.shared.web;

import io.qiyue.shared.FieldViolation;

import java.util.List;

/**
 * A module's rules over the body of a request it reads as {@link #type()}, beside the fields' own constraints: asked
 * for every problem of what did bind when some value of the body could not be ({@code "kind": "COMPANY"}), so that
 * one answer names the bad credit code too, not only the unknown kind (outside tester). The values that could not
 * be bound are null in the input it is given: a rule that needs one of them is the module's to skip.
 */
public interface BodyRules<T> {
    Class<T> type();

    /**
     * Every problem a save of {@code input} would be refused for, the fields' own constraints included, without
     * saving; {@code id} is the resource being changed, null for a new one.
     */
    List<FieldViolation> problems(String id, T input);
}
