package io.qiyue.importing;

import io.qiyue.shared.FieldViolation;
import org.springframework.context.MessageSource;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** The problems found in a file so far, as reasons put in words when read, and which rows have any. */
final class Problems {
    private final MessageSource messages;
    private final ImportKind kind;
    private final Columns columns;
    private final List<Refusal> all = new ArrayList<>();
    private final TreeSet<Integer> rows = new TreeSet<>();

    Problems(MessageSource messages, ImportKind kind, Columns columns) {
        this.messages = messages;
        this.kind = kind;
        this.columns = columns;
    }

    /** A label of the bundles in the given language, null when there is none. */
    String label(String code, java.util.Locale locale) {
        return messages.getMessage(code, null, null, locale);
    }

    void add(int row, Column column, String code, Object... args) {
        add(row, column == null ? null : columns.name(column), Reason.of(code, args));
    }

    void add(int row, String column, Reason reason) {
        if (column != null && unreadable.contains(new Cell(row, column))) {
            return; // the cell's own problem (a formula, a character) is the reason: what follows from it is not
        }
        all.add(new Refusal(row, column, reason));
        rows.add(row);
    }

    private record Cell(int row, String column) {
    }

    /** The rows already said to have a value beyond the header. */
    private final java.util.Set<Integer> shifted = new java.util.HashSet<>();

    /** The cells refused as written (see {@link #checkCells}): nothing read from them is reported again. */
    private final java.util.Set<Cell> unreadable = new java.util.HashSet<>();

    private void addUnreadable(int row, String column, Reason reason) {
        add(row, column, reason);
        unreadable.add(new Cell(row, column));
    }

    /**
     * A row of problems with more cells than the header, the cells beyond it blank: an unquoted comma may have
     * shifted its columns ({@link #checkCells} says so at once when a cell beyond the header has a value).
     */
    void hintAtShiftedCells(Table.Row row) {
        if (rows.contains(row.number()) && row.cells().size() > columns.header().size()
                && !shifted.contains(row.number())) {
            add(row.number(), (String) null, Reason.of("qiyue.import.extra-blank-cells", columns.header().size(),
                    row.cells().size()));
        }
    }

    /** A module's refusal of a field, under the column that field comes from. */
    void add(int row, FieldViolation violation) {
        addReasoned(row, violation, Reason.of(violation.code(), violation.args().toArray()));
    }

    /** The same, by the reason it was given for (a constraint's message code, not its words in our language). */
    void addReasoned(int row, FieldViolation violation, Reason reason) {
        add(row, columns.nameOfField(kind, violation.field()), reason);
    }

    /**
     * A module's refusal of a field of a row that has problems already, unless its column has one: the module
     * checks the row as far as its cells were read, and a cell that could not be read reaches it as missing, which
     * its column's problem has said better.
     */
    void addBeside(int row, FieldViolation violation) {
        addBesideReasoned(row, violation, Reason.of(violation.code(), violation.args().toArray()));
    }

    /** The same, by the reason it was given for. */
    void addBesideReasoned(int row, FieldViolation violation, Reason reason) {
        String column = columns.nameOfField(kind, violation.field());
        boolean said = all.stream().anyMatch(p -> p.row() == row && java.util.Objects.equals(p.column(), column));
        if (!said) {
            add(row, column, reason);
        }
    }

    /**
     * The cells no field may hold, each under its column: a formula (the value, not what it computes, would be
     * imported; and a formula opens a link or runs when the data is exported to a spreadsheet again), a character no
     * document can carry (as the API refuses it), and cells beyond the header (an unquoted comma shifts every
     * later column of the row).
     */
    void checkCells(Table.Row row) {
        var cells = row.cells();
        for (int i = 0; i < cells.size(); i++) {
            String raw = cells.get(i);
            String cell = Columns.cellText(raw);
            if (i >= columns.header().size()) {
                if (!cell.isBlank()) {
                    add(row.number(), (String) null, Reason.of("qiyue.import.extra-cells", columns.header().size(), i + 1));
                    shifted.add(row.number());
                    return;
                }
                continue;
            }
            // the cell as written: "'=…" is text (as Qiyue's exports write it), "=…" a formula
            if (io.qiyue.shared.Text.withoutHidingCharacters(raw).startsWith("=")) {
                addUnreadable(row.number(), columns.nameAt(i), Reason.of("qiyue.import.formula"));
                continue;
            }
            var bad = io.qiyue.shared.Text.firstUnrenderable(cell);
            if (bad.isPresent()) {
                addUnreadable(row.number(), columns.nameAt(i), Reason.of("qiyue.validation.characters",
                        io.qiyue.shared.Text.codePointName(bad.getAsInt())));
            }
        }
        // an identifier a spreadsheet kept as a number: Excel holds 15 significant digits, so the ID number, credit
        // code or contract number has lost its last ones (4.40305199001014E+17); its check character may still
        // happen to fit, so it is refused as such, with what to do (an outside tester)
        for (Column identifier : IDENTIFIERS) {
            if (AS_NUMBER.matcher(columns.value(row, identifier)).matches()) {
                add(row.number(), identifier, "qiyue.import.identifier-as-number");
            }
        }
    }

    private static final java.util.List<Column> IDENTIFIERS = java.util.List.of(Column.CREDIT_CODE, Column.ID_NUMBER,
            Column.NUMBER, Column.CUSTOMER);
    /** How a number of more than 15 digits comes out of a spreadsheet (see TableReader.PlainFormatter). */
    private static final java.util.regex.Pattern AS_NUMBER =
            java.util.regex.Pattern.compile("\\s*[0-9](?:\\.[0-9]+)?[eE]\\+?[0-9]+\\s*");

    boolean has(int row) {
        return rows.contains(row);
    }

    boolean isEmpty() {
        return all.isEmpty();
    }

    List<Refusal> list() {
        return all;
    }

    TreeSet<Integer> rows() {
        return rows;
    }
}
