#!/usr/bin/env bash
# Kept for old instructions: builds the jar if there is none, then starts it through bin/qiyue (the launcher that
# trains and uses the JDK 25 AOT cache beside the jar; see README "Faster start-up").
set -euo pipefail
cd "$(dirname "$0")/.."
ls target/qiyue-*.jar > /dev/null 2>&1 || mvn -B -q package -DskipTests
exec bin/qiyue "$@"
