#!/usr/bin/env python3
"""Precision of judged default findings: overall, per kind (federal/land), rule family, severity;
how often norm path, legal basis and fix are right. Usage: score_judged.py FILE.jsonl [--current RESULTS]

With --current (JSON of `digicheck check --format json` over the same files: the unpacked
federal/ folder and CORPUS/landesrecht), findings the engine no longer reports count as removed:
precision is then computed over the findings still reported. Verdicts on norm path, basis and fix
stay as judged."""
import json, sys
from collections import defaultdict

items = [json.loads(l) for l in open(sys.argv[1])]
if "--current" in sys.argv:
    # A judged finding still counts when the engine reports a finding at the same place; it then
    # carries the rule and severity reported now (a rule may have been refined into another).
    cur = {}
    for path in sys.argv[sys.argv.index("--current") + 1:]:
        for f in json.load(open(path)):
            rel = "federal/" + f["file"].split("/federal/")[-1] if "/federal/" in f["file"] else f["file"].split("/corpus/")[-1]
            for x in f["findings"]:
                cur.setdefault((rel, x["start"]), x)
    kept_items = []
    for it in items:
        x = cur.get((it["file"], it["start"]))
        if x is not None:
            it = dict(it, rule=x["rule"], severity=x["severity"])
            kept_items.append(it)
    removed = len(items) - len(kept_items)
    print(f"no longer reported: {removed} ({sum(not i['keep'] for i in items) - sum(not i['keep'] for i in kept_items)} struck, "
          f"{sum(i['keep'] for i in items) - sum(i['keep'] for i in kept_items)} kept)")
    items = kept_items

def line(name, xs):
    k = sum(i["keep"] for i in xs)
    return f"{name:<28} {k:>3}/{len(xs):<3} P {k/len(xs):.2f}" if xs else f"{name:<28} -"

print(line("all", items))
for kind in ("federal", "land"):
    print(line(kind, [i for i in items if i["kind"] == kind]))
groups = defaultdict(list)
for i in items:
    groups["family " + i["rule"][:5]].append(i)
    groups["severity " + i["severity"]].append(i)
for g in sorted(groups):
    print(line(g, groups[g]))
for field in ("norm_ok", "basis_ok", "fix_ok"):
    xs = [i[field] for i in items if i["keep"] and i.get(field) is not None]
    print(f"{field:<28} {sum(xs)}/{len(xs)} right" + (f" ({sum(xs)/len(xs):.2f})" if xs else ""))
