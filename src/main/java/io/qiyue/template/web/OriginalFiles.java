package io.qiyue.template.web;

import io.qiyue.shared.NotFoundException;
import io.qiyue.template.ContractDocuments;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.nio.charset.StandardCharsets;

/** An uploaded paper as it was sent, as a download: the same answer for the API and the pages. */
final class OriginalFiles {
    private OriginalFiles() {
    }

    static ResponseEntity<byte[]> download(ContractDocuments documents, String contractId, int version) {
        var file = documents.original(contractId, version).orElseThrow(
                // a saved version exists but has no file as sent: "no such version" misled an outside tester
                () -> new NotFoundException("qiyue.document.no-original", version));
        String name = file.fileName() == null ? "paper-" + version : file.fileName();
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(file.mediaType()))
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(name, StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(file.content());
    }
}
