package io.qiyue.importing;

import io.qiyue.contract.ContractTerms;
import io.qiyue.contract.ContractType;
import io.qiyue.contract.Terms;
import io.qiyue.shared.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The term columns of a contract row read into the {@link ContractTerms} the contract module takes. A blank cell
 * leaves its part out; a cell that cannot be read, or that belongs to a part the row's type does not carry, is a
 * problem under its column. The contract module's own validation still runs on the result.
 */
final class TermCells {
    /** Choices are separated by semicolons (either width) or 、; items and instalments by semicolons only. */
    private static final Pattern LIST = Pattern.compile("[;；、]");
    private static final Pattern INSTALMENTS = Pattern.compile("[;；]");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final int SHORT = 200;
    private static final int TEXT = 4000;

    private final Columns columns;
    private final Problems problems;

    TermCells(Columns columns, Problems problems) {
        this.columns = columns;
        this.problems = problems;
    }

    /** The row's terms; {@link ContractTerms#EMPTY} when every term cell is blank or there is no type. */
    ContractTerms read(Table.Row row, ContractType type, BigDecimal amount, int n) {
        if (type == null) {
            return ContractTerms.EMPTY;
        }
        var cells = new Cells(row, type, n);
        Terms.PaymentMethod method = cells.choice(Column.PAYMENT_METHOD, "payment", Terms.PaymentMethod.class);
        List<Terms.Instalment> schedule = schedule(cells, amount, n);
        Terms.Payment payment = method == null && schedule == null ? null
                : new Terms.Payment(method, schedule, null, null);

        BigDecimal percent = cells.percent(Column.DAMAGES_PERCENT, "breach");
        Terms.Breach breach = percent == null ? null : new Terms.Breach(
                new Terms.LiquidatedDamages(Terms.DamagesBasis.PERCENT_OF_AMOUNT, percent), null);

        Terms.DisputeMethod disputeMethod = cells.choice(Column.DISPUTE_METHOD, "dispute", Terms.DisputeMethod.class);
        String commission = cells.text(Column.ARBITRATION_COMMISSION, "dispute", SHORT);
        String court = cells.text(Column.COURT, "dispute", SHORT);
        Terms.Dispute dispute = dispute(disputeMethod, commission, court, n);

        Terms.Service service = null;
        List<Terms.Item> serviceItems = cells.items(Column.SERVICE_ITEMS, "service");
        String serviceScope = cells.text(Column.SERVICE_SCOPE, "service", TEXT);
        String quality = type == ContractType.CONSULTING ? null
                : cells.text(Column.QUALITY_REQUIREMENTS, "service", TEXT);
        if (serviceItems != null || serviceScope != null || quality != null) {
            service = new Terms.Service(serviceItems, serviceScope, quality);
        }

        String confidentialScope = cells.text(Column.CONFIDENTIAL_SCOPE, "confidentialInformation", TEXT);
        Terms.ConfidentialInformation confidential = confidentialScope == null ? null
                : new Terms.ConfidentialInformation(null, confidentialScope, null, null);
        Integer confidentialYears = cells.whole(Column.CONFIDENTIALITY_YEARS, "confidentialityPeriod", 0, 100);
        Terms.PeriodAfterTermination confidentialityPeriod = confidentialYears == null ? null
                : new Terms.PeriodAfterTermination(confidentialYears);

        List<Terms.Item> maintenanceItems = cells.items(Column.MAINTENANCE_ITEMS, "maintenance");
        List<Terms.MaintenanceMethod> maintenanceMethods = cells.choices(Column.MAINTENANCE_METHODS, "maintenance",
                Terms.MaintenanceMethod.class);
        Integer visitDays = cells.whole(Column.VISIT_INTERVAL, "maintenance", 1, 3650);
        Terms.Maintenance maintenance = maintenanceItems == null && maintenanceMethods == null && visitDays == null
                ? null : new Terms.Maintenance(maintenanceItems, maintenanceMethods, visitDays, null);

        String consultingScope = cells.text(Column.CONSULTING_SCOPE, "consulting", TEXT);
        List<Terms.ConsultingMethod> consultingMethods = cells.choices(Column.CONSULTING_METHODS, "consulting",
                Terms.ConsultingMethod.class);
        String consultingQuality = type == ContractType.CONSULTING
                ? cells.text(Column.QUALITY_REQUIREMENTS, "consulting", TEXT) : null;
        Terms.Consulting consulting = consultingScope == null && consultingMethods == null && consultingQuality == null
                ? null : new Terms.Consulting(consultingScope, consultingQuality, consultingMethods, null);

        List<Terms.SharedCategory> categories = cells.choices(Column.SHARED_CATEGORIES, "sharedInformation",
                Terms.SharedCategory.class);
        Terms.SharedInformation shared = categories == null ? null
                : new Terms.SharedInformation(categories, null, null, null, null, null, null);
        List<Terms.SharingMethod> sharingMethods = cells.choices(Column.SHARING_METHODS, "sharingMethods",
                Terms.SharingMethod.class);
        Integer sharingYears = cells.whole(Column.SHARING_YEARS, "sharingPeriod", 0, 100);
        Terms.PeriodAfterTermination sharingPeriod = sharingYears == null ? null
                : new Terms.PeriodAfterTermination(sharingYears);

        if (payment == null && breach == null && dispute == null && service == null && confidential == null
                && confidentialityPeriod == null && maintenance == null && consulting == null && shared == null
                && sharingMethods == null && sharingPeriod == null) {
            return ContractTerms.EMPTY;
        }
        return new ContractTerms(payment, null, breach, dispute, null, null, null, service, confidential,
                confidentialityPeriod, maintenance, consulting, shared, sharingMethods, sharingPeriod, null, null,
                null);
    }

    /**
     * 付款计划: instalments separated by semicolons, each "date amount [description]" separated by spaces, e.g.
     * "2024-01-15 60000.00 首期款; 2024-07-15 60000.00 二期款". With an amount, the instalments must add up to it
     * (the review blocks a schedule that does not).
     */
    private List<Terms.Instalment> schedule(Cells cells, BigDecimal amount, int n) {
        String text = cells.cell(Column.PAYMENT_SCHEDULE, "payment");
        if (text == null) {
            return null;
        }
        var instalments = new ArrayList<Terms.Instalment>();
        String[] parts = INSTALMENTS.split(text);
        BigDecimal sum = BigDecimal.ZERO;
        int index = 0;
        for (String part : parts) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            index++;
            String[] words = SPACES.split(p, 3);
            LocalDate due = words.length >= 2 ? ImportValues.date(words[0]) : null;
            BigDecimal value = words.length >= 2 ? ImportValues.amount(words[1]) : null;
            String description = words.length == 3 ? words[2].strip() : null;
            if (due == null || value == null || value.signum() == 0
                    || description != null && description.length() > 500) {
                problems.add(n, Column.PAYMENT_SCHEDULE, "qiyue.import.bad-instalment", index, p);
                return null;
            }
            value = value.setScale(2, RoundingMode.HALF_UP);
            sum = sum.add(value);
            instalments.add(new Terms.Instalment(due, null, Money.cny(value), description, null, null));
        }
        if (instalments.isEmpty()) {
            problems.add(n, Column.PAYMENT_SCHEDULE, "qiyue.import.bad-instalment", 1, text);
            return null;
        }
        if (instalments.size() > 120) {
            problems.add(n, Column.PAYMENT_SCHEDULE, "qiyue.import.too-many-instalments", 120);
            return null;
        }
        if (amount != null && sum.compareTo(amount) != 0) {
            problems.add(n, Column.PAYMENT_SCHEDULE, "qiyue.import.schedule-sum", Money.written(sum),
                    Money.written(amount));
            return null;
        }
        return instalments;
    }

    /** 仲裁机构 alone means arbitration, 管辖法院 alone litigation; with both, the method must be written. */
    private Terms.Dispute dispute(Terms.DisputeMethod method, String commission, String court, int n) {
        if (method == null && commission == null && court == null) {
            return null;
        }
        if (method == null) {
            if (commission != null && court != null) {
                problems.add(n, Column.DISPUTE_METHOD, "qiyue.import.dispute-method-needed");
                return null;
            }
            method = commission != null ? Terms.DisputeMethod.ARBITRATION : Terms.DisputeMethod.LITIGATION;
        }
        return new Terms.Dispute(method, commission, court);
    }

    /** One row's term cells, each checked against the part its column fills. */
    private final class Cells {
        private final Table.Row row;
        private final ContractType type;
        private final int n;

        Cells(Table.Row row, ContractType type, int n) {
            this.row = row;
            this.type = type;
            this.n = n;
        }

        /** The stripped cell, null when blank or when its part is not one the type carries (then a problem). */
        String cell(Column column, String part) {
            String text = columns.value(row, column).strip();
            if (text.isEmpty()) {
                return null;
            }
            if (!type.allows(part)) {
                problems.add(n, column, "qiyue.import.term-not-for-type",
                        Reason.label("enum.ContractType." + type.name()));
                return null;
            }
            return text;
        }

        String text(Column column, String part, int max) {
            String text = cell(column, part);
            if (text != null && text.length() > max) {
                problems.add(n, column, "qiyue.import.too-long", max);
                return null;
            }
            return text;
        }

        List<Terms.Item> items(Column column, String part) {
            String text = cell(column, part);
            if (text == null) {
                return null;
            }
            var items = new ArrayList<Terms.Item>();
            for (String name : INSTALMENTS.split(text)) {
                String item = name.strip();
                if (item.length() > SHORT) {
                    problems.add(n, column, "qiyue.import.too-long", SHORT);
                    return null;
                }
                if (!item.isEmpty()) {
                    items.add(new Terms.Item(item, null));
                }
            }
            if (items.size() > 100) {
                problems.add(n, column, "qiyue.import.too-many-items", 100);
                return null;
            }
            return items.isEmpty() ? null : items;
        }

        Integer whole(Column column, String part, int min, int max) {
            String text = cell(column, part);
            if (text == null) {
                return null;
            }
            Integer number = ImportValues.whole(text.replace("年", "").replace("天", ""), min, max);
            if (number == null) {
                problems.add(n, column, "qiyue.import.bad-whole-number", text, min, max);
            }
            return number;
        }

        /** Percent points: "10", "10%", "0.5". */
        BigDecimal percent(Column column, String part) {
            String text = cell(column, part);
            if (text == null) {
                return null;
            }
            var value = ImportValues.decimal(text.replace("%", "").replace("％", ""));
            if (value != null && value.compareTo(BigDecimal.valueOf(100)) <= 0
                    && value.stripTrailingZeros().scale() <= 4) {
                return value.stripTrailingZeros().scale() < 0 ? value.setScale(0) : value.stripTrailingZeros();
            }
            problems.add(n, column, "qiyue.import.bad-percent", text);
            return null;
        }

        <E extends Enum<E>> E choice(Column column, String part, Class<E> kind) {
            String text = cell(column, part);
            return text == null ? null : match(text, column, kind);
        }

        <E extends Enum<E>> List<E> choices(Column column, String part, Class<E> kind) {
            String text = cell(column, part);
            if (text == null) {
                return null;
            }
            var chosen = new ArrayList<E>();
            for (String word : LIST.split(text)) {
                if (word.isBlank()) {
                    continue;
                }
                E value = match(word.strip(), column, kind);
                if (value == null) {
                    return null;
                }
                if (!chosen.contains(value)) {
                    chosen.add(value);
                }
            }
            return chosen.isEmpty() ? null : chosen;
        }

        /** By its label in Chinese or English, or its key. */
        private <E extends Enum<E>> E match(String text, Column column, Class<E> kind) {
            for (E value : kind.getEnumConstants()) {
                String code = "enum." + kind.getSimpleName() + "." + value.name();
                if (text.equalsIgnoreCase(value.name()) || text.equals(problems.label(code, Locale.SIMPLIFIED_CHINESE))
                        || text.equalsIgnoreCase(problems.label(code, Locale.ENGLISH))) {
                    return value;
                }
            }
            var allowed = Arrays.stream(kind.getEnumConstants())
                    .<Object>map(v -> Reason.label("enum." + kind.getSimpleName() + "." + v.name())).toList();
            problems.add(n, column, "qiyue.import.unknown-value", text, new Reason.Listing(allowed));
            return null;
        }
    }
}
