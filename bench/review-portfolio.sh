#!/usr/bin/env bash
# Portfolio re-review benchmark of issue #5, run by hand (never by CI):
#   bench/review-portfolio.sh [contracts=100000]
# Builds the jar, starts Qiyue with the demo data on a fresh PostgreSQL database on 127.0.0.1
# (user postgres), copies the demo contracts in SQL up to N contracts, then runs the portfolio
# re-review twice through the API (the first stores every review, the second compares with them) and a
# third time after lowering QY-V001's threshold to 5% over the settings API, without a restart (many
# contracts gain a finding). Prints the seconds of each run. Review engine throughput per core:
# bench/review-jmh.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
contracts=${1:-100000}
port=${BENCH_PORT:-8098}
db=qiyue_review_bench
if ! java -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
  export JAVA_HOME=${JAVA_HOME_21_PLUS:-/usr/lib/jvm/temurin-25-jdk-amd64}
  export PATH="$JAVA_HOME/bin:$PATH"
fi
work="$PWD/target/bench-review" && rm -rf "$work" && mkdir -p "$work"
mvn -B -q package -DskipTests
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
export QIYUE_DB_URL=jdbc:postgresql://127.0.0.1:5432/$db QIYUE_DB_USER=postgres QIYUE_DATA_DIR="$work/data" \
  QIYUE_ADMIN_PASSWORD=bench-admin-pw PORT=$port
auth="admin:bench-admin-pw"
pid=
start_app() {
  java -jar target/qiyue-0.1.0-SNAPSHOT.jar "$@" >"$work/app.log" 2>&1 &
  pid=$!
  until grep -q "Started QiyueApplication" "$work/app.log"; do
    kill -0 $pid 2>/dev/null || { tail -40 "$work/app.log"; echo "the application stopped before it started" >&2; exit 1; }
    sleep 1
  done
}
stop_app() { kill "$pid"; wait "$pid" 2>/dev/null || true; }
trap 'kill $pid 2>/dev/null || true' EXIT

run() {
  local t0 job s
  t0=$(date +%s.%N)
  job=$(curl -sf -u "$auth" -X POST "http://127.0.0.1:$port/api/v1/reviews/portfolio" \
    | python3 -c "import sys,json; print(json.load(sys.stdin)['jobId'])")
  while :; do
    s=$(curl -sf -u "$auth" "http://127.0.0.1:$port/api/v1/reviews/portfolio/$job" \
      | python3 -c "import sys,json; d=json.load(sys.stdin); print(d['status'], d['done'], 'of', d['total'], 'changed', d['changed'])")
    [[ $s == RUNNING* ]] || break
    sleep 0.5
  done
  echo "$1: $s in $(echo "$(date +%s.%N) - $t0" | bc) s"
}

QIYUE_DEMO_DATA=true start_app
until grep -q "Demo data loaded" "$work/app.log"; do sleep 1; done
copies=$(( (contracts + 49) / 50 - 1 ))
psql -h 127.0.0.1 -U postgres -d $db -qc "
  INSERT INTO contract (id, contract_no, type, title, customer_id, our_entity_id, owner, amount_value, amount_currency,
    start_date, end_date, auto_renew, renewal_notice_days, status, terms, version, created_at, created_by, updated_at)
  SELECT gen_random_uuid()::text, 'QY-BENCH-' || lpad((g * 1000 + rn)::text, 12, '0'), c.type, c.title, c.customer_id,
    c.our_entity_id, c.owner, c.amount_value, c.amount_currency, c.start_date, c.end_date, c.auto_renew,
    c.renewal_notice_days, c.status, c.terms, c.version, c.created_at, c.created_by, c.updated_at
  FROM (SELECT *, row_number() OVER (ORDER BY id) AS rn FROM contract) c, generate_series(1, $copies) g"
run "first run (stores every review)"
run "second run (compares)"
setting="http://127.0.0.1:$port/api/v1/reviews/settings/QY-V001/thresholdPercent"
etag=$(curl -sf -u "$auth" -o /dev/null -D - "$setting" | tr -d '\r' | sed -n 's/^[Ee][Tt][Aa][Gg]: *//p')
curl -sf -u "$auth" -X PUT "$setting" -H 'Content-Type: application/json' -H "If-Match: $etag" -d '{"value": 5}' >/dev/null
run "after lowering QY-V001 to 5%"
stop_app
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)"
