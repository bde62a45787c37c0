package io.qiyue.review;

import io.qiyue.contract.Contract;
import io.qiyue.contract.ContractTerms;
import io.qiyue.customer.ContractParty;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a review looks at: the contract, both parties as their records stand, the clause texts the text
 * rules read, and the date of the review (the "today" of date rules).
 *
 * @param customer  the customer's record; null when it could not be read (rules then report it missing)
 * @param ourEntity our signing entity's record; null likewise
 * @param clauses   the clause texts: {@link #clausesOf(ContractTerms)} for a structured contract, or the
 *                  paragraphs of an uploaded document ({@link #withClauses})
 */
public record ReviewSubject(Contract contract, ContractParty customer, ContractParty ourEntity, List<Clause> clauses,
                            LocalDate reviewDate, java.util.Map<String, String> suppliedByTemplate) {

    public ReviewSubject {
        Objects.requireNonNull(contract, "contract");
        Objects.requireNonNull(reviewDate, "reviewDate");
        clauses = List.copyOf(clauses);
        suppliedByTemplate = suppliedByTemplate == null ? java.util.Map.of() : java.util.Map.copyOf(suppliedByTemplate);
    }

    public ReviewSubject(Contract contract, ContractParty customer, ContractParty ourEntity, List<Clause> clauses,
                         LocalDate reviewDate) {
        this(contract, customer, ourEntity, clauses, reviewDate, java.util.Map.of());
    }

    /**
     * The same subject knowing which parts the contract's template prints a default for when the contract leaves
     * them empty (JSON pointers such as {@code /terms/dispute}, with the default's words): the document then has
     * such a clause, and a rule asking for one would say something untrue of it. Under the empty pointer: the words
     * the template prints for every contract.
     */
    public ReviewSubject withSuppliedByTemplate(java.util.Map<String, String> defaults) {
        return new ReviewSubject(contract, customer, ourEntity, clauses, reviewDate, defaults);
    }

    /** Whether the template prints a default for the part at {@code pointer} (empty in the contract). */
    public boolean suppliedByTemplate(String pointer) {
        return suppliedByTemplate.containsKey(pointer);
    }

    public static ReviewSubject of(Contract contract, ContractParty customer, ContractParty ourEntity,
                                   LocalDate reviewDate) {
        return new ReviewSubject(contract, customer, ourEntity, clausesOf(contract.terms()), reviewDate);
    }

    /** The same contract reviewed over other text (e.g. the extracted text of an EXTERNAL version). */
    public ReviewSubject withClauses(List<Clause> other) {
        return new ReviewSubject(contract, customer, ourEntity, other, reviewDate, suppliedByTemplate);
    }

    /**
     * Whether the clauses are the paragraphs of an uploaded paper ({@link DocumentText}), which prints its own
     * articles, not the ones the record's fields would print.
     */
    public boolean readsPaper() {
        return !clauses.isEmpty() && clauses.getFirst().id().startsWith("/versions/");
    }

    /** Not yet signed (nor on its way to signatures): what it says of dates is still to be agreed. */
    public boolean beforeSigning() {
        var status = contract.status();
        return status == null || status == io.qiyue.contract.ContractStatus.DRAFT
                || status == io.qiyue.contract.ContractStatus.IN_APPROVAL
                || status == io.qiyue.contract.ContractStatus.APPROVED;
    }

    public ContractTerms terms() {
        return contract.terms() == null ? ContractTerms.EMPTY : contract.terms();
    }

    /**
     * The date the law in force is judged by. The contract records no signing date yet, so its start date
     * stands in for it, and the review date when there is no start date either (a draft being signed now).
     */
    public LocalDate signingDate() {
        return contract.startDate() != null ? contract.startDate() : reviewDate;
    }

    /** The clause with this id, or null. */
    public Clause clause(String id) {
        for (Clause c : clauses) {
            if (c.id().equals(id)) {
                return c;
            }
        }
        return null;
    }

    /** The free-text fields of the terms, each with its JSON pointer, in the order of the record. */
    public static List<Clause> clausesOf(ContractTerms t) {
        var out = new ArrayList<Clause>();
        if (t == null) {
            return out;
        }
        if (t.payment() != null && t.payment().schedule() != null) {
            for (int i = 0; i < t.payment().schedule().size(); i++) {
                var inst = t.payment().schedule().get(i);
                if (inst != null) {
                    add(out, "/terms/payment/schedule/" + i + "/description", inst.description());
                }
            }
        }
        if (t.rightsAndObligations() != null) {
            addAll(out, "/terms/rightsAndObligations/provider", t.rightsAndObligations().provider());
            addAll(out, "/terms/rightsAndObligations/customer", t.rightsAndObligations().customer());
        }
        if (t.breach() != null) {
            add(out, "/terms/breach/description", t.breach().description());
        }
        if (t.termination() != null) {
            addAll(out, "/terms/termination/conditions", t.termination().conditions());
        }
        if (t.intellectualProperty() != null) {
            add(out, "/terms/intellectualProperty/description", t.intellectualProperty().description());
        }
        addAll(out, "/terms/confidentialityObligations", t.confidentialityObligations());
        if (t.service() != null) {
            if (t.service().items() != null) {
                for (int i = 0; i < t.service().items().size(); i++) {
                    var item = t.service().items().get(i);
                    if (item != null) {
                        add(out, "/terms/service/items/" + i + "/standard", item.standard());
                    }
                }
            }
            add(out, "/terms/service/scope", t.service().scope());
            add(out, "/terms/service/qualityRequirements", t.service().qualityRequirements());
        }
        if (t.confidentialInformation() != null) {
            add(out, "/terms/confidentialInformation/description", t.confidentialInformation().description());
            addAll(out, "/terms/confidentialInformation/exclusions", t.confidentialInformation().exclusions());
        }
        if (t.maintenance() != null && t.maintenance().items() != null) {
            for (int i = 0; i < t.maintenance().items().size(); i++) {
                var item = t.maintenance().items().get(i);
                if (item != null) {
                    add(out, "/terms/maintenance/items/" + i + "/standard", item.standard());
                }
            }
        }
        if (t.consulting() != null) {
            add(out, "/terms/consulting/scope", t.consulting().scope());
            add(out, "/terms/consulting/qualityRequirements", t.consulting().qualityRequirements());
            addAll(out, "/terms/consulting/deliverables", t.consulting().deliverables());
        }
        if (t.sharedInformation() != null) {
            add(out, "/terms/sharedInformation/purpose", t.sharedInformation().purpose());
        }
        if (t.personalInformation() != null) {
            add(out, "/terms/personalInformation/processingMethod", t.personalInformation().processingMethod());
            addAll(out, "/terms/personalInformation/securityMeasures", t.personalInformation().securityMeasures());
            add(out, "/terms/personalInformation/returnOrDeletion", t.personalInformation().returnOrDeletion());
        }
        return out;
    }

    /**
     * {@code clauses} followed by the library clauses the document prints, each under
     * {@code /libraryClauses/{i}} (i counted from 0 in the document's order: the n-th clause of the document's
     * library list), so that a finding in one names where it is.
     */
    public static List<Clause> withLibrary(List<Clause> clauses, List<String> printedLibraryClauses) {
        var out = new ArrayList<>(clauses);
        addAll(out, LIBRARY, printedLibraryClauses);
        return out;
    }

    /** The pointer under which the review reads the library clauses a document prints. */
    public static final String LIBRARY = "/libraryClauses";

    private static void add(List<Clause> out, String id, String text) {
        if (text != null && !text.isBlank()) {
            out.add(new Clause(id, text));
        }
    }

    private static void addAll(List<Clause> out, String prefix, List<String> texts) {
        if (texts != null) {
            for (int i = 0; i < texts.size(); i++) {
                add(out, prefix + "/" + i, texts.get(i));
            }
        }
    }
}
