#!/usr/bin/env bash
# Embedded engine benchmark. Usage: bench/engine/run.sh [instances] [starts-per-second]   (defaults 1000, 0 = unpaced)
# Needs PostgreSQL (BENCH_DB_URL, default jdbc:postgresql://127.0.0.1:5432/engine_dev; schema engine_bench is recreated).
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -q -B compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
exec java -Xmx1g -cp "target/classes:$(cat target/bench-classpath.txt)" bench/engine/EngineBenchmark.java "${1:-1000}" "${2:-0}"
