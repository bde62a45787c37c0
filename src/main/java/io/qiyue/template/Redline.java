package io.qiyue.template;

import java.util.List;

/**
 * A redline between two versions: text operations that, joined, rebuild the old text (equal +
 * delete) and the new text (equal + insert), and the structured fields that changed. {@code coarse}
 * says that the work budget ran out and some changed passages are shown as whole paragraphs deleted
 * and inserted rather than word by word.
 */
public record Redline(int from, int to, List<Op> ops, List<Field> fields, boolean coarse) {
    public static final String EQUAL = "equal";
    public static final String INSERT = "insert";
    public static final String DELETE = "delete";

    public record Op(String op, String text) {
    }

    /**
     * A changed field of the saved content: its JSON pointer (for programs), its label as the contract
     * document names it and its values before and after formatted as the document prints them.
     */
    public record Field(String path, String label, String before, String after) {
    }
}
