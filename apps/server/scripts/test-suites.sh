#!/usr/bin/env bash
# The server's tests: every file on SQLite, then again on PostgreSQL (+ Redis). The outage suite
# (integration/faults.test.ts, PostgreSQL only) spends its ~5 minutes waiting for the processes
# it stops to come back, so it runs beside the two others instead of after them; its lines carry
# a [faults] prefix. Vitest gives each run one worker on a 2-core machine, so the CPU-bound
# suites still run one file at a time.
set -euo pipefail
cd "$(dirname "$0")/.."

FAULTS=src/integration/faults.test.ts
SAMRAAD_TEST_DB=postgres npx vitest run "$FAULTS" > >(sed -u 's/^/[faults] /') 2>&1 &
faults=$!
trap 'kill "$faults" 2>/dev/null || true' EXIT

npx vitest run --exclude "$FAULTS"
SAMRAAD_TEST_DB=postgres npx vitest run --exclude "$FAULTS"

trap - EXIT
wait "$faults"
