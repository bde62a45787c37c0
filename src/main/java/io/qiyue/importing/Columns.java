package io.qiyue.importing;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Where each known column stands in a file's header, and its name there (a problem names the column as the file does). */
final class Columns {
    private final Map<Column, Integer> index = new EnumMap<>(Column.class);
    private final List<String> header;

    /** Positions of headers that name no column of this kind (the failed-rows file's own two excepted). */
    private final List<Integer> unknown = new ArrayList<>();
    /** Positions of headers naming a column an earlier header already named, each with that earlier position. */
    private final Map<Integer, Integer> repeated = new java.util.LinkedHashMap<>();
    /** Positions of the columns an import passes over (see {@link #FAILED_ROWS_COLUMNS}). */
    private final java.util.Set<Integer> passedOver = new java.util.HashSet<>();

    Columns(ImportKind kind, List<String> header) {
        this.header = header;
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i);
            if (name == null || name.isBlank()) {
                continue;
            }
            if (FAILED_ROWS_COLUMNS.contains(ImportValues.headerKey(name))
                    || EXPORT_ONLY_COLUMNS.contains(ImportValues.headerKey(name))) {
                passedOver.add(i);
                continue;
            }
            Column found = null;
            for (Column column : Column.of(kind)) {
                if (column.matches(name)) {
                    found = column;
                    break;
                }
            }
            if (found == null) {
                unknown.add(i);
            } else if (index.containsKey(found)) {
                repeated.put(i, index.get(found));
            } else {
                index.put(found, i);
            }
        }
    }

    /**
     * The row number and reason columns the failed-rows file adds around the file's own (in either language):
     * such a file, corrected, is imported again as it is.
     */
    private static final java.util.Set<String> FAILED_ROWS_COLUMNS = java.util.Set.of("行号", "原因", "row", "reason");

    /**
     * Columns Qiyue's own list exports add that no import could set: when the record was last changed, and the
     * currency (CNY, the only one). Ignored, so that an exported list comes back in; the other columns of an export
     * are import columns under another name (客户级别, 主要联系人, 联系人手机).
     */
    private static final java.util.Set<String> EXPORT_ONLY_COLUMNS = java.util.Set.of("更新时间", "updated", "币种",
            "currency");

    /**
     * Headers that would make the file import less than it holds: a name that is no column here (a misspelt
     * 手机号码, whose numbers would be dropped) and a column named twice (which of the two counts?). Each is the
     * position of the header, with the earlier position for a repeated one.
     */
    List<Integer> unknown() {
        return unknown;
    }

    Map<Integer, Integer> repeated() {
        return repeated;
    }

    /**
     * The required columns the header lacks. A contracts file that updates by 合同编号 needs no other: a row of a
     * stored contract keeps what its file has no column for, and a row of a new one names its own missing cells.
     */
    List<Column> missing(ImportKind kind, ImportMode mode) {
        boolean byNumber = kind == ImportKind.CONTRACTS && mode.updates() && index.containsKey(Column.NUMBER);
        var missing = new ArrayList<Column>();
        for (Column column : Column.of(kind)) {
            if (column.required() && !byNumber && !index.containsKey(column)) {
                missing.add(column);
            }
        }
        return missing;
    }

    /** Whether the row has a value in a column an import reads (or in one it would refuse). */
    boolean carriesData(Table.Row row) {
        for (int i = 0; i < row.cells().size(); i++) {
            if (!passedOver.contains(i) && !row.cells().get(i).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** How many of this kind's columns the header names. */
    int named() {
        return index.size();
    }

    boolean has(Column column) {
        return index.containsKey(column);
    }

    String value(Table.Row row, Column column) {
        Integer i = index.get(column);
        return i == null ? "" : cellText(row.cell(i));
    }

    /**
     * A cell as the row's text: without the apostrophe Qiyue's own exports (and the failed-rows file) put before
     * a value that a spreadsheet would take for a formula ({@code '-北区}), so that such a file comes back as it
     * went out; without invisible bidi and zero-width characters, as every text entering through the API.
     */
    static String cellText(String cell) {
        String text = cell.length() > 1 && cell.charAt(0) == '\'' && "=+-@".indexOf(cell.charAt(1)) >= 0
                ? cell.substring(1) : cell;
        return io.qiyue.shared.Text.withoutHidingCharacters(text);
    }

    /** The file's name of the column at this position, or its number when the header is shorter than the row. */
    String nameAt(int position) {
        return position < header.size() && !header.get(position).isBlank() ? header.get(position)
                : "#" + (position + 1);
    }

    String name(Column column) {
        Integer i = index.get(column);
        return i == null ? column.header() : header.get(i);
    }

    /** The column whose input field a module's problem names ("contacts[0].mobile" is the mobile column's). */
    String nameOfField(ImportKind kind, String field) {
        if (field == null) {
            return null;
        }
        String f = field.startsWith("/") ? field.substring(1).replace('/', '.') : field;
        if (f.startsWith("contacts")) {
            f = f.contains("mobile") ? "mobile" : f.contains("email") ? "email" : "contacts";
        } else if (f.startsWith("terms")) {
            return nameOfTermsField(kind, f);
        } else if (f.startsWith("amount")) {
            f = "amount";
        }
        for (Column column : Column.of(kind)) {
            if (column.field().equals(f)) {
                return name(column);
            }
        }
        return null;
    }

    /** The term column the field lies under ("terms.payment.schedule.0.amount": 付款计划), else the type's column. */
    private String nameOfTermsField(ImportKind kind, String field) {
        Column best = null;
        for (Column column : Column.of(kind)) {
            String f = column.field();
            if ((field.equals(f) || field.startsWith(f + ".")) && (best == null || f.length() > best.field().length())) {
                best = column;
            }
        }
        return name(best == null || !has(best) ? Column.TYPE : best);
    }

    List<String> header() {
        return header;
    }
}
