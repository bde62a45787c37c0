package io.qiyue.template;

import io.qiyue.customer.IdNumber;
import io.qiyue.shared.Hashes;
import io.qiyue.shared.Text;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The particulars that identify the parties in a document — each party's name, credit code (a person's ID number),
 * 住所 and 法定代表人, and the bank account our entity is paid into — as the kept document prints them: recorded
 * beside its text when it is rendered, so that signing can tell whether the frozen document still names the parties
 * as their records do. Only what the text prints is recorded (a template may leave the address out); each value is
 * kept as its SHA-256, compared without whitespace and with full- and half-width brackets alike, and as it is shown
 * (an ID number masked: the text beside it holds the number, the record of particulars need not).
 */
final class PrintedParticulars {
    private PrintedParticulars() {
    }

    /** One particular as kept. */
    record Kept(String sha256, String shown) {
    }

    /** The particulars of the two parties as a rendering prints them, by field, blank ones left out. */
    static Map<String, String> of(DocumentModel.Party partyA, DocumentModel.Party partyB) {
        var out = new LinkedHashMap<String, String>();
        if (partyA != null) {
            put(out, "customer.name", partyA.name());
            put(out, partyA.person() ? "customer.idNumber" : "customer.creditCode", partyA.identifier());
            put(out, "customer.address", partyA.address());
            put(out, "customer.legalRepresentative", partyA.representative());
        }
        if (partyB != null) {
            put(out, "ourEntity.name", partyB.name());
            put(out, "ourEntity.creditCode", partyB.identifier());
            put(out, "ourEntity.address", partyB.address());
            put(out, "ourEntity.legalRepresentative", partyB.representative());
            put(out, "ourEntity.bankName", partyB.bankName());
            put(out, "ourEntity.bankAccount", partyB.bankAccount());
        }
        return out;
    }

    private static void put(Map<String, String> out, String field, String value) {
        if (!Text.isBlank(value)) {
            out.put(field, value.strip());
        }
    }

    /** Those of the particulars that the rendered text prints, as JSON to keep beside it. */
    static String printed(Map<String, String> particulars, String text, JsonMapper json) {
        String flat = normalise(text == null ? "" : text);
        var node = json.createObjectNode();
        particulars.forEach((field, value) -> {
            if (flat.contains(normalise(value))) {
                var kept = node.putObject(field);
                kept.put("sha256", sha256(value));
                kept.put("shown", shown(field, value));
            }
        });
        return json.writeValueAsString(node);
    }

    /** The particulars kept as JSON ({@link #printed}), in their order. */
    static Map<String, Kept> read(String kept, JsonMapper json) {
        var out = new LinkedHashMap<String, Kept>();
        JsonNode node = json.readTree(kept);
        for (var entry : node.properties()) {
            out.put(entry.getKey(), new Kept(entry.getValue().path("sha256").asString(),
                    entry.getValue().path("shown").asString()));
        }
        return out;
    }

    /** Each kept particular the records now say otherwise, or no longer say. */
    static List<ChangedParticular> changed(Map<String, Kept> kept, Map<String, String> current) {
        var out = new ArrayList<ChangedParticular>();
        kept.forEach((field, printed) -> {
            String now = current.get(field);
            if (now == null || !sha256(now).equals(printed.sha256())) {
                out.add(new ChangedParticular(field, printed.shown(), now == null ? null : shown(field, now)));
            }
        });
        return out;
    }

    /**
     * For a document kept before its particulars were recorded: the parties' names as their records now say them
     * that its text does not print (every template prints both names; whether it prints the other particulars is
     * not known).
     */
    static List<ChangedParticular> namesNotPrinted(Map<String, String> current, String text) {
        String flat = normalise(text == null ? "" : text);
        var out = new ArrayList<ChangedParticular>();
        for (String field : List.of("customer.name", "ourEntity.name")) {
            String now = current.get(field);
            if (now != null && !flat.contains(normalise(now))) {
                out.add(new ChangedParticular(field, null, now));
            }
        }
        return out;
    }

    private static String sha256(String value) {
        return Hashes.sha256Hex(normalise(value));
    }

    private static String shown(String field, String value) {
        return field.endsWith(".idNumber") ? IdNumber.mask(value) : value;
    }

    /** Whitespace (a long name wraps in its cell) and the width of brackets make no other party. */
    static String normalise(String s) {
        return Text.halfWidthBrackets(s).replaceAll("[\\s\\u3000]+", "");
    }
}
