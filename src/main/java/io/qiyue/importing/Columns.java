package io.qiyue.importing;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Where each known column stands in a file's header, and its name there (a problem names the column as the file does). */
final class Columns {
    private final Map<Column, Integer> index = new EnumMap<>(Column.class);
    private final List<String> header;

    Columns(ImportKind kind, List<String> header) {
        this.header = header;
        for (int i = 0; i < header.size(); i++) {
            for (Column column : Column.of(kind)) {
                if (!index.containsKey(column) && column.matches(header.get(i))) {
                    index.put(column, i);
                    break;
                }
            }
        }
    }

    /** The required columns the header lacks. */
    List<Column> missing(ImportKind kind) {
        var missing = new ArrayList<Column>();
        for (Column column : Column.of(kind)) {
            if (column.required() && !index.containsKey(column)) {
                missing.add(column);
            }
        }
        return missing;
    }

    boolean has(Column column) {
        return index.containsKey(column);
    }

    String value(Table.Row row, Column column) {
        Integer i = index.get(column);
        return i == null ? "" : row.cell(i);
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
