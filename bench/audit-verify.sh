#!/usr/bin/env bash
# Audit chain verification over a million entries (issue #13 item 9), run by hand (never by CI):
#   bench/audit-verify.sh [entries=1000000] [rounds=3]
# Creates a fresh PostgreSQL database on 127.0.0.1 (user postgres), migrates it, seeds N chained entries with
# the application's hasher (io.qiyue.audit.VerifyBench, COPY in batches) and times AuditChain.verify(), the
# code behind GET /api/v1/audit/verify, N entries in seq order. The database is dropped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
entries=${1:-1000000}
rounds=${2:-3}
db=qiyue_audit_bench
if ! java -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
  export JAVA_HOME=${JAVA_HOME_21_PLUS:-/usr/lib/jvm/temurin-25-jdk-amd64}
  export PATH="$JAVA_HOME/bin:$PATH"
fi
# the test class path as surefire used it (its report records it): no extra plugin needed offline
mvn -B -o -q test -Dtest=AuditChainUnitTest -Dsurefire.failIfNoSpecifiedTests=false
cp=$(grep -o 'name="surefire.test.class.path" value="[^"]*"' target/surefire-reports/TEST-io.qiyue.audit.AuditChainUnitTest.xml \
  | sed 's/.*value="//; s/"$//')
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
trap 'psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)"' EXIT
java -Xmx512m -cp "$cp" io.qiyue.bench.AuditVerifyBenchmark "jdbc:postgresql://127.0.0.1:5432/$db" postgres \
  "$entries" "$rounds"
echo "database size: $(psql -h 127.0.0.1 -U postgres -d $db -Atc "SELECT pg_size_pretty(pg_database_size('$db'))")"
