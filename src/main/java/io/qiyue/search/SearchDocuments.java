package io.qiyue.search;

import io.qiyue.contract.Contract;
import io.qiyue.contract.Contracts;
import io.qiyue.customer.Contact;
import io.qiyue.customer.Customer;
import io.qiyue.customer.Customers;
import io.qiyue.template.ContractDocuments;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads contracts and customers through their modules' public API, outside any data scope (the index is filtered by
 * scope when searched), and turns them into {@link SearchDocument}s.
 */
@Component
class SearchDocuments {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final Contracts contracts;
    private final Customers customers;
    private final ContractDocuments documents;
    private final JsonMapper json;

    SearchDocuments(Contracts contracts, Customers customers, ContractDocuments documents, JsonMapper json) {
        this.contracts = contracts;
        this.customers = customers;
        this.documents = documents;
        this.json = json;
    }

    Optional<SearchDocument> contract(String id) {
        return contracts.internalIfPresent(id).map(c -> contract(c, c.customerName(), documents.indexableTexts(c.id())));
    }

    /** The contracts named that exist, as documents: a few queries per 500 (the catch-up after a burst). */
    List<SearchDocument> contracts(Collection<String> ids) {
        var found = contracts.internalAll(ids);
        var texts = documents.indexableTexts(found.stream().map(Contract::id).toList());
        return found.stream().map(c -> contract(c, c.customerName(), texts.getOrDefault(c.id(), List.of()))).toList();
    }

    Optional<SearchDocument> customer(String id) {
        return customers.inFull(id).map(SearchDocuments::customer);
    }

    /** The next batch of contracts after {@code afterId} in id order, as documents (empty: no more). */
    List<SearchDocument> contractsAfter(String afterId, int limit) {
        var batch = contracts.internalAfter(afterId, limit);
        var names = customers.names(new HashSet<>(batch.stream().map(Contract::customerId).toList()));
        var texts = documents.indexableTexts(batch.stream().map(Contract::id).toList());
        return batch.stream().map(c -> contract(c, names.get(c.customerId()), texts.getOrDefault(c.id(), List.of())))
                .toList();
    }

    List<SearchDocument> customersAfter(String afterId, int limit) {
        return customers.inFullAfter(afterId, limit).stream().map(SearchDocuments::customer).toList();
    }

    long total() {
        return contracts.countAll() + customers.countAll();
    }

    Map<String, String> customerNames(Collection<String> ids) {
        return customers.names(ids);
    }

    private SearchDocument contract(Contract c, String customerName, List<String> indexable) {
        var texts = new ArrayList<>(indexable);
        if (texts.isEmpty() && c.terms() != null) {
            // nothing rendered yet (a document that failed to render): the wording as typed into the terms
            collectText(json.valueToTree(c.terms()), texts);
        }
        LocalDate created = c.createdAt() == null ? null : LocalDate.ofInstant(c.createdAt(), ZONE);
        return new SearchDocument(SearchKind.CONTRACT, c.id(), c.number(), c.title(), c.customerId(), customerName,
                String.join("\n", texts), c.type().name(), c.status().name(), c.owner(),
                c.startDate() != null ? c.startDate() : created, c.startDate(), c.endDate(),
                c.amount() == null ? null : c.amount().value());
    }

    private static SearchDocument customer(Customer c) {
        // contacts by name and title only: their phones and e-mail addresses are personal data
        var text = new ArrayList<String>();
        for (Contact contact : c.contacts()) {
            text.add(contact.title() == null ? contact.name() : contact.name() + " " + contact.title());
        }
        if (c.legalRepresentative() != null) {
            text.add(c.legalRepresentative());
        }
        if (c.industry() != null) {
            text.add(c.industry());
        }
        LocalDate created = c.createdAt() == null ? null : LocalDate.ofInstant(c.createdAt(), ZONE);
        return new SearchDocument(SearchKind.CUSTOMER, c.id(), c.creditCode(), c.name(), c.id(), c.name(),
                String.join("\n", text), c.kind().name(), c.status().name(), c.owner(), created, null, null, null);
    }

    private static void collectText(JsonNode node, List<String> out) {
        if (node == null) {
            return;
        }
        if (node.isString()) {
            if (!node.asString().isBlank()) {
                out.add(node.asString());
            }
        } else if (node.isContainer()) {
            for (JsonNode child : node) {
                collectText(child, out);
            }
        }
    }
}
