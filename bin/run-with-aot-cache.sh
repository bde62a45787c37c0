#!/usr/bin/env bash
# Starts Qiyue from the built jar with the JDK's AOT cache (JDK 25+): the first call extracts the
# jar and makes a training run that writes target/aot/app.aot; later calls start in about half the
# time of a plain `java -jar`. Configuration comes from the same environment variables as usual.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=target/qiyue-0.1.0-SNAPSHOT.jar
[ -f "$jar" ] || mvn -B -q package -DskipTests
dir=target/aot
if [ ! -f "$dir/app.aot" ] || [ "$jar" -nt "$dir/app.aot" ]; then
  rm -rf "$dir" && mkdir -p "$dir"
  java -Djarmode=tools -jar "$jar" extract --destination "$dir/app" >/dev/null
  java -XX:AOTCacheOutput="$dir/app.aot" -Dspring.context.exit=onRefresh -jar "$dir/app/$(basename "$jar")" \
    > "$dir/training.log" 2>&1
fi
exec java -XX:AOTCache="$dir/app.aot" -jar "$dir/app/$(basename "$jar")" "$@"
