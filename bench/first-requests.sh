#!/usr/bin/env bash
# The first request after a start against the tenth (issue #15, item 6), by hand, never by CI:
#   bench/first-requests.sh [rounds=3]
# Starts the packaged application on an empty H2 database in a temporary directory (loopback, port 18090), with
# the background warm-up off and on, waits until it is ready (and 10 s, or until the warm-up is done), then times
# over HTTP: the first UI page after signing in (the contract list), the first save (a customer, then a contract,
# through the API), the first contract page and the first PDF; then the same requests nine times more, and prints
# the first and the tenth of each. Needs curl and a built jar (mvn -B package -DskipTests).
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
if ! java -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
  export JAVA_HOME=${JAVA_HOME_21_PLUS:-/usr/lib/jvm/temurin-25-jdk-amd64}
  export PATH="$JAVA_HOME/bin:$PATH"
fi
jar=$(ls target/qiyue-*.jar | head -1)
port=18090
base="http://127.0.0.1:$port"
pw=bench-admin-pw-2026
auth="admin:$pw"

seconds() { # curl's total time of one request, in ms
  curl -s -o /dev/null -w '%{time_total}\n' "$@" | awk '{printf "%d", $1 * 1000}'
}

seconds_into() { # the same, keeping the body in the file named first
  local file=$1; shift
  curl -s -o "$file" -w '%{time_total}\n' "$@" | awk '{printf "%d", $1 * 1000}'
}


credit_code() { # a valid 统一社会信用代码 (GB 32100-2015 check character) for serial number $1
  local alphabet=0123456789ABCDEFGHJKLMNPQRTUWXY first17 sum=0 i c
  local weights=(1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28)
  first17="91330106MA$(printf '%07d' "$1")"
  for i in $(seq 0 16); do
    c=${first17:$i:1}
    sum=$(( sum + $(expr index "$alphabet" "$c" - 1) * weights[i] ))
  done
  printf '%s%s' "$first17" "${alphabet:$(( (31 - sum % 31) % 31 )):1}"
}

one_round() {
  local warmup=$1 dir log
  if curl -s -o /dev/null "$base/login"; then echo "port $port is taken: stop what runs there first" >&2; exit 1; fi
  dir=$(mktemp -d) && log="$dir/app.log"
  QIYUE_DATA_DIR="$dir" QIYUE_ADMIN_PASSWORD="$pw" PORT=$port java -jar "$jar" --qiyue.warmup="$warmup" \
    > "$log" 2>&1 &
  local pid=$! start=$(date +%s%N)
  trap "kill $pid 2>/dev/null || true" EXIT
  until curl -sf "$base/actuator/health" -o /dev/null; do
    sleep 0.1
  done
  local ready=$(( ($(date +%s%N) - start) / 1000000 ))
  local waited=0
  while [ "$warmup" = true ] && ! grep -q "Warm-up done" "$log" && [ $waited -lt 600 ]; do sleep 0.1; waited=$((waited + 1)); done
  [ "$warmup" = true ] || sleep 10
  local warm_ms; warm_ms=$( (grep -o 'Warm-up done in [0-9]* ms' "$log" || true) | grep -o '[0-9]*' || echo -)

  local jar_cookies="$dir/cookies" csrf
  csrf=$(curl -s -c "$jar_cookies" -b "$jar_cookies" "$base/login" | grep -o 'name="_csrf" value="[^"]*"' | sed 's/.*value="//; s/"//')
  curl -s -o /dev/null -c "$jar_cookies" -b "$jar_cookies" --data-urlencode "username=admin" \
    --data-urlencode "password=$pw" --data-urlencode "_csrf=$csrf" "$base/login"
  local entity customer contract
  entity=$(curl -s -u "$auth" -H 'Content-Type: application/json' -d \
    '{"name":"契约科技（上海）有限公司","creditCode":"91310115MA1H8GLX4B","address":"上海市浦东新区世纪大道100号"}' \
    "$base/api/v1/our-entities" | grep -o '"id":"[^"]*"' | head -1 | cut -d'"' -f4 || true)
  [ -n "$entity" ] || { echo "could not create our entity; see $log" >&2; exit 1; }
  local out=() i
  for i in $(seq 1 10); do
    local t_page t_customer t_contract t_detail t_pdf body
    t_page=$(seconds -b "$jar_cookies" "$base/contracts")
    body=$(printf '{"kind":"ORGANIZATION","name":"首次请求测试%02d有限公司","creditCode":"%s","address":"杭州市西湖区%d号","level":"B","contacts":[{"name":"联系人","mobile":"1380013%04d","primary":true}]}' "$i" "$(credit_code "$i")" "$i" "$i")
    t_customer=$(seconds_into "$dir/created" -u "$auth" -H 'Content-Type: application/json' -d "$body" \
      "$base/api/v1/customers")
    customer=$(grep -o '"id":"[^"]*"' "$dir/created" | head -1 | cut -d'"' -f4 || true)
    [ -n "$customer" ] || { echo "no customer created: $(head -c 400 "$dir/created")" >&2; exit 1; }
    body=$(printf '{"type":"SERVICE","title":"首次请求测试合同%02d","customerId":"%s","ourEntityId":"%s","amount":{"value":"120000.00"},"startDate":"2027-01-01","endDate":"2027-12-31","terms":{"payment":{"method":"BANK_TRANSFER","schedule":[{"dueDate":"2027-01-15","amount":{"value":"120000.00"}}]},"rightsAndObligations":{"provider":["按约定提供服务"],"customer":["按约定付款"]},"breach":{"liquidatedDamages":{"basis":"PERCENT_OF_AMOUNT","value":"10"},"description":"违约方支付违约金"},"dispute":{"method":"ARBITRATION","arbitrationCommission":"上海仲裁委员会"},"service":{"items":[{"name":"服务器巡检","standard":"每月一次"}],"scope":"甲方总部机房","qualityRequirements":"可用率99.5%%"}}}' "$i" "$customer" "$entity")
    t_contract=$(seconds_into "$dir/created" -u "$auth" -H 'Content-Type: application/json' -d "$body" \
      "$base/api/v1/contracts")
    contract=$(grep -o '"id":"[^"]*"' "$dir/created" | head -1 | cut -d'"' -f4 || true)
    [ -n "$contract" ] || { echo "no contract created: $(head -c 400 "$dir/created")" >&2; exit 1; }
    t_detail=$(seconds -b "$jar_cookies" "$base/contracts/$contract")
    t_pdf=$(seconds -b "$jar_cookies" "$base/contracts/$contract/document.pdf")
    if [ "$i" = 1 ] || [ "$i" = 10 ]; then out+=("$t_page $t_customer $t_contract $t_detail $t_pdf"); fi
  done
  kill $pid; wait $pid 2>/dev/null || true
  rm -rf "$dir"
  printf '%-7s %6s %8s | first: %5s %5s %5s %5s %5s | tenth: %5s %5s %5s %5s %5s\n' "$warmup" "$ready" "$warm_ms" \
    ${out[0]} ${out[1]}
}

echo "cores: $(nproc), load average at the start: $(cut -d' ' -f1-3 /proc/loadavg); times in ms"
echo "warmup  ready  warm-up | first: list  cust contr  page   pdf | tenth: list  cust contr  page   pdf"
for r in $(seq 1 "$rounds"); do
  one_round false
  one_round true
done
