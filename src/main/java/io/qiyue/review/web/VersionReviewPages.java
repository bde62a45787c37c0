package io.qiyue.review.web;

import io.qiyue.contract.Contract;
import io.qiyue.contract.Contracts;
import io.qiyue.review.DocumentReview;
import io.qiyue.review.DocumentText;
import io.qiyue.review.Finding;
import io.qiyue.review.ReviewSubject;
import io.qiyue.review.VersionReviews;
import io.qiyue.shared.NotFoundException;
import io.qiyue.shared.web.PageController;
import io.qiyue.template.ContractDocuments;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The review page of a version ({@code /contracts/{id}/versions/{n}/review}). An earlier saved version shows
 * the findings of that version as it was saved, read-only. An uploaded counterparty document (session UI)
 * shows its extracted text, one paragraph per line
 * with the paragraph's pointer as {@code data-path}, and the review of that text beside it — run it
 * ("审查此文件", an htmx fragment {@code review/document-panel :: panel}, or a redirect without htmx),
 * findings by severity with law and article, and "定位" marking the exact words (static/js/app.js).
 * Same services as the API, so the same data scope: a contract outside it is a 404 page.
 */
@PageController
class VersionReviewPages {
    private final VersionReviews reviews;
    private final ContractDocuments documents;
    private final Contracts contracts;

    VersionReviewPages(VersionReviews reviews, ContractDocuments documents, Contracts contracts) {
        this.reviews = reviews;
        this.documents = documents;
        this.contracts = contracts;
    }

    @GetMapping("/contracts/{id}/versions/{n}/review")
    String page(@PathVariable String id, @PathVariable int n, Model model) {
        Contract contract = contracts.get(id);
        if (!VersionReviews.uploaded(n)) {
            return savedVersion(contract, n, model);
        }
        var paper = paper(id, n);
        model.addAttribute("paper", paper.version());
        model.addAttribute("lines", DocumentText.lines(paper.text()));
        model.addAttribute("pointer", DocumentText.pointer(n));
        model.addAttribute("hasOriginal", documents.hasOriginal(id, n) && documents.mayHaveKeptFiles(id));
        model.addAttribute("deletable", contract.status().editable() && contracts.mayChange(contract));
        show(model, contract, n, reviews.lastDocumentOrNull(id, n, LocaleContextHolder.getLocale()));
        return "review/document";
    }

    @PostMapping("/contracts/{id}/versions/{n}/review")
    String run(@PathVariable String id, @PathVariable int n,
               @RequestHeader(value = "HX-Request", required = false) String htmx, Model model) {
        if (!VersionReviews.uploaded(n)) {
            throw notFound(id, n);
        }
        var review = reviews.reviewDocument(id, n, LocaleContextHolder.getLocale());
        if (htmx == null) {
            return "redirect:/contracts/" + id + "/versions/" + n + "/review";
        }
        show(model, contracts.get(id), n, review);
        return "review/document-panel :: panel";
    }

    /**
     * A saved version: the current one is reviewed in the contract page's panel; an earlier one is reviewed
     * as it was saved, on every visit (nothing is stored), each finding quoting its words in that version.
     */
    private String savedVersion(Contract contract, int n, Model model) {
        if (n == contract.version()) {
            return "redirect:/contracts/" + contract.id() + "#review";
        }
        var earlier = reviews.reviewEarlier(contract.id(), n, LocaleContextHolder.getLocale());
        Map<String, String> clauses = new HashMap<>();
        ReviewSubject.clausesOf(earlier.asSaved().terms()).forEach(c -> clauses.put(c.id(), c.text()));
        var quoted = earlier.review().findings().stream().map(f -> new QuotedFinding(f, quote(f, clauses))).toList();
        model.addAttribute("contract", contract);
        model.addAttribute("then", earlier.asSaved());
        model.addAttribute("review", earlier.review());
        model.addAttribute("groups", BySeverity.group(quoted, q -> q.finding().severity()));
        return "review/version";
    }

    /** A finding of an earlier version with the words it is about in that version (null without a span). */
    record QuotedFinding(Finding finding, String words) {
    }

    private static String quote(Finding f, Map<String, String> clauses) {
        if (f.span() == null) {
            return null;
        }
        String text = clauses.get(f.span().clauseId());
        if (text == null || f.span().start() < 0 || f.span().end() > text.length() || f.span().start() >= f.span().end()) {
            return null;
        }
        return text.substring(f.span().start(), f.span().end());
    }

    private ContractDocuments.Uploaded paper(String id, int n) {
        if (!VersionReviews.uploaded(n)) {
            throw notFound(id, n);
        }
        return documents.uploaded(id, n).orElseThrow(() -> notFound(id, n));
    }

    private static NotFoundException notFound(String id, int n) {
        return new NotFoundException("qiyue.problem.not-found", "version", id + "/" + n);
    }

    private void show(Model model, Contract contract, int version, DocumentReview review) {
        var groups = BySeverity.group(review == null ? List.<Finding>of() : review.findings(), Finding::severity);
        model.addAttribute("contract", contract);
        model.addAttribute("version", version);
        model.addAttribute("label", VersionReviews.label(version));
        model.addAttribute("review", review);
        model.addAttribute("groups", groups);
        model.addAttribute("current", review != null && review.contractVersion() == contract.version());
        model.addAttribute("mayChange", contracts.mayChange(contract));
    }
}
