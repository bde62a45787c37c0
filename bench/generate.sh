#!/usr/bin/env bash
# Benchmark data for issue #16 (list pages, filters, exports, search index rebuild), run by hand (never by CI):
#   bench/generate.sh [contracts=1000000] [customers=100000] [database=qiyue_bench16] [--append]
# Creates the PostgreSQL database on 127.0.0.1 (user postgres, trust) when it does not exist, lets the application
# create its schema and the admin there (QIYUE_ADMIN_PASSWORD, default bench-admin-pw), then seeds with
# io.qiyue.bench.BenchDataGenerator (test sources): 5 teams of 8 users (bench-s<team>-1 is the team's sales
# manager, bench-s<team>-2..8 salespeople; all sign in with the admin's password), customers with valid
# 统一社会信用代码 (customer.CreditCode's check character) and a primary contact, contracts of the five types with
# valid terms and clause text, amounts (paid types), statuses and dates over eight years, and each contract's
# first version (contract_version, the JSON snapshot the application keeps). Rows are generated in Java and sent
# with COPY in one transaction: all or nothing. It refuses a database that already holds contracts or customers,
# unless --append (numbers and credit codes then continue after the existing ones). Leaves the database in place.
# Measured (2 vCPU, busy): 60 s for 100,000 contracts (485 MB); 739 s and 4.6 GB for 1,000,000 with 100,000
# customers (see README, "Benchmark data"). Then bench/list.sh measures the list pages and an export on it.
set -euo pipefail
cd "$(dirname "$0")/.."
contracts=${1:-1000000}
customers=${2:-100000}
db=${3:-qiyue_bench16}
append=${4:-}
if ! java -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
  export JAVA_HOME=${JAVA_HOME_21_PLUS:-/usr/lib/jvm/temurin-25-jdk-amd64}
  export PATH="$JAVA_HOME/bin:$PATH"
fi
mkdir -p target
mvn -B -o -q test-compile
mvn -B -o -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
cp="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
if ! psql -h 127.0.0.1 -U postgres -Atc "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1; then
  psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $db"
fi
echo "cores: $(nproc), load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx2g -cp "$cp" io.qiyue.bench.BenchDataGenerator "jdbc:postgresql://127.0.0.1:5432/$db" postgres \
  "$contracts" "$customers" $append
psql -h 127.0.0.1 -U postgres -d "$db" -Atc "SELECT 'contracts: ' || COUNT(*) FROM contract" \
  -c "SELECT 'customers: ' || COUNT(*) FROM customer" -c "SELECT 'database size: ' || pg_size_pretty(pg_database_size('$db'))"
