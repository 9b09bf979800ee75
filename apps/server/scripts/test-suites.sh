#!/usr/bin/env bash
# The server's tests: every file on SQLite, then again on PostgreSQL (+ Redis). The outage suite
# (integration/faults.test.ts, PostgreSQL only) spends its ~5 minutes waiting for the processes
# it stops to come back, so it runs beside the two others instead of after them; its lines carry
# a [faults] prefix. Vitest gives each run one worker on a 2-core machine, so the CPU-bound
# suites still run one file at a time.
set -euo pipefail
# Job control: the background run gets a process group of its own, so a failure in the other
# runs can stop all of it (npx, vitest and its workers), not leave it holding the output open.
set -m
cd "$(dirname "$0")/.."

FAULTS=src/integration/faults.test.ts
SAMRAAD_TEST_DB=postgres npx vitest run "$FAULTS" > >(sed -u 's/^/[faults] /') 2>&1 &
faults=$!
trap 'kill -- -"$faults" 2>/dev/null || true' EXIT

npx vitest run --exclude "$FAULTS"
SAMRAAD_TEST_DB=postgres npx vitest run --exclude "$FAULTS"

trap - EXIT
wait "$faults"
