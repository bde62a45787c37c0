package io.qiyue.customer.web;

import io.qiyue.customer.Customer;
import io.qiyue.customer.CustomerQuery;
import io.qiyue.customer.Customers;
import io.qiyue.shared.web.ListExport;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The customer list as a file, for the API and the list page. Personal information is as masked as the list
 * shows it to the caller; contacts' e-mail addresses and postal addresses stay out of the file.
 */
@Component
class CustomerExport {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Customers customers;
    private final MessageSource messages;
    private final Clock clock;

    CustomerExport(Customers customers, MessageSource messages, Clock clock) {
        this.customers = customers;
        this.messages = messages;
        this.clock = clock;
    }

    void write(CustomerQuery query, String sort, ListExport.Format format, HttpServletResponse response) {
        var rows = customers.listAll(query, sort);
        Locale locale = LocaleContextHolder.getLocale();
        var headers = List.of(text("customer.name", locale), text("customer.kind", locale),
                text("customer.creditCode", locale), text("customer.idNumber", locale), text("customer.level", locale),
                text("customer.industry", locale), text("customer.status", locale), text("common.owner", locale),
                text("export.contact", locale), text("export.contactMobile", locale), text("export.updatedAt", locale));
        try (var export = ListExport.start(response, format, "customers", text("export.customers.file", locale),
                LocalDate.now(clock), text("export.customers.sheet", locale), headers)) {
            rows.forEach(batch -> {
                for (Customer c : batch) {
                    var contact = c.primaryContact();
                    export.row(c.name(), text("enum.CustomerKind." + c.kind().name(), locale), c.creditCode(),
                            c.idNumber(), c.level() == null ? null : c.level().name(), c.industry(),
                            text("enum.CustomerStatus." + c.status().name(), locale), c.owner(),
                            contact == null ? null : contact.name(), contact == null ? null : contact.mobile(),
                            c.updatedAt() == null ? null : TIME.format(c.updatedAt().atZone(clock.getZone())));
                }
            });
        }
    }

    private String text(String code, Locale locale) {
        return messages.getMessage(code, null, code, locale);
    }
}
