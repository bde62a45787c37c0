#!/usr/bin/env bash
# The daily lifecycle scan of issue #12 at scale, run by hand (never by CI):
#   bench/lifecycle-calendar.sh [contracts=1000000]
# Starts Qiyue with the demo data on a fresh PostgreSQL database on 127.0.0.1 (user postgres), copies the
# demo contracts in SQL up to N contracts with a realistic calendar (per day about 1/365 of the signed ones
# start, 1/730 of the active ones end, 1/730 reach their renewal notice day; the rest are drafts and expired
# contracts), then lets the calendar run (its cron is set to fire every 20 s) and prints its log lines: what
# it moved and how long it took: a first run, a run with nothing due (the scan alone) and the same day's
# moves again on contracts that have their versions and documents, as in real use.
set -euo pipefail
cd "$(dirname "$0")/.."
contracts=${1:-1000000}
port=${BENCH_PORT:-8097}
db=qiyue_calendar_bench
if ! java -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
  export JAVA_HOME=${JAVA_HOME_21_PLUS:-/usr/lib/jvm/temurin-25-jdk-amd64}
  export PATH="$JAVA_HOME/bin:$PATH"
fi
work="$PWD/target/bench-calendar" && rm -rf "$work" && mkdir -p "$work"
[[ ${SKIP_BUILD:-} == 1 ]] || mvn -B -q package -DskipTests
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
export QIYUE_DB_URL=jdbc:postgresql://127.0.0.1:5432/$db QIYUE_DB_USER=postgres QIYUE_DATA_DIR="$work/data" \
  QIYUE_ADMIN_PASSWORD=bench-admin-pw PORT=$port
pid=
trap 'kill $pid 2>/dev/null || true' EXIT
start_app() {
  java -jar target/qiyue-0.1.0-SNAPSHOT.jar "$@" >>"$work/app.log" 2>&1 &
  pid=$!
  until grep -q "Started QiyueApplication" "$work/app.log"; do
    kill -0 $pid 2>/dev/null || { tail -40 "$work/app.log"; echo "the application stopped before it started" >&2; exit 1; }
    sleep 1
  done
}

# a cron that never fires while the data is loaded
QIYUE_DEMO_DATA=true start_app --qiyue.lifecycle.calendar-cron="0 0 0 1 1 *"
until grep -q "Demo data loaded" "$work/app.log"; do sleep 1; done
kill "$pid"; wait "$pid" 2>/dev/null || true
copies=$(( (contracts + 49) / 50 ))
t0=$(date +%s)
psql -h 127.0.0.1 -U postgres -d $db -qc "
  CREATE TEMP TABLE demo AS SELECT *, row_number() OVER (ORDER BY id) AS rn FROM contract;
  INSERT INTO contract (id, contract_no, type, title, customer_id, our_entity_id, owner, amount_value, amount_currency,
    start_date, end_date, auto_renew, renewal_notice_days, status, terms, version, created_at, created_by, updated_at,
    renewal_notice_on, expiry_notice_for)
  SELECT gen_random_uuid()::text, 'QY-CAL-' || lpad(n::text, 12, '0'), c.type, c.title, c.customer_id, c.our_entity_id,
    c.owner, c.amount_value, c.amount_currency, s.start_date, s.end_date, c.auto_renew, 30, s.status, c.terms, 1,
    c.created_at, c.created_by, c.updated_at,
    CASE WHEN s.status IN ('ACTIVE', 'SIGNED') THEN s.end_date - 30 END,
    CASE WHEN s.status IN ('ACTIVE', 'SIGNED') AND s.end_date - 30 < CURRENT_DATE THEN s.end_date END
  FROM (SELECT g * 50 + d.rn AS n, d.* FROM demo d, generate_series(0, $copies - 1) g) c
  CROSS JOIN LATERAL (SELECT
      CASE WHEN c.n % 10 < 5 THEN 'ACTIVE' WHEN c.n % 10 = 5 THEN 'SIGNED' WHEN c.n % 10 < 8 THEN 'EXPIRED'
           ELSE 'DRAFT' END AS status,
      CASE WHEN c.n % 10 = 5 THEN CURRENT_DATE + (c.n / 10 % 365)::int
           ELSE CURRENT_DATE - (c.n / 10 % 365)::int - 1 END AS start_date,
      CASE WHEN c.n % 10 < 5 THEN CURRENT_DATE + (c.n / 10 % 730)::int - 1
           WHEN c.n % 10 = 5 THEN CURRENT_DATE + (c.n / 10 % 365)::int + 365
           ELSE CURRENT_DATE - (c.n / 10 % 365)::int + 364 END AS end_date) s
  WHERE c.n <= $contracts;
  ANALYZE contract;"
echo "seeded $(psql -h 127.0.0.1 -U postgres -d $db -tAc 'SELECT count(*) FROM contract') contracts in $(( $(date +%s) - t0 )) s"
psql -h 127.0.0.1 -U postgres -d $db -tAc "SELECT status, count(*) FROM contract GROUP BY status ORDER BY status"

start_app --qiyue.lifecycle.calendar-cron="*/20 * * * * *" --logging.level.io.qiyue.contract.ContractCalendar=DEBUG
until [[ $(grep -c "Contract calendar for" "$work/app.log" || true) -ge 2 ]]; do sleep 1; done
echo "after the run:"
psql -h 127.0.0.1 -U postgres -d $db -tAc "SELECT status, count(*) FROM contract GROUP BY status ORDER BY status"
# The seeded contracts had no version rows or documents; those just moved have them now. Put them back where
# they were, so that the next run moves contracts as they are in real use (documents carried forward).
psql -h 127.0.0.1 -U postgres -d $db -qc "
  UPDATE contract SET status = 'SIGNED' WHERE status = 'ACTIVE' AND version = 2 AND start_date = CURRENT_DATE;
  UPDATE contract SET status = 'ACTIVE' WHERE status = 'EXPIRED' AND version = 2 AND end_date = CURRENT_DATE - 1;
  UPDATE contract SET expiry_notice_for = NULL WHERE renewal_notice_on = CURRENT_DATE;"
until [[ $(grep -c "Contract calendar for" "$work/app.log" || true) -ge 3 ]]; do sleep 1; done
grep "Contract calendar for" "$work/app.log" | sed 's/.*Contract calendar/Contract calendar/'
echo "(1: the seeded contracts, documents rendered; 2: nothing due, the scan alone; 3: the same moves again with"
echo " versions and documents in place, as in real use)"
