package io.qiyue.importing;

/**
 * A problem of one row as it is found: the row's number as the file counts rows (the header is row 1), the column
 * as the file names it (null when the row as a whole is meant) and the reason, put in words when it is read
 * ({@link ImportProblem}).
 */
record Refusal(int row, String column, Reason reason) {
}
