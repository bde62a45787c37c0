package io.qiyue.shared;

import java.util.Map;

/**
 * A validated page request. The sort field is resolved against a whitelist of columns that the
 * caller supplies, so a client can never inject SQL through {@code sort}.
 */
public record Paging(int page, int size, String sortColumn, boolean ascending) {

    public static final int MAX_SIZE = 200;

    public static Paging of(Integer page, Integer size, String sort, Map<String, String> sortableColumns,
                            String defaultSort) {
        int p = page == null ? 0 : page;
        int s = size == null ? 20 : size;
        var violations = new java.util.ArrayList<FieldViolation>();
        if (p < 0) {
            violations.add(new FieldViolation("page", "qiyue.paging.page"));
        }
        if (s < 1 || s > MAX_SIZE) {
            violations.add(new FieldViolation("size", "qiyue.paging.size", MAX_SIZE));
        }
        String spec = Text.isBlank(sort) ? defaultSort : sort;
        // with -1 so that "," and "name,,asc" keep their empty parts and are refused, not read past
        String[] parts = spec.split(",", -1);
        String column = sortableColumns.get(parts[0].trim());
        String direction = parts.length < 2 ? "" : parts[1].trim();
        boolean asc = !direction.equalsIgnoreCase("desc");
        if (column == null || parts.length > 2 || !direction.matches("(?i)|asc|desc")) {
            // the names a client sends, quoted as the literal values they are
            violations.add(new FieldViolation("sort", "qiyue.paging.sort", String.join(", ",
                    new java.util.TreeSet<>(sortableColumns.keySet()).stream().map(name -> "\"" + name + "\"").toList())));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        return new Paging(p, s, column, asc);
    }

    /** A page of a list in its own fixed order (nothing to sort by): page and size checked as {@link #of} does. */
    public static Paging unsorted(Integer page, Integer size) {
        return of(page, size, "", Map.of("", ""), "");
    }

    public long offset() {
        return (long) page * size;
    }

    public String orderBy() {
        return sortColumn + (ascending ? " ASC" : " DESC");
    }
}
