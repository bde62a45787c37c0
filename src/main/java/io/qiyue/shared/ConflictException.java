package io.qiyue.shared;

import java.util.Map;

/**
 * The request conflicts with existing data, e.g. a duplicate credit code. {@code properties} (optional)
 * are added to the problem body, e.g. the findings that block a contract's submission.
 */
public class ConflictException extends QiyueException {
    private final transient Map<String, Object> properties;

    public ConflictException(String code, Object... args) {
        this(Map.of(), code, args);
    }

    public ConflictException(Map<String, Object> properties, String code, Object... args) {
        super(code, args);
        this.properties = Map.copyOf(properties);
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
