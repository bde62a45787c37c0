package io.qiyue.review;

/**
 * A piece of contract text that text rules read: for a structured contract, one free-text field of the
 * terms with its JSON pointer as id ({@code /terms/breach/description}); for an uploaded document, a
 * paragraph of the extracted text with any stable id, and the passages of that paper printed in bold or underlined
 * (whitespace removed) that lie in it.
 */
public record Clause(String id, String text, java.util.List<String> emphasised) {

    public Clause {
        emphasised = emphasised == null ? java.util.List.of() : java.util.List.copyOf(emphasised);
    }

    public Clause(String id, String text) {
        this(id, text, java.util.List.of());
    }

    /**
     * Whether {@code words} are printed in bold or underlined: inside one of the emphasised passages of the
     * paper (compared without whitespace, since the paper's lines were broken elsewhere than its text's).
     */
    public boolean emphasises(String words) {
        if (emphasised.isEmpty()) {
            return false;
        }
        String compact = words.replaceAll("[\\s\u3000]+", "");
        return !compact.isEmpty() && emphasised.stream().anyMatch(p -> p.contains(compact));
    }
}
