package io.qiyue.template;

import io.qiyue.contract.Contract;
import io.qiyue.contract.ContractSaved;
import io.qiyue.contract.ContractType;
import io.qiyue.contract.ContractVersion;
import io.qiyue.contract.Contracts;
import io.qiyue.contract.ContractsImported;
import io.qiyue.contract.ExternalVersions;
import io.qiyue.contract.VersionCause;
import io.qiyue.customer.Customer;
import io.qiyue.customer.Customers;
import io.qiyue.customer.OurEntities;
import io.qiyue.security.CurrentUsers;
import io.qiyue.shared.ConflictException;
import io.qiyue.shared.EntityChanged;
import io.qiyue.shared.ForbiddenException;
import io.qiyue.shared.InvalidInputException;
import io.qiyue.shared.NotFoundException;
import io.qiyue.shared.RequestIdempotency;
import io.qiyue.shared.Text;
import io.qiyue.shared.persistence.DbTime;
import io.qiyue.shared.persistence.MultiRowInsert;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Rendering contracts with the active template of their type, keeping the rendered text of every
 * saved version (and the text of uploaded counterparty paper), and redlines between any two.
 * Reads go through {@link Contracts}, so a contract outside the caller's data scope is not found.
 *
 * <p>Document versions use the numbering of the contract's one version history ({@link ExternalVersions}):
 * the rendered text of saved version n is document version n; uploaded paper is numbered from
 * {@link ExternalVersions#FIRST} upward. This class is the {@link ExternalVersions} of the contract module.
 *
 * <p><b>Stored text does not depend on who saved.</b> A live rendering (preview, download) shows the
 * parties as the reader may see them. The text kept with a version is rendered as any reader of the
 * contract sees it: both parties read without the saver's data scope, mobile phones and bank accounts always
 * masked; an ID number is kept as the document prints it and masked when read by whoever sees it masked. So the
 * same saved content always keeps the same text and SHA-256, and a redline or the version text never shows a
 * reader personal information the reader may not see.
 */
@Service
public class ContractDocuments implements ExternalVersions {
    private static final Logger log = LoggerFactory.getLogger(ContractDocuments.class);
    private static final String COLUMNS = "doc_version, kind, contract_version, template_id, template_version, "
            + "file_name, sha256, created_at, created_by";

    public enum Format { HTML, PDF, DOCX }

    /** A rendered file. */
    public record Output(byte[] content, String mediaType, String fileName) {
    }

    private final Contracts contracts;
    private final Customers customers;
    private final OurEntities ourEntities;
    private final Templates templates;
    private final Clauses clauses;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final Renderer renderer = new Renderer();
    private final RenderedFiles files = RenderedFiles.sizedForHeap();
    private final MessageSource messages;
    private final ApplicationEventPublisher events;

    ContractDocuments(Contracts contracts, Customers customers, OurEntities ourEntities, Templates templates,
                      Clauses clauses, JdbcClient jdbc, JsonMapper json, Clock clock,
                      PlatformTransactionManager transactions, MessageSource messages,
                      ApplicationEventPublisher events) {
        this.messages = messages;
        this.events = events;
        this.contracts = contracts;
        this.customers = customers;
        this.ourEntities = ourEntities;
        this.templates = templates;
        this.clauses = clauses;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
    }

    private final RowMapper<DocumentVersion> mapper = (rs, n) -> new DocumentVersion(rs.getInt("doc_version"),
            rs.getString("kind"), (Integer) rs.getObject("contract_version", Integer.class), rs.getString("template_id"),
            (Integer) rs.getObject("template_version", Integer.class), rs.getString("file_name"), rs.getString("sha256"),
            DbTime.read(rs, "created_at"), rs.getString("created_by"));

    /**
     * The contract's document, the same for every reader: refused (403, naming the customer's owner to ask)
     * to a reader who may read the contract but not its customer, whose personal details it prints.
     */
    public Output render(String contractId, Format format) {
        Contract contract = contracts.get(contractId);
        customers.stewardIfHidden(contract.customerId()).ifPresent(ask -> {
            throw new ForbiddenException(ask.code("qiyue.document.customer-restricted"), ask.args());
        });
        // a reader who sees the customer's ID number masked reads the document with it masked too
        var masked = idNumberMasked(contract);
        RenderedDocument doc = kept(contract, masked.isPresent()).orElseGet(() -> masked.isEmpty()
                ? render(contract, templates.active(contract.type()))
                : render(contract, templates.active(contract.type()), parties(contract).withCustomer(masked.get())));
        String base = contract.number();
        return switch (format) {
            case HTML -> new Output(doc.html().getBytes(StandardCharsets.UTF_8), "text/html;charset=UTF-8", base + ".html");
            case PDF -> new Output(files.pdf(doc), "application/pdf", base + ".pdf");
            case DOCX -> new Output(files.docx(doc), TextExtraction.DOCX, base + ".docx");
        };
    }

    /**
     * The contract's PDF as it stands, for a module that authorised its caller itself (signing freezes the
     * approved document): no data scope, the same file for every reader.
     */
    public byte[] pdfOfRecord(String contractId) {
        Contract contract = contracts.internal(contractId);
        // a copy: the kept file is shared by every download, and signing writes into what it is given
        return files.pdf(kept(contract, false).orElseGet(() -> renderForRecord(contract))).clone();
    }

    /**
     * The files of the contract's current version, made from the markup that version kept when it was saved (its
     * text, review and approval were about that markup), with every ID number in it masked when {@code maskIdNumbers};
     * empty for a version saved before markup was kept, which is rendered from what is current instead.
     */
    private Optional<RenderedDocument> kept(Contract contract, boolean maskIdNumbers) {
        record Kept(String markup, String templateId, Integer templateVersion) {
        }
        return jdbc.sql("SELECT markup, template_id, template_version FROM contract_document"
                        + " WHERE contract_id = ? AND doc_version = ? AND kind = ?")
                .params(contract.id(), contract.version(), DocumentVersion.SAVED)
                .query((rs, n) -> new Kept(rs.getString(1), rs.getString(2), rs.getObject(3, Integer.class)))
                .optional().filter(k -> k.markup() != null).map(k -> {
                    String markup = maskIdNumbers ? maskedIdNumbers(k.markup(), contract) : k.markup();
                    String author = contract.ourEntityId() == null ? null : ourEntities.find(contract.ourEntityId())
                            .map(io.qiyue.customer.OurEntity::name).orElse(null);
                    return Renderer.fromKept(markup, contract.number(), contract.title(), author, k.templateId(),
                            k.templateVersion() == null ? 0 : k.templateVersion(), issued(contract));
                });
    }

    /** An 18-character 居民身份证号码 standing on its own in a text. */
    private static final java.util.regex.Pattern ID_NUMBER =
            java.util.regex.Pattern.compile("(?<![0-9A-Za-z])[0-9]{17}[0-9Xx](?![0-9A-Za-z])");

    /**
     * The text with the customer's ID number masked, and every other number with a valid check character too: a
     * version saved before the number was corrected printed the earlier one.
     */
    private String maskedIdNumbers(String text, Contract contract) {
        String current = customers.inFull(contract.customerId()).map(Customer::idNumber).orElse(null);
        String out = current == null ? text : text.replace(current, io.qiyue.customer.IdNumber.mask(current));
        return ID_NUMBER.matcher(out).replaceAll(m -> {
            String id = m.group();
            return Character.toUpperCase(id.charAt(17)) == io.qiyue.customer.IdNumber.checkCharacterFor(id.substring(0, 17))
                    ? io.qiyue.customer.IdNumber.mask(id) : id;
        });
    }

    /** A template body (not yet saved) rendered against a contract the caller may read, as HTML. */
    public String preview(String body, String contractId) {
        Templates.requireTemplateManager();
        Contract contract = contracts.get(contractId);
        TemplateEngine.validate(body, contract.type());
        return render(contract, new Template(null, contract.type(), "preview", body, false, 0, null, null, null, null))
                .html();
    }

    /**
     * A sample contract of the type rendered with this service's own renderer, so that the templates it compiles
     * are the ones later renderings find in its cache (the start-up warm-up, {@link DocumentWarmup}).
     */
    RenderedDocument renderSample(ContractType type) {
        Template template = templates.active(type);
        return renderer.render(template.body(), SampleContracts.model(type), template.id(), template.version(),
                Instant.EPOCH);
    }

    /** The document in full: rendered once and the same for every reader (see {@link #render(String, Format)}). */
    RenderedDocument render(Contract contract, Template template) {
        return render(contract, template, parties(contract));
    }

    /** What a rendering reads besides the contract: both parties and the approved clauses of its type. */
    private record Parties(Customer customer, io.qiyue.customer.OurEntity ourEntity, List<Clause> clauses) {
        Parties withCustomer(Customer shown) {
            return new Parties(shown, ourEntity, clauses);
        }
    }

    /**
     * The customer as the caller sees it, when it is a person whose ID number the caller sees masked (a reader
     * who may read the customer but not edit it: finance, viewers): the number a document prints for them.
     * Empty when the caller sees it in clear, or there is none to print.
     */
    private Optional<Customer> idNumberMasked(Contract contract) {
        return customers.findVisible(contract.customerId())
                .filter(c -> c.personalInformationMasked() && c.kind() == io.qiyue.customer.CustomerKind.PERSON
                        && c.idNumber() != null);
    }

    /**
     * Refuses (403) a file kept as it was signed or sent (the signed or frozen PDF, a scan, a counterparty's upload)
     * to a reader who may not read the contract's customer, or who sees the customer's ID number masked: such a file
     * prints the number in full and cannot be masked. The contract's own document (PDF, Word, HTML) masks it instead.
     */
    public void requireCustomerDetailsInClear(String contractId) {
        keptFilesRefusal(contracts.get(contractId)).ifPresent(refused -> {
            throw refused;
        });
    }

    /** Whether {@link #requireCustomerDetailsInClear} lets the caller have the contract's kept files. */
    public boolean mayHaveKeptFiles(String contractId) {
        return keptFilesRefusal(contracts.get(contractId)).isEmpty();
    }

    private Optional<ForbiddenException> keptFilesRefusal(Contract contract) {
        var hidden = customers.stewardIfHidden(contract.customerId());
        if (hidden.isPresent()) {
            return Optional.of(new ForbiddenException(hidden.get().code("qiyue.document.customer-restricted"),
                    hidden.get().args()));
        }
        return idNumberMasked(contract).map(masked -> new ForbiddenException("qiyue.document.id-number-masked"));
    }

    private Parties parties(Contract contract) {
        return new Parties(customers.inFull(contract.customerId()).orElse(null),
                contract.ourEntityId() == null ? null : ourEntities.find(contract.ourEntityId()).orElse(null),
                clauses.approvedFor(contract.type()));
    }

    /** The rendering itself, reading nothing: safe on any thread. */
    private RenderedDocument render(Contract contract, Template template, Parties parties) {
        return renderer.render(template.body(), model(contract, parties), template.id(), template.version(),
                issued(contract));
    }

    /** The contract's last change dates the files; a snapshot read back without one falls back to its creation. */
    private static Instant issued(Contract contract) {
        return contract.updatedAt() != null ? contract.updatedAt()
                : contract.createdAt() != null ? contract.createdAt() : Instant.EPOCH;
    }

    /** The model a rendering fills its template with: the contract, its parties and its type's clause texts. */
    private static DocumentModel model(Contract contract, Parties parties) {
        return DocumentModels.withLibrary(DocumentModels.of(contract, parties.customer(), parties.ourEntity()),
                parties.clauses());
    }

    /** The text a saved version keeps and the template it came from. */
    private record RecordText(String markup, String text, String templateId, int templateVersion) {
    }

    /**
     * {@link #renderForRecord(Contract, Template, Parties)} when only its text is kept: the same text, read while
     * the markup is parsed rather than from a DOM (an import renders thousands), with the same fallback.
     */
    private RecordText textForRecord(Contract contract, Template template, Parties parties) {
        try {
            var kept = renderer.forRecord(template.body(), model(contract, parties));
            return new RecordText(kept.markup(), kept.text(), template.id(),
                    template.version());
        } catch (RuntimeException e) {
            log.warn("template {} v{} failed for contract {}; using the shipped default: {}", template.id(),
                    template.version(), contract.id(), e.toString());
            Template shipped = Templates.shipped(contract.type());
            var kept = renderer.forRecord(shipped.body(), model(contract, parties));
            return new RecordText(kept.markup(), kept.text(), shipped.id(),
                    shipped.version());
        }
    }

    /**
     * Keeps the rendered text of every saved contract version, in the transaction that saved it, as
     * document version n for contract version n.
     */
    @EventListener
    void on(ContractSaved saved) {
        Contract contract = saved.contract();
        if (saved.moveOnly() && !submittedWithChangedParties(contract) && carryForward(contract, saved.actor())) {
            return;
        }
        Parties parties = parties(contract);
        RecordText doc = textForRecord(contract, templates.active(contract.type()), parties);
        insert(contract.id(), contract.version(), DocumentVersion.SAVED, contract.version(), doc.templateId(),
                doc.templateVersion(), null, null, doc.text(), personalSpans(contract.customerId(), doc.text()),
                null, doc.markup(), particulars(contract, parties, doc.text()), saved.actor());
    }

    /**
     * A submission whose draft's document names a party otherwise than its record now does (the customer was renamed
     * after the draft's last save, or while it was withdrawn from approval to be approved again): the approvers are
     * to approve, and the parties to sign, a document naming the parties as they are, so the submission renders it
     * again, with the template, clauses and records of the day, as a save would.
     */
    private boolean submittedWithChangedParties(Contract contract) {
        return contract.status() == io.qiyue.contract.ContractStatus.IN_APPROVAL
                && !changedParticulars(contract, contract.version() - 1).isEmpty();
    }

    /** The parties' particulars the rendered text prints, as kept beside it ({@link PrintedParticulars}). */
    private String particulars(Contract contract, Parties parties, String text) {
        return PrintedParticulars.printed(PrintedParticulars.of(DocumentModels.partyA(contract, parties.customer()),
                DocumentModels.partyB(parties.ourEntity())), text, json);
    }

    /**
     * The particulars of the parties (name, credit code or ID number, 住所, 法定代表人, our bank account) that the
     * document of the contract's saved version {@code version} prints otherwise than their records now say, outside any
     * data scope, for a module that authorised its caller itself: signing refuses to sign a document that names a
     * party as it no longer is. Empty when they agree, or when the version keeps no document. A document kept before
     * its particulars were recorded is checked for the parties' current names only.
     */
    public List<ChangedParticular> changedParticulars(String contractId, int version) {
        return changedParticulars(contracts.internal(contractId), version);
    }

    /**
     * The parties' particulars as the document of the contract's saved version {@code version} prints them, by field
     * ({@code customer.name}, {@code ourEntity.name} …, an ID number masked), as recorded when it was rendered: what
     * the signed document says of the parties, whatever their records say since. Empty when the version keeps no
     * document or its document was kept before its particulars were recorded.
     */
    public java.util.Map<String, String> printedParticulars(String contractId, int version) {
        var kept = jdbc.sql("SELECT particulars FROM contract_document WHERE contract_id = ? AND doc_version = ? AND kind = ?")
                .params(contractId, version, DocumentVersion.SAVED).query((rs, n) -> rs.getString(1)).optional();
        var out = new java.util.LinkedHashMap<String, String>();
        if (kept.isPresent() && kept.get() != null) {
            PrintedParticulars.read(kept.get(), json).forEach((field, printed) -> out.put(field, printed.shown()));
        }
        return out;
    }

    private List<ChangedParticular> changedParticulars(Contract contract, int version) {
        record Kept(String particulars, String text) {
        }
        var kept = jdbc.sql("SELECT particulars, text_content FROM contract_document"
                        + " WHERE contract_id = ? AND doc_version = ? AND kind = ?")
                .params(contract.id(), version, DocumentVersion.SAVED)
                .query((rs, n) -> new Kept(rs.getString(1), rs.getString(2))).optional();
        if (kept.isEmpty()) {
            return List.of();
        }
        var customer = customers.inFull(contract.customerId()).orElse(null);
        var ourEntity = contract.ourEntityId() == null ? null : ourEntities.find(contract.ourEntityId()).orElse(null);
        if (customer == null && ourEntity == null) {
            return List.of();
        }
        var current = PrintedParticulars.of(customer == null ? null : DocumentModels.partyA(contract, customer),
                ourEntity == null ? null : DocumentModels.partyB(ourEntity));
        if (kept.get().particulars() == null) {
            return PrintedParticulars.namesNotPrinted(current, kept.get().text());
        }
        var printed = PrintedParticulars.read(kept.get().particulars(), json);
        // a party whose record cannot be read is not judged
        printed.keySet().removeIf(field -> customer == null && field.startsWith("customer.")
                || ourEntity == null && field.startsWith("ourEntity."));
        return PrintedParticulars.changed(printed, current);
    }

    /**
     * A file's contracts just imported: the rendered text of each one's version 1, as {@link #on(ContractSaved)} keeps
     * it, stored with a few statements for the lot.
     */
    @EventListener
    void on(ContractsImported imported) {
        var contracts = imported.contracts();
        // the reads on this thread (the import's transaction and its memo of parties, templates and clauses), the
        // rendering — all of the work — on every core
        var templateOf = new java.util.EnumMap<ContractType, Template>(ContractType.class);
        var partiesOf = new ArrayList<Parties>(contracts.size());
        for (Contract contract : contracts) {
            templateOf.computeIfAbsent(contract.type(), templates::active);
            partiesOf.add(parties(contract));
        }
        var rows = new Object[contracts.size()][];
        java.util.stream.IntStream.range(0, contracts.size()).parallel().forEach(i -> {
            Contract contract = contracts.get(i);
            Parties parties = partiesOf.get(i);
            RecordText doc = textForRecord(contract, templateOf.get(contract.type()), parties);
            String text = doc.text();
            rows[i] = new Object[]{contract.id(), contract.version(), DocumentVersion.SAVED, contract.version(),
                    doc.templateId(), doc.templateVersion(), null, null, text,
                    RestrictedSpans.find(text, parties.customer() == null ? List.of()
                            : parties.customer().personalDetails()),
                    null, sha256(text), DbTime.toDb(clock.instant()), imported.actor(), doc.markup(),
                    particulars(contract, parties, text)};
        });
        MultiRowInsert.insert(jdbc, "contract_document", DOCUMENT_COLUMNS, java.util.Arrays.asList(rows));
    }

    private static final List<String> DOCUMENT_COLUMNS = List.of("contract_id", "doc_version", "kind",
            "contract_version", "template_id", "template_version", "file_name", "media_type", "text_content",
            "restricted_spans", "emphasis_text", "sha256", "created_at", "created_by", "markup", "particulars");

    /**
     * A lifecycle move keeps the document of the version it moves: the words approved are the words signed,
     * whatever happened to the template, the clause library or a party's record since. False when the
     * previous version has no document (contracts loaded by SQL).
     */
    private boolean carryForward(Contract contract, String actor) {
        int previous = contract.version() - 1;
        return jdbc.sql("INSERT INTO contract_document (contract_id, doc_version, kind, contract_version, template_id,"
                        + " template_version, file_name, media_type, text_content, restricted_spans, emphasis_text, sha256,"
                        + " created_at, created_by, markup, particulars) SELECT contract_id, ?, kind, ?, template_id,"
                        + " template_version, file_name, media_type, text_content, restricted_spans, emphasis_text, sha256,"
                        + " ?, ?, markup, particulars"
                        + " FROM contract_document"
                        + " WHERE contract_id = ? AND doc_version = ? AND kind = ?")
                .params(contract.version(), contract.version(), DbTime.toDb(clock.instant()), actor, contract.id(),
                        previous, DocumentVersion.SAVED)
                .update() == 1;
    }

    private RenderedDocument renderForRecord(Contract contract) {
        return renderForRecord(contract, templates.active(contract.type()), parties(contract));
    }

    private RenderedDocument renderForRecord(Contract contract, Template template, Parties parties) {
        try {
            return render(contract, template, parties);
        } catch (RuntimeException e) {
            // a template that worked when it was saved should not stop a contract from being saved
            log.warn("template {} v{} failed for contract {}; using the shipped default: {}", template.id(),
                    template.version(), contract.id(), e.toString());
            return render(contract, Templates.shipped(contract.type()), parties);
        }
    }

    /**
     * The uploaded paper and the counterparty's proposals of a contract the caller may already read, as
     * entries of its version history.
     */
    @Override
    public List<ContractVersion> list(String contractId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM contract_document WHERE contract_id = ? AND kind IN (?, ?) "
                        + "ORDER BY doc_version").param(contractId).param(DocumentVersion.EXTERNAL)
                .param(DocumentVersion.COUNTERPARTY).query(mapper)
                .list().stream().map(v -> ContractVersion.of(v.version(), v.kind(),
                        VersionCause.ofExtraKind(v.kind()), v.createdAt(), v.createdBy(), v.sha256()))
                .toList();
    }

    /** One uploaded paper: its entry, file name, media type and extracted text, as JSON. */
    @Override
    public Optional<String> content(String contractId, int version) {
        return find(contractId, version).filter(v -> !DocumentVersion.SAVED.equals(v.kind())).map(v -> {
            var node = json.createObjectNode();
            node.put("version", v.version());
            node.put("kind", v.kind());
            node.put("fileName", v.fileName());
            node.put("mediaType", mediaType(contractId, version));
            node.put("createdAt", v.createdAt().toString());
            node.put("createdBy", v.createdBy());
            node.put("sha256", v.sha256());
            node.put("text", shown(contracts.get(contractId), version));
            return json.writeValueAsString(node);
        });
    }

    private String mediaType(String contractId, int version) {
        return jdbc.sql("SELECT media_type FROM contract_document WHERE contract_id = ? AND doc_version = ?")
                .param(contractId).param(version).query(String.class).optional().orElse(null);
    }

    public List<DocumentVersion> versions(String contractId) {
        contracts.get(contractId);
        return jdbc.sql("SELECT " + COLUMNS + " FROM contract_document WHERE contract_id = ? ORDER BY doc_version")
                .param(contractId).query(mapper).list();
    }

    public String text(String contractId, int version) {
        return shown(contracts.get(contractId), version);
    }

    /**
     * An uploaded paper with the text extracted from it (one paragraph per line, as stored) and the passages
     * it prints in bold or underlined, whitespace removed (empty when none, or uploaded before they were kept).
     */
    public record Uploaded(DocumentVersion version, String text, List<String> emphasised) {
    }

    /**
     * The uploaded paper (or the customer's proposal, which is reviewed like paper) numbered {@code version} of a
     * contract the caller may read (a 404 outside the data scope, like every read here); empty when the contract
     * has no such version.
     */
    public Optional<Uploaded> uploaded(String contractId, int version) {
        Contract contract = contracts.get(contractId);
        return jdbc.sql("SELECT " + COLUMNS + ", emphasis_text FROM contract_document WHERE contract_id = ? "
                        + "AND doc_version = ? AND kind IN (?, ?)")
                .param(contractId).param(version).param(DocumentVersion.EXTERNAL).param(DocumentVersion.COUNTERPARTY)
                .query((rs, n) -> new Uploaded(mapper.mapRow(rs, n), null, lines(rs.getString("emphasis_text"))))
                .optional().map(u -> new Uploaded(u.version(), shown(contract, version), u.emphasised()));
    }

    /**
     * The counterparty's paper: its text becomes a version of kind EXTERNAL, numbered after the contract's
     * last upload (from {@link ExternalVersions#FIRST}).
     */
    public DocumentVersion upload(String contractId, String fileName, byte[] content, String mediaType) {
        var contract = contracts.editable(contractId);
        var earlier = sameUploadRetried(contractId, Text.fileName(fileName), content);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        String text = TextExtraction.text(content, mediaType);
        String spans = personalSpans(contract.customerId(), text);
        String emphasis = Emphasis.of(content, mediaType);
        // the primary key (contract, number) settles a race with a concurrent save or upload: try the next number
        for (int attempt = 0; ; attempt++) {
            try {
                return tx.execute(s -> {
                    var version = insert(contractId, nextExternal(contractId), DocumentVersion.EXTERNAL, null,
                            null, null, Text.fileName(fileName), mediaType, text, spans, emphasis, null, null,
                            CurrentUsers.actorName());
                    jdbc.sql("INSERT INTO contract_document_original (contract_id, doc_version, content) VALUES (?,?,?)")
                            .params(contractId, version.version(), content).update();
                    events.publishEvent(new CounterpartyPaper.Uploaded(contractId, version.version()));
                    return version;
                });
            } catch (DuplicateKeyException raced) {
                if (attempt >= 3) {
                    throw raced;
                }
            }
        }
    }

    /**
     * Under an Idempotency-Key, the version a retried upload made the first time: the contract's newest upload when
     * it is this file from this user. The answer to that upload can be lost after its commit (the instance died
     * before the key kept it), and the retry must not make a second version of the same paper.
     */
    private Optional<DocumentVersion> sameUploadRetried(String contractId, String fileName, byte[] content) {
        if (RequestIdempotency.idFor("contract-upload").isEmpty()) {
            return Optional.empty();
        }
        String actor = CurrentUsers.actorName();
        var newest = jdbc.sql("SELECT " + COLUMNS + " FROM contract_document WHERE contract_id = ? AND doc_version ="
                        + " (SELECT MAX(doc_version) FROM contract_document WHERE contract_id = ? AND kind = ?)")
                .param(contractId).param(contractId).param(DocumentVersion.EXTERNAL).query(mapper).optional()
                .filter(v -> actor.equals(v.createdBy()) && java.util.Objects.equals(fileName, v.fileName()));
        return newest.filter(v -> jdbc.sql("SELECT content FROM contract_document_original WHERE contract_id = ?"
                        + " AND doc_version = ?").param(contractId).param(v.version())
                .query((rs, n) -> rs.getBytes(1)).optional()
                .filter(stored -> java.util.Arrays.equals(stored, content)).isPresent());
    }

    /** An uploaded paper as it was sent: its file name, media type and bytes. */
    public record OriginalFile(String fileName, String mediaType, byte[] content) {
    }

    /**
     * The file uploaded as version {@code version} of a contract the caller may read; empty when there is no such
     * upload or it was uploaded before originals were kept. The text of a file may hold personal details, so its
     * reader must also be allowed the customer's (as for the document).
     */
    public Optional<OriginalFile> original(String contractId, int version) {
        requireCustomerDetailsInClear(contractId);
        return jdbc.sql("SELECT d.file_name, d.media_type, o.content FROM contract_document d"
                        + " JOIN contract_document_original o ON o.contract_id = d.contract_id"
                        + " AND o.doc_version = d.doc_version WHERE d.contract_id = ? AND d.doc_version = ? AND d.kind = ?")
                .params(contractId, version, DocumentVersion.EXTERNAL)
                .query((rs, n) -> new OriginalFile(rs.getString("file_name"), rs.getString("media_type"),
                        rs.getBytes("content")))
                .optional();
    }

    /** Whether the file of upload {@code version} was kept (uploads before originals were kept have only text). */
    public boolean hasOriginal(String contractId, int version) {
        return jdbc.sql("SELECT COUNT(*) FROM contract_document_original WHERE contract_id = ? AND doc_version = ?")
                .params(contractId, version).query(Integer.class).single() > 0;
    }

    /**
     * Deletes the uploaded paper {@code version} with its original and its review: by who may change the contract,
     * while it is a draft (once submitted, approvers and signers saw the contract with its papers, which then stay).
     * Nothing else refers to an uploaded paper: comparisons are computed when asked. Audited on the contract.
     */
    public void deleteUpload(String contractId, int version) {
        var contract = contracts.getChangeable(contractId);
        if (!contract.status().editable()) {
            throw new ConflictException("qiyue.document.upload-kept");
        }
        tx.executeWithoutResult(s -> {
            var paper = jdbc.sql("SELECT " + COLUMNS + " FROM contract_document WHERE contract_id = ? AND doc_version = ?"
                            + " AND kind = ?").params(contractId, version, DocumentVersion.EXTERNAL)
                    .query(mapper).optional()
                    .orElseThrow(() -> new NotFoundException("qiyue.problem.not-found", "version",
                            contractId + "/" + version));
            events.publishEvent(new CounterpartyPaper.Deleted(contractId, version));
            jdbc.sql("DELETE FROM contract_document_original WHERE contract_id = ? AND doc_version = ?")
                    .params(contractId, version).update();
            jdbc.sql("DELETE FROM contract_document WHERE contract_id = ? AND doc_version = ?")
                    .params(contractId, version).update();
            events.publishEvent(new EntityChanged("CONTRACT", contractId, EntityChanged.Action.UPDATE,
                    CurrentUsers.actorName(), clock.instant(), List.of(new EntityChanged.Change("/papers",
                    "E" + (paper.version() - ExternalVersions.FIRST + 1)
                            + (paper.fileName() == null ? "" : " " + paper.fileName()), null))));
        });
    }

    /**
     * The document of a contract's current saved version as it was stored, with ID numbers masked, for a reader
     * outside the application whose access the caller has checked: the counterparty's contact on a share link,
     * which anyone it is forwarded to can open. Nothing but this text and the contract's current wording leaves.
     */
    public String sharedText(String contractId) {
        Contract contract = contracts.internal(contractId);
        return maskedIdNumbers(textOf(contractId, contract.version()), contract);
    }

    /**
     * The texts a search index keeps of a contract, outside any data scope: its current document and every paper
     * uploaded or proposed by the counterparty, each with the customer's personal details blanked (a reader of the
     * index may read the contract without reading its customer). Empty when nothing was rendered yet.
     */
    public List<String> indexableTexts(String contractId) {
        return indexableTexts(List.of(contractId)).getOrDefault(contractId, List.of());
    }

    /**
     * {@link #indexableTexts(String)} of many contracts at once (a search index's rebuild and catch-up read
     * hundreds at a time): one query per 500 contracts; a contract with nothing rendered yet is absent.
     */
    public java.util.Map<String, List<String>> indexableTexts(java.util.Collection<String> contractIds) {
        record Stored(String contractId, String text, String spans, String customerId) {
        }
        var out = new java.util.HashMap<String, List<String>>();
        var details = new java.util.HashMap<String, List<String>>();
        var all = List.copyOf(new java.util.LinkedHashSet<>(contractIds));
        for (int i = 0; i < all.size(); i += 500) {
            var ids = all.subList(i, Math.min(all.size(), i + 500));
            var stored = jdbc.sql("SELECT d.contract_id, d.text_content, d.restricted_spans, c.customer_id"
                            + " FROM contract_document d JOIN contract c ON c.id = d.contract_id"
                            + " WHERE d.contract_id IN (:ids) AND (d.kind IN (:external, :counterparty)"
                            + " OR d.doc_version = (SELECT MAX(s.doc_version) FROM contract_document s"
                            + " WHERE s.contract_id = d.contract_id AND s.kind = :saved))"
                            + " ORDER BY d.contract_id, d.doc_version")
                    .param("ids", ids)
                    .param("external", DocumentVersion.EXTERNAL).param("counterparty", DocumentVersion.COUNTERPARTY)
                    .param("saved", DocumentVersion.SAVED)
                    .query((rs, n) -> new Stored(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                    .list();
            stored = new ArrayList<>(stored);
            stored.addAll(jdbc.sql("SELECT s.contract_id, s.text_content, c.customer_id FROM contract_scan_text s"
                            + " JOIN contract c ON c.id = s.contract_id WHERE s.contract_id IN (:ids)")
                    .param("ids", ids)
                    .query((rs, n) -> new Stored(rs.getString(1), rs.getString(2), null, rs.getString(3))).list());
            for (Stored s : stored) {
                if (s.text() == null) {
                    continue;
                }
                String spans = s.spans();
                if (spans == null) {
                    // old rows without recorded spans: the customer's details are looked up once per batch
                    var personal = details.computeIfAbsent(s.customerId(), id -> customers.inFull(id)
                            .map(Customer::personalDetails).orElse(List.of()));
                    spans = RestrictedSpans.find(s.text(), personal);
                }
                out.computeIfAbsent(s.contractId(), id -> new ArrayList<>()).add(RestrictedSpans.mask(s.text(), spans, "***"));
            }
        }
        return out;
    }

    /** A contract's signed scan has a readable text layer now: the search index takes it (SearchChangeLog). */
    public record SignedScanRead(String contractId) {
    }

    /**
     * Keeps the text layer of a contract's signed paper scan (a PDF; an image or a PDF of images has none) for the
     * search index, in the caller's transaction, replacing an earlier scan's. A scan whose text cannot be read is
     * still a valid scan: it is kept by the signing module, only not searchable. The scan is no version of the
     * contract's document, so it is kept apart from them.
     */
    public void recordSignedScan(String contractId, byte[] scan, String mediaType, String fileName) {
        if (!TextExtraction.PDF.equals(mediaType)) {
            return;
        }
        String text;
        try {
            text = TextExtraction.text(scan, mediaType);
        } catch (io.qiyue.shared.InvalidInputException unreadable) {
            log.info("Signed scan of contract {} has no readable text layer: {}", contractId, unreadable.getMessage());
            return;
        }
        if (Text.isBlank(text)) {
            return;
        }
        jdbc.sql("DELETE FROM contract_scan_text WHERE contract_id = ?").param(contractId).update();
        jdbc.sql("INSERT INTO contract_scan_text (contract_id, file_name, text_content, created_at) VALUES (?, ?, ?, ?)")
                .params(contractId, fileName == null ? null : Text.fileName(fileName), text,
                        DbTime.toDb(clock.instant()))
                .update();
        events.publishEvent(new SignedScanRead(contractId));
    }

    /**
     * Keeps a counterparty's proposal as a version of kind {@code COUNTERPARTY}: the contract's document
     * rendered with the proposed wording (the {@code proposed} contract, not saved), numbered after the
     * contract's last extra version in the one range of {@link ExternalVersions}, in the caller's transaction.
     * The caller (the negotiation module) has checked who may propose.
     */
    public DocumentVersion counterpartyVersion(Contract proposed, String actor) {
        RenderedDocument doc = renderForRecord(proposed);
        String text = doc.text();
        return insert(proposed.id(), nextExternal(proposed.id()), DocumentVersion.COUNTERPARTY, null,
                doc.templateId(), doc.templateVersion(), null, null, text, personalSpans(proposed.customerId(), text),
                null, null, null, actor);
    }

    /** How a redline names a field of the saved content by its JSON pointer ({@code /terms/breach/description}: 违约责任 说明). */
    public static String fieldLabel(String pointer) {
        return RedlineFields.label(pointer);
    }

    public Redline diff(String contractId, int from, int to) {
        Contract contract = contracts.get(contractId);
        var a = version(contractId, from);
        var b = version(contractId, to);
        var text = Redlines.diff(shown(contract, from), shown(contract, to));
        List<Redline.Field> fields = List.of();
        if (a.contractVersion() != null && b.contractVersion() != null) {
            JsonNode before = json.readTree(contracts.versionContent(contractId, a.contractVersion()));
            JsonNode after = json.readTree(contracts.versionContent(contractId, b.contractVersion()));
            fields = RedlineFields.diff(before, after);
        }
        return new Redline(from, to, text.ops(), fields, text.coarse());
    }

    private DocumentVersion version(String contractId, int version) {
        return find(contractId, version).or(() -> recovered(contractId, version).map(Recovered::version))
                .orElseThrow(() -> new NotFoundException("qiyue.problem.not-found", "document-version",
                        contractId + "/" + version));
    }

    /** The text of a saved version that has no stored text (saved before documents were kept), rendered now. */
    private record Recovered(DocumentVersion version, String text) {
    }

    private Optional<Recovered> recovered(String contractId, int version) {
        if (version < 1 || version >= ExternalVersions.FIRST) {
            return Optional.empty();
        }
        String content;
        try {
            content = contracts.versionContent(contractId, version);
        } catch (NotFoundException none) {
            return Optional.empty();
        }
        Contract snapshot = json.readValue(content, Contract.class);
        RenderedDocument doc = renderForRecord(snapshot);
        String text = doc.text();
        return Optional.of(new Recovered(new DocumentVersion(version, DocumentVersion.SAVED, version, doc.templateId(),
                doc.templateVersion(), null, sha256(text), null, null), text));
    }

    private Optional<DocumentVersion> find(String contractId, int version) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM contract_document WHERE contract_id = ? AND doc_version = ?")
                .param(contractId).param(version).query(mapper).optional();
    }

    private String textOf(String contractId, int version) {
        return jdbc.sql("SELECT text_content FROM contract_document WHERE contract_id = ? AND doc_version = ?")
                .param(contractId).param(version).query(String.class).optional()
                .or(() -> recovered(contractId, version).map(Recovered::text))
                .orElseThrow(() -> new NotFoundException("qiyue.problem.not-found", "document-version",
                        contractId + "/" + version));
    }

    /**
     * A stored text as this reader may see it: with the customer's personal details blanked (at the ranges
     * marked when it was stored) for a reader who may read the contract but not its customer.
     */
    private String shown(Contract contract, int version) {
        String text = textOf(contract.id(), version);
        if (customers.stewardIfHidden(contract.customerId()).isEmpty()) {
            return idNumberMasked(contract).isEmpty() ? text : maskedIdNumbers(text, contract);
        }
        String spans = jdbc.sql("SELECT restricted_spans FROM contract_document WHERE contract_id = ? AND doc_version = ?")
                .param(contract.id()).param(version).query((rs, n) -> Optional.ofNullable(rs.getString(1))).optional()
                .flatMap(marked -> marked)
                // a version stored before ranges were marked: the customer's details as they are now
                .orElseGet(() -> personalSpans(contract.customerId(), text));
        return RestrictedSpans.mask(text, spans, messages.getMessage("qiyue.document.restricted", null,
                LocaleContextHolder.getLocale()));
    }

    private String personalSpans(String customerId, String text) {
        return RestrictedSpans.find(text, customers.inFull(customerId).map(Customer::personalDetails).orElse(List.of()));
    }

    private int nextExternal(String contractId) {
        Integer max = jdbc.sql("SELECT MAX(doc_version) FROM contract_document WHERE contract_id = ? AND doc_version >= ?")
                .param(contractId).param(ExternalVersions.FIRST).query(Integer.class).optional().orElse(null);
        return max == null ? ExternalVersions.FIRST : max + 1;
    }

    private DocumentVersion insert(String contractId, int number, String kind, Integer contractVersion,
                                   String templateId, Integer templateVersion, String fileName, String mediaType,
                                   String text, String restrictedSpans, String emphasis, String markup,
                                   String particulars, String actor) {
        var now = clock.instant();
        String sha = sha256(text);
        jdbc.sql("INSERT INTO contract_document (contract_id, doc_version, kind, contract_version, template_id, "
                        + "template_version, file_name, media_type, text_content, restricted_spans, emphasis_text, sha256,"
                        + " created_at, created_by, markup, particulars) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                        + " ?, ?)")
                .params(contractId, number, kind, contractVersion, templateId, templateVersion, fileName, mediaType,
                        text, restrictedSpans, emphasis, sha, DbTime.toDb(now), actor, markup, particulars).update();
        return new DocumentVersion(number, kind, contractVersion, templateId, templateVersion, fileName, sha, now, actor);
    }

    private static List<String> lines(String text) {
        return text == null || text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }

    static String sha256(String text) {
        return io.qiyue.shared.Hashes.sha256Hex(text);
    }

    public static final String DOCX = TextExtraction.DOCX;

    /** PDF or DOCX media type of uploaded content, recognised by the content; null for anything else. */
    public static String detect(byte[] content) {
        return TextExtraction.detect(content);
    }

    /**
     * Whether a PDF opens, as an uploaded version's must: one that does not is refused as
     * {@code qiyue.document.damaged} there, and wherever else a PDF is kept should say the same.
     */
    public static boolean readablePdf(byte[] content) {
        return TextExtraction.opens(content);
    }

    /** The number of the contract whose document this PDF is, when this system made it (empty for a scan). */
    public static Optional<String> madeForContract(byte[] pdf) {
        return TextExtraction.contractNumber(pdf);
    }

    public static String redlineHtml(Redline redline) {
        return Redlines.html(redline);
    }
}
