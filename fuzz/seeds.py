#!/usr/bin/env python3
"""Builds the seed corpora of the fuzz targets in fuzz/corpus/<target>/ (not committed).

Sources: the project's sample drafts (corpus/), the test fixtures (tests/fixtures/), the rule
catalogue (rules/*.dc), the shared corpus beside the repository (../shared/corpus: federal laws,
amending laws, LegalDocML.de), and the small hand-written seeds in fuzz/seeds/<target>/.
Texts are cut into pieces of a few kilobytes at line boundaries: libFuzzer mutates small inputs
far faster, and every piece is still real legal text."""
import hashlib
import pathlib
import sys

FUZZ = pathlib.Path(__file__).resolve().parent
REPO = FUZZ.parent
SHARED = REPO.parent / "shared" / "corpus"
if not SHARED.is_dir():
    SHARED = pathlib.Path("/work/shared/corpus")
OUT = FUZZ / "corpus"
PIECE = 4096
MAX_PIECES_PER_FILE = 40


def put(target, data):
    d = OUT / target
    d.mkdir(parents=True, exist_ok=True)
    (d / hashlib.sha1(data).hexdigest()).write_bytes(data)


def pieces(text):
    out, cur = [], []
    size = 0
    for line in text.splitlines(keepends=True):
        cur.append(line)
        size += len(line.encode())
        if size >= PIECE:
            out.append("".join(cur))
            cur, size = [], 0
    if cur:
        out.append("".join(cur))
    return out[:MAX_PIECES_PER_FILE]


def texts():
    globs = [
        (REPO / "corpus", "*.txt"),
        (REPO / "tests" / "fixtures", "**/*.txt"),
        (REPO / "core" / "tests" / "fixtures", "**/*.txt"),
        (SHARED / "amending", "**/*.txt"),
        (SHARED / "sample", "*.txt"),
    ]
    for base, pattern in globs:
        for p in sorted(base.glob(pattern)) if base.is_dir() else []:
            yield p


def main():
    n = {}
    for p in texts():
        text = p.read_text(encoding="utf-8", errors="replace")
        # Federal laws are large; a few pieces of each are enough.
        limit = 8 if "sample" in p.parts else MAX_PIECES_PER_FILE
        for piece in pieces(text)[:limit]:
            for t in ("structure", "amend", "offsets"):
                put(t, piece.encode())
    for p in sorted((REPO / "rules").glob("*.dc")):
        put("rules_dsl", p.read_bytes())
    for p in sorted((REPO / "core" / "tests" / "fixtures" / "rules").glob("**/*.dc")):
        put("rules_dsl", p.read_bytes())
    binaries = {"docx": "*.docx", "pdf": "*.pdf"}
    for target, pattern in binaries.items():
        for base in (REPO / "corpus", REPO / "tests" / "fixtures"):
            for p in sorted(base.glob("**/" + pattern)):
                data = p.read_bytes()
                if len(data) <= 256 * 1024:
                    put(target, data)
    for base in (SHARED / "ldml", REPO / "tests" / "fixtures"):
        for p in sorted(base.glob("**/*.xml")) if base.is_dir() else []:
            data = p.read_bytes()
            if len(data) <= 256 * 1024:
                put("ldml", data)
    for d in sorted((FUZZ / "seeds").iterdir()):
        for p in sorted(d.iterdir()):
            put(d.name, p.read_bytes())
    for d in sorted(OUT.iterdir()):
        n[d.name] = len(list(d.iterdir()))
    print("seed corpora:", ", ".join(f"{k} {v}" for k, v in sorted(n.items())), file=sys.stderr)


if __name__ == "__main__":
    main()
