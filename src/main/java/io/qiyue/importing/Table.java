package io.qiyue.importing;

import java.util.List;

/**
 * A file's first sheet as text: the header row's number and cells, and the data rows below it, each with its number as
 * the file counts rows (blank rows are left out but keep their numbers counted).
 */
record Table(int headerRow, List<String> header, List<Row> rows) {
    /** The first row is the header. */
    Table(List<String> header, List<Row> rows) {
        this(1, header, rows);
    }

    /**
     * The header row when the first row names no column a file needs: the first of the next few rows that names them
     * all, with the rows above it left out as title lines (offices put "2024年合同台账" above the header).
     */
    Table headerBelowTitles(java.util.function.Predicate<List<String>> namesTheColumns) {
        if (namesTheColumns.test(header)) {
            return this;
        }
        for (int i = 0; i < Math.min(TITLE_LINES, rows.size()); i++) {
            var candidate = rows.get(i);
            if (namesTheColumns.test(candidate.cells())) {
                return new Table(candidate.number(), candidate.cells(), rows.subList(i + 1, rows.size()));
            }
        }
        return this;
    }

    /** How many rows above the header may be titles. */
    private static final int TITLE_LINES = 5;

    record Row(int number, List<String> cells) {
        String cell(int index) {
            return index < 0 || index >= cells.size() ? "" : cells.get(index);
        }
    }
}
