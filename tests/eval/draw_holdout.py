#!/usr/bin/env python3
"""Draws a held-out evaluation set (tests/eval/holdout.jsonl, holdout2.jsonl) from the shared corpus.

The draw mirrors ../shared/eval/real-dev.jsonl: random provisions (Absatz, or the whole § / Nummer
when it has no numbered Absätze) of real law that contain a barrier-suggestive word stem, at most
two per federal law, none that is already in real-dev.jsonl. The set stores no law text: each item
names its file (relative to ../shared/corpus; `federal/X.txt` lies inside federal.tar.gz) and the
byte range of the provision, with an FNV-1a hash of those bytes so that a reader can tell when the
corpus changed. Labels are added by hand afterwards (LABELLING.md).

Usage: draw_holdout.py FEDERAL_DIR LANDESRECHT_DIR REAL_DEV.jsonl SEED [options] > draw.jsonl
(FEDERAL_DIR: the unpacked federal/ folder of federal.tar.gz, outside the repository.)

Options (the first set, holdout.jsonl, was drawn without any: seed 20260815, the default quota):
  --exclude SET.jsonl   also leave out every provision that overlaps an item of a text-free set
                        (same file, overlapping byte range); may be repeated
  --quota K=N,...       items per kind (federal, vwv, satzung, landesgesetz)
  --prefix P            id prefix (default ho)
"""
import json, os, random, re, sys

STEMS = ["schriftlich", "schriftform", "unterschr", "unterzeichn", "eigenhänd", "persönlich", "original",
         "urschrift", "beglaubig", "ausfertigung", "vordruck", "formblatt", "papier", "post", "einschreib",
         "rückschein", "aushang", "aushäng", "auszuhängen", "auszulegen", "ausgelegt", "siegel", "stempel",
         "telefax", "urkunde", "vorzulegen", "niederschrift", "erscheinen"]

def fnv1a(data: bytes) -> str:
    h = 0xcbf29ce484222325
    for b in data:
        h ^= b
        h = (h * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return f"{h:016x}"

def has_stem(text: str) -> bool:
    t = text.lower()
    return any(s in t for s in STEMS)

ABSATZ = re.compile(r"^\((\d+[a-z]?)\)\s")
FED_HEAD = re.compile(r"^(§+\s*[\w.]+|Art\s+[\w.]+)(\s+–|\s*$)")
ANY_FED_HEAD = re.compile(r"^(§+|(Art|Anlage|Anhang|Nr|Teil|Kapitel|Abschnitt|Eingangsformel|Schlußformel|Schlussformel)\b).*–|^(§+\s*[\w.]+|Art\s+[\w.]+)\s*$")
EDITORIAL = re.compile(r"^\(\+\+\+")

def lines_with_offsets(data: bytes):
    pos = 0
    for raw in data.split(b"\n"):
        yield pos, raw.decode("utf-8")
        pos += len(raw) + 1

def trim(data: bytes, start: int, end: int):
    """Shrinks [start, end) to its first and last non-blank, non-editorial line."""
    seg = data[start:end].decode("utf-8")
    kept = [(o, l) for o, l in lines_with_offsets(seg.encode()) if l.strip() and not EDITORIAL.match(l.strip())]
    if not kept:
        return None
    s = start + kept[0][0]
    e = start + kept[-1][0] + len(kept[-1][1].encode())
    return s, e

def federal_provisions(path, rel):
    data = open(path, "rb").read()
    lines = list(lines_with_offsets(data))
    heads = [i for i, (_, l) in enumerate(lines) if ANY_FED_HEAD.match(l)]
    out = []
    for k, h in enumerate(heads):
        m = FED_HEAD.match(lines[h][1])
        if not m:
            continue
        label = m.group(1).replace("Art ", "Art. ")
        end_line = heads[k + 1] if k + 1 < len(heads) else len(lines)
        body = list(range(h + 1, end_line))
        starts = [i for i in body if ABSATZ.match(lines[i][1])]
        if "(weggefallen)" in "".join(lines[i][1] for i in body[:3]):
            continue
        if starts:
            for j, s in enumerate(starts):
                e = starts[j + 1] if j + 1 < len(starts) else end_line
                nr = ABSATZ.match(lines[s][1]).group(1)
                out.append((f"{label} Abs. {nr}", lines[s][0], lines[e][0] if e < len(lines) else len(data)))
        elif body:
            out.append((label, lines[body[0]][0], lines[end_line][0] if end_line < len(lines) else len(data)))
    res = []
    for norm, s, e in out:
        t = trim(data, s, e)
        if t:
            res.append({"file": rel, "norm": norm, "start": t[0], "end": t[1], "text": data[t[0]:t[1]].decode()})
    return res

MD_HEAD = re.compile(r"^#{1,6}\s")
VWV_NUM = re.compile(r"^\**(\d+(?:\.\d+)*)\.?\**(\s|$)")
PARA_HEAD = re.compile(r"^#{1,6}\s*(§\s*\d+\s*[a-z]?)")

def markdown_provisions(path, rel, vwv):
    data = open(path, "rb").read()
    lines = list(lines_with_offsets(data))
    # Skip the front matter and the contents list.
    i, n = 0, len(lines)
    if lines and lines[0][1].strip() == "---":
        i = 1
        while i < n and lines[i][1].strip() != "---":
            i += 1
        i += 1
    out = []
    cur_para = None
    in_toc = False
    bounds = []  # (line index, norm)
    for j in range(i, n):
        l = lines[j][1]
        if MD_HEAD.match(l):
            in_toc = "inhaltsverzeichnis" in l.lower() or "inhaltsübersicht" in l.lower()
            m = PARA_HEAD.match(l)
            cur_para = re.sub(r"\s+", " ", m.group(1)).replace("§ ", "§ ") if m else None
            bounds.append((j, None))
            continue
        if in_toc:
            continue
        m = ABSATZ.match(l)
        if m and cur_para:
            bounds.append((j, f"{cur_para} Abs. {m.group(1)}"))
            continue
        if vwv:
            m = VWV_NUM.match(l.strip())
            if m and "." in m.group(1) or (m and l.strip().strip("*").rstrip(".") == m.group(1)):
                bounds.append((j, f"Nr. {m.group(1)}"))
                continue
    # A § without numbered Absätze: its heading opens the unit.
    for k, (j, norm) in enumerate(bounds):
        end = bounds[k + 1][0] if k + 1 < len(bounds) else n
        if norm is None:
            m = PARA_HEAD.match(lines[j][1])
            if not m:
                continue
            nxt = bounds[k + 1][1] if k + 1 < len(bounds) else None
            if nxt and nxt.startswith(re.sub(r"\s+", " ", m.group(1))):
                continue  # numbered Absätze follow
            norm = re.sub(r"\s+", " ", m.group(1))
            first = j + 1
        else:
            first = j
        if first >= end:
            continue
        s = lines[first][0]
        e = lines[end][0] if end < n else len(data)
        t = trim(data, s, e)
        if t:
            out.append({"file": rel, "norm": re.sub(r"\s+", " ", norm).strip(), "start": t[0], "end": t[1], "text": data[t[0]:t[1]].decode()})
    return out

def key(text):
    return re.sub(r"\W+", "", text.lower())[:80]

def main():
    fed_dir, lr_dir, real_dev, seed = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    quota = {"federal": 80, "vwv": 35, "satzung": 25, "landesgesetz": 20}
    excluded, prefix = [], "ho"
    rest = sys.argv[5:]
    while rest:
        opt, val, rest = rest[0], rest[1], rest[2:]
        if opt == "--exclude":
            excluded += [json.loads(l) for l in open(val) if l.strip()]
        elif opt == "--quota":
            quota.update({k: int(v) for k, v in (kv.split("=") for kv in val.split(","))})
        elif opt == "--prefix":
            prefix = val
        else:
            sys.exit(f"unknown option {opt}")
    taken_ranges = {}
    for x in excluded:
        taken_ranges.setdefault(x["file"], []).append((x["start"], x["end"]))
    real = [json.loads(l) for l in open(real_dev)]
    taken = {key(r["text"]) for r in real}
    # A provision of real-dev may be cut a little differently here (a heading line more or less):
    # any overlap of a stretch of its wording counts as the same provision.
    real_cores = [re.sub(r"\W+", "", r["text"].lower())[20:120] for r in real]
    rng = random.Random(seed)
    pools = {"federal": [], "vwv": [], "satzung": [], "landesgesetz": []}
    for f in sorted(os.listdir(fed_dir)):
        if f.endswith(".txt") and f != "SOURCES.md":
            pools["federal"] += federal_provisions(os.path.join(fed_dir, f), f"federal/{f}")
    for root, _, files in sorted(os.walk(lr_dir)):
        for f in sorted(files):
            if not f.endswith(".md") or f == "SOURCES.md":
                continue
            p = os.path.join(root, f)
            rel = "landesrecht/" + os.path.relpath(p, lr_dir)
            kind = "vwv" if "/VwVen/" in p else "landesgesetz" if "/Landesgesetze/" in p else "satzung"
            pools[kind] += markdown_provisions(p, rel, kind == "vwv")
    n = 0
    for kind in ["federal", "vwv", "satzung", "landesgesetz"]:
        cands = [p for p in pools[kind] if has_stem(p["text"]) and key(p["text"]) not in taken and len(p["text"]) < 6000]
        rng.shuffle(cands)
        per_file = {}
        cap = 2 if kind == "federal" else 3
        for p in cands:
            if per_file.get(p["file"], 0) >= cap:
                continue
            if any(s < p["end"] and p["start"] < e for s, e in taken_ranges.get(p["file"], [])):
                continue
            flat = re.sub(r"\W+", "", p["text"].lower())
            if any(len(core) >= 40 and core in flat for core in real_cores):
                continue
            per_file[p["file"]] = per_file.get(p["file"], 0) + 1
            n += 1
            data = p["text"].encode()
            print(json.dumps({"id": f"{prefix}-{n:04d}", "kind": kind, "file": p["file"], "norm": p["norm"], "start": p["start"],
                              "end": p["end"], "fnv1a": fnv1a(data), "text": p["text"]}, ensure_ascii=False))
            quota[kind] -= 1
            if quota[kind] == 0:
                break
        print(f"{kind}: pool {len(cands)}", file=sys.stderr)

main()
