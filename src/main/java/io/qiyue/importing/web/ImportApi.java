package io.qiyue.importing.web;

import io.qiyue.importing.ImportJob;
import io.qiyue.importing.ImportKind;
import io.qiyue.importing.ImportMode;
import io.qiyue.importing.Imports;
import io.qiyue.shared.InvalidInputException;
import io.qiyue.shared.PageResult;
import io.qiyue.shared.Paging;
import io.qiyue.shared.web.XlsxWriter;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Import jobs over the REST API (spec/api.md): start one with a file, follow it, download its failed rows. */
@RestController
@RequestMapping("/api/v1/imports")
class ImportApi {
    private final Imports imports;

    ImportApi(Imports imports) {
        this.imports = imports;
    }

    /** 202 with the queued job; its address follows the progress. */
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<ImportJob> start(@RequestPart(value = "file", required = false) MultipartFile file,
                                    @RequestParam(value = "kind", required = false) String kind,
                                    @RequestParam(value = "mode", required = false) String mode,
                                    @RequestParam(value = "encoding", required = false) String encoding)
            throws IOException {
        ImportKind k = kind(kind);
        ImportMode m = mode(mode);
        requireFile(file);
        try (var in = file.getInputStream()) {
            var job = imports.start(k, m, file.getOriginalFilename(), in, encoding);
            return ResponseEntity.accepted().location(URI.create("/api/v1/imports/" + job.id())).body(job);
        }
    }

    @GetMapping
    PageResult<ImportJob> recent(@RequestParam(required = false) Integer page,
                                 @RequestParam(required = false) Integer size) {
        return PageResult.of(imports.recent(Paging.MAX_SIZE), page, size);
    }

    @GetMapping("/{id}")
    ImportJob get(@PathVariable String id) {
        return imports.get(id);
    }

    @GetMapping("/{id}/failed-rows")
    ResponseEntity<byte[]> failedRows(@PathVariable String id) {
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("failed-rows-" + id + ".csv").build().toString())
                .body(imports.failedRowsCsv(id));
    }

    /** The template of a kind, as XLSX or CSV (UTF-8 with BOM), with the Chinese headers and an example row. */
    @GetMapping("/templates/{kind}")
    ResponseEntity<byte[]> template(@PathVariable String kind, @RequestParam(value = "format", required = false) String format) {
        return template(imports, kind(kind), format);
    }

    static ResponseEntity<byte[]> template(Imports imports, ImportKind kind, String format) {
        if (kind == ImportKind.SCANS) {
            throw new InvalidInputException("kind", "qiyue.import.template-kind");
        }
        var headers = imports.templateHeaders(kind);
        var example = imports.templateExample(kind);
        String base = kind == ImportKind.CUSTOMERS ? "customers-template" : "contracts-template";
        if ("csv".equalsIgnoreCase(format)) {
            var out = new StringBuilder("\uFEFF");
            out.append(String.join(",", headers)).append("\r\n");
            out.append(String.join(",", example.stream().map(c -> c.contains(",") ? "\"" + c + "\"" : c).toList()))
                    .append("\r\n");
            return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                    .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(base + ".csv")
                            .build().toString())
                    .body(out.toString().getBytes(StandardCharsets.UTF_8));
        }
        if (format != null && !format.isBlank() && !"xlsx".equalsIgnoreCase(format)) {
            throw new InvalidInputException("format", "qiyue.import.format");
        }
        var bytes = new ByteArrayOutputStream();
        try (var xlsx = new XlsxWriter(kind == ImportKind.CUSTOMERS ? "客户" : "合同", headers)) {
            xlsx.row(example.toArray());
            xlsx.writeTo(bytes);
        }
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(base + ".xlsx")
                        .build().toString())
                .body(bytes.toByteArray());
    }

    /** The uploaded file; a file chosen but empty (0 bytes) is told as such, not as no file. */
    static void requireFile(MultipartFile file) {
        if (file == null || file.isEmpty()) {
            throw new InvalidInputException("file", file == null || file.getOriginalFilename() == null
                    || file.getOriginalFilename().isBlank() ? "qiyue.validation.required" : "qiyue.import.file.empty");
        }
    }

    static ImportKind kind(String kind) {
        if (kind == null || kind.isBlank()) {
            throw new InvalidInputException("kind", "qiyue.validation.required");
        }
        return switch (kind.strip().toLowerCase(Locale.ROOT)) {
            case "customers", "customer" -> ImportKind.CUSTOMERS;
            case "contracts", "contract" -> ImportKind.CONTRACTS;
            case "scans", "scan" -> ImportKind.SCANS;
            default -> throw new InvalidInputException("kind", "qiyue.import.kind");
        };
    }

    static ImportMode mode(String mode) {
        if (mode == null || mode.isBlank()) {
            return ImportMode.DRY_RUN;
        }
        return switch (mode.strip().toLowerCase(Locale.ROOT)) {
            case "dry-run", "dry_run", "dryrun" -> ImportMode.DRY_RUN;
            case "import" -> ImportMode.IMPORT;
            case "update" -> ImportMode.UPDATE;
            case "update-dry-run", "dry-run-update", "update_dry_run" -> ImportMode.UPDATE_DRY_RUN;
            default -> throw new InvalidInputException("mode", "qiyue.import.mode");
        };
    }
}
