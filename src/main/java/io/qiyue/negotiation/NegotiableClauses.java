package io.qiyue.negotiation;

import io.qiyue.contract.ContractTerms;
import io.qiyue.shared.Money;
import io.qiyue.template.ContractDocuments;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The clauses of a contract that can be negotiated: every text of its terms (an enumeration, a number, a
 * date or an amount is chosen, not worded, and stays the owner's), found by walking the term records, so a
 * new text field of the terms is negotiable without a change here.
 */
final class NegotiableClauses {
    private static final String ROOT = "/terms";
    /** The longest text the terms take anywhere, for a text whose record declares no limit. */
    private static final int DEFAULT_MAX = 4000;

    private NegotiableClauses() {
    }

    static List<NegotiableClause> of(ContractTerms terms) {
        return of(terms, ContractDocuments::fieldLabel);
    }

    /** {@link #of} with each clause labelled by {@code labelOf} (its key: a JSON pointer into the content). */
    static List<NegotiableClause> of(ContractTerms terms, java.util.function.Function<String, String> labelOf) {
        var out = new ArrayList<NegotiableClause>();
        walkRecord(ROOT, terms, out);
        return out.stream().map(c -> new NegotiableClause(c.key(), labelOf.apply(c.key()), c.text(), c.maxLength()))
                .toList();
    }

    /**
     * The clauses labelled for the customer: the document calls the customer 甲方 and the provider 乙方, so do
     * the customer's pages, where the owner's labels (权利义务 我方 …) would name the customer's side 我方.
     */
    static List<NegotiableClause> forCounterparty(List<NegotiableClause> clauses) {
        return forCounterparty(clauses, false);
    }

    /** {@link #forCounterparty}, in English when {@code english} (Party B's rights and obligations, item 1). */
    static List<NegotiableClause> forCounterparty(List<NegotiableClause> clauses, boolean english) {
        return clauses.stream().map(c -> new NegotiableClause(c.key(), counterpartyLabel(c.key(), c.label(), english),
                c.text(), c.maxLength())).toList();
    }

    private static final java.util.regex.Pattern PARTY_DUTY =
            java.util.regex.Pattern.compile(ROOT + "/rightsAndObligations/(provider|customer)/(\\d{1,9})");

    /** The label of a clause on the customer's pages: the parties' duties as the document heads them. */
    static String counterpartyLabel(String key, String label) {
        return counterpartyLabel(key, label, false);
    }

    static String counterpartyLabel(String key, String label, boolean english) {
        var duty = PARTY_DUTY.matcher(key);
        if (!duty.matches()) {
            return label;
        }
        boolean provider = duty.group(1).equals("provider");
        int item = Integer.parseInt(duty.group(2)) + 1;
        if (english) {
            return (provider ? "Party B" : "Party A") + "'s rights and obligations, item " + item;
        }
        return (provider ? "乙方" : "甲方") + "的权利义务 第" + item + "项";
    }

    /** The terms with new wording at the given clauses (each a key of {@link #of}). */
    static ContractTerms apply(ContractTerms terms, Map<String, String> wording, JsonMapper json) {
        JsonNode tree = json.valueToTree(terms);
        for (var entry : wording.entrySet()) {
            String[] segments = entry.getKey().substring(ROOT.length() + 1).split("/");
            JsonNode parent = tree;
            for (int i = 0; i < segments.length - 1; i++) {
                parent = parent.isArray() ? parent.get(Integer.parseInt(segments[i])) : parent.get(segments[i]);
            }
            String last = segments[segments.length - 1];
            if (parent instanceof ArrayNode array) {
                array.set(Integer.parseInt(last), entry.getValue());
            } else {
                ((ObjectNode) parent).put(last, entry.getValue());
            }
        }
        return json.treeToValue(tree, ContractTerms.class);
    }

    private static void walkRecord(String path, Object record, List<NegotiableClause> out) {
        if (record == null || record instanceof Money) {
            return;
        }
        for (RecordComponent c : record.getClass().getRecordComponents()) {
            Object value;
            try {
                value = c.getAccessor().invoke(record);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            walk(path + "/" + c.getName(), value, c.getAnnotatedType(), c.getAccessor(), out);
        }
    }

    private static void walk(String path, Object value, AnnotatedType type, AnnotatedElement declaration,
                             List<NegotiableClause> out) {
        if (value == null) {
            return;
        }
        if (value instanceof String text) {
            out.add(new NegotiableClause(path, ContractDocuments.fieldLabel(path), text, max(type, declaration)));
        } else if (value instanceof List<?> list && type instanceof AnnotatedParameterizedType parameterized) {
            AnnotatedType itemType = parameterized.getAnnotatedActualTypeArguments()[0];
            for (int i = 0; i < list.size(); i++) {
                walk(path + "/" + i, list.get(i), itemType, null, out);
            }
        } else if (value.getClass().isRecord()) {
            walkRecord(path, value, out);
        }
    }

    private static int max(AnnotatedType type, AnnotatedElement declaration) {
        Size size = type.getAnnotation(Size.class);
        if (size == null && declaration != null) {
            size = declaration.getAnnotation(Size.class);
        }
        return size == null ? DEFAULT_MAX : Math.min(size.max(), DEFAULT_MAX);
    }
}
