package io.qiyue.contract.web;

import io.qiyue.contract.ContractQuery;
import io.qiyue.contract.ContractSummary;
import io.qiyue.contract.Contracts;
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

/** The contract list as a file, for the API ({@code Accept} or {@code format}) and the list page's links. */
@Component
class ContractExport {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Contracts contracts;
    private final MessageSource messages;
    private final Clock clock;

    ContractExport(Contracts contracts, MessageSource messages, Clock clock) {
        this.contracts = contracts;
        this.messages = messages;
        this.clock = clock;
    }

    void write(ContractQuery query, String sort, ListExport.Format format, HttpServletResponse response) {
        var rows = contracts.listAll(query, sort);
        Locale locale = LocaleContextHolder.getLocale();
        var headers = List.of(text("contract.number", locale), text("contract.title", locale),
                text("contract.type", locale), text("contract.customer", locale), text("common.owner", locale),
                text("contract.amount", locale), text("export.currency", locale), text("contract.startDate", locale),
                text("contract.endDate", locale), text("contract.status", locale), text("export.updatedAt", locale));
        try (var export = ListExport.start(response, format, "contracts", text("export.contracts.file", locale),
                LocalDate.now(clock), text("export.contracts.sheet", locale), headers)) {
            rows.forEach(batch -> {
                for (ContractSummary c : batch) {
                    export.row(c.number(), c.title(), text("enum.ContractType." + c.type().name(), locale),
                            c.customerName(), c.owner(), c.amount() == null ? null : c.amount().value(),
                            c.amount() == null ? null : c.amount().currency(), c.startDate(), c.endDate(),
                            text("enum.ContractStatus." + c.status().name(), locale),
                            c.updatedAt() == null ? null : TIME.format(c.updatedAt().atZone(clock.getZone())));
                }
            });
        }
    }

    private String text(String code, Locale locale) {
        return messages.getMessage(code, null, code, locale);
    }
}
