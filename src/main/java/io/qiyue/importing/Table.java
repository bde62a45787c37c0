package io.qiyue.importing;

import java.util.List;

/**
 * A file's first sheet as text: the header row's cells and the data rows, each with its number as the file counts
 * rows (the header is row 1; blank rows are left out but keep their numbers counted).
 */
record Table(List<String> header, List<Row> rows) {
    record Row(int number, List<String> cells) {
        String cell(int index) {
            return index < 0 || index >= cells.size() ? "" : cells.get(index);
        }
    }
}
