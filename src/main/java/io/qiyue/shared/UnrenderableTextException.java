package io.qiyue.shared;

/**
 * Text with a character that no document can carry (see {@link Text}). An IllegalArgumentException, so
 * that Spring's data binding turns it into a type mismatch of the field and Jackson wraps it with the
 * JSON path: the web layer finds it as the cause and names the field.
 */
public class UnrenderableTextException extends IllegalArgumentException {
    private final int character;

    public UnrenderableTextException(int character) {
        super("text contains " + Text.codePointName(character));
        this.character = character;
    }

    /** The offending character, e.g. {@code U+0001}. */
    public String characterName() {
        return Text.codePointName(character);
    }
}
