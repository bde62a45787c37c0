package io.qiyue.signing.web;

import io.qiyue.shared.PageResult;
import io.qiyue.shared.Versions;
import io.qiyue.shared.web.JsonInput;
import io.qiyue.signing.Client;
import io.qiyue.signing.SignatureView;
import io.qiyue.signing.SigningPlan;
import io.qiyue.signing.SigningStatus;
import io.qiyue.signing.Signings;
import io.qiyue.signing.Verification;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Size;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Signing over the REST API (spec/api.md): signers, our signature, paper signing, files, signatures, verification. */
@RestController
@RequestMapping("/api/v1")
class SigningApi {
    private final Signings signings;
    private final JsonMapper json;

    SigningApi(Signings signings, JsonMapper json) {
        this.signings = signings;
        this.json = json;
    }

    static Client client(HttpServletRequest request) {
        return new Client(request.getRemoteAddr(), request.getHeader(HttpHeaders.USER_AGENT));
    }

    /** ETag: the plan's version (0 while none is stored and the default would be used). */
    @GetMapping("/contracts/{id}/signers")
    ResponseEntity<SigningPlan> plan(@PathVariable String id) {
        var plan = signings.plan(id);
        return ResponseEntity.ok().eTag(Versions.etag(plan.version())).body(plan);
    }

    /** What GET answered may come back as it is: see {@link JsonInput#readUpdate}. */
    @PutMapping("/contracts/{id}/signers")
    ResponseEntity<SigningPlan> setPlan(@PathVariable String id,
                                        @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                        @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = SigningPlan.SignersInput.class))) @RequestBody JsonNode body) {
        Integer expected = ifMatch == null || ifMatch.isBlank() ? null : Versions.expected(ifMatch);
        var input = JsonInput.readUpdate(json, body, signings.plan(id), SigningPlan.SignersInput.class);
        var plan = signings.setPlan(id, expected, input);
        return ResponseEntity.ok().eTag(Versions.etag(plan.version())).body(plan);
    }

    /** The latest signing round: 404 before signing ever started. */
    @GetMapping("/contracts/{id}/signing")
    ResponseEntity<SigningStatus> status(@PathVariable String id) {
        return signings.status(id).map(s -> ResponseEntity.ok().eTag(Versions.etag(s.version())).body(s))
                .orElseGet(() -> {
                    throw new io.qiyue.shared.NotFoundException("qiyue.signing.not-started");
                });
    }

    record SignRequest(@Size(max = 200) String password, @Size(max = 12) String code, @Size(max = 36) String sealId) {
    }

    /** Our signatory signs: {@code { password }} or {@code { code }} (from {@code POST .../signatures/code}). */
    @PostMapping("/contracts/{id}/signatures")
    SigningStatus sign(@PathVariable String id, @RequestBody(required = false) SignRequest body,
                       HttpServletRequest request) {
        return signings.signAsUs(id, body == null ? null
                : new Signings.OurSignature(body.password(), body.code(), body.sealId()), client(request));
    }

    @PostMapping("/contracts/{id}/signatures/code")
    ResponseEntity<Void> code(@PathVariable String id, HttpServletRequest request) {
        signings.sendOurCode(id, client(request));
        return ResponseEntity.accepted().build();
    }

    record ForwardRequest(@Size(max = 36) String userId) {
    }

    @PostMapping("/contracts/{id}/signers/forward")
    SigningStatus forward(@PathVariable String id, @RequestBody ForwardRequest body, HttpServletRequest request) {
        return signings.forwardOurs(id, body == null ? null : body.userId(), client(request));
    }

    @PostMapping("/contracts/{id}/signers/{signerId}/reissue")
    SigningStatus reissue(@PathVariable String id, @PathVariable String signerId) {
        return signings.reissue(id, signerId);
    }

    @GetMapping("/contracts/{id}/signatures")
    PageResult<SignatureView> signatures(@PathVariable String id,
                                         @RequestParam(required = false) Integer page,
                                         @RequestParam(required = false) Integer size) {
        return PageResult.of(signings.signatures(id), page, size);
    }

    @GetMapping("/contracts/{id}/signed-document")
    ResponseEntity<byte[]> signedDocument(@PathVariable String id) {
        return download(signings.signedDocument(id));
    }

    /** The PDF frozen when signing started (to print it), or with {@code current=true} the file as it stands. */
    @GetMapping("/contracts/{id}/signing-document")
    ResponseEntity<byte[]> signingDocument(@PathVariable String id,
                                           @RequestParam(defaultValue = "false") boolean current) {
        return download(signings.frozenDocument(id, current));
    }

    @GetMapping("/contracts/{id}/evidence")
    ResponseEntity<byte[]> evidence(@PathVariable String id) {
        byte[] pdf = signings.evidence(id, LocaleContextHolder.getLocale());
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("evidence-" + id + ".pdf", StandardCharsets.UTF_8).build().toString())
                .body(pdf);
    }

    @PostMapping(path = "/contracts/{id}/paper-signed", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    SigningStatus paperSigned(@PathVariable String id, @RequestPart(value = "file", required = false) MultipartFile file,
                              @RequestParam(value = "signingDate", required = false) String signingDate,
                              @RequestParam(value = "acknowledgeChangedParticulars", required = false)
                              Boolean acknowledgeChangedParticulars)
            throws IOException {
        return signings.paperSigned(id, file == null ? null : file.getBytes(),
                file == null ? null : file.getOriginalFilename(),
                io.qiyue.shared.web.Forms.date("signingDate", signingDate),
                Boolean.TRUE.equals(acknowledgeChangedParticulars));
    }

    @PostMapping(path = "/signatures/verify", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    Verification verify(@RequestPart(value = "file", required = false) MultipartFile file) throws IOException {
        return signings.verify(file == null ? null : file.getBytes());
    }

    /** The contracts waiting for the caller's signature now. */
    @GetMapping("/signing/waiting")
    PageResult<String> waiting(@RequestParam(required = false) Integer page,
                               @RequestParam(required = false) Integer size) {
        return PageResult.of(signings.waitingForMe(), page, size);
    }

    static ResponseEntity<byte[]> download(Signings.SignedFile file) {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(file.mediaType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(file.fileName(), StandardCharsets.UTF_8).build().toString())
                .header("X-Content-SHA256", file.sha256())
                .body(file.content());
    }
}
