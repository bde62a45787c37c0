package io.qiyue.signing.web;

import io.qiyue.shared.PageResult;
import io.qiyue.shared.Versions;
import io.qiyue.signing.Seal;
import io.qiyue.signing.SealUse;
import io.qiyue.signing.Seals;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
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
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Seals over HTTP: {@code /our-entities/{id}/seals} lists and uploads (multipart {@code file}, {@code kind},
 * {@code name}, optional {@code users}, repeated or comma-separated), {@code /seals/{id}} reads one,
 * changes its users, deactivates it, serves its image and its use log.
 */
@RestController
@RequestMapping("/api/v1")
class SealApi {
    private final Seals seals;

    SealApi(Seals seals) {
        this.seals = seals;
    }

    /** The body of {@code PUT /seals/{id}/users}. */
    record SealUsersInput(List<String> users) {
    }

    @GetMapping("/our-entities/{id}/seals")
    PageResult<Seal> list(@PathVariable String id,
                          @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return PageResult.of(seals.list(id), page, size);
    }

    @PostMapping(path = "/our-entities/{id}/seals", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED) // documents the 201 (the answer sets it itself)
    ResponseEntity<Seal> upload(@PathVariable String id, @RequestParam(value = "file", required = false) MultipartFile file,
                                @RequestParam(value = "kind", required = false) String kind,
                                @RequestParam(value = "name", required = false) String name,
                                @RequestParam(value = "users", required = false) List<String> users) throws IOException {
        var seal = seals.upload(id, kind, name, users, file == null ? null : file.getBytes(),
                file == null ? null : file.getOriginalFilename());
        return ResponseEntity.created(URI.create("/api/v1/seals/" + seal.id())).eTag(Versions.etag(seal.version()))
                .body(seal);
    }

    @GetMapping("/seals/{id}")
    ResponseEntity<Seal> get(@PathVariable String id) {
        return ok(seals.get(id));
    }

    @PutMapping("/seals/{id}/users")
    ResponseEntity<Seal> users(@PathVariable String id, @RequestHeader(value = "If-Match", required = false) String ifMatch,
                               @RequestBody SealUsersInput input) {
        int expected = Versions.expected(ifMatch);
        return ok(seals.changeUsers(id, expected, input.users() == null ? List.of() : input.users()));
    }

    @PostMapping("/seals/{id}/deactivate")
    ResponseEntity<Seal> deactivate(@PathVariable String id,
                                    @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return ok(seals.deactivate(id, ifMatch == null || ifMatch.isBlank() ? null : Versions.expected(ifMatch)));
    }

    /** The stored PNG; a seal's image never changes (a new image is a new seal), so it may be cached. */
    @GetMapping("/seals/{id}/image")
    ResponseEntity<byte[]> image(@PathVariable String id) {
        var seal = seals.get(id);
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG)
                .cacheControl(CacheControl.maxAge(1, TimeUnit.DAYS).cachePrivate())
                .eTag("\"" + seal.sha256() + "\"")
                .body(seals.image(id));
    }

    @GetMapping("/seals/{id}/uses")
    PageResult<SealUse> uses(@PathVariable String id, @RequestParam(required = false) Integer page,
                             @RequestParam(required = false) Integer size, @RequestParam(required = false) String sort) {
        return seals.uses(id, page, size, sort);
    }

    private static ResponseEntity<Seal> ok(Seal seal) {
        return ResponseEntity.ok().eTag(Versions.etag(seal.version())).body(seal);
    }
}
