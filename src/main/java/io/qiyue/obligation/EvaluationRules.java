package io.qiyue.obligation;

import io.qiyue.contract.ContractType;
import io.qiyue.shared.FieldViolation;
import io.qiyue.shared.Text;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules of an evaluation and of a case, as pure functions so that they are tested without a database:
 * which aspects a periodic evaluation asks for by the contract's type, what a valid answer is, when a rating is
 * low, and how long a case may stay open.
 */
public final class EvaluationRules {
    static final int MAX_COMMENT = 2000;
    static final int MAX_DESCRIPTION = 4000;
    static final int MAX_RESOLUTION = 4000;
    static final int LOW = 2;
    static final int DEFAULT_INTERVAL_DAYS = 90;
    static final int MIN_INTERVAL_DAYS = 7;
    static final int MAX_INTERVAL_DAYS = 366;

    private EvaluationRules() {
    }

    /** The aspects a periodic evaluation of this type asks about (each rated 1–5). */
    public record Aspects(boolean serviceQuality, boolean confidentiality, boolean sharingAsAgreed) {
    }

    /**
     * Service quality where we deliver a service (service, maintenance, consulting); confidentiality for every
     * type, since every provider holds the customer's information; sharing only as agreed for an
     * information-sharing agreement.
     */
    static Aspects aspects(ContractType type) {
        boolean delivers = type == ContractType.SERVICE || type == ContractType.MAINTENANCE
                || type == ContractType.CONSULTING;
        return new Aspects(delivers, true, type == ContractType.INFO_SHARING);
    }

    /** What the customer sends (the form's fields as typed; null where a field was left out). */
    public record Answer(Integer rating, Boolean confirmed, Integer serviceQuality, Integer confidentiality,
                  Integer sharingAsAgreed, String comment) {
    }

    /** The violations of an answer to a link of {@code purpose} for a contract of {@code type}; empty when valid. */
    static List<FieldViolation> check(Answer a, EvaluationPurpose purpose, ContractType type) {
        var out = new ArrayList<FieldViolation>();
        rating("rating", a.rating(), true, out);
        String comment = Text.blankToNull(a.comment());
        if (comment != null && comment.length() > MAX_COMMENT) {
            out.add(new FieldViolation("comment", "qiyue.validation.size", 1, MAX_COMMENT));
        }
        if (purpose == EvaluationPurpose.CONFIRM_OBLIGATION) {
            if (a.confirmed() == null) {
                out.add(new FieldViolation("confirmed", "qiyue.evaluation.confirm-required"));
            } else if (!a.confirmed() && comment == null) {
                // "not done" opens a case: it needs to say what is missing
                out.add(new FieldViolation("comment", "qiyue.evaluation.comment-required-when-not-done"));
            }
        } else if (purpose == EvaluationPurpose.PERIODIC) {
            var aspects = aspects(type);
            rating("serviceQuality", a.serviceQuality(), aspects.serviceQuality(), out);
            rating("confidentiality", a.confidentiality(), aspects.confidentiality(), out);
            rating("sharingAsAgreed", a.sharingAsAgreed(), aspects.sharingAsAgreed(), out);
        }
        return out;
    }

    private static void rating(String field, Integer value, boolean required, List<FieldViolation> out) {
        if (value == null) {
            if (required) {
                out.add(new FieldViolation(field, "qiyue.evaluation.rating-required"));
            }
        } else if (value < 1 || value > 5) {
            out.add(new FieldViolation(field, "qiyue.evaluation.rating-range"));
        }
    }

    /** Low: the overall rating, or any aspect, at 2 or below. */
    static boolean low(int rating, Integer... aspects) {
        if (rating <= LOW) {
            return true;
        }
        for (Integer aspect : aspects) {
            if (aspect != null && aspect <= LOW) {
                return true;
            }
        }
        return false;
    }

    /** How many days a new case has: a suspected disclosure is urgent (3 days), everything else 10. */
    static LocalDate deadline(CaseCategory category, LocalDate today) {
        return switch (category) {
            case SUSPECTED_DISCLOSURE, USE_BEYOND_AGREEMENT -> today.plusDays(3);
            default -> today.plusDays(10);
        };
    }

    static void description(String description, List<FieldViolation> out) {
        String d = Text.blankToNull(description);
        if (d == null) {
            out.add(new FieldViolation("description", "qiyue.validation.required"));
        } else if (d.length() > MAX_DESCRIPTION) {
            out.add(new FieldViolation("description", "qiyue.validation.size", 1, MAX_DESCRIPTION));
        }
    }

    static void interval(Integer days, List<FieldViolation> out) {
        if (days == null) {
            out.add(new FieldViolation("intervalDays", "qiyue.validation.required"));
        } else if (days < MIN_INTERVAL_DAYS || days > MAX_INTERVAL_DAYS) {
            out.add(new FieldViolation("intervalDays", "qiyue.evaluation.interval-range", MIN_INTERVAL_DAYS,
                    MAX_INTERVAL_DAYS));
        }
    }
}
