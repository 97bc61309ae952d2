#!/usr/bin/env python3
"""Draw random default findings of Digi-Check on real law for judging (issue #15).

Usage: draw_judged.py DIGICHECK CORPUS FEDERAL_DIR SEED N_FEDERAL N_LAND [--show]
       draw_judged.py DIGICHECK CORPUS FEDERAL_DIR SEED --families FAM=N,... [--exclude OLD.jsonl ...] [--show]

Runs `DIGICHECK check --format json` (default settings, i.e. default rules and the detected
jurisdiction) over every file of FEDERAL_DIR (the unpacked `federal/` of federal.tar.gz) and of
CORPUS/landesrecht, and draws N_FEDERAL and N_LAND findings uniformly at random with SEED.
Prints one JSON line per finding without law text: file (relative to CORPUS), the finding's
byte range in that file, fnv1a of those bytes, rule, category, severity, norm and fix. Verdicts
are added by hand (see README.md).

With `--families DC-PA=25,DC-SI=25,...` the draw is per rule family (or per rule: DC-PA-005=6)
instead of per kind: N findings of each (all of them where the corpus has fewer) drawn uniformly from the pooled
federal and Landesrecht findings, leaving out findings already judged in an `--exclude` file
(same file and start). `--show` also prints the sentence around each finding to
stderr for the judge (never stored).
"""
import json
import os
import random
import subprocess
import sys


def fnv1a(data: bytes) -> str:
    h = 0xCBF29CE484222325
    for b in data:
        h ^= b
        h = (h * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return f"{h:016x}"


def findings(digicheck, root, rel_prefix):
    out = subprocess.run([digicheck, "check", "--format", "json", root], capture_output=True, check=False)
    items = []
    for f in json.loads(out.stdout):
        rel = os.path.relpath(f["file"], root)
        for x in f["findings"]:
            items.append((os.path.join(rel_prefix, rel), f["file"], x))
    items.sort(key=lambda t: (t[0], t[2]["start"], t[2]["rule"]))
    return items


def option(name):
    """All values after `name` up to the next option."""
    if name not in sys.argv:
        return []
    vals = []
    for a in sys.argv[sys.argv.index(name) + 1:]:
        if a.startswith("--"):
            break
        vals.append(a)
    return vals


def main():
    digicheck, corpus, federal_dir, seed = sys.argv[1:5]
    show = "--show" in sys.argv
    rng = random.Random(int(seed))
    fed = findings(digicheck, federal_dir, "federal")
    land = findings(digicheck, os.path.join(corpus, "landesrecht"), "landesrecht")
    families = option("--families")
    if families:
        seen = set()
        for path in option("--exclude"):
            for line in open(path):
                old = json.loads(line)
                seen.add((old["file"], old["start"]))
        pool = [("federal", t) for t in fed] + [("land", t) for t in land]
        pool = [p for p in pool if (p[1][0], p[1][2]["start"]) not in seen]
        picks = []
        for spec in families[0].split(","):
            fam, n = spec.split("=")
            cands = [p for p in pool if p[1][2]["rule"] == fam or p[1][2]["rule"].startswith(fam + "-")]
            picks += rng.sample(cands, min(int(n), len(cands)))
    else:
        n_fed, n_land = sys.argv[5:7]
        picks = [("federal", t) for t in rng.sample(fed, int(n_fed))] + [("land", t) for t in rng.sample(land, int(n_land))]
    for i, (kind, (rel, path, x)) in enumerate(picks, 1):
        data = open(path, "rb").read()
        span = data[x["start"]:x["end"]]
        assert span.decode("utf-8") == x["text"], (rel, x["start"], x["text"])
        item = {
            "id": f"j-{i:04d}", "kind": kind, "file": rel, "start": x["start"], "end": x["end"], "fnv1a": fnv1a(span),
            "rule": x["rule"], "category": x["category"], "severity": x["severity"], "norm": x["norm"],
        }
        print(json.dumps(item, ensure_ascii=False))
        if show:
            lo = data.rfind(b"\n", 0, max(0, x["start"] - 300)) + 1
            hi = data.find(b"\n", x["end"] + 250)
            ctx = data[lo:hi if hi > 0 else len(data)].decode("utf-8", "replace").replace("\n", " ")
            print(f"\n### {item['id']} {rel} {x['norm']} {x['rule']} {x['severity']} [{x['text']}] fix={x.get('fix')}\n  {x['message'][:160]}\n  CTX: {ctx[:900]}", file=sys.stderr)


if __name__ == "__main__":
    main()
