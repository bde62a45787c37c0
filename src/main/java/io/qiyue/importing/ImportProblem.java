package io.qiyue.importing;

/**
 * A problem of one row: its number as the file counts rows (the header is row 1), the column as the file names it
 * (null when the problem is the row's as a whole), and the reason in words.
 */
public record ImportProblem(int row, String column, String message) {
}
