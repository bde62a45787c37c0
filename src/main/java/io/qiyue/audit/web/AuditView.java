package io.qiyue.audit.web;

import io.qiyue.audit.AuditEntry;
import io.qiyue.contract.Contracts;
import io.qiyue.customer.Customers;
import io.qiyue.customer.OurEntities;
import io.qiyue.security.UserAdministration;
import io.qiyue.shared.EntityChanged;
import io.qiyue.shared.web.Display;
import io.qiyue.shared.web.FieldLabels;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Audit entries as people read them: the record a change is about by its contract number and title or its
 * customer's name (a link), who made it by display name, each changed field by its label path, and values in
 * words — an enum code by its label from the bundles, money as ¥1,234.00, yes/no, times in China time, lists
 * and groups of fields spelled out — rather than the JSON the trail keeps (which stays as it is, hashed).
 */
@Component
class AuditView {
    /** The types whose codes a value of an entity type most likely is, where a code means several things. */
    private static final Map<String, List<String>> PREFERRED = Map.of(
            "CONTRACT", List.of("ContractStatus", "ContractType", "ContractAction"),
            "CUSTOMER", List.of("CustomerStatus", "CustomerKind"),
            "USER", List.of("Role"),
            "OBLIGATION", List.of("ObligationStatus", "ObligationKind"),
            "CONCERN_CASE", List.of("CaseStatus", "CaseCategory"),
            // an import's mode: Import, not a contract's action "import" (outside tester)
            "IMPORT", List.of("ImportMode", "ImportKind", "ImportStatus"),
            // a proposed clause's status: 待处理 → 已接受, not an obligation's 待履行 → ACCEPTED (outside tester)
            "NEGOTIATION_PROPOSAL", List.of("ClauseStatus"));
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*");
    private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?Z");
    private static final int SHOWN_CHANGES = 6;
    /**
     * An amount's value, recorded apart from its currency (/amount/value, /terms/payment/deposit/value), or as
     * the plain number of a receipt's, an invoice's or an instalment's amount.
     */
    private static final Pattern MONEY = Pattern.compile("(?:^|/)(?:amount|deposit)(?:/value)?$");
    private static final Pattern PLAIN_AMOUNT = Pattern.compile("\\d+(?:\\.\\d+)?");
    /** Fields whose values a module records as the Chinese label of a code: the prefix of those labels' keys. */
    private static final Map<String, String> RECORDED_IN_CHINESE = Map.of("signing", "evidence.event.");
    /** Fields whose values are codes labelled under a prefix of their own (an approver's 驳回, not a version's 审批退回). */
    private static final Map<String, String> CODED = Map.of("decision", "approval.decision.",
            "position", "approval.position.");
    /** A share link's use: what the holder did and the address it came from ({@code VIEW 203.0.113.9}). */
    private static final Pattern LINK_USE = Pattern.compile("(VIEW|COMMENT|PROPOSE) (\\S+)");
    /** A decided proposal: its status and, when given, the reason ({@code REJECTED: 价格过高}). */
    private static final Pattern DECIDED = Pattern.compile("([A-Z][A-Z0-9_]+): (.*)", Pattern.DOTALL);
    /** A seal's use, as the signing module records it. */
    private static final Pattern SEAL_USE = Pattern.compile("contract (\\S+), document sha256 ([0-9a-f]{64}), (.*)",
            Pattern.DOTALL);
    /** An accepted review finding, recorded under a field named after it ({@code accepted QY-C008 /terms @12}). */
    private static final Pattern ACCEPTED = Pattern.compile("accepted (\\S+) (\\S*)(?: @\\d+)?");
    /** Words a module records in English for a value it does not keep: a password, a template's earlier text. */
    private static final Pattern CHANGED = Pattern.compile("\\(changed\\)");
    private static final Pattern VERSION = Pattern.compile("\\(version (\\d+)\\)");
    /** Bookkeeping a created record lists too: its own id and first version say nothing to a reader. */
    /** Fields whose values are a user's username: an owner. */
    private static final Pattern OWNER = Pattern.compile("(?:^|/)owner$");
    /** Fields whose values are a contract's id: a receipt's, a share link's contract (shown by number and title). */
    private static final Pattern CONTRACT_ID = Pattern.compile("(?:^|/)contractId$");
    private static final java.util.Set<String> BOOKKEEPING = java.util.Set.of("/id", "/version");

    /** One entry for the page. */
    record Row(AuditEntry entry, String actorName, Subject subject, List<Change> changes, List<Change> moreChanges) {
    }

    /** What the entry is about: a name and, for contracts and customers, where it is shown. */
    record Subject(String name, String href) {
    }

    /** A changed field; {@code typed}: its values are shown as stored, words someone typed in their language. */
    record Change(String label, String before, String after, boolean typed) {
    }

    private final FieldLabels labels;
    private final MessageSource messages;
    private final Display display;
    private final Contracts contracts;
    private final Customers customers;
    private final OurEntities ourEntities;
    private final UserAdministration users;
    private final JsonMapper json;
    private final Map<Locale, Map<String, List<String>>> codes = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> recorded = new ConcurrentHashMap<>();

    AuditView(FieldLabels labels, MessageSource messages, Display display, Contracts contracts, Customers customers,
              OurEntities ourEntities, UserAdministration users, JsonMapper json) {
        this.ourEntities = ourEntities;
        this.labels = labels;
        this.messages = messages;
        this.display = display;
        this.contracts = contracts;
        this.customers = customers;
        this.users = users;
        this.json = json;
    }

    List<Row> rows(List<AuditEntry> entries, Locale locale) {
        var contractIds = new HashSet<String>();
        var partyIds = new HashSet<String>();
        var usernames = new HashSet<String>();
        for (var e : entries) {
            if (e.entityType().equals("CONTRACT")) {
                contractIds.add(e.entityId());
            } else if (e.entityType().equals("CUSTOMER")) {
                partyIds.add(e.entityId());
            }
            usernames.add(e.actor());
            e.changes().stream().filter(c -> c.field().endsWith("customerId") || c.field().endsWith("ourEntityId"))
                    .forEach(c -> {
                        partyIds.add(c.before());
                        partyIds.add(c.after());
                    });
            e.changes().stream().filter(c -> CONTRACT_ID.matcher(c.field()).find()).forEach(c -> {
                contractIds.add(c.before());
                contractIds.add(c.after());
            });
            e.changes().stream().filter(c -> OWNER.matcher(c.field()).find()).forEach(c -> {
                usernames.add(c.before());
                usernames.add(c.after());
            });
        }
        partyIds.remove(null);
        contractIds.remove(null);
        var summaries = contracts.internalSummaries(contractIds);
        var contractNames = new HashMap<String, String>();
        summaries.forEach((id, s) -> contractNames.put(id, s.number() + " " + s.title()));
        // ids of customers and of our entities, by name: one map, since the two never share an id
        var partyNames = new HashMap<>(customers.names(partyIds));
        partyIds.stream().filter(id -> !partyNames.containsKey(id))
                .forEach(id -> ourEntities.find(id).ifPresent(o -> partyNames.put(id, o.name())));
        usernames.remove(null);
        var names = users.displayNames(usernames);
        var rows = new ArrayList<Row>(entries.size());
        for (var e : entries) {
            Subject subject = switch (e.entityType()) {
                case "CONTRACT" -> {
                    var s = summaries.get(e.entityId());
                    yield s == null ? null : new Subject(s.number() + " " + s.title(), "/contracts/" + e.entityId());
                }
                case "CUSTOMER" -> {
                    String name = partyNames.get(e.entityId());
                    yield name == null ? null : new Subject(name, "/customers/" + e.entityId());
                }
                default -> null;
            };
            var changes = e.changes().stream()
                    .filter(c -> e.action() != EntityChanged.Action.CREATE || !bookkeeping(c.field()))
                    .map(c -> change(e.entityType(), c, partyNames, names, contractNames, locale)).toList();
            rows.add(new Row(e, names.getOrDefault(e.actor(), e.actor()), subject,
                    changes.subList(0, Math.min(SHOWN_CHANGES, changes.size())),
                    changes.size() > SHOWN_CHANGES ? changes.subList(SHOWN_CHANGES, changes.size()) : List.of()));
        }
        return rows;
    }

    /** A created record's own id and first version, and the currency of its amounts (always CNY). */
    private static boolean bookkeeping(String field) {
        return BOOKKEEPING.contains(field) || field.endsWith("/currency");
    }

    private Change change(String entityType, EntityChanged.Change c, Map<String, String> partyNames,
                          Map<String, String> userNames, Map<String, String> contractNames, Locale locale) {
        boolean person = OWNER.matcher(c.field()).find();
        boolean contract = CONTRACT_ID.matcher(c.field()).find();
        boolean party = person || contract || c.field().endsWith("customerId") || c.field().endsWith("ourEntityId");
        // an owner by their name, as the actor column shows people (outside tester: 负责人 admin); a receipt's or a
        // share link's contract by its number and title, not its id (outside tester)
        var named = person ? userNames : contract ? contractNames : partyNames;
        String before = party ? named.getOrDefault(c.before(), c.before()) : value(entityType, c.field(), c.before(), locale);
        String after = party ? named.getOrDefault(c.after(), c.after()) : value(entityType, c.field(), c.after(), locale);
        boolean typed = party || (before != null && before.equals(c.before())) || (after != null && after.equals(c.after()));
        var accepted = ACCEPTED.matcher(c.field());
        String label = accepted.matches()
                ? messages.getMessage("audit.acceptedFinding", new Object[]{accepted.group(1),
                        labels.of(accepted.group(2), locale, "contract")}, locale)
                : labels.of(c.field(), locale, subject(entityType));
        return new Change(label, before, after, typed);
    }

    /**
     * The subject whose labels name an entry's fields (RECEIPT → receipt: a receipt's amount is 收款金额, not the
     * contract's 合同金额); a label the subject does not rename is the field's own.
     */
    static String subject(String entityType) {
        var words = entityType.toLowerCase(Locale.ROOT).split("_");
        var camel = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            camel.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return camel.toString();
    }

    /** A stored value in words; null stays null (the page shows a dash). */
    String value(String entityType, String field, String raw, Locale locale) {
        if (raw == null) {
            return null;
        }
        String text = raw.strip();
        if (MONEY.matcher(field).find() && PLAIN_AMOUNT.matcher(text).matches()) {
            return money(text);
        }
        String name = field.replaceFirst("^/", "");
        String coded = CODED.get(name);
        if (coded != null && CODE.matcher(text).matches()) {
            return messages.getMessage(coded + text, null, text, locale);
        }
        String words = recordedInEnglish(entityType, name, text, locale);
        if (words != null) {
            return words;
        }
        String recorded = RECORDED_IN_CHINESE.get(name);
        if (recorded != null) {
            // a step the signing module recorded in the words of its evidence report (Chinese): in the reader's
            String code = recordedCodes(recorded).get(text);
            if (code != null) {
                return messages.getMessage(recorded + code, null, text, locale);
            }
        }
        if (text.startsWith("[") || text.startsWith("{")) {
            try {
                return node(entityType, json.readTree(text), locale);
            } catch (RuntimeException notJson) {
                return raw;
            }
        }
        return scalar(entityType, text, locale);
    }

    /**
     * A value a module wrote as a phrase of codes and English words (an outside tester found {@code VIEW 1.2.3.4}
     * and {@code REJECTED: 不同意} on the page): in the reader's words, the typed part as it was typed. Null: not
     * such a value.
     */
    private String recordedInEnglish(String entityType, String name, String text, Locale locale) {
        if (CHANGED.matcher(text).matches()) {
            return messages.getMessage("audit.value.changed", null, locale);
        }
        var version = VERSION.matcher(text);
        if (version.matches()) {
            return messages.getMessage("audit.value.version", new Object[]{version.group(1)}, locale);
        }
        if (name.equals("use")) {
            var use = LINK_USE.matcher(text);
            if (use.matches()) {
                return messages.getMessage("audit.value.linkUse", new Object[]{
                        messages.getMessage("negotiation.use." + use.group(1), null, locale), use.group(2)}, locale);
            }
            var seal = SEAL_USE.matcher(text);
            if (seal.matches()) {
                var contract = contracts.internalSummaries(java.util.Set.of(seal.group(1))).get(seal.group(1));
                return messages.getMessage("audit.value.sealUse", new Object[]{
                        contract == null ? seal.group(1) : contract.number() + " " + contract.title(), seal.group(2),
                        seal.group(3)}, locale);
            }
        }
        var decided = DECIDED.matcher(text);
        if (decided.matches()) {
            String label = code(entityType, decided.group(1), locale);
            if (label != null) {
                return messages.getMessage("audit.value.withReason", new Object[]{label, decided.group(2)}, locale);
            }
        }
        return null;
    }

    private String node(String entityType, JsonNode node, Locale locale) {
        if (node.isArray()) {
            var items = new ArrayList<String>();
            node.forEach(item -> items.add(node(entityType, item, locale)));
            return String.join(messages.getMessage(node.isEmpty() || node.get(0).isObject() ? "common.sentenceSeparator"
                    : "common.listSeparator", null, "; ", locale), items);
        }
        if (node.isObject()) {
            if (node.has("value") && node.has("currency") && node.size() == 2) {
                return money(node.get("value").asString());
            }
            var parts = new ArrayList<String>();
            for (var property : node.properties()) {
                if (!property.getValue().isNull()) {
                    parts.add(labels.of(property.getKey(), locale) + " "
                            + node(entityType, property.getValue(), locale));
                }
            }
            return String.join(messages.getMessage("common.listSeparator", null, ", ", locale), parts);
        }
        return node.isNull() ? "—" : scalar(entityType, node.asString(), locale);
    }

    private String scalar(String entityType, String text, Locale locale) {
        if (text.equals("true") || text.equals("false")) {
            return messages.getMessage(text.equals("true") ? "common.yes" : "common.no", null, text, locale);
        }
        if (INSTANT.matcher(text).matches()) {
            try {
                return display.time(Instant.parse(text));
            } catch (DateTimeParseException e) {
                return text;
            }
        }
        if (CODE.matcher(text).matches() && text.length() > 1) {
            String label = code(entityType, text, locale);
            if (label != null) {
                return label;
            }
        }
        return text;
    }

    private String money(String value) {
        try {
            return display.money(io.qiyue.shared.Money.cny(new BigDecimal(value)));
        } catch (NumberFormatException e) {
            return value;
        }
    }

    /** The label of an enum code: of the entity type's own enums first, else of the first enum that has it. */
    private String code(String entityType, String code, Locale locale) {
        var types = codes.computeIfAbsent(locale, this::index).get(code);
        if (types == null || types.isEmpty()) {
            return null;
        }
        String type = PREFERRED.getOrDefault(entityType, List.of()).stream().filter(types::contains).findFirst()
                .orElse(types.getFirst());
        return messages.getMessage("enum." + type + "." + code, null, code, locale);
    }

    /** Chinese label → code, of the keys under {@code prefix}. */
    private Map<String, String> recordedCodes(String prefix) {
        return recorded.computeIfAbsent(prefix, p -> {
            var out = new HashMap<String, String>();
            var bundle = ResourceBundle.getBundle("messages", Locale.ROOT,
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
            bundle.keySet().stream().filter(k -> k.startsWith(p)).forEach(k -> out.put(bundle.getString(k), k.substring(p.length())));
            return out;
        });
    }

    /** Code → the enum types whose labels the bundle has for it, read once per language. */
    private Map<String, List<String>> index(Locale locale) {
        var out = new HashMap<String, List<String>>();
        ResourceBundle bundle;
        try {
            bundle = ResourceBundle.getBundle("messages", locale,
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        } catch (MissingResourceException e) {
            return out;
        }
        for (String key : bundle.keySet()) {
            if (key.startsWith("enum.")) {
                int dot = key.indexOf('.', 5);
                if (dot > 0) {
                    out.computeIfAbsent(key.substring(dot + 1), k -> new ArrayList<>()).add(key.substring(5, dot));
                }
            }
        }
        out.values().forEach(list -> list.sort(String::compareTo));
        return out;
    }
}
