package io.qiyue.shared;

import java.time.LocalDate;

/**
 * The days Qiyue stores: 1900-01-01 to 9999-12-31. No contract, payment or obligation of a living company falls
 * outside, a document would print such a date as it is, and a stored date outside could not be read back (the
 * JSON reader refuses it), so a computed date must be checked against these too, not only a typed one.
 */
public final class DateBounds {
    public static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);
    public static final LocalDate LATEST = LocalDate.of(9999, 12, 31);
    /** The message code of a day refused for lying outside, for a binder that words its own errors. */
    public static final String CODE = "qiyue.json.date-range";

    private DateBounds() {
    }

    public static boolean within(LocalDate date) {
        return date == null || !(date.isBefore(EARLIEST) || date.isAfter(LATEST));
    }

    /** The refusal of a day outside the bounds, as every way in says it: the day, then the bounds. */
    public static FieldViolation outside(String field, LocalDate day) {
        return new FieldViolation(field, CODE, args(day));
    }

    /** The arguments of its message: the day refused, the earliest and the latest day. */
    public static Object[] args(LocalDate day) {
        return new Object[]{String.valueOf(day), EARLIEST.toString(), LATEST.toString()};
    }
}
