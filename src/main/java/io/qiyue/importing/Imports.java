package io.qiyue.importing;

import io.qiyue.contract.Contract;
import io.qiyue.contract.Contracts;
import io.qiyue.customer.Customers;
import io.qiyue.customer.OurEntities;
import io.qiyue.obligation.Receivables;
import io.qiyue.security.CurrentUsers;
import io.qiyue.security.Role;
import io.qiyue.security.RunAs;
import io.qiyue.security.UserAdministration;
import io.qiyue.shared.EntityChanged;
import io.qiyue.shared.ForbiddenException;
import io.qiyue.shared.Ids;
import io.qiyue.shared.persistence.TableStatistics;
import io.qiyue.shared.Instances;
import io.qiyue.shared.InvalidInputException;
import io.qiyue.shared.NotFoundException;
import io.qiyue.shared.QiyueException;
import io.qiyue.shared.ReadMemo;
import io.qiyue.shared.web.SpreadsheetText;
import io.qiyue.signing.Signings;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Import jobs: a file is checked row by row (a dry run stops there and writes nothing), then written in one
 * transaction through the customer and contract modules, so that a file is imported whole or not at all — also when
 * the process dies midway, since nothing commits before the last row. Progress is written beside, in short
 * transactions of its own, for the page that polls it. Jobs run one at a time in the background as their importer,
 * so the same data scopes, reviews and audit apply as for records made in the app.
 */
@Service
public class Imports {
    private static final Logger log = LoggerFactory.getLogger(Imports.class);
    /** A running job writes its heartbeat at least this often; one silent for longer belongs to a dead process. */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(10);
    /** From this many rows on, a successful import refreshes the database's statistics of the tables it wrote. */
    private static final int BULK_STATISTICS_ROWS = 1_000;
    private static final int PROGRESS_EVERY = 200;
    /** New legacy contracts written together: a few statements per module for each such group. */
    private static final int BULK_ROWS = 500;
    /**
     * Whether new legacy contracts are written one by one ({@link Contracts#importLegacy}, a ContractSaved and
     * ContractTransitioned each) rather than in bulk: the reference the bulk path is held to in the tests, which
     * import the same rows both ways and compare what was stored.
     */
    private volatile boolean oneByOne;
    private static final int MAX_REPORTED = 10_000;
    /** The most data rows a file may have, said on the import page and in the error of a file with more. */
    public static final int MAX_ROWS = TableReader.MAX_ROWS;

    private final ImportStore store;
    private final Customers customers;
    private final OurEntities ourEntities;
    private final Contracts contracts;
    private final UserAdministration users;
    private final Signings signings;
    private final Receivables receivables;
    private final RunAs runAs;
    private final TransactionTemplate tx;
    private final TransactionTemplate beside;
    private final MessageSource messages;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;
    private final Clock clock;
    private final Instances instances;
    private final TableStatistics statistics;
    private final jakarta.validation.Validator validator;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        var thread = new Thread(r, "qiyue-import");
        thread.setDaemon(true);
        return thread;
    });

    Imports(ImportStore store, Customers customers, OurEntities ourEntities, Contracts contracts,
            UserAdministration users, Signings signings, Receivables receivables, RunAs runAs,
            PlatformTransactionManager transactions, MessageSource messages, ApplicationEventPublisher events,
            JsonMapper json, Clock clock, Instances instances, TableStatistics statistics,
            jakarta.validation.Validator validator) {
        this.validator = validator;
        this.receivables = receivables;
        this.statistics = statistics;
        this.store = store;
        this.instances = instances;
        this.customers = customers;
        this.ourEntities = ourEntities;
        this.contracts = contracts;
        this.users = users;
        this.signings = signings;
        this.runAs = runAs;
        this.tx = new TransactionTemplate(transactions);
        this.beside = new TransactionTemplate(transactions);
        this.beside.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.messages = messages;
        this.events = events;
        this.json = json;
        this.clock = clock;
    }

    /** See {@link #oneByOne}; for the tests. */
    void writeOneByOne(boolean oneByOne) {
        this.oneByOne = oneByOne;
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    /** Whether the caller may import records of this kind: whoever may create them (their data scope applies per row). */
    public boolean mayImport(ImportKind kind) {
        return kind == ImportKind.CUSTOMERS ? customers.mayCreate() : contracts.mayCreate();
    }

    /** Whether the caller may import anything (the menu entry). */
    public boolean mayImportAny() {
        return CurrentUsers.current().isPresent() && (customers.mayCreate() || contracts.mayCreate());
    }

    /**
     * Takes a file and queues its job; the file's type (by its first bytes, not its name) is checked at once, the
     * rest in the background. {@code encoding} (CSV only) overrides the detection (UTF-8, else GB18030).
     */
    public ImportJob start(ImportKind kind, ImportMode mode, String fileName, InputStream content, String encoding) {
        var user = CurrentUsers.require();
        if (kind == null) {
            throw new InvalidInputException("kind", "qiyue.validation.required");
        }
        if (mode == null) {
            throw new InvalidInputException("mode", "qiyue.validation.required");
        }
        if (!mayImport(kind)) {
            throw new ForbiddenException("qiyue.problem.forbidden");
        }
        if (content == null) {
            throw new InvalidInputException("file", "qiyue.validation.required");
        }
        if (encoding != null && !encoding.isBlank() && TableReader.encoding(encoding) == null) {
            // a parameter of the request, answered by it, rather than a job that fails as the file is read
            throw new InvalidInputException("encoding", "qiyue.import.file.encoding-unknown", encoding.strip());
        }
        Path file;
        try {
            file = Files.createTempFile("qiyue-import-", ".upload");
            Files.copy(content, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            byte[] head;
            try (var in = Files.newInputStream(file)) {
                head = in.readNBytes(8192);
            }
            if (head.length == 0) {
                throw new UnreadableFileException("qiyue.import.file.empty");
            }
            var format = TableReader.format(fileName, head, encoding);
            if (kind == ImportKind.SCANS && format != TableReader.Format.ZIP) {
                throw new UnreadableFileException("qiyue.import.file.not-zip");
            }
            if (kind != ImportKind.SCANS && format == TableReader.Format.ZIP) {
                throw new UnreadableFileException("qiyue.import.file.type");
            }
        } catch (UnreadableFileException e) {
            delete(file);
            throw new InvalidInputException("file", e.code(), e.args().toArray());
        } catch (IOException e) {
            delete(file);
            throw new UncheckedIOException(e);
        }
        String id = Ids.newId();
        String name = fileName == null ? null : Path.of(fileName.replace('\\', '/')).getFileName().toString();
        String shortName = name == null ? null : name.length() > 255 ? name.substring(name.length() - 255) : name;
        store.insert(id, kind, mode, shortName, user.username(), clock.instant(), instances.self());
        Locale locale = LocaleContextHolder.getLocale();
        try {
            worker.submit(io.qiyue.shared.CarriedOrigin.carrying(
                    () -> run(id, user.username(), locale, kind, mode, shortName, file, encoding)));
        } catch (RuntimeException rejected) {
            delete(file);
            throw rejected;
        }
        return store.find(id).orElseThrow();
    }

    /** The columns of a template file for this kind, in Chinese as the templates name them. */
    public List<String> templateHeaders(ImportKind kind) {
        return Column.of(kind).stream().map(Column::header).toList();
    }

    /** An example row of the template, matching {@link #templateHeaders}. */
    public List<String> templateExample(ImportKind kind) {
        return kind == ImportKind.CUSTOMERS
                ? List.of("上海示例科技有限公司", "91310000MA1FL8XQ37", "", "企业", "A", "上海市浦东新区示例路 1 号", "张三", "软件",
                "", "李四", "13800138000", "lisi@example.com")
                : List.of("HT-2024-001", "客户服务合同", "年度运维服务合同", "91310000MA1FL8XQ37", "", "120000.00",
                "壹拾贰万元整", "2024/1/1", "2024年12月31日", "2023-12-20", "已到期", "", "",
                "银行转账", "2024-01-15 60000.00 首期款; 2024-07-15 60000.00 二期款", "120000.00", "2024-07-15", "10", "仲裁", "上海仲裁委员会", "",
                "系统巡检; 故障处理; 数据备份", "甲方办公系统的日常运维", "故障 4 小时内响应", "", "", "", "", "", "", "",
                "", "", "", "否", "");
    }

    /** The job with its problems (at most the first 10,000), for its importer or an administrator. */
    public ImportJob get(String id) {
        var job = visible(id);
        // only a job silent for long is written to: a reader never contends with a live worker's locks
        // (on MariaDB, the worker's problem rows lock the job row for their foreign key)
        Instant silentSince = clock.instant().minus(ABANDONED_AFTER);
        boolean silent = !job.status().finished() && store.heartbeat(id).isBefore(silentSince);
        // the instance that ran it is gone (killed, crashed): its transaction was rolled back with it
        boolean orphaned = !job.status().finished() && !silent
                && store.instance(id).filter(instance -> !instances.alive(instance)).isPresent();
        if (silent || orphaned) {
            Instant before = orphaned ? clock.instant() : silentSince;
            try {
                if (store.failIfAbandoned(id, before, Reason.of("qiyue.import.abandoned"), clock.instant())) {
                    job = store.find(id).orElseThrow();
                }
            } catch (org.springframework.dao.PessimisticLockingFailureException busy) {
                // the worker is writing after all: the job is alive, read it as it is
                job = store.find(id).orElseThrow();
            }
        }
        return new ImportJob(job.id(), job.kind(), job.mode(), job.status(), job.fileName(), job.processed(),
                job.total(), job.created(), job.updated(), job.skipped(), job.errorCount(), job.problem(),
                job.createdBy(), job.createdAt(), job.finishedAt(), store.problems(id, MAX_REPORTED));
    }

    /** The caller's latest jobs (an administrator's: everyone's), newest first, without their problems. */
    public List<ImportJob> recent(int limit) {
        var user = CurrentUsers.require();
        return store.recent(user.has(Role.ADMIN) ? null : user.username(), Math.max(1, Math.min(limit, 100)));
    }

    /**
     * The rows that failed, as a CSV file (UTF-8 with BOM, which Excel opens as such): the row number, the file's
     * own columns as it had them, and the reasons; for a ZIP of scans each failed entry's number and name. Cells that
     * a spreadsheet would run as formulas are quoted out.
     */
    public byte[] failedRowsCsv(String id) {
        var job = visible(id);
        var problems = store.problems(id, Integer.MAX_VALUE);
        var out = new StringBuilder("\uFEFF");
        if (job.kind() == ImportKind.SCANS) {
            // a ZIP has no rows to give back: each entry that failed, by its number and name, with the reason
            line(out, List.of(words("import.failed.row"), words("import.failed.entry"), words("import.failed.reason")));
            for (var p : problems) {
                line(out, List.of(String.valueOf(p.row()), p.column() == null ? "" : p.column(), p.message()));
            }
            wholeFile(out, job, problems, List.of("", ""));
            return out.toString().getBytes(StandardCharsets.UTF_8);
        }
        if (problems.isEmpty()) {
            line(out, List.of(words("import.failed.row"), words("import.failed.reason")));
            wholeFile(out, job, problems, List.of(""));
            return out.toString().getBytes(StandardCharsets.UTF_8);
        }
        var reasons = new java.util.TreeMap<Integer, List<String>>();
        for (var p : problems) {
            reasons.computeIfAbsent(p.row(), r -> new ArrayList<>())
                    .add(p.column() == null ? p.message() : p.column() + "：" + p.message());
        }
        var rows = store.failedRows(id);
        List<String> header = List.of();
        for (Object[] r : rows) {
            if ((Integer) r[0] == 1) {
                header = cells((String) r[1]);
            }
        }
        var head = new ArrayList<String>();
        head.add(words("import.failed.row"));
        head.addAll(header);
        // a row with more cells than the header (an unquoted comma) keeps them under a heading of their own, before
        // the reasons: they would otherwise stand under 原因 (outside tester); imported again, such a column is
        // refused until the row is corrected and the column removed
        int widest = header.size();
        for (Object[] r : rows) {
            if ((Integer) r[0] != 1) {
                widest = Math.max(widest, cells((String) r[1]).size());
            }
        }
        for (int i = header.size(); i < widest; i++) {
            head.add(words("import.failed.extra", i + 1));
        }
        head.add(words("import.failed.reason"));
        line(out, head);
        int listed = 0;
        for (Object[] r : rows) {
            int row = (Integer) r[0];
            if (row == 1 && job.kind() != null) {
                continue;
            }
            listed++;
            var cells = new ArrayList<String>();
            cells.add(String.valueOf(row));
            cells.addAll(cells((String) r[1]));
            while (cells.size() < head.size() - 1) {
                cells.add("");
            }
            cells.add(sentences(reasons.getOrDefault(row, List.of())));
            line(out, cells);
        }
        if (job.status() == ImportStatus.FAILED && job.mode().writes()) {
            // corrected and imported alone, these rows would be all that comes in (outside tester)
            var cells = new ArrayList<String>(java.util.Collections.nCopies(head.size() - 1, ""));
            cells.add(words("import.failed.nothing-imported", Math.max(0, job.total() - listed)));
            line(out, cells);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A row's reasons as one text: each is a sentence already ("…。" or "….") — "。；" read as a typo. */
    static String sentences(List<String> reasons) {
        var text = new StringBuilder();
        for (String reason : reasons) {
            if (!text.isEmpty() && !text.toString().endsWith("。")) {
                text.append(' ');
            }
            text.append(reason);
        }
        return text.toString();
    }

    /**
     * The reason a file failed as a whole (too many rows, a column missing, a ZIP refused), in a line of its own
     * after {@code blanks}: no row or entry is to blame, yet the file should say why nothing was imported.
     */
    private static void wholeFile(StringBuilder out, ImportJob job, List<ImportProblem> problems, List<String> blanks) {
        if (problems.isEmpty() && job.status() == ImportStatus.FAILED && job.problem() != null) {
            var cells = new ArrayList<>(blanks);
            cells.add(job.problem());
            line(out, cells);
        }
    }

    /**
     * A stored row's cells as the file had them. Read as a tree, not as the API's strings: those refuse a character
     * no document can carry, and such a character is what made some of these rows fail.
     */
    private List<String> cells(String cellsJson) {
        var cells = new ArrayList<String>();
        json.readTree(cellsJson).forEach(cell -> cells.add(cell.asString()));
        return cells;
    }

    private static void line(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            // such a character is removed rather than replaced: the reason column names it, and the corrected file
            // is imported again as it is, where a replacement mark (U+FFFD) would be taken for text of the cell
            out.append(SpreadsheetText.csvCell(io.qiyue.shared.Text.withoutUnrenderable(cells.get(i))));
        }
        out.append("\r\n");
    }

    private ImportJob visible(String id) {
        var user = CurrentUsers.require();
        return store.find(id).filter(j -> j.createdBy().equals(user.username()) || user.has(Role.ADMIN))
                .orElseThrow(() -> new NotFoundException("qiyue.problem.not-found", "import", id));
    }

    // --- the worker

    private void run(String id, String username, Locale locale, ImportKind kind, ImportMode mode, String fileName,
                     Path file, String encoding) {
        try {
            runAs.user(username, () -> {
                LocaleContextHolder.setLocale(locale);
                // contracts of one file name the same customers, our entity and templates over and over: each is
                // read once per file (a file of customers changes what it reads, so reads them as they are)
                try (var memo = kind == ImportKind.CONTRACTS ? ReadMemo.open() : null) {
                    execute(id, kind, mode, fileName, file, encoding);
                } finally {
                    LocaleContextHolder.resetLocaleContext();
                }
                return null;
            });
        } catch (RuntimeException | Error unexpected) {
            log.error("import {} failed", id, unexpected);
            beside.executeWithoutResult(s -> store.finish(id, ImportStatus.FAILED, 0, 0, ImportStore.Counts.NONE, 0,
                    Reason.of("qiyue.import.failed-unexpectedly"), clock.instant()));
        } finally {
            delete(file);
        }
    }

    private void execute(String id, ImportKind kind, ImportMode mode, String fileName, Path file, String encoding) {
        beside.executeWithoutResult(s -> store.progress(id, ImportStatus.RUNNING, 0, 0, clock.instant()));
        if (kind == ImportKind.SCANS) {
            executeScans(id, mode, fileName, file);
            return;
        }
        Table table;
        try {
            table = TableReader.read(file, fileName, encoding);
        } catch (UnreadableFileException e) {
            fail(id, 0, 0, Reason.of(e.code(), e.args().toArray()), List.of(), null);
            return;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        table = table.headerBelowTitles(header -> new Columns(kind, header).named());
        var columns = new Columns(kind, table.header());
        // the closing line of a failed-rows file, corrected and imported again, says why nothing was imported
        table = new Table(table.headerRow(), table.header(), table.rows().stream().filter(columns::carriesData).toList());
        int total = table.rows().size();
        var problems = new Problems(messages, kind, columns);
        var missing = columns.missing(kind, mode);
        if (!missing.isEmpty()) {
            fail(id, 0, total, Reason.of("qiyue.import.file.missing-columns",
                    new Reason.Listing(missing.stream().<Object>map(Column::header).toList())), List.of(), null);
            return;
        }
        // a header that is no column, or a column named twice, is an error of the header row: the file does not
        // match the template, and importing it would silently drop or pick among its data
        for (int position : columns.unknown()) {
            problems.add(table.headerRow(), columns.nameAt(position), Reason.of("qiyue.import.unknown-column", columns.nameAt(position),
                    position + 1));
        }
        int headerRow = table.headerRow();
        columns.repeated().forEach((position, first) -> problems.add(headerRow, columns.nameAt(position),
                Reason.of("qiyue.import.repeated-column", columns.nameAt(position), first + 1, position + 1)));
        // the first pass: every row checked, nothing written
        var plans = new ArrayList<RowPlan>(total);
        var customerRows = kind == ImportKind.CUSTOMERS ? new CustomerRows(customers, users, mode, columns, problems,
                validator) : null;
        var contractRows = kind == ImportKind.CONTRACTS ? new ContractRows(contracts, customers, users,
                signings, receivables, ourEntities.list(), mode, columns, problems) : null;
        if (contractRows != null) {
            contractRows.lookUpNumbers(table.rows());
        }
        int checked = 0;
        for (var row : table.rows()) {
            RowPlan plan;
            try {
                plan = customerRows != null ? customerRows.plan(row) : contractRows.plan(row);
            } catch (QiyueException refused) {
                problems.add(row.number(), null, Reason.of(refused.code(), refused.args().toArray()));
                plan = null;
            }
            problems.hintAtShiftedCells(row);
            if (plan != null) {
                plans.add(plan);
            }
            if (++checked % PROGRESS_EVERY == 0) {
                int done = checked;
                beside.executeWithoutResult(s -> store.progress(id, ImportStatus.RUNNING, done, total, clock.instant()));
            }
        }
        if (!problems.isEmpty()) {
            if (!mode.writes()) {
                // a dry run did its job: it found the problems
                conclude(id, ImportStatus.SUCCEEDED, total, total, counts(plans), null, problems.list(), table);
            } else {
                conclude(id, ImportStatus.FAILED, 0, total, ImportStore.Counts.NONE,
                        Reason.of("qiyue.import.rows-failed", problems.rows().size()), problems.list(), table);
            }
            return;
        }
        if (!mode.writes()) {
            beside.executeWithoutResult(s -> store.finish(id, ImportStatus.SUCCEEDED, total, total, counts(plans), 0,
                    null, clock.instant()));
            return;
        }
        write(id, kind, mode, fileName, plans, total, columns, table);
    }

    /** The second pass: every planned row written in one transaction, or none. */
    private void write(String id, ImportKind kind, ImportMode mode, String fileName, List<RowPlan> plans, int total,
                       Columns columns, Table table) {
        beside.executeWithoutResult(s -> store.progress(id, ImportStatus.RUNNING, 0, total, clock.instant()));
        var counts = counts(plans);
        int[] current = {0};
        try {
            tx.executeWithoutResult(status -> {
                statistics.planForTheRowsAsTheyGrow();
                int written = 0;
                var bulk = new ArrayList<RowPlan>(BULK_ROWS);
                for (var plan : plans) {
                    if (plan.legacy() != null && !oneByOne) {
                        bulk.add(plan);
                        if (bulk.size() == BULK_ROWS) {
                            written = progress(id, total, written, writeBulk(bulk, current, fileName));
                        }
                        continue;
                    }
                    if (plan.write() != null) {
                        // a row written alone keeps its place: the new contracts before it are written first
                        written = progress(id, total, written, writeBulk(bulk, current, fileName));
                        current[0] = plan.row();
                        Object stored = plan.write().get();
                        if (plan.received() != null && stored instanceof Contract contract) {
                            recordReceived(contract, plan, fileName);
                        }
                    }
                    written = progress(id, total, written, 1);
                }
                written = progress(id, total, written, writeBulk(bulk, current, fileName));
                audit(id, kind, mode, fileName, counts);
                store.finish(id, ImportStatus.SUCCEEDED, total, total, counts, 0, null, clock.instant());
            });
            if (total >= BULK_STATISTICS_ROWS) {
                if (kind == ImportKind.CONTRACTS) {
                    contracts.afterBulkImport();
                } else if (kind == ImportKind.CUSTOMERS) {
                    customers.afterBulkImport();
                }
            }
        } catch (QiyueException refused) {
            // a row that passed the check was refused at its write (e.g. someone else took its number meanwhile)
            var problem = new Refusal(current[0], null, Reason.of(refused.code(), refused.args().toArray()));
            var violations = refused instanceof InvalidInputException invalid ? invalid.violations() : List.<io.qiyue.shared.FieldViolation>of();
            var rowProblems = new ArrayList<Refusal>();
            if (violations.isEmpty()) {
                rowProblems.add(problem);
            } else {
                violations.forEach(v -> rowProblems.add(new Refusal(current[0],
                        columns == null ? null : columns.nameOfField(kind, v.field()), Reason.of(v.code(), v.args().toArray()))));
            }
            fail(id, 0, total, Reason.of("qiyue.import.rows-failed", 1), rowProblems, table);
        }
    }

    /**
     * The new legacy contracts gathered so far, written together (their numbers, versions, documents, reviews,
     * obligations, audit entries and search changes in a few statements for the lot); how many, the list emptied.
     * A refusal names the row it is about in {@code current}.
     */
    private int writeBulk(List<RowPlan> bulk, int[] current, String fileName) {
        if (bulk.isEmpty()) {
            return 0;
        }
        var created = contracts.importLegacyAll(bulk.stream().map(RowPlan::legacy).toList(),
                i -> current[0] = bulk.get(i).row());
        for (int i = 0; i < bulk.size(); i++) {
            if (bulk.get(i).received() != null) {
                current[0] = bulk.get(i).row();
                recordReceived(created.get(i), bulk.get(i), fileName);
            }
        }
        int written = bulk.size();
        bulk.clear();
        return written;
    }

    /** A new legacy contract's 已收金额, over its instalments oldest first (see Receivables), noting where it came from. */
    private void recordReceived(Contract contract, RowPlan plan, String fileName) {
        var received = plan.received();
        receivables.recordBeforeImport(contract.id(), received.on(), received.amount(), received.method(),
                "历史合同导入时已收（" + (fileName == null ? "" : fileName.strip()) + " 第 " + plan.row() + " 行）");
    }

    /** Adds {@code more} to the rows written and tells the page when another {@link #PROGRESS_EVERY} are done. */
    private int progress(String id, int total, int written, int more) {
        int done = written + more;
        if (done / PROGRESS_EVERY > written / PROGRESS_EVERY) {
            beside.executeWithoutResult(s -> store.progress(id, ImportStatus.RUNNING, done, total, clock.instant()));
        }
        return done;
    }

    /** A ZIP of scans: every entry checked (a dry run stops there), then every scan attached in one transaction. */
    private void executeScans(String id, ImportMode mode, String fileName, Path file) {
        List<ScanArchive.Entry> entries;
        try {
            entries = ScanArchive.entries(file);
        } catch (UnreadableFileException e) {
            fail(id, 0, 0, Reason.of(e.code(), e.args().toArray()), List.of(), null);
            return;
        }
        int total = entries.size();
        var problems = new Problems(messages, ImportKind.SCANS, new Columns(ImportKind.SCANS, List.of()));
        var plans = new ArrayList<RowPlan>();
        var seen = new java.util.HashMap<String, String>();
        for (var entry : entries) {
            var plan = ScanArchive.plan(entry, file, contracts, signings, problems, seen);
            if (plan != null) {
                plans.add(plan);
            }
        }
        if (!problems.isEmpty()) {
            if (!mode.writes()) {
                conclude(id, ImportStatus.SUCCEEDED, total, total, counts(plans), null, problems.list(), null);
            } else {
                conclude(id, ImportStatus.FAILED, 0, total, ImportStore.Counts.NONE,
                        Reason.of("qiyue.import.rows-failed", problems.rows().size()), problems.list(), null);
            }
            return;
        }
        if (!mode.writes()) {
            conclude(id, ImportStatus.SUCCEEDED, total, total, counts(plans), null, List.of(), null);
            return;
        }
        write(id, ImportKind.SCANS, mode, fileName, plans, total, null, null);
    }

    private static ImportStore.Counts counts(List<RowPlan> plans) {
        int created = 0;
        int updated = 0;
        int skipped = 0;
        for (var p : plans) {
            switch (p.outcome()) {
                case CREATE -> created++;
                case UPDATE -> updated++;
                case SKIP -> skipped++;
            }
        }
        return new ImportStore.Counts(created, updated, skipped);
    }

    private void fail(String id, int processed, int total, Reason problem, List<Refusal> problems, Table table) {
        conclude(id, ImportStatus.FAILED, processed, total, ImportStore.Counts.NONE, problem, problems, table);
    }

    private void conclude(String id, ImportStatus status, int processed, int total, ImportStore.Counts counts,
                          Reason problem, List<Refusal> problems, Table table) {
        beside.executeWithoutResult(s -> {
            var reported = problems.size() > MAX_REPORTED ? problems.subList(0, MAX_REPORTED) : problems;
            store.insertProblems(id, reported);
            if (table != null) {
                store.insertFailedRow(id, 1, json.writeValueAsString(table.header()));
                var failed = new java.util.TreeSet<Integer>();
                reported.forEach(p -> failed.add(p.row()));
                for (var row : table.rows()) {
                    if (failed.contains(row.number()) && row.number() != 1) {
                        store.insertFailedRow(id, row.number(), json.writeValueAsString(row.cells()));
                    }
                }
            }
            store.finish(id, status, processed, total, counts, problems.size(), problem, clock.instant());
        });
    }

    private void audit(String id, ImportKind kind, ImportMode mode, String fileName, ImportStore.Counts counts) {
        events.publishEvent(new EntityChanged("IMPORT", id, EntityChanged.Action.CREATE, CurrentUsers.actorName(),
                clock.instant(), List.of(new EntityChanged.Change("kind", null, kind.name()),
                new EntityChanged.Change("mode", null, mode.name()),
                new EntityChanged.Change("fileName", null, fileName),
                new EntityChanged.Change("created", null, String.valueOf(counts.created())),
                new EntityChanged.Change("updated", null, String.valueOf(counts.updated())),
                new EntityChanged.Change("skipped", null, String.valueOf(counts.skipped())))));
    }

    private String words(String code, Object... args) {
        return messages.getMessage(code, args, code, LocaleContextHolder.getLocale());
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temporary file: the system's clean-up takes it
        }
    }
}
