package io.qiyue.obligation.web;

import io.qiyue.obligation.ConcernCase;
import io.qiyue.obligation.Evaluations;
import io.qiyue.shared.web.ListExport;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;

/**
 * The lists of life after signing as files (spec/api.md: any list asked for as a spreadsheet): every row the JSON
 * list would page through, in its scope and order. Each list is read or checked before the file starts, so that a
 * bad filter or a contract out of reach is still a problem+json.
 */
@Component
class PerformanceListExports {
    private final Evaluations evaluations;
    private final MessageSource messages;
    private final Clock clock;

    PerformanceListExports(Evaluations evaluations, MessageSource messages, Clock clock) {
        this.evaluations = evaluations;
        this.messages = messages;
        this.clock = clock;
    }

    void cases(String status, Boolean open, String category, String contractId, String owner, String sort,
               ListExport.Format format, HttpServletResponse response) {
        var rows = evaluations.allCases(status, open, category, contractId, owner, sort);
        var words = ListExport.Wording.ofRequest(messages, clock);
        var headers = words.texts("contract.number", "contract.title", "evaluation.case.category",
                "evaluation.case.description", "evaluation.case.owner", "evaluation.case.deadline",
                "evaluation.case.status", "evaluation.case.resolution", "common.createdAt");
        try (var export = ListExport.start(response, format, "cases", words.text("export.cases.file"),
                LocalDate.now(clock), words.text("dashboard.export.cases.sheet"), headers)) {
            rows.forEach(batch -> {
                for (ConcernCase c : batch) {
                    export.row(c.contractNumber(), c.contractTitle(), words.text("enum.CaseCategory." + c.category().name()),
                            c.description(), c.owner(), c.deadline(), words.text("enum.CaseStatus." + c.status().name()),
                            c.resolution(), words.time(c.createdAt()));
                }
            });
        }
    }
}
