package io.qiyue.contract;

import io.qiyue.shared.ConflictException;

import java.util.List;
import java.util.Map;

/** A submit refused by the {@link SubmissionGate}: a 409 whose problem body lists the blocking findings. */
public class SubmissionBlockedException extends ConflictException {
    private final transient List<SubmissionGate.Blocking> findings;

    public SubmissionBlockedException(List<SubmissionGate.Blocking> findings) {
        super(Map.of("findings", List.copyOf(findings)), "qiyue.contract.submit-blocked", findings.size());
        this.findings = List.copyOf(findings);
    }

    public List<SubmissionGate.Blocking> findings() {
        return findings;
    }
}
