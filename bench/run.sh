#!/usr/bin/env bash
# Whole-run benchmark: `digicheck check --format json` over a corpus against ripgrep looking for the
# rule set's trigger words (`digicheck rules triggers`) in the same files, in the same run.
#
#   bench/run.sh                 all federal law (../shared/corpus/federal.tar.gz, unpacked once
#                                into a cache folder outside the repository), 5 runs each
#   bench/run.sh --quick         the 34-law sample ../shared/corpus/sample, 10 runs each
#   bench/run.sh --quick --check as --quick, and fail if the ratio to ripgrep is worse than the
#                                recorded figure in bench/baseline.txt times its margin (CI guard)
#   bench/run.sh --quick --record  as --quick, and write the measured ratio to bench/baseline.txt
#
# Options: --runs N, --no-build (use target/release/digicheck as it is), --no-memory.
# Environment: DIGICHECK_BENCH_CACHE (where the federal corpus is unpacked; default
# ${XDG_CACHE_HOME:-~/.cache}/digicheck-bench), DIGICHECK_BIN (binary to time).
# Needs hyperfine, rg, python3 (for the statistics) and GNU time (/usr/bin/time) for peak memory.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

quick=false check=false record=false build=true memory=true runs=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=true ;;
    --check) check=true ;;
    --record) record=true ;;
    --runs) runs="$2"; shift ;;
    --no-build) build=false ;;
    --no-memory) memory=false ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "bench/run.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
if $check || $record; then quick=true; fi

for tool in hyperfine rg python3; do
  command -v "$tool" >/dev/null || { echo "bench/run.sh: $tool is missing (apt-get install hyperfine ripgrep python3)" >&2; exit 2; }
done

SHARED="$ROOT/../shared/corpus"
if $quick; then
  CORPUS="$SHARED/sample"
  runs="${runs:-10}"
  [ -d "$CORPUS" ] || { echo "bench/run.sh: $CORPUS is missing" >&2; exit 2; }
else
  runs="${runs:-5}"
  CACHE="${DIGICHECK_BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/digicheck-bench}"
  CORPUS="$CACHE/federal"
  if [ ! -f "$CORPUS/.complete" ]; then
    [ -f "$SHARED/federal.tar.gz" ] || { echo "bench/run.sh: $SHARED/federal.tar.gz is missing" >&2; exit 2; }
    echo "Unpacking the federal corpus into $CACHE …" >&2
    rm -rf "$CORPUS" && mkdir -p "$CACHE"
    tar -xzf "$SHARED/federal.tar.gz" -C "$CACHE"
    touch "$CORPUS/.complete"
  fi
fi

if $build && [ -z "${DIGICHECK_BIN:-}" ]; then
  cargo build --release --quiet -p digicheck
fi
BIN="${DIGICHECK_BIN:-$ROOT/target/release/digicheck}"
[ -x "$BIN" ] || { echo "bench/run.sh: $BIN is missing (cargo build --release -p digicheck)" >&2; exit 2; }

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
"$BIN" rules triggers > "$WORK/triggers.txt"
# The list must be usable as `rg -f` patterns as it is: one word per line, no regex syntax.
if [ ! -s "$WORK/triggers.txt" ] || grep -qE '^$|[][\\.*+?(){}|^$]' "$WORK/triggers.txt"; then
  echo "bench/run.sh: \`digicheck rules triggers\` printed an empty line, no words or regex syntax" >&2; exit 2
fi
files=$(find "$CORPUS" -name '*.txt' | wc -l)
bytes=$(find "$CORPUS" -name '*.txt' -print0 | du -cb --files0-from=- | tail -1 | cut -f1)
[ "$files" -gt 0 ] || { echo "bench/run.sh: no .txt files in $CORPUS" >&2; exit 2; }
echo "Corpus: $CORPUS — $files files, $((bytes / 1000000)) MB; $(wc -l < "$WORK/triggers.txt") trigger words; $(nproc) cores; $runs runs each"

# Both tools read the same .txt files of the folder. digicheck exits 1 when it has findings
# (contract), which is success here; 2 would be an input error and fails the benchmark.
DC="\"$BIN\" check --format json --quiet --include '*.txt' \"$CORPUS\" > /dev/null || [ \$? -eq 1 ]"
RG="rg --no-ignore --count -g '*.txt' -f \"$WORK/triggers.txt\" \"$CORPUS\" > /dev/null"

hyperfine --style basic --warmup 1 --runs "$runs" --export-json "$WORK/times.json" \
  -n digicheck "$DC" -n ripgrep "$RG" >&2

python3 - "$WORK/times.json" "$bytes" > "$WORK/summary" <<'EOF'
import json, statistics, sys
res = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
mb = int(sys.argv[2]) / 1e6
for name in ("digicheck", "ripgrep"):
    t = res[name]["times"]
    med = statistics.median(t)
    print(f"{name:<10} wall min {min(t):7.3f} s  median {med:7.3f} s  max {max(t):7.3f} s  "
          f"{mb / med:8.1f} MB/s  (user {res[name]['user']:.2f} s, sys {res[name]['system']:.2f} s, mean)")
ratio = statistics.median(res["digicheck"]["times"]) / statistics.median(res["ripgrep"]["times"])
print(f"ratio      {ratio:.2f} (median digicheck / median ripgrep)")
print(f"RATIO={ratio:.3f}")
EOF
grep -v '^RATIO=' "$WORK/summary"
ratio=$(sed -n 's/^RATIO=//p' "$WORK/summary")

if $memory && [ -x /usr/bin/time ]; then
  rss() { /usr/bin/time -f '%M' -o "$WORK/rss" sh -c "$1" >/dev/null 2>&1 || true; echo "$(( $(tail -1 "$WORK/rss") / 1024 )) MB"; }
  echo "peak RSS   digicheck $(rss "$DC"), ripgrep $(rss "$RG")"
fi

BASELINE="$ROOT/bench/baseline.txt"
if $record; then
  python3 - "$BASELINE" "$ratio" <<'EOF'
import re, sys
path, ratio = sys.argv[1], sys.argv[2]
text = open(path).read()
text = re.sub(r"(?m)^quick_ratio=.*$", f"quick_ratio={ratio}", text)
open(path, "w").write(text)
EOF
  echo "recorded quick_ratio=$ratio in bench/baseline.txt"
fi
if $check; then
  base=$(sed -n 's/^quick_ratio=//p' "$BASELINE")
  margin=$(sed -n 's/^quick_margin=//p' "$BASELINE")
  limit=$(python3 -c "print(f'{$base * $margin:.3f}')")
  if python3 -c "import sys; sys.exit(0 if $ratio <= $limit else 1)"; then
    echo "OK: ratio $ratio ≤ $limit (recorded $base × margin $margin)"
  else
    echo "FAIL: ratio to ripgrep $ratio is above $limit (recorded $base × margin $margin, bench/baseline.txt)." >&2
    echo "      If the slowdown is deliberate, explain it in the commit and run bench/run.sh --quick --record." >&2
    exit 1
  fi
fi
