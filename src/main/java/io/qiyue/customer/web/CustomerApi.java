package io.qiyue.customer.web;

import io.qiyue.customer.ContactInput;
import io.qiyue.customer.Customer;
import io.qiyue.customer.CustomerInput;
import io.qiyue.customer.CustomerKind;
import io.qiyue.customer.CustomerLevel;
import io.qiyue.customer.CustomerQuery;
import io.qiyue.customer.CustomerStatus;
import io.qiyue.customer.Customers;
import io.qiyue.customer.OurEntities;
import io.qiyue.customer.OurEntity;
import io.qiyue.customer.OurEntityInput;
import io.qiyue.shared.JsonTrees;
import io.qiyue.shared.NotFoundException;
import io.qiyue.shared.PageResult;
import io.qiyue.shared.Versions;
import io.qiyue.shared.web.JsonInput;
import io.qiyue.shared.web.ListExport;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
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

@RestController
@RequestMapping("/api/v1")
class CustomerApi {
    private final Customers customers;
    private final OurEntities ourEntities;
    private final JsonMapper json;
    private final Validator validator;
    private final CustomerExport export;

    CustomerApi(Customers customers, OurEntities ourEntities, JsonMapper json, Validator validator,
                CustomerExport export) {
        this.export = export;
        this.customers = customers;
        this.ourEntities = ourEntities;
        this.json = json;
        this.validator = validator;
    }

    @GetMapping(path = "/customers", produces = MediaType.APPLICATION_JSON_VALUE)
    PageResult<Customer> list(@RequestParam(required = false) String q,
                              @RequestParam(required = false) CustomerKind kind,
                              @RequestParam(required = false) CustomerLevel level,
                              @RequestParam(required = false) String owner,
                              @RequestParam(required = false) CustomerStatus status,
                              @RequestParam(required = false) Integer page,
                              @RequestParam(required = false) Integer size,
                              @RequestParam(required = false) String sort) {
        return customers.list(new CustomerQuery(io.qiyue.shared.web.ListQueries.q(q), kind, level, owner, status), page,
                size, sort);
    }

    /** The list's filters, as query parameters, for the exports. */
    record ListFilter(String q, CustomerKind kind, CustomerLevel level, String owner, CustomerStatus status,
                      String sort) {
        CustomerQuery query() {
            return new CustomerQuery(io.qiyue.shared.web.ListQueries.q(q), kind, level, owner, status);
        }
    }

    /** The same filtered list, every page of it, as XLSX or CSV (spec/api.md: a list asked for as a spreadsheet). */
    @io.swagger.v3.oas.annotations.Operation(hidden = true)
    @GetMapping(path = "/customers", produces = {ListExport.XLSX_TYPE, ListExport.CSV_TYPE})
    void export(ListFilter filter, @RequestHeader(HttpHeaders.ACCEPT) String accept, HttpServletResponse response) {
        export.write(filter.query(), filter.sort(), ListExport.Format.ofAccept(accept), response);
    }

    /** The export for links, which cannot set Accept: {@code format=xlsx|csv}. */
    @io.swagger.v3.oas.annotations.Operation(hidden = true)
    @GetMapping(path = "/customers", params = "format", produces = {ListExport.XLSX_TYPE, ListExport.CSV_TYPE})
    void exportAs(ListFilter filter, @RequestParam String format, HttpServletResponse response) {
        var chosen = ListExport.Format.ofParameter(format);
        export.write(filter.query(), filter.sort(), chosen, response);
    }

    @GetMapping("/customers/{id}")
    ResponseEntity<Customer> get(@PathVariable String id) {
        return ok(customers.get(id));
    }

    /** Not {@code @Valid}: {@link Customers} checks the fields' constraints with the rules between them, all at once. */
    @PostMapping("/customers")
    @ResponseStatus(HttpStatus.CREATED) // documents the 201 (the answer sets it itself)
    ResponseEntity<Customer> create(@RequestBody CustomerInput input) {
        var customer = customers.create(input);
        return ResponseEntity.created(URI.create("/api/v1/customers/" + customer.id()))
                .eTag(Versions.etag(customer.version())).body(customer);
    }

    /** What GET answered may come back as it is: see {@link JsonInput#readUpdate}. */
    @PutMapping("/customers/{id}")
    ResponseEntity<Customer> put(@PathVariable String id,
                                 @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                 @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = CustomerInput.class))) @RequestBody JsonNode body) {
        int expected = Versions.expected(ifMatch);
        var input = JsonInput.readUpdate(json, body, customers.get(id), CustomerInput.class,
                in -> customers.problems(id, in));
        return ok(customers.update(id, expected, input));
    }

    @PatchMapping(path = "/customers/{id}", consumes = {"application/merge-patch+json", "application/json"})
    ResponseEntity<Customer> patch(@PathVariable String id,
                                   @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                   @RequestBody JsonNode patch) {
        int expected = Versions.expected(ifMatch);
        JsonNode base = json.valueToTree(customers.editable(id));
        var input = JsonInput.readUpdate(json, JsonTrees.mergePatch(base, patch), customers.get(id), CustomerInput.class,
                in -> customers.problems(id, in));
        return ok(customers.update(id, expected, input));
    }

    @DeleteMapping("/customers/{id}")
    ResponseEntity<Void> delete(@PathVariable String id,
                                @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        customers.delete(id, Versions.expected(ifMatch));
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/customers/{id}/contacts")
    ResponseEntity<PageResult<io.qiyue.customer.Contact>> contacts(@PathVariable String id,
                                                                   @RequestParam(required = false) Integer page,
                                                                   @RequestParam(required = false) Integer size) {
        var customer = customers.get(id);
        return ResponseEntity.ok().eTag(Versions.etag(customer.version()))
                .body(PageResult.of(customer.contacts(), page, size));
    }

    /** If-Match is optional here: without it the contact is added to whatever the customer is by then. */
    @PostMapping("/customers/{id}/contacts")
    @ResponseStatus(HttpStatus.CREATED) // documents the 201 (the answer sets it itself)
    ResponseEntity<io.qiyue.customer.Contact> addContact(@PathVariable String id,
                                        @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                        @Valid @RequestBody ContactInput contact) {
        io.qiyue.customer.Customers.AddedContact added;
        try {
            added = customers.addContact(id, ifMatch == null ? null : Versions.expected(ifMatch), contact);
        } catch (io.qiyue.shared.InvalidInputException refused) {
            // named as the one contact sent, not as the customer's n-th (contacts[1].mobile → mobile)
            throw new io.qiyue.shared.InvalidInputException(refused.violations().stream()
                    .map(v -> new io.qiyue.shared.FieldViolation(v.field().replaceFirst("^contacts\\[\\d+]\\.", ""),
                            v.code(), v.args())).toList()).about("contact");
        }
        // the body is the contact created, as Location names it (the customer's version is its ETag)
        var created = added.customer().contacts().stream().filter(c -> c.id().equals(added.contactId())).findFirst()
                .orElseThrow();
        return ResponseEntity.created(URI.create("/api/v1/customers/" + id + "/contacts/" + added.contactId()))
                .eTag(Versions.etag(added.customer().version())).body(created);
    }

    @GetMapping("/customers/{id}/contacts/{contactId}")
    ResponseEntity<io.qiyue.customer.Contact> contact(@PathVariable String id, @PathVariable String contactId) {
        var customer = customers.get(id);
        var contact = customer.contacts().stream().filter(c -> c.id().equals(contactId)).findFirst()
                .orElseThrow(() -> new NotFoundException("qiyue.problem.not-found", "contact", contactId));
        return ResponseEntity.ok().eTag(Versions.etag(customer.version())).body(contact);
    }

    @PutMapping("/customers/{id}/contacts/{contactId}")
    ResponseEntity<Customer> replaceContact(@PathVariable String id, @PathVariable String contactId,
                                            @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = ContactInput.class))) @RequestBody JsonNode body) {
        int expected = Versions.expected(ifMatch);
        var stored = customers.get(id).contacts().stream().filter(c -> c.id().equals(contactId)).findFirst()
                .orElseThrow(() -> new NotFoundException("qiyue.problem.not-found", "contact", contactId));
        var contact = JsonInput.readUpdate(json, validator, body, stored, ContactInput.class);
        return ok(customers.replaceContact(id, contactId, expected, contact));
    }

    @DeleteMapping("/customers/{id}/contacts/{contactId}")
    ResponseEntity<Customer> removeContact(@PathVariable String id, @PathVariable String contactId,
                                           @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return ok(customers.removeContact(id, contactId, Versions.expected(ifMatch)));
    }

    @GetMapping("/our-entities")
    PageResult<OurEntity> ourEntities(@RequestParam(required = false) Integer page,
                                      @RequestParam(required = false) Integer size) {
        return PageResult.of(ourEntities.list(), page, size);
    }

    @GetMapping("/our-entities/{id}")
    ResponseEntity<OurEntity> ourEntity(@PathVariable String id) {
        var entity = ourEntities.get(id);
        return ResponseEntity.ok().eTag(Versions.etag(entity.version())).body(entity);
    }

    @PostMapping("/our-entities")
    @ResponseStatus(HttpStatus.CREATED) // documents the 201 (the answer sets it itself)
    ResponseEntity<OurEntity> createOurEntity(@Valid @RequestBody OurEntityInput input) {
        var entity = ourEntities.create(input);
        return ResponseEntity.created(URI.create("/api/v1/our-entities/" + entity.id()))
                .eTag(Versions.etag(entity.version())).body(entity);
    }

    @PutMapping("/our-entities/{id}")
    ResponseEntity<OurEntity> updateOurEntity(@PathVariable String id,
                                              @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                              @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = OurEntityInput.class))) @RequestBody JsonNode body) {
        int expected = Versions.expected(ifMatch);
        var input = JsonInput.readUpdate(json, validator, body, ourEntities.get(id), OurEntityInput.class);
        var entity = ourEntities.update(id, expected, input);
        return ResponseEntity.ok().eTag(Versions.etag(entity.version())).body(entity);
    }

    private static ResponseEntity<Customer> ok(Customer customer) {
        return ResponseEntity.ok().eTag(Versions.etag(customer.version())).body(customer);
    }
}
