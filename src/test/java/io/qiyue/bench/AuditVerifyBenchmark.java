package io.qiyue.bench;

import io.qiyue.audit.VerifyBench;

/**
 * Not a test: seeds N hash-chained audit entries into an empty PostgreSQL database and times the chain's
 * verification over them (issue #13 item 9; target: a million entries in under 10 s). Arguments: JDBC URL,
 * user, entries (1,000,000 by default), rounds (3). Run bench/audit-verify.sh, which creates and drops the
 * database around it.
 */
public final class AuditVerifyBenchmark {
    private AuditVerifyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        VerifyBench.run(args[0], args[1], args.length > 2 ? Long.parseLong(args[2]) : 1_000_000,
                args.length > 3 ? Integer.parseInt(args[3]) : 3);
    }
}
