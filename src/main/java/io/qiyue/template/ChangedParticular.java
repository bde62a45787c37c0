package io.qiyue.template;

/**
 * A particular of a party that a kept document prints otherwise than the party's record now says it (the customer
 * was renamed after the contract was approved, our entity moved).
 *
 * @param field   which particular, as the party's record names it: {@code customer.name}, {@code customer.creditCode},
 *                {@code customer.idNumber}, {@code customer.address}, {@code customer.legalRepresentative},
 *                {@code ourEntity.name} … {@code ourEntity.bankAccount}
 * @param printed what the document prints (an ID number masked), or null when a document kept before the particulars
 *                were recorded does not tell (it does not print the current value, that is all that is known)
 * @param current what the record says now (an ID number masked), or null when the record no longer has it
 */
public record ChangedParticular(String field, String printed, String current) {

    /** The party the particular is of: {@code customer} (甲方) or {@code ourEntity} (乙方). */
    public String party() {
        return field.substring(0, field.indexOf('.'));
    }

    /** The particular without its party: {@code name}, {@code creditCode} … */
    public String particular() {
        return field.substring(field.indexOf('.') + 1);
    }
}
