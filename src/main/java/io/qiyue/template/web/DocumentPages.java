package io.qiyue.template.web;

import io.qiyue.contract.Contract;
import io.qiyue.contract.Contracts;
import io.qiyue.contract.ExternalVersions;
import io.qiyue.shared.ConflictException;
import io.qiyue.shared.InvalidInputException;
import io.qiyue.shared.NotFoundException;
import io.qiyue.shared.web.PageController;
import io.qiyue.template.ContractDocuments;
import io.qiyue.template.DocumentVersion;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The document side of the contract pages (session UI): the rendered contract to preview or download,
 * the redline between two versions, and the upload of the counterparty's paper. Same services as
 * {@link DocumentApi}, so the same data scope applies: a contract outside it is a 404 page.
 */
@PageController
class DocumentPages {
    private final ContractDocuments documents;
    private final Contracts contracts;
    private final MessageSource messages;

    DocumentPages(ContractDocuments documents, Contracts contracts, MessageSource messages) {
        this.documents = documents;
        this.contracts = contracts;
        this.messages = messages;
    }

    /** {@code document.html} inline (preview), {@code document.pdf} and {@code document.docx} as downloads. */
    @GetMapping("/contracts/{id}/document.{format}")
    ResponseEntity<byte[]> document(@PathVariable String id, @PathVariable String format) {
        ContractDocuments.Format f = switch (format.toLowerCase(Locale.ROOT)) {
            case "html" -> ContractDocuments.Format.HTML;
            case "pdf" -> ContractDocuments.Format.PDF;
            case "docx" -> ContractDocuments.Format.DOCX;
            default -> throw new NotFoundException("qiyue.problem.not-found", "document", id + "." + format);
        };
        var out = documents.render(id, f);
        var disposition = f == ContractDocuments.Format.HTML ? ContentDisposition.inline()
                : ContentDisposition.attachment();
        return UserHtml.headers(ResponseEntity.ok()).contentType(MediaType.parseMediaType(out.mediaType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition.filename(out.fileName(), StandardCharsets.UTF_8)
                        .build().toString())
                .body(out.content());
    }

    /** The redline between two versions; without a choice, the last saved version against the one before. */
    @GetMapping("/contracts/{id}/compare")
    String compare(@PathVariable String id, @RequestParam(required = false) Integer from,
                   @RequestParam(required = false) Integer to, Model model) {
        Contract contract = contracts.get(id);
        List<DocumentVersion> versions = documents.versions(id);
        if (to == null) {
            to = versions.stream().filter(v -> DocumentVersion.SAVED.equals(v.kind()))
                    .mapToInt(DocumentVersion::version).max().orElse(0);
        }
        if (from == null) {
            // the saved version before (for uploaded paper: the latest saved version), else any earlier one
            int target = to;
            from = versions.stream().filter(v -> DocumentVersion.SAVED.equals(v.kind()))
                    .mapToInt(DocumentVersion::version).filter(n -> n < target).max()
                    .orElse(versions.stream().mapToInt(DocumentVersion::version).filter(n -> n < target).max()
                            .orElse(target));
        }
        model.addAttribute("contract", contract);
        model.addAttribute("versions", versions);
        model.addAttribute("firstExternal", ExternalVersions.FIRST);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("redline", to == 0 ? null : documents.diff(id, from, to));
        return "documents/compare";
    }

    /** The counterparty's paper (DOCX or PDF) as a new EXTERNAL version; problems are shown beside the upload form. */
    @PostMapping("/contracts/{id}/versions/upload")
    String upload(@PathVariable String id, @RequestParam(value = "file", required = false) MultipartFile file,
                  RedirectAttributes redirect) throws IOException {
        contracts.get(id); // 404 page outside the data scope
        String error = null;
        if (file == null || file.isEmpty()) {
            error = message("document.upload.empty");
        } else {
            byte[] content = file.getBytes();
            String mediaType = ContractDocuments.detect(content);
            if (mediaType == null) {
                error = message("qiyue.document.unsupported-file");
            } else {
                try {
                    var version = documents.upload(id, file.getOriginalFilename(), content, mediaType);
                    redirect.addFlashAttribute("notice", "document.uploaded");
                    // reviewed with the upload: its findings, beside its text, with the redline one click away
                    return "redirect:/contracts/" + id + "/versions/" + version.version() + "/review";
                } catch (InvalidInputException e) {
                    error = e.violations().stream().map(v -> message(v.code(), v.args().toArray()))
                            .collect(Collectors.joining(" "));
                } catch (ConflictException e) {
                    error = message(e.code(), e.args().toArray());
                }
            }
        }
        redirect.addFlashAttribute("uploadError", error);
        return "redirect:/contracts/" + id + "#versions";
    }

    @GetMapping("/contracts/{id}/versions/{n}/original")
    ResponseEntity<byte[]> original(@PathVariable String id, @PathVariable int n) {
        return OriginalFiles.download(documents, id, n);
    }

    @PostMapping("/contracts/{id}/versions/{n}/delete")
    String deleteUpload(@PathVariable String id, @PathVariable int n, RedirectAttributes redirect) {
        try {
            documents.deleteUpload(id, n);
            redirect.addFlashAttribute("notice", "document.uploadDeleted");
        } catch (ConflictException e) {
            redirect.addFlashAttribute("uploadError", message(e.code(), e.args().toArray()));
        }
        return "redirect:/contracts/" + id + "#versions";
    }

    private String message(String code, Object... args) {
        return messages.getMessage(code, args, code, LocaleContextHolder.getLocale());
    }
}
