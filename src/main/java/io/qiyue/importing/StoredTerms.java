package io.qiyue.importing;

import io.qiyue.contract.ContractTerms;
import io.qiyue.contract.Terms;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * In update mode, the terms a row gives laid over the terms stored, field by field. A file's cells say less than
 * the contract may hold (an item's 标准, an instalment's milestone and trigger, a payment's deposit and tax, a
 * confidentiality part's exclusions …): what the file cannot express, or leaves blank, keeps what is stored, so that
 * a row repeating the stored values reads as unchanged, and a row that changes one cell changes only that.
 */
final class StoredTerms {
    private StoredTerms() {
    }

    /**
     * {@code given} with the stored terms filled in wherever the file has nothing to say: the parts no column
     * carries (rights and obligations, termination, intellectual property, notices …) are always the stored ones,
     * and a part whose cells are blank is too.
     */
    static ContractTerms merge(ContractTerms stored, ContractTerms given) {
        if (stored == null || given == null) {
            return given == null ? stored : given;
        }
        return new ContractTerms(payment(stored.payment(), given.payment()),
                or(given.rightsAndObligations(), stored.rightsAndObligations()),
                breach(stored.breach(), given.breach()), or(given.dispute(), stored.dispute()),
                or(given.termination(), stored.termination()),
                or(given.intellectualProperty(), stored.intellectualProperty()),
                or(given.confidentialityObligations(), stored.confidentialityObligations()),
                service(stored.service(), given.service()),
                confidential(stored.confidentialInformation(), given.confidentialInformation()),
                or(given.confidentialityPeriod(), stored.confidentialityPeriod()),
                maintenance(stored.maintenance(), given.maintenance()),
                consulting(stored.consulting(), given.consulting()),
                shared(stored.sharedInformation(), given.sharedInformation()),
                or(given.sharingMethods(), stored.sharingMethods()), or(given.sharingPeriod(), stored.sharingPeriod()),
                or(given.personalInformation(), stored.personalInformation()), or(given.signing(), stored.signing()),
                or(given.notices(), stored.notices()));
    }

    private static Terms.Payment payment(Terms.Payment stored, Terms.Payment given) {
        if (stored == null || given == null) {
            return given == null ? stored : given;
        }
        return new Terms.Payment(or(given.method(), stored.method()), schedule(stored.schedule(), given.schedule()),
                or(given.deposit(), stored.deposit()), or(given.noConsideration(), stored.noConsideration()),
                or(given.depositOffsetsInstalment(), stored.depositOffsetsInstalment()), or(given.tax(), stored.tax()));
    }

    /**
     * The file's instalments; one that has the day and amount of a stored one (and its description, when the file
     * gives one) is that stored instalment, with its milestone, trigger and working days.
     */
    private static List<Terms.Instalment> schedule(List<Terms.Instalment> stored, List<Terms.Instalment> given) {
        if (stored == null || given == null) {
            return given == null ? stored : given;
        }
        var unmatched = new ArrayList<>(stored);
        var out = new ArrayList<Terms.Instalment>(given.size());
        for (var g : given) {
            Terms.Instalment match = null;
            for (var s : unmatched) {
                if (s != null && g != null && Objects.equals(s.dueDate(), g.dueDate()) && s.amount() != null
                        && g.amount() != null && s.amount().scaled().compareTo(g.amount().scaled()) == 0
                        && (g.description() == null || g.description().equals(s.description()))) {
                    match = s;
                    break;
                }
            }
            if (match == null) {
                out.add(g);
            } else {
                unmatched.remove(match);
                out.add(match);
            }
        }
        return out;
    }

    private static Terms.Breach breach(Terms.Breach stored, Terms.Breach given) {
        if (stored == null || given == null) {
            return given == null ? stored : given;
        }
        return new Terms.Breach(or(given.liquidatedDamages(), stored.liquidatedDamages()),
                or(given.description(), stored.description()));
    }

    private static Terms.Service service(Terms.Service stored, Terms.Service given) {
        if (stored == null || given == null) {
            return given == null ? stored : given;
        }
        return new Terms.Service(items(stored.items(), given.items()), or(given.scope(), stored.scope()),
                or(given.qualityRequirements(), stored.qualityRequirements()));
    }

    private static Terms.Maintenance maintenance(Terms.Maintenance stored, Terms.Maintenance given) {
        if (stored == null || given == null) {
            return given == null ? stored : given;
        }
        return new Terms.Maintenance(items(stored.items(), given.items()), or(given.methods(), stored.methods()),
                or(given.visitIntervalDays(), stored.visitIntervalDays()),
                or(given.responseHours(), stored.responseHours()));
    }

    /** The file's items by name; an item stored under that name keeps its 标准 (a cell lists names only). */
    private static List<Terms.Item> items(List<Terms.Item> stored, List<Terms.Item> given) {
        if (stored == null || given == null) {
            return given == null ? stored : given;
        }
        var out = new ArrayList<Terms.Item>(given.size());
        for (var g : given) {
            Terms.Item kept = g;
            if (g != null && g.standard() == null) {
                for (var s : stored) {
                    if (s != null && s.name() != null && s.name().strip().equals(g.name())) {
                        kept = s;
                        break;
                    }
                }
            }
            out.add(kept);
        }
        return out;
    }

    private static Terms.ConfidentialInformation confidential(Terms.ConfidentialInformation stored,
                                                              Terms.ConfidentialInformation given) {
        if (stored == null || given == null) {
            return given == null ? stored : given;
        }
        return new Terms.ConfidentialInformation(or(given.categories(), stored.categories()),
                or(given.description(), stored.description()), or(given.exclusions(), stored.exclusions()),
                or(given.direction(), stored.direction()));
    }

    private static Terms.Consulting consulting(Terms.Consulting stored, Terms.Consulting given) {
        if (stored == null || given == null) {
            return given == null ? stored : given;
        }
        return new Terms.Consulting(or(given.scope(), stored.scope()),
                or(given.qualityRequirements(), stored.qualityRequirements()), or(given.methods(), stored.methods()),
                or(given.deliverables(), stored.deliverables()));
    }

    private static Terms.SharedInformation shared(Terms.SharedInformation stored, Terms.SharedInformation given) {
        if (stored == null || given == null) {
            return given == null ? stored : given;
        }
        return new Terms.SharedInformation(or(given.categories(), stored.categories()),
                or(given.containsPersonalInformation(), stored.containsPersonalInformation()),
                or(given.containsSensitivePersonalInformation(), stored.containsSensitivePersonalInformation()),
                or(given.purpose(), stored.purpose()), or(given.crossBorder(), stored.crossBorder()),
                or(given.separateConsentObtained(), stored.separateConsentObtained()),
                or(given.direction(), stored.direction()));
    }

    private static <T> T or(T given, T stored) {
        return given != null ? given : stored;
    }
}
