package io.qiyue.shared;

import java.util.List;

/**
 * Many {@link EntityChanged} at once, published instead of one event each by an operation that writes records in
 * bulk (an import of a file): the listeners of {@link EntityChanged} (the audit trail, the search change log) listen
 * to this too and record every change in it as they would record it alone, with a few statements for the lot.
 */
public record EntitiesChanged(List<EntityChanged> changes) {
    public EntitiesChanged {
        changes = List.copyOf(changes);
    }
}
