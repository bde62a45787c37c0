package io.qiyue.contract.web;

import io.qiyue.contract.ContractQuery;
import io.qiyue.contract.ContractSummary;
import io.qiyue.contract.Contracts;
import io.qiyue.customer.OurEntities;
import io.qiyue.customer.OurEntity;
import io.qiyue.shared.web.ListExport;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.stream.Collectors;

/** The contract list as a file, for the API ({@code Accept} or {@code format}) and the list page's links. */
@Component
class ContractExport {
    private final Contracts contracts;
    private final OurEntities ourEntities;
    private final MessageSource messages;
    private final Clock clock;

    ContractExport(Contracts contracts, OurEntities ourEntities, MessageSource messages, Clock clock) {
        this.contracts = contracts;
        this.ourEntities = ourEntities;
        this.messages = messages;
        this.clock = clock;
    }

    void write(ContractQuery query, String sort, ListExport.Format format, HttpServletResponse response) {
        var rows = contracts.listAll(query, sort);
        // by name, as an import names it: a company has a handful of entities
        Map<String, String> entityNames = ourEntities.list().stream()
                .collect(Collectors.toMap(OurEntity::id, OurEntity::name));
        var words = ListExport.Wording.ofRequest(messages, clock);
        var headers = words.texts("contract.number", "contract.title", "contract.type", "contract.customer",
                "contract.ourEntity", "common.owner", "contract.amount", "export.currency", "contract.startDate",
                "contract.endDate", "contract.status", "export.updatedAt");
        try (var export = ListExport.start(response, format, "contracts", words.text("export.contracts.file"),
                LocalDate.now(clock), words.text("export.contracts.sheet"), headers)) {
            rows.forEach(batch -> {
                for (ContractSummary c : batch) {
                    export.row(c.number(), c.title(), words.text("enum.ContractType." + c.type().name()),
                            c.customerName(), c.ourEntityId() == null ? null : entityNames.get(c.ourEntityId()),
                            c.owner(), c.amount() == null ? null : c.amount().value(),
                            c.amount() == null ? null : c.amount().currency(), c.startDate(), c.endDate(),
                            words.text("enum.ContractStatus." + c.status().name()), words.time(c.updatedAt()));
                }
            });
        }
    }
}
