package io.qiyue.template.web;

import io.qiyue.shared.InvalidInputException;
import io.qiyue.shared.PageResult;
import io.qiyue.template.ContractDocuments;
import io.qiyue.template.DocumentVersion;
import io.qiyue.template.Redline;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** The rendered contract, its document versions (saved and uploaded), their text, and redlines. */
@RestController
@RequestMapping("/api/v1/contracts/{id}")
class DocumentApi {
    private static final MediaType HTML = new MediaType("text", "html", StandardCharsets.UTF_8);
    private final ContractDocuments documents;

    DocumentApi(ContractDocuments documents) {
        this.documents = documents;
    }

    @GetMapping("/document")
    ResponseEntity<byte[]> document(@PathVariable String id, @RequestParam(required = false) String format,
                                    @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        ContractDocuments.Format f;
        if (format == null) {
            f = accepted(accept);
        } else {
            try {
                f = ContractDocuments.Format.valueOf(format.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("format", "qiyue.document.format", format);
            }
        }
        var out = documents.render(id, f);
        var disposition = f == ContractDocuments.Format.HTML ? ContentDisposition.inline() : ContentDisposition.attachment();
        return UserHtml.headers(ResponseEntity.ok()).contentType(MediaType.parseMediaType(out.mediaType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition.filename(out.fileName(), StandardCharsets.UTF_8)
                        .build().toString())
                .body(out.content());
    }

    private static final MediaType DOCX = MediaType.parseMediaType(ContractDocuments.DOCX);

    /**
     * Without {@code format}, the format the client asks for first (Accept: application/pdf answered HTML before);
     * HTML for a browser or anything else.
     */
    private static ContractDocuments.Format accepted(String accept) {
        if (accept == null || accept.isBlank()) {
            return ContractDocuments.Format.HTML;
        }
        List<MediaType> types;
        try {
            types = new java.util.ArrayList<>(MediaType.parseMediaTypes(accept));
        } catch (org.springframework.http.InvalidMediaTypeException e) {
            return ContractDocuments.Format.HTML;
        }
        types.sort(java.util.Comparator.comparingDouble(MediaType::getQualityValue).reversed());
        for (MediaType type : types) {
            if (type.isWildcardType() || type.isCompatibleWith(MediaType.TEXT_HTML)) {
                return ContractDocuments.Format.HTML;
            }
            if (type.isCompatibleWith(MediaType.APPLICATION_PDF)) {
                return ContractDocuments.Format.PDF;
            }
            if (type.isCompatibleWith(DOCX)) {
                return ContractDocuments.Format.DOCX;
            }
        }
        return ContractDocuments.Format.HTML;
    }

    /** Document versions in this module's numbering: SAVED (rendered) and EXTERNAL (uploaded). */
    @GetMapping("/documents")
    PageResult<DocumentVersion> versions(@PathVariable String id,
                                         @RequestParam(required = false) Integer page,
                                         @RequestParam(required = false) Integer size) {
        return PageResult.of(documents.versions(id), page, size);
    }

    @GetMapping(path = "/versions/{n}/text", produces = MediaType.TEXT_PLAIN_VALUE + ";charset=UTF-8")
    String text(@PathVariable String id, @PathVariable int n) {
        return documents.text(id, n);
    }

    /** The file as uploaded (404 for a version that is no upload, or an upload from before originals were kept). */
    @GetMapping("/versions/{n}/original")
    ResponseEntity<byte[]> original(@PathVariable String id, @PathVariable int n) {
        return OriginalFiles.download(documents, id, n);
    }

    /** Deletes an uploaded paper while the contract is a draft (409 after), with its original and its review. */
    @org.springframework.web.bind.annotation.DeleteMapping("/versions/{n}")
    ResponseEntity<Void> deleteUpload(@PathVariable String id, @PathVariable int n) {
        documents.deleteUpload(id, n);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/diff")
    ResponseEntity<?> diff(@PathVariable String id, @RequestParam int from, @RequestParam int to,
                           @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        Redline redline = documents.diff(id, from, to);
        if (accept != null && accept.contains("text/html")) {
            return UserHtml.headers(ResponseEntity.ok()).contentType(HTML).body(ContractDocuments.redlineHtml(redline));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(redline);
    }

    @PostMapping(path = "/versions", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED) // documents the 201 (the answer sets it itself)
    ResponseEntity<DocumentVersion> upload(@PathVariable String id, @RequestPart("file") MultipartFile file)
            throws IOException, HttpMediaTypeNotSupportedException {
        byte[] content = file.getBytes();
        if (content.length == 0) {
            throw new InvalidInputException("file", "qiyue.document.empty-file");
        }
        String mediaType = ContractDocuments.detect(content);
        if (mediaType == null) {
            MediaType declared = null;
            try {
                declared = file.getContentType() == null ? null : MediaType.parseMediaType(file.getContentType());
            } catch (RuntimeException ignored) {
                // an unparsable declared type is just as unsupported
            }
            String name = file.getOriginalFilename() == null ? "" : file.getOriginalFilename().toLowerCase(java.util.Locale.ROOT);
            boolean claimed = name.endsWith(".pdf") || name.endsWith(".docx") || (declared != null
                    && (declared.isCompatibleWith(MediaType.APPLICATION_PDF)
                    || declared.isCompatibleWith(MediaType.parseMediaType(ContractDocuments.DOCX))));
            if (claimed) { // a PDF or DOCX by its name or type whose content is not one: damaged, not unsupported
                throw new InvalidInputException("file", "qiyue.document.damaged-file", file.getOriginalFilename());
            }
            throw new io.qiyue.shared.web.UnsupportedFileType("file", file.getOriginalFilename(), "PDF、DOCX",
                    List.of(MediaType.APPLICATION_PDF, MediaType.parseMediaType(ContractDocuments.DOCX)));
        }
        var version = documents.upload(id, file.getOriginalFilename(), content, mediaType);
        return ResponseEntity.created(URI.create("/api/v1/contracts/" + id + "/versions/" + version.version() + "/text"))
                .body(version);
    }
}
