package io.qiyue.shared.web;

import org.springframework.stereotype.Component;

/**
 * The JSON pointer of a form field ({@code terms.payment.schedule[0].amount} →
 * {@code /terms/payment/schedule/0/amount}), the address the review uses for a finding's location, so that
 * a page can be opened at the control that edits it ({@code /contracts/{id}/edit#/terms/payment/deposit}).
 * For templates: {@code ${@pointers.of(field)}}.
 */
@Component("pointers")
public class FieldPointers {

    public String of(String field) {
        if (field == null || field.isEmpty()) {
            return "";
        }
        return "/" + field.replace("].", "/").replace("[", "/").replace("]", "").replace('.', '/');
    }
}
