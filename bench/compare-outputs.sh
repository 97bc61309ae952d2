#!/bin/bash
# Compares what two digicheck binaries write, byte for byte: the JSON report of all federal laws
# (default rules and --alle-regeln), every report format over corpus/ (also with --alle-regeln,
# --automatisierung, --begruendung --profile bund), the two one-page files of the start-up bench,
# `rules list/test/docs/triggers`, and `rules show` and `explain` of every rule — stdout, stderr and
# exit code of each. For changes that must not change output (start-up and speed work).
#
#   bench/compare-outputs.sh BASE_BINARY NEW_BINARY [FEDERAL_DIR]
#
# FEDERAL_DIR defaults to /tmp/fed/federal (../shared/corpus/federal.tar.gz unpacked). Both
# binaries are copied to the same file name, so that usage lines in error messages compare equal.
set -u
REPO=$(cd "$(dirname "$0")/.." && pwd)
FED=${3:-/tmp/fed/federal}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/a" "$WORK/b" "$WORK/out/a" "$WORK/out/b"
cp "$1" "$WORK/a/digicheck" && cp "$2" "$WORK/b/digicheck" || exit 2
A="$WORK/a/digicheck"; B="$WORK/b/digicheck"
{ head -12 "$REPO/corpus/gesetzentwurf-hundehaltung-mv.txt"; sed -n 220,270p "$REPO/corpus/gesetzentwurf-hundehaltung-mv.txt"; } > "$WORK/page.txt"
{ head -12 "$REPO/corpus/aenderungsgesetz-verwaltungsverfahren-mv.txt"; sed -n 80,140p "$REPO/corpus/aenderungsgesetz-verwaltungsverfahren-mv.txt"; } > "$WORK/amend.txt"
fail=0
same() { # name: compares the two outputs of a run
  if cmp -s "$WORK/out/a/$1" "$WORK/out/b/$1"; then echo "same  $1 ($(wc -c < "$WORK/out/a/$1") bytes)"; else echo "DIFF  $1"; fail=1; fi
}
run() { # name, arguments
  local name=$1; shift
  for side in a b; do
    (cd "$WORK" && "$WORK/$side/digicheck" "$@" > "$WORK/out/$side/$name" 2>&1; echo "exit $?" >> "$WORK/out/$side/$name")
  done
  same "$name"
}
if [ -d "$FED" ]; then
  run federal-json check -q --format json "$FED"
  run federal-json-alle check -q --format json --alle-regeln "$FED"
else
  echo "MISSING  $FED (the federal laws): not compared"; fail=1
fi
for f in text json csv markdown sarif html digitalcheck; do
  run "corpus-$f" check --format "$f" "$REPO/corpus"
  run "corpus-$f-alle" check --format "$f" --alle-regeln "$REPO/corpus"
done
run corpus-html-automatisierung check --format html --automatisierung "$REPO/corpus"
run corpus-digitalcheck-automatisierung check --format digitalcheck --automatisierung "$REPO/corpus"
run corpus-json-begruendung-bund check --format json --begruendung --profile bund "$REPO/corpus"
run page check page.txt
run page-json check --format json page.txt
run amending-page check amend.txt
run rules-list rules list
run rules-list-json rules list --format json
run rules-triggers rules triggers
run rules-test rules test
for side in a b; do "$WORK/$side/digicheck" rules docs "$WORK/out/$side/docs" > /dev/null 2>&1; done
if diff -r "$WORK/out/a/docs" "$WORK/out/b/docs" > /dev/null; then echo "same  rules docs ($(ls "$WORK/out/a/docs" | wc -l) files)"; else echo "DIFF  rules docs"; fail=1; fi
ids=$("$A" rules list --format json | sed -n 's/.*"id": "\([^"]*\)".*/\1/p')
for id in $ids DC-XX-999 schriftlich-antrag dc-sf-001; do
  for cmd in "rules show" explain; do
    for side in a b; do ("$WORK/$side/digicheck" $cmd "$id"; echo "exit $?") >> "$WORK/out/$side/show-explain" 2>&1; done
  done
done
same show-explain
echo "($(echo $ids | wc -w) rules shown and explained)"
[ $fail = 0 ] && echo "ALL SAME" || { echo "DIFFERENCES FOUND"; exit 1; }
