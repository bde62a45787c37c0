package io.qiyue.customer.web;

import io.qiyue.customer.Customer;
import io.qiyue.customer.CustomerQuery;
import io.qiyue.customer.Customers;
import io.qiyue.shared.web.ListExport;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/**
 * The customer list as a file, for the API and the list page. Personal information is as masked as the list
 * shows it to the caller; contacts' e-mail addresses and postal addresses stay out of the file.
 */
@Component
class CustomerExport {
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
        var words = ListExport.Wording.ofRequest(messages, clock);
        var headers = words.texts("customer.name", "customer.kind", "customer.creditCode", "customer.idNumber",
                "customer.level", "customer.industry", "customer.status", "common.owner", "export.contact",
                "export.contactMobile", "export.updatedAt");
        try (var export = ListExport.start(response, format, "customers", words.text("export.customers.file"),
                LocalDate.now(clock), words.text("export.customers.sheet"), headers)) {
            rows.forEach(batch -> {
                for (Customer c : batch) {
                    var contact = c.primaryContact();
                    export.row(c.name(), words.text("enum.CustomerKind." + c.kind().name()), c.creditCode(),
                            c.idNumber(), c.level() == null ? null : c.level().name(), c.industry(),
                            words.text("enum.CustomerStatus." + c.status().name()), c.owner(),
                            contact == null ? null : contact.name(), contact == null ? null : contact.mobile(),
                            words.time(c.updatedAt()));
                }
            });
        }
    }
}
