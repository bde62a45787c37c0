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
     * The header row: of the first row and the next few, the first that names the most columns, with the rows above
     * it left out as title lines (offices put "2024年合同台账" above the header; a title of one cell may happen to be
     * a column's name, 客户名称, and the header below names more).
     */
    Table headerBelowTitles(java.util.function.ToIntFunction<List<String>> columnsNamed) {
        int best = -1;
        int most = columnsNamed.applyAsInt(header);
        for (int i = 0; i < Math.min(TITLE_LINES, rows.size()); i++) {
            int named = columnsNamed.applyAsInt(rows.get(i).cells());
            if (named > most) {
                best = i;
                most = named;
            }
        }
        if (best < 0) {
            return this;
        }
        var chosen = rows.get(best);
        return new Table(chosen.number(), chosen.cells(), rows.subList(best + 1, rows.size()));
    }

    /** How many rows above the header may be titles. */
    private static final int TITLE_LINES = 5;

    record Row(int number, List<String> cells) {
        String cell(int index) {
            return index < 0 || index >= cells.size() ? "" : cells.get(index);
        }
    }
}
