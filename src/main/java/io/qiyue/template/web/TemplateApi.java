package io.qiyue.template.web;

import io.qiyue.contract.ContractType;
import io.qiyue.shared.PageResult;
import io.qiyue.shared.Versions;
import io.qiyue.shared.web.JsonInput;
import io.qiyue.template.Clause;
import io.qiyue.template.ClauseInput;
import io.qiyue.template.Clauses;
import io.qiyue.template.ContractDocuments;
import io.qiyue.template.Template;
import io.qiyue.template.TemplateInput;
import io.qiyue.template.Templates;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;

/** Templates and the clause library; everyone reads, administrators write. */
@RestController
@RequestMapping("/api/v1")
class TemplateApi {
    private final Templates templates;
    private final Clauses clauses;
    private final ContractDocuments documents;
    private final JsonMapper json;
    private final Validator validator;

    TemplateApi(Templates templates, Clauses clauses, ContractDocuments documents, JsonMapper json,
                Validator validator) {
        this.templates = templates;
        this.clauses = clauses;
        this.documents = documents;
        this.json = json;
        this.validator = validator;
    }

    record Preview(@NotBlank @Size(max = 500_000) String body, @NotBlank String contractId) {
    }

    @GetMapping("/templates")
    PageResult<Template> templates(@RequestParam(required = false) ContractType type,
                                   @RequestParam(required = false) Integer page,
                                   @RequestParam(required = false) Integer size) {
        return PageResult.of(templates.list(type), page, size);
    }

    @GetMapping("/templates/{id}")
    ResponseEntity<Template> template(@PathVariable String id) {
        var t = templates.get(id);
        return ResponseEntity.ok().eTag(Versions.etag(t.version())).body(t);
    }

    @GetMapping(path = "/templates/{id}/versions/{version}", produces = "text/plain;charset=UTF-8")
    String templateVersion(@PathVariable String id, @PathVariable int version) {
        templates.get(id);
        return templates.versionBody(id, version).orElseThrow(() -> new io.qiyue.shared.NotFoundException(
                "qiyue.problem.not-found", "template version", id + "/" + version));
    }

    @PostMapping("/templates")
    @ResponseStatus(HttpStatus.CREATED) // documents the 201 (the answer sets it itself)
    ResponseEntity<Template> create(@Valid @RequestBody TemplateInput input) {
        var t = templates.create(input);
        return ResponseEntity.created(URI.create("/api/v1/templates/" + t.id())).eTag(Versions.etag(t.version())).body(t);
    }

    /** What GET answered may come back as it is: see {@link JsonInput#readUpdate}. */
    @PutMapping("/templates/{id}")
    ResponseEntity<Template> update(@PathVariable String id,
                                    @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = TemplateInput.class))) @RequestBody JsonNode body) {
        int expected = Versions.expected(ifMatch);
        var input = JsonInput.readUpdate(json, validator, body, templates.get(id), TemplateInput.class);
        var t = templates.update(id, expected, input);
        return ResponseEntity.ok().eTag(Versions.etag(t.version())).body(t);
    }

    @PostMapping(path = "/templates/preview", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> preview(@Valid @RequestBody Preview preview) {
        return UserHtml.headers(ResponseEntity.ok())
                .contentType(new MediaType("text", "html", java.nio.charset.StandardCharsets.UTF_8))
                .body(documents.preview(preview.body(), preview.contractId()));
    }

    @GetMapping("/clauses")
    PageResult<Clause> clauses(@RequestParam(required = false) String category,
                               @RequestParam(required = false) Integer page,
                               @RequestParam(required = false) Integer size) {
        return PageResult.of(clauses.list(category), page, size);
    }

    @GetMapping("/clauses/{id}")
    ResponseEntity<Clause> clause(@PathVariable String id) {
        var c = clauses.get(id);
        return ResponseEntity.ok().eTag(Versions.etag(c.version())).body(c);
    }

    @GetMapping("/clauses/{id}/versions")
    PageResult<Clauses.ClauseVersion> clauseVersions(@PathVariable String id,
                                                     @RequestParam(required = false) Integer page,
                                                     @RequestParam(required = false) Integer size) {
        return PageResult.of(clauses.versions(id), page, size);
    }

    @PostMapping("/clauses")
    @ResponseStatus(HttpStatus.CREATED) // documents the 201 (the answer sets it itself)
    ResponseEntity<Clause> createClause(@Valid @RequestBody ClauseInput input) {
        var c = clauses.create(input);
        return ResponseEntity.created(URI.create("/api/v1/clauses/" + c.id())).eTag(Versions.etag(c.version())).body(c);
    }

    @PutMapping("/clauses/{id}")
    ResponseEntity<Clause> updateClause(@PathVariable String id,
                                        @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                        @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = ClauseInput.class))) @RequestBody JsonNode body) {
        int expected = Versions.expected(ifMatch);
        var input = JsonInput.readUpdate(json, validator, body, clauses.get(id), ClauseInput.class);
        var c = clauses.update(id, expected, input);
        return ResponseEntity.ok().eTag(Versions.etag(c.version())).body(c);
    }
}
