package io.qiyue.importing.web;

import io.qiyue.importing.ImportJob;
import io.qiyue.importing.ImportKind;
import io.qiyue.importing.Imports;
import io.qiyue.shared.ForbiddenException;
import io.qiyue.shared.InvalidInputException;
import io.qiyue.shared.web.PageController;
import jakarta.servlet.http.HttpServletResponse;
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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/** The 导入 page: choose what and how, upload, follow the job's progress, read its problems, download its failed rows. */
@PageController
class ImportPages {
    private final Imports imports;
    private final MessageSource messages;

    ImportPages(Imports imports, MessageSource messages) {
        this.imports = imports;
        this.messages = messages;
    }

    @GetMapping("/imports")
    String page(Model model) {
        if (!imports.mayImportAny()) {
            throw new ForbiddenException("qiyue.problem.forbidden");
        }
        return form(model, null);
    }

    private String form(Model model, String error) {
        model.addAttribute("mayImportCustomers", imports.mayImport(ImportKind.CUSTOMERS));
        model.addAttribute("mayImportContracts", imports.mayImport(ImportKind.CONTRACTS));
        model.addAttribute("recent", imports.recent(10));
        model.addAttribute("error", error);
        model.addAttribute("maxRows", Imports.MAX_ROWS);
        return "imports/page";
    }

    @PostMapping("/imports")
    String start(@RequestParam(value = "file", required = false) MultipartFile file,
                 @RequestParam(value = "kind", required = false) String kind,
                 @RequestParam(value = "mode", required = false) String mode,
                 @RequestParam(value = "encoding", required = false) String encoding,
                 HttpServletResponse response, Model model) throws IOException {
        try {
            var k = ImportApi.kind(kind);
            var m = ImportApi.mode(mode);
            ImportApi.requireFile(file);
            ImportJob job;
            try (var in = file.getInputStream()) {
                job = imports.start(k, m, file.getOriginalFilename(), in, encoding);
            }
            return "redirect:/imports/" + job.id();
        } catch (InvalidInputException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return form(model, e.violations().stream()
                    .map(v -> messages.getMessage(v.code(), v.args().toArray(), v.code(), LocaleContextHolder.getLocale()))
                    .collect(Collectors.joining(" ")));
        }
    }

    @GetMapping("/imports/{id}")
    String job(@PathVariable String id, Model model) {
        model.addAttribute("job", imports.get(id));
        return "imports/job";
    }

    /** The job's progress and results, polled by the job page while it runs. */
    @GetMapping("/imports/{id}/progress")
    String progress(@PathVariable String id, Model model) {
        model.addAttribute("job", imports.get(id));
        return "imports/job :: progress";
    }

    @GetMapping("/imports/{id}/failed-rows")
    ResponseEntity<byte[]> failedRows(@PathVariable String id) {
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("failed-rows-" + id + ".csv").build().toString())
                .body(imports.failedRowsCsv(id));
    }

    @GetMapping("/imports/templates/{kind}")
    ResponseEntity<byte[]> template(@PathVariable String kind,
                                    @RequestParam(value = "format", required = false) String format) {
        return ImportApi.template(imports, ImportApi.kind(kind), format);
    }
}
