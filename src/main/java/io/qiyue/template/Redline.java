package io.qiyue.template;

import java.util.List;

/**
 * A redline between two versions: text operations that, joined, rebuild the old text (equal +
 * delete) and the new text (equal + insert), and the structured fields that changed.
 */
public record Redline(int from, int to, List<Op> ops, List<Field> fields) {
    public static final String EQUAL = "equal";
    public static final String INSERT = "insert";
    public static final String DELETE = "delete";

    public record Op(String op, String text) {
    }

    /** A changed field of the saved content, as a JSON pointer with its values before and after. */
    public record Field(String path, String before, String after) {
    }
}
