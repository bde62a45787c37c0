package io.qiyue.importing;

import io.qiyue.contract.Contract;
import io.qiyue.contract.ContractInput;
import io.qiyue.contract.ContractStatus;
import io.qiyue.contract.ContractTerms;
import io.qiyue.contract.ContractType;
import io.qiyue.contract.Contracts;
import io.qiyue.contract.Terms;
import io.qiyue.contract.LegacyContract;
import io.qiyue.customer.CreditCode;
import io.qiyue.customer.Customers;
import io.qiyue.customer.OurEntity;
import io.qiyue.obligation.Receivables;
import io.qiyue.security.UserAdministration;
import io.qiyue.shared.Money;
import io.qiyue.shared.Text;
import io.qiyue.template.ChineseAmounts;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks the rows of a file of legacy contracts and plans their writes through {@link Contracts}; natural key: the
 * contract number the file gives (a row without one is always new and gets a number of this system).
 */
final class ContractRows {
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    /**
     * ContractInput's limit, checked here to say it as a limit: the bean's message of its {@code @Size(max = 200)}
     * reads "between 0 and 200", though a title is required.
     */
    private static final int TITLE_MAX = 200;

    private final Contracts contracts;
    private final Customers customers;
    private final UserAdministration users;
    private final io.qiyue.signing.Signings signings;
    private final Receivables receivables;
    private final List<OurEntity> ourEntities;
    private final ImportMode mode;
    private final Columns columns;
    private final Problems problems;
    private final TermCells termCells;
    private final Map<String, Integer> numbersSeen = new HashMap<>();
    /** Rows without a number, by customer, type, title and term. */
    private final Map<String, Integer> alikeSeen = new HashMap<>();
    private final Map<String, String> customerIds = new HashMap<>();
    private final Map<String, List<String>> named = new HashMap<>();
    private final LocalDate today = LocalDate.now(CHINA);
    /** The file's numbers that exist already, read for the whole file at once by {@link #lookUpNumbers}. */
    private Map<String, Contract> existingByNumber;

    ContractRows(Contracts contracts, Customers customers, UserAdministration users, io.qiyue.signing.Signings signings,
                 Receivables receivables, List<OurEntity> ourEntities, ImportMode mode, Columns columns,
                 Problems problems) {
        this.receivables = receivables;
        this.contracts = contracts;
        this.customers = customers;
        this.users = users;
        this.signings = signings;
        this.ourEntities = ourEntities;
        this.mode = mode;
        this.columns = columns;
        this.problems = problems;
        this.termCells = new TermCells(columns, problems);
    }

    /** Reads which of the file's contract numbers exist, for all rows at once (before {@link #plan}). */
    void lookUpNumbers(List<Table.Row> rows) {
        // with each number in upper case too: qy-nda-2026-000001 is Qiyue's QY-NDA-2026-000001 typed by hand
        existingByNumber = contracts.internalByNumbers(rows.stream().map(r -> columns.value(r, Column.NUMBER))
                .filter(n -> !n.isEmpty()).flatMap(n -> java.util.stream.Stream.of(n, upper(n), lower(n))).distinct()
                .toList());
    }

    /**
     * A cell as the row gives it ({@code read}), or, for a contract stored and updated ({@code kept}), what is stored
     * when the cell is blank.
     */
    private <T> T keptOr(Contract kept, Table.Row row, Column column, java.util.function.Function<Contract, T> stored,
                         java.util.function.Function<String, T> read) {
        String text = columns.value(row, column);
        return kept != null && text.isEmpty() ? stored.apply(kept) : read.apply(text);
    }

    private static String upper(String number) {
        return number.strip().toUpperCase(java.util.Locale.ROOT);
    }

    private static String lower(String number) {
        return number.strip().toLowerCase(java.util.Locale.ROOT);
    }

    /** A number in Qiyue's own format (QY-SVC-2026-000001), however it was typed. */
    private static boolean ownFormat(String number) {
        return upper(number).startsWith("QY-");
    }

    RowPlan plan(Table.Row row) {
        int n = row.number();
        problems.checkCells(row);
        String number = columns.value(row, Column.NUMBER);
        if (!number.isEmpty()) {
            Integer first = numbersSeen.putIfAbsent(upper(number), n);
            if (first != null) {
                problems.add(n, Column.NUMBER, "qiyue.import.duplicate-in-file", first);
            }
        }
        Contract found = number.isEmpty() ? null : existingByNumber != null
                ? java.util.stream.Stream.of(number.strip(), upper(number), lower(number)).map(existingByNumber::get)
                .filter(java.util.Objects::nonNull).findFirst().orElse(null)
                : contracts.internalByNumber(number).or(() -> contracts.internalByNumber(upper(number)))
                .or(() -> contracts.internalByNumber(lower(number))).orElse(null);
        if (found != null && !contracts.mayRead(found)) {
            // numbers are unique across the company, so the row cannot be made; but neither skipped as if the caller's
            // contract were there, nor filled from, compared with or told about a contract they may not read
            problems.add(n, Column.NUMBER, "qiyue.import.number-out-of-scope");
            return null;
        }
        // in update mode a blank cell of a stored contract keeps what is stored (a file of 合同编号 and 负责人
        // reassigns contracts); a blank cell of a contract to be made is missing
        Contract kept = mode.updates() ? found : null;
        ContractType type = keptOr(kept, row, Column.TYPE, Contract::type, text -> type(text, n));
        String title = keptOr(kept, row, Column.TITLE, Contract::title, text -> text);
        if (title.isEmpty()) {
            problems.add(n, Column.TITLE, "qiyue.validation.required");
        } else if (title.length() > TITLE_MAX) {
            problems.add(n, Column.TITLE, "qiyue.import.too-long", TITLE_MAX);
        }
        String customerId = keptOr(kept, row, Column.CUSTOMER, Contract::customerId, text -> customer(text, n));
        String ourEntityId = keptOr(kept, row, Column.OUR_ENTITY, Contract::ourEntityId, text -> ourEntity(text, n));
        BigDecimal amount = amount(row, n);
        LocalDate start = date(row, Column.START_DATE, n);
        LocalDate end = date(row, Column.END_DATE, n);
        if (kept != null) {
            start = start == null ? kept.startDate() : start;
            end = end == null ? kept.endDate() : end;
            amount = amount == null && columns.value(row, Column.AMOUNT).isEmpty() && kept.amount() != null
                    ? kept.amount().scaled() : amount;
        }
        LocalDate signedOn = date(row, Column.SIGNED_ON, n);
        LocalDate from = start;
        LocalDate to = end;
        ContractStatus status = keptOr(kept, row, Column.STATUS, Contract::status, text -> status(text, from, to, n));
        if (signedOn != null) {
            // a signing day is a fact of the past, of a contract that was signed, before it ended
            if (status == ContractStatus.DRAFT) {
                problems.add(n, Column.SIGNED_ON, "qiyue.import.signed-on-draft");
            } else if (signedOn.isAfter(today)) {
                problems.add(n, Column.SIGNED_ON, "qiyue.import.signed-on-future");
            } else if (end != null && signedOn.isAfter(end)) {
                problems.add(n, Column.SIGNED_ON, "qiyue.import.signed-on-after-end", end);
            }
        }
        String owner = user(row, Column.CONTRACT_OWNER, n);
        String creator = user(row, Column.CREATOR, n);
        // the 签订日期 the file gives is the one the contract's document prints (outside tester: a signed legacy
        // contract printed 签订日期 blank, the file's date shown nowhere)
        ContractTerms read = termCells.read(row, type, amount, n);
        ContractTerms terms = read == null ? null : read.signedOnWhenUnstated(signedOn);
        RowPlan.Received received = received(row, n, status, terms);
        Boolean autoRenew = yesNo(row, Column.AUTO_RENEW, n);
        Integer renewalNoticeDays = renewalNoticeDays(row, n);
        var input = new ContractInput(type, title, customerId, ourEntityId, owner,
                amount == null ? null : Money.cny(amount), start, end, Boolean.TRUE.equals(autoRenew), renewalNoticeDays,
                terms);
        // Qiyue's own numbers are one whatever the case they were typed in: kept in capitals, so that
        // qy-svc-2026-000100 and QY-SVC-2026-000100 cannot both be made (outside tester); a file's own numbers as
        // they are written
        var legacy = new LegacyContract(input, number.isEmpty() ? null : ownFormat(number) ? upper(number)
                : number.strip(), status, creator,
                signedOn == null ? null : signedOn.atStartOfDay(CHINA).toInstant(), signedOn);
        if (number.isEmpty() && !problems.has(n)) {
            // a row without a number has no natural key of its own: the same customer, type, title and term is the
            // contract it made when the file ran before (outside tester: every re-run made the row again)
            String alike = customerId + "\n" + type + "\n" + title + "\n" + start + "\n" + end;
            Integer first = alikeSeen.putIfAbsent(alike, n);
            if (first != null) {
                problems.add(n, Column.TITLE, "qiyue.import.duplicate-row-in-file", first);
                return null;
            }
            // one outside the caller's scope is not theirs to skip or update: theirs will be made beside it
            found = contracts.internalAlike(customerId, type, title, start, end).filter(contracts::mayRead)
                    .orElse(null);
        }
        Contract existing = found;
        if (problems.has(n)) {
            // the checks of a new contract that need none of the cells that failed are still made, so that a row's
            // problems are reported at once rather than one correction at a time (an existing contract's checks
            // compare it with the row as a whole: they wait for a row that reads)
            if (existing == null) {
                if (status != null) {
                    contradiction(status, start, end, n);
                }
                contracts.importProblems(legacy).forEach(v -> problems.addBeside(n, v));
            }
            return null;
        }
        if (existing != null) {
            if (!mode.updates()) {
                return new RowPlan(n, RowPlan.Outcome.SKIP, null);
            }
            if (!contracts.mayChange(existing)) {
                problems.add(n, Column.NUMBER, "qiyue.import.not-yours");
                return null;
            }
            // the cells say less than the stored terms may hold (an item's 标准, an instalment's milestone): what
            // the file cannot express keeps what is stored rather than being lost to a re-parse of the cells; and so
            // do the contract's own fields a row leaves blank, and those no column carries (renewal)
            var update = new LegacyContract(new ContractInput(type, title, customerId,
                    columns.value(row, Column.OUR_ENTITY).isEmpty() ? existing.ourEntityId() : ourEntityId,
                    owner == null ? existing.owner() : owner,
                    input.amount() == null ? existing.amount() : input.amount(),
                    start == null ? existing.startDate() : start, end == null ? existing.endDate() : end,
                    autoRenew == null ? existing.autoRenew() : autoRenew,
                    renewalNoticeDays == null ? existing.renewalNoticeDays() : renewalNoticeDays,
                    StoredTerms.merge(existing.terms(), terms)),
                    legacy.number(), status, creator, legacy.createdAt(), signedOn);
            // what the first import recorded as paid before it, which a row may repeat but not change
            BigDecimal recorded = received == null ? null : receivables.receivedBeforeImport(existing.id());
            var recordedOn = received == null ? java.util.Optional.<LocalDate>empty()
                    : receivables.lastReceivedBeforeImport(existing.id());
            boolean sameAmountReceived = received == null || recorded.compareTo(received.amount().scaled()) == 0;
            boolean sameDayReceived = received == null || recordedOn.map(day -> day.equals(received.on())).orElse(true);
            // a row that repeats the contract is skipped whatever its state: a file exported from Qiyue comes back
            // in unchanged even with signed contracts in it (outside tester)
            if (existing.type() == type && existing.status() == status && !contracts.importChanges(existing, update)
                    && sameAmountReceived && sameDayReceived) {
                return new RowPlan(n, RowPlan.Outcome.SKIP, null);
            }
            // a legacy contract the files alone have made may be corrected by a file; one that went through
            // Qiyue's approval or signing, or has its signed text attached, changes only as over the API (by an
            // amendment), never silently under a signature
            if (existing.status() != ContractStatus.DRAFT && (!contracts.changedOnlyByImports(existing.id())
                    || signings.hasSigningRecord(existing.id()))) {
                problems.add(n, Column.NUMBER, "qiyue.import.past-draft",
                        Reason.label("enum.ContractStatus." + existing.status().name()));
                return null;
            }
            if (existing.type() != type) {
                problems.add(n, Column.TYPE, "qiyue.contract.type-immutable");
            }
            if (existing.status() != status) {
                problems.add(n, Column.STATUS, "qiyue.import.status-unchanged");
            } else if (existing.status() == ContractStatus.EXPIRED
                    && !java.util.Objects.equals(update.input().endDate(), existing.endDate())) {
                // an expired contract given an end still to come would stay expired: nothing moves it back (one in
                // force given an end already past is ended by the calendar within the hour, as any other)
                contradiction(status, update.input().startDate(), update.input().endDate(), n);
            }
            // past its draft a contract's instalments are its receivables (planned, paid, invoiced): they change on
            // the receivables page, where what was paid is kept, never under it from a file
            if (existing.status() != ContractStatus.DRAFT && !columns.value(row, Column.PAYMENT_SCHEDULE).isEmpty()
                    && !sameSchedule(existing.terms(), terms)) {
                problems.add(n, Column.PAYMENT_SCHEDULE, "qiyue.import.schedule-signed");
            }
            // the money received since is Qiyue's to record (receipts, reversals): a file may repeat the figure it
            // came with, not change it
            if (!sameAmountReceived) {
                problems.add(n, Column.RECEIVED, "qiyue.import.received-update", Money.written(recorded));
            } else if (!sameDayReceived) {
                problems.add(n, Column.RECEIVED_ON, "qiyue.import.received-on-update", recordedOn.get());
            }
            if (problems.has(n)) {
                return null;
            }
            contracts.importUpdateProblems(existing, update).forEach(v -> problems.add(n, v));
            return problems.has(n) ? null : new RowPlan(n, RowPlan.Outcome.UPDATE,
                    () -> contracts.importUpdate(existing.id(), existing.version(), update));
        }
        // only for a contract to be made: a file imported last year, run again, still skips what it made even
        // though time has since moved those contracts on
        contradiction(status, start, end, n);
        contracts.importProblems(legacy).forEach(v -> problems.add(n, v));
        return problems.has(n) ? null : new RowPlan(n, RowPlan.Outcome.CREATE, () -> contracts.importLegacy(legacy),
                legacy, received);
    }

    /** 收款日期, checked: given, a date, not in the future (null with the problem recorded). */
    private LocalDate receivedOn(Table.Row row, int n, String onText) {
        LocalDate on = date(row, Column.RECEIVED_ON, n);
        if (onText.isEmpty()) {
            problems.add(n, Column.RECEIVED_ON, "qiyue.import.received-on-required");
        } else if (on != null && on.isAfter(today)) {
            problems.add(n, Column.RECEIVED_ON, "qiyue.receivable.received-in-future");
            return null;
        }
        return on;
    }

    /** The instalments' days, amounts and descriptions of the two terms are the same (amounts by value, 1 = 1.00). */
    private static boolean sameSchedule(ContractTerms stored, ContractTerms given) {
        return scheduleOf(stored).equals(scheduleOf(given));
    }

    private static List<String> scheduleOf(ContractTerms terms) {
        if (terms == null || terms.payment() == null || terms.payment().schedule() == null) {
            return List.of();
        }
        return terms.payment().schedule().stream().filter(java.util.Objects::nonNull)
                .map(i -> i.dueDate() + "|" + (i.amount() == null ? null : i.amount().scaled().toPlainString()) + "|"
                        + (i.description() == null ? "" : i.description().strip()))
                .toList();
    }

    /**
     * What the file says the customer had paid before the contract came to Qiyue (已收金额, 收款日期), checked as a
     * receipt is checked: by someone who may record receipts, on a contract past its draft, within its payment plan
     * (the instalments it is paid over, oldest first), on a day not in the future. Null when nothing was paid.
     */
    private RowPlan.Received received(Table.Row row, int n, ContractStatus status, ContractTerms terms) {
        String text = columns.value(row, Column.RECEIVED);
        String onText = columns.value(row, Column.RECEIVED_ON);
        BigDecimal amount = ImportValues.amount(text);
        if (!text.isEmpty() && amount == null) {
            problems.add(n, Column.RECEIVED, "qiyue.import.bad-amount", text);
            receivedOn(row, n, onText);
            return null;
        }
        if (amount == null || amount.signum() == 0) {
            if (!onText.isEmpty()) {
                problems.add(n, Column.RECEIVED_ON, "qiyue.import.received-on-alone");
            }
            return null;
        }
        if (!receivables.mayWrite()) {
            problems.add(n, Column.RECEIVED, "qiyue.import.received-forbidden");
            return null;
        }
        if (status == ContractStatus.DRAFT) {
            problems.add(n, Column.RECEIVED, "qiyue.import.received-draft");
        }
        var payment = terms == null ? null : terms.payment();
        BigDecimal planned = BigDecimal.ZERO;
        if (payment != null && payment.schedule() != null && !payment.withoutConsideration()) {
            for (var instalment : payment.schedule()) {
                if (instalment != null && instalment.amount() != null) {
                    planned = planned.add(instalment.amount().scaled());
                }
            }
        }
        if (planned.signum() == 0) {
            problems.add(n, Column.RECEIVED, "qiyue.import.received-no-plan");
        } else if (amount.compareTo(planned) > 0) {
            problems.add(n, Column.RECEIVED, "qiyue.import.received-exceeds-plan", Money.written(amount),
                    Money.written(planned));
        }
        LocalDate on = receivedOn(row, n, onText);
        if (on == null) {
            return null;
        }
        var method = payment != null && payment.method() != null ? payment.method() : Terms.PaymentMethod.OTHER;
        return new RowPlan.Received(Money.cny(amount), on, method);
    }

    private ContractType type(String text, int n) {
        if (text.isEmpty()) {
            problems.add(n, Column.TYPE, "qiyue.validation.required");
            return null;
        }
        String t = text.strip();
        for (ContractType type : ContractType.values()) {
            if (t.equals(type.nameZh()) || t.equalsIgnoreCase(type.nameEn()) || t.equalsIgnoreCase(type.name())
                    || t.equalsIgnoreCase(type.code()) || type.nameZh().equals("客户" + t)) {
                return type;
            }
        }
        // what a legacy sheet calls them (the clause library's own categories say 维护合同, 咨询合同)
        String core = t.startsWith("客户") ? t.substring(2) : t;
        ContractType named = TYPE_NAMES.get(core);
        if (named != null) {
            return named;
        }
        // the names a file writes (Chinese whatever the reader's language), listed as the reader's language lists
        problems.add(n, Column.TYPE, "qiyue.import.unknown-type", t, new Reason.Listing(
                java.util.Arrays.stream(ContractType.values()).<Object>map(ContractType::nameZh).toList()));
        return null;
    }

    /** Other names of the types in Chinese sheets. */
    private static final java.util.Map<String, ContractType> TYPE_NAMES = java.util.Map.ofEntries(
            java.util.Map.entry("服务协议", ContractType.SERVICE),
            java.util.Map.entry("技术服务合同", ContractType.SERVICE),
            java.util.Map.entry("保密合同", ContractType.CONFIDENTIALITY),
            java.util.Map.entry("维护合同", ContractType.MAINTENANCE),
            java.util.Map.entry("维保合同", ContractType.MAINTENANCE),
            java.util.Map.entry("维保协议", ContractType.MAINTENANCE),
            java.util.Map.entry("运维合同", ContractType.MAINTENANCE),
            java.util.Map.entry("运维协议", ContractType.MAINTENANCE),
            java.util.Map.entry("咨询合同", ContractType.CONSULTING),
            java.util.Map.entry("咨询服务合同", ContractType.CONSULTING),
            java.util.Map.entry("信息共享合同", ContractType.INFO_SHARING),
            java.util.Map.entry("数据共享协议", ContractType.INFO_SHARING));

    /**
     * No customer goes by the cell: a credit code with a wrong character is told as such, not as a customer that is
     * not there (outside tester).
     */
    private void unknownCustomer(String text, int n) {
        String code = CreditCode.normalise(ImportValues.halfWidth(text));
        var problem = code.matches("[0-9A-Z]{18}") ? CreditCode.check(code) : null;
        if (problem != null) {
            problems.add(n, Column.CUSTOMER, "qiyue.customer.credit-code." + problem);
        } else {
            problems.add(n, Column.CUSTOMER, "qiyue.import.unknown-customer", text);
        }
    }

    /** By credit code (18 characters) or exact name, among the customers the importer may read. */
    private String customer(String text, int n) {
        if (text.isEmpty()) {
            problems.add(n, Column.CUSTOMER, "qiyue.validation.required");
            return null;
        }
        if (customerIds.containsKey(text)) {
            String id = customerIds.get(text);
            if (id == null) {
                unknownCustomer(text, n);
            }
            return id;
        }
        String id = null;
        String code = CreditCode.normalise(ImportValues.halfWidth(text));
        if (code.length() == 18 && CreditCode.check(code) == null) {
            id = customers.existingByCreditCode(code).filter(Customers.Existing::readable).map(Customers.Existing::id)
                    .orElse(null);
        }
        if (id == null) {
            var ids = customers.visibleIdsByExactName(text);
            // a name typed with the other brackets: 北京(朝阳)… for the stored 北京（朝阳）… (outside tester)
            for (String otherBrackets : List.of(fullWidthBrackets(text), Text.halfWidthBrackets(text))) {
                if (ids.isEmpty() && !otherBrackets.equals(text)) {
                    ids = customers.visibleIdsByExactName(otherBrackets);
                }
            }
            if (ids.size() > 1) {
                problems.add(n, Column.CUSTOMER, "qiyue.import.ambiguous-customer", text, ids.size());
                return null;
            }
            id = ids.isEmpty() ? null : ids.getFirst();
        }
        customerIds.put(text, id);
        if (id == null) {
            unknownCustomer(text, n);
        }
        return id;
    }

    /** 是/否 (also Y/N, yes/no, true/false, 1/0); null for a blank cell, a problem for anything else. */
    private Boolean yesNo(Table.Row row, Column column, int n) {
        String text = ImportValues.halfWidth(columns.value(row, column)).strip().toLowerCase(java.util.Locale.ROOT);
        if (text.isEmpty()) {
            return null;
        }
        if (List.of("是", "y", "yes", "true", "1", "√", "自动续期").contains(text)) {
            return true;
        }
        if (List.of("否", "n", "no", "false", "0", "×", "不续期").contains(text)) {
            return false;
        }
        problems.add(n, column, "qiyue.import.bad-yes-no", columns.value(row, column));
        return null;
    }

    /** Days before the end by which a notice of non-renewal is due: 1 to 365, or blank. */
    private Integer renewalNoticeDays(Table.Row row, int n) {
        String text = ImportValues.halfWidth(columns.value(row, Column.RENEWAL_NOTICE_DAYS)).strip();
        if (text.isEmpty()) {
            return null;
        }
        Integer days = ImportValues.whole(text.replace("天", "").replace("日", "").strip(), 1, 365);
        if (days == null) {
            problems.add(n, Column.RENEWAL_NOTICE_DAYS, "qiyue.import.bad-whole-number", text, 1, 365);
        }
        return days;
    }

    private static String fullWidthBrackets(String name) {
        return name.replace('(', '（').replace(')', '）');
    }

    /** By name or credit code; a blank cell means our only entity when there is just one. */
    private String ourEntity(String text, int n) {
        if (text.isEmpty()) {
            if (ourEntities.size() == 1) {
                return ourEntities.getFirst().id();
            }
            problems.add(n, Column.OUR_ENTITY, "qiyue.validation.required");
            return null;
        }
        for (OurEntity entity : ourEntities) {
            if (Text.halfWidthBrackets(text).equals(Text.halfWidthBrackets(entity.name()))
                    || text.equalsIgnoreCase(String.valueOf(entity.creditCode()))) {
                return entity.id();
            }
        }
        problems.add(n, Column.OUR_ENTITY, "qiyue.import.unknown-our-entity", text);
        return null;
    }

    private BigDecimal amount(Table.Row row, int n) {
        String text = columns.value(row, Column.AMOUNT);
        BigDecimal amount = ImportValues.amount(text);
        if (!text.isEmpty() && amount == null) {
            problems.add(n, Column.AMOUNT, "qiyue.import.bad-amount", text);
            return null;
        }
        String words = columns.value(row, Column.AMOUNT_IN_WORDS);
        if (!words.isEmpty()) {
            try {
                BigDecimal spoken = ChineseAmounts.parse(withoutCurrency(words));
                if (amount == null || spoken.compareTo(amount) != 0) {
                    problems.add(n, Column.AMOUNT_IN_WORDS, "qiyue.import.amount-words-mismatch", words,
                            amount == null ? "-" : Money.written(amount));
                }
            } catch (IllegalArgumentException e) {
                problems.add(n, Column.AMOUNT_IN_WORDS, "qiyue.import.bad-amount-words", words);
            }
        }
        return amount;
    }

    /**
     * 金额大写 after the currency as Qiyue's own documents print it ("人民币壹拾贰万元整") and as contracts write it:
     * 人民币（大写）：, ¥, RMB before it, with or without a colon.
     */
    static String withoutCurrency(String words) {
        return CURRENCY.matcher(ImportValues.halfWidth(words).strip()).replaceFirst("").strip();
    }

    private static final java.util.regex.Pattern CURRENCY = java.util.regex.Pattern.compile(
            "^(人民币|RMB|CNY|[¥￥])\\s*([(（]大写[)）])?\\s*:?", java.util.regex.Pattern.CASE_INSENSITIVE);

    private LocalDate date(Table.Row row, Column column, int n) {
        String text = columns.value(row, column);
        LocalDate date = ImportValues.date(text);
        if (!text.isEmpty() && date == null) {
            problems.add(n, column, "qiyue.import.bad-date", text);
        }
        return date;
    }

    /** The file's state; a blank cell reads it from the dates: ended → expired, begun → in force, else signed. */
    private ContractStatus status(String text, LocalDate start, LocalDate end, int n) {
        if (text.isEmpty()) {
            if (end != null && end.isBefore(today)) {
                return ContractStatus.EXPIRED;
            }
            return start != null && !start.isAfter(today) ? ContractStatus.ACTIVE : ContractStatus.SIGNED;
        }
        String t = text.strip();
        ContractStatus status = switch (t.toUpperCase(Locale.ROOT)) {
            case "草稿", "DRAFT" -> ContractStatus.DRAFT;
            case "已签署", "已签订", "已签约", "SIGNED" -> ContractStatus.SIGNED;
            case "履行中", "生效", "已生效", "执行中", "ACTIVE" -> ContractStatus.ACTIVE;
            case "已到期", "到期", "已过期", "EXPIRED" -> ContractStatus.EXPIRED;
            default -> null;
        };
        if (status == null) {
            problems.add(n, Column.STATUS, "qiyue.import.unknown-status", t);
        }
        return status;
    }

    /**
     * A state the file gives that its own dates deny, as the lifecycle reads them ({@code ContractCalendar}: signed
     * contracts are in force from their start date and expired after their end date). Such a row is refused rather
     * than stored: an expired contract that is still running would never be reminded of, and the calendar would
     * move a signed one that has begun, or an active one that has ended, the night after the import.
     */
    private String contradiction(ContractStatus status, LocalDate start, LocalDate end) {
        if (start != null && end != null && end.isBefore(start)) {
            // dates in the wrong order are refused as such: a state read from them said the opposite of the fix
            // (outside tester: "状态应为已到期" beside "结束日期不能早于开始日期")
            return null;
        }
        boolean ended = end != null && end.isBefore(today);
        boolean begun = start != null && !start.isAfter(today);
        return switch (status) {
            case SIGNED -> ended ? "qiyue.import.status-ended" : begun ? "qiyue.import.status-begun" : null;
            case ACTIVE -> ended ? "qiyue.import.status-ended"
                    : start != null && !begun ? "qiyue.import.status-not-begun" : null;
            case EXPIRED -> end != null && !ended ? "qiyue.import.status-not-ended" : null;
            default -> null;
        };
    }

    /** The {@link #contradiction} of the row's state and dates, if any, under 状态 with the date it is about. */
    private void contradiction(ContractStatus status, LocalDate start, LocalDate end, int n) {
        String contradiction = contradiction(status, start, end);
        if (contradiction != null) {
            boolean aboutTheStart = contradiction.equals("qiyue.import.status-begun")
                    || contradiction.equals("qiyue.import.status-not-begun");
            problems.add(n, Column.STATUS, contradiction, aboutTheStart ? start : end);
        }
    }

    /**
     * The user the file names (a username in any case, or a user's 姓名); blank for the importer (null). A name that
     * is no user here, or the 姓名 of several, is refused rather than silently replaced by the importer: the file
     * would lose who the contract belonged to.
     */
    private String user(Table.Row row, Column column, int n) {
        return NamedUsers.username(columns.value(row, column), named, users, problems, n, column);
    }
}
