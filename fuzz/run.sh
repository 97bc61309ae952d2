#!/usr/bin/env bash
# Runs every fuzz target for a bounded time, one after the other, one libFuzzer job each.
#
#   fuzz/run.sh [SECONDS] [TARGET...]     default: 60 seconds, all targets
#
# Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`). Seed corpora are built
# by seeds.py into fuzz/corpus/ (not committed) the first time; libFuzzer adds what it finds there,
# so later runs continue where earlier ones stopped. A crash or hang leaves its input in
# fuzz/artifacts/<target>/ and makes the script fail; reproduce it with
# `cargo +nightly fuzz run <target> fuzz/artifacts/<target>/<file>` and add it as a regression test
# (see fuzz/README.md). Logs with executions and coverage go to fuzz/logs/<target>.log.
set -euo pipefail
cd "$(dirname "$0")"

SECS="${1:-60}"
shift || true
ALL=(structure rules_dsl amend docx pdf ldml offsets)
TARGETS=("${@:-${ALL[@]}}")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=("${ALL[@]}")

[ -d corpus ] || python3 seeds.py
mkdir -p logs artifacts

# One build for all targets (release, debug assertions, AddressSanitizer: cargo-fuzz's default).
# FUZZ_NO_BUILD=1 reuses the binaries already built.
if [ -z "${FUZZ_NO_BUILD:-}" ]; then
  cargo +nightly fuzz build -O --debug-assertions >logs/build.log 2>&1 || { tail -n 30 logs/build.log >&2; exit 1; }
fi
BIN=target/x86_64-unknown-linux-gnu/release

max_len() {
  case "$1" in
    docx|pdf|ldml) echo 262144 ;;
    *) echo 16384 ;;
  esac
}

failed=0
printf '%-10s %10s %8s %8s %8s  %s\n' target execs exec/s cov ft result
for t in "${TARGETS[@]}"; do
  mkdir -p "corpus/$t" "artifacts/$t"
  log="logs/$t.log"
  # One process, no -jobs/-workers (with -jobs libFuzzer forks and logs to fuzz-N.log instead).
  if "$BIN/$t" "corpus/$t" \
      -max_total_time="$SECS" -timeout=20 -rss_limit_mb=3072 \
      -max_len="$(max_len "$t")" -print_final_stats=1 \
      -artifact_prefix="artifacts/$t/" >"$log" 2>&1; then
    result=ok
  else
    result="CRASH (see $log, artifacts/$t/)"
    failed=1
  fi
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*')
  ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*')
  printf '%-10s %10s %8s %8s %8s  %s\n' "$t" "${execs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" "$result"
  echo "$(date -u +%FT%TZ) $t secs=$SECS execs=${execs:-?} cov=${cov:-?} ft=${ft:-?} $result" >> logs/history.txt
done
exit "$failed"
