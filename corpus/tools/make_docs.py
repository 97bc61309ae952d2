#!/usr/bin/env python3
"""Build the .docx and .pdf fixtures of the sample drafts in corpus/ from their .txt sources.

Usage (from anywhere):

    python3 corpus/tools/make_docs.py            # rebuild every corpus/*.txt draft
    python3 corpus/tools/make_docs.py FILE.txt   # rebuild one draft
    python3 corpus/tools/make_docs.py --check    # verify the committed fixtures and the answer key
                                                  # (expected-findings.tsv), build nothing

Needs python-docx (PyPI) and LibreOffice (`soffice`) for the PDF; `--check` needs python-docx and
poppler's `pdftotext`. CI does not need any of this: the generated files are committed.

The .txt file is the source of truth. Every non-empty line of the .txt becomes exactly one Word
paragraph with exactly the same text, in the same order — no automatic numbering, so „(1)“, „1.“,
„a)“ and „aa)“ stay in the paragraph text. What kind of line it is decides the paragraph style:

* headings (Vorblatt A.–G., Artikel, Abschnitt, § headings, Anlage, Begründung and its
  „Zu § …“/„Zu Nummer …“ parts) use Word's built-in heading styles („Heading 1“ … „Heading 6“);
* Absätze, Nummern, Buchstaben, Doppelbuchstaben, quoted amendment text and the
  Inhaltsübersicht use custom paragraph styles named after them (`Absatz`, `Nummer`,
  `Buchstabe`, `Doppelbuchstabe`, `Aenderungstext`, `Inhaltsuebersicht`), never heading styles;
* the cover page, the covering letter, the Gesetzestext and the Begründung each start on a new page.

The PDF is LibreOffice's rendering of the .docx (A4, Liberation Sans, justified, no automatic
hyphenation, page number in the footer and a running header from page 2 on).
"""

from __future__ import annotations

import argparse
import io
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent
FIXED_TIME = datetime(2025, 7, 1, 12, 0, 0)
FONT = "Liberation Sans"


# --------------------------------------------------------------------------------------------
# Line classification
# --------------------------------------------------------------------------------------------

@dataclass
class Line:
    text: str
    style: str  # paragraph style name
    page_break: bool = False
    bold: bool = False
    center: bool = False
    right: bool = False
    size: float | None = None


RE_VORBLATT = re.compile(r"^[A-G]\. \S")
RE_VORBLATT_SUB = re.compile(r"^\d [A-ZÄÖÜ]")
RE_GLIEDERUNG = re.compile(r"^(Buch|Teil|Kapitel|Abschnitt|Unterabschnitt) \d+[a-z]?$")
RE_ARTIKEL = re.compile(r"^Artikel \d+[a-z]?$")
RE_PARA_ALONE = re.compile(r"^§ \d+[a-z]?$")
RE_PARA_HEAD = re.compile(r"^§ \d+[a-z]? [^.;:]+$")  # „§ 3 Antragstellung“ — no full stop
RE_ANLAGE = re.compile(r"^Anlage( \d+)?$")
RE_ABSATZ = re.compile(r"^\(\d+[a-z]?\) ")
RE_NUMMER = re.compile(r"^\d+[a-z]?\. ")
RE_BUCHST = re.compile(r"^[a-z]\) ")
RE_DOPPEL = re.compile(r"^([a-z])\1\) ")
RE_DREIFACH = re.compile(r"^([a-z])\1\1\) ")
RE_ROMAN = re.compile(r"^[IVX]+\. ")


def quote_closes(text: str) -> bool:
    """Does this line close a quotation opened with „ (ends with “ plus optional punctuation)?"""
    return re.search(r"“[.,;]?$", text) is not None


def classify(lines: list[str]) -> list[Line]:
    out: list[Line] = []
    part = "cover"  # cover → vorblatt → anschreiben → gesetz → begruendung
    seen_gesetzentwurf = 0
    in_toc = False
    in_quote = False
    heading_follows: str | None = None  # style for the title line after „§ 3“, „Artikel 1“, …
    anlage_lines = 0

    for text in lines:
        # ---- part transitions ------------------------------------------------------------
        if text == "GESETZENTWURF":
            seen_gesetzentwurf += 1
        if part == "cover" and RE_VORBLATT.match(text):
            part = "vorblatt"
        elif part in ("vorblatt", "cover") and text.startswith("DIE MINISTERPRÄSIDENTIN"):
            part = "anschreiben"
            out.append(Line(text, "Normal", page_break=True, bold=True))
            continue
        elif part in ("vorblatt", "anschreiben") and (
            (text == "GESETZENTWURF" and seen_gesetzentwurf >= 2)
            or text.startswith("Verordnung ")
        ):
            part = "gesetz"
            out.append(Line(text, "Normal", page_break=True, bold=True, center=True, size=14))
            continue
        elif part in ("gesetz", "vorblatt") and text in ("Begründung:", "Begründung"):
            part = "begruendung"
            in_toc = False
            out.append(Line(text, "Heading 1", page_break=True))
            continue

        # ---- cover page and covering letter -------------------------------------------------
        if part == "cover":
            if text.startswith("LANDTAG"):
                out.append(Line(text, "Normal", bold=True, size=14))
            elif text.startswith("Drucksache"):
                out.append(Line(text, "Normal", bold=True, right=True, size=12))
            elif re.match(r"^\d\d\.\d\d\.\d{4}$", text):
                out.append(Line(text, "Normal", right=True))
            elif text in ("GESETZENTWURF", "Referentenentwurf"):
                out.append(Line(text, "Normal", bold=True, size=16))
            elif text.startswith("Entwurf"):
                out.append(Line(text, "Normal", bold=True, size=13))
            else:
                out.append(Line(text, "Normal"))
            continue
        if part == "anschreiben":
            out.append(Line(text, "Normal"))
            continue

        # ---- Vorblatt ---------------------------------------------------------------------
        if part == "vorblatt":
            if RE_VORBLATT.match(text):
                out.append(Line(text, "Heading 2"))
            elif RE_VORBLATT_SUB.match(text):
                out.append(Line(text, "Heading 3"))
            else:
                out.append(Line(text, "Normal"))
            continue

        # ---- Begründung -------------------------------------------------------------------
        if part == "begruendung":
            if text in ("A. Allgemeiner Teil", "B. Besonderer Teil"):
                out.append(Line(text, "Heading 2"))
            elif RE_ROMAN.match(text) or re.match(r"^Zu (§|Artikel|der Anlage)", text):
                out.append(Line(text, "Heading 3"))
            elif text.startswith("Zu Nummer"):
                out.append(Line(text, "Heading 4"))
            elif text.startswith("Zu Buchstabe"):
                out.append(Line(text, "Heading 5"))
            elif text.startswith("Zu Doppelbuchstabe"):
                out.append(Line(text, "Heading 6"))
            else:
                out.append(Line(text, "Normal"))
            continue

        # ---- Gesetzestext / Verordnungstext ---------------------------------------------------
        if in_quote or text.startswith("„"):
            # quoted new wording inside an Änderungsbefehl: indented, never a heading style
            in_quote = not quote_closes(text)
            out.append(Line(text, "Aenderungstext"))
            continue
        if heading_follows:
            out.append(Line(text, heading_follows))
            if heading_follows == "Heading 2" and anlage_lines:
                anlage_lines -= 1
                heading_follows = "Heading 2" if anlage_lines else None
            else:
                heading_follows = None
            continue
        if text == "Inhaltsübersicht":
            in_toc = True
            out.append(Line(text, "Normal", bold=True, center=True))
            continue
        if in_toc:
            if RE_GLIEDERUNG.match(text) or RE_ARTIKEL.match(text) or RE_PARA_ALONE.match(text):
                in_toc = False  # the body starts: „Abschnitt 1“ on a line of its own
            else:
                out.append(Line(text, "Inhaltsuebersicht"))
                continue
        if text in ("GESETZENTWURF", "der Landesregierung") or text.startswith("Entwurf eines"):
            out.append(Line(text, "Normal", bold=True, center=True))
        elif RE_GLIEDERUNG.match(text) or RE_ARTIKEL.match(text):
            out.append(Line(text, "Heading 2"))
            heading_follows = "Heading 2"
        elif RE_ANLAGE.match(text):
            out.append(Line(text, "Heading 2", page_break=True))
            heading_follows, anlage_lines = "Heading 2", 2  # „(zu § …)“ and the title
        elif RE_PARA_ALONE.match(text):
            out.append(Line(text, "Heading 3"))
            heading_follows = "Heading 3"
        elif RE_PARA_HEAD.match(text) and len(text) < 120:
            out.append(Line(text, "Heading 3"))
        elif RE_ABSATZ.match(text):
            out.append(Line(text, "Absatz"))
        elif RE_DREIFACH.match(text):
            out.append(Line(text, "Doppelbuchstabe"))
        elif RE_DOPPEL.match(text):
            out.append(Line(text, "Doppelbuchstabe"))
        elif RE_BUCHST.match(text):
            out.append(Line(text, "Buchstabe"))
        elif RE_NUMMER.match(text):
            out.append(Line(text, "Nummer"))
        elif text.startswith("Vom "):
            out.append(Line(text, "Normal", center=True))
        else:
            out.append(Line(text, "Normal"))
    return out


# --------------------------------------------------------------------------------------------
# Word document
# --------------------------------------------------------------------------------------------

def build_docx(txt: Path, out: Path) -> None:
    from docx import Document
    from docx.enum.section import WD_SECTION_START  # noqa: F401  (documented API, kept for clarity)
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt, RGBColor

    raw = txt.read_text(encoding="utf-8")
    lines = [l for l in raw.split("\n") if l.strip()]
    classified = classify(lines)

    doc = Document()
    styles = doc.styles

    def set_font(style, size=None, bold=None):
        style.font.name = FONT
        rpr = style.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = OxmlElement("w:rFonts")
            rpr.append(fonts)
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(attr), FONT)
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
            if fonts.get(qn(attr)) is not None:
                del fonts.attrib[qn(attr)]
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr.append(lang)
        lang.set(qn("w:val"), "de-DE")
        lang.set(qn("w:eastAsia"), "de-DE")
        lang.set(qn("w:bidi"), "ar-SA")
        if size:
            style.font.size = Pt(size)
        if bold is not None:
            style.font.bold = bold
        style.font.color.rgb = RGBColor(0, 0, 0)

    normal = styles["Normal"]
    set_font(normal, 11)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY

    heading_sizes = {1: 14, 2: 12.5, 3: 11.5, 4: 11, 5: 11, 6: 11}
    for level, size in heading_sizes.items():
        st = styles[f"Heading {level}"]
        set_font(st, size, bold=True)
        st.font.italic = level >= 5
        pf = st.paragraph_format
        pf.space_before = Pt(12 if level <= 3 else 8)
        pf.space_after = Pt(6)
        pf.keep_with_next = True
        pf.alignment = WD_ALIGN_PARAGRAPH.CENTER if level == 3 else WD_ALIGN_PARAGRAPH.LEFT

    def para_style(name, left_cm, hanging_cm=0.0, space_after=6):
        st = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        st.base_style = normal
        st.quick_style = True
        pf = st.paragraph_format
        pf.left_indent = Cm(left_cm)
        if hanging_cm:
            pf.first_line_indent = Cm(-hanging_cm)
        pf.space_after = Pt(space_after)
        return st

    para_style("Absatz", 0.0)
    para_style("Nummer", 0.8, 0.8)
    para_style("Buchstabe", 1.6, 0.8)
    para_style("Doppelbuchstabe", 2.4, 0.8)
    para_style("Aenderungstext", 1.0, 0.0)
    toc = para_style("Inhaltsuebersicht", 0.0, 0.0, space_after=2)
    toc.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT

    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.top_margin = section.bottom_margin = Cm(2.5)
    section.left_margin, section.right_margin = Cm(2.5), Cm(2.0)

    # running header (not on the first page) and page number footer
    first = lines[0]
    drs = next((l for l in lines[:12] if l.startswith("Drucksache")), None)
    if first.startswith("LANDTAG") and drs:
        header_text = f"{drs}\tLandtag Mecklenburg-Vorpommern – 8. Wahlperiode"
    else:
        stand = next((l for l in lines[:12] if l.startswith("Stand:")), "")
        header_text = f"Referentenentwurf\t{stand}"
    section.different_first_page_header_footer = True
    hp = section.header.paragraphs[0]
    hp.text = ""
    hp.style = normal
    hp.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    tabs = hp.paragraph_format.tab_stops
    from docx.enum.text import WD_TAB_ALIGNMENT
    tabs.add_tab_stop(Cm(16.5), WD_TAB_ALIGNMENT.RIGHT)
    run = hp.add_run(header_text)
    run.font.size = Pt(9)

    for footer in (section.footer, section.first_page_footer):
        fp = footer.paragraphs[0]
        fp.style = normal
        fp.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        r = fp.add_run()
        r.font.size = Pt(9)
        for kind, val in (("begin", None), (None, "PAGE"), ("end", None)):
            if kind:
                el = OxmlElement("w:fldChar")
                el.set(qn("w:fldCharType"), kind)
            else:
                el = OxmlElement("w:instrText")
                el.set(qn("xml:space"), "preserve")
                el.text = val
            r._r.append(el)

    for ln in classified:
        p = doc.add_paragraph(style=styles[ln.style])
        run = p.add_run(ln.text)
        if ln.bold:
            run.bold = True
        if ln.size:
            run.font.size = Pt(ln.size)
        if ln.center:
            p.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif ln.right:
            p.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif ln.style == "Normal" and (len(ln.text) < 60 or not ln.text.endswith((".", ":"))):
            p.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
        if ln.page_break:
            p.paragraph_format.page_break_before = True

    # document language for the whole file (settings.xml)
    settings = doc.settings.element
    theme_font_lang = settings.find(qn("w:themeFontLang"))
    if theme_font_lang is None:
        theme_font_lang = OxmlElement("w:themeFontLang")
        settings.append(theme_font_lang)
    theme_font_lang.set(qn("w:val"), "de-DE")

    title = next((l for l in lines if l.startswith("Entwurf")), lines[0])
    cp = doc.core_properties
    cp.title = title
    cp.subject = "Digi-Check sample draft (invented, not an official text)"
    cp.author = "Digi-Check corpus"
    cp.last_modified_by = "Digi-Check corpus"
    cp.comments = f"Generated by corpus/tools/make_docs.py from {txt.name}"
    cp.language = "de-DE"
    cp.keywords = "Digi-Check; Testkorpus; Mecklenburg-Vorpommern"
    cp.created = cp.modified = FIXED_TIME
    cp.last_printed = FIXED_TIME
    cp.revision = 1

    buf = io.BytesIO()
    doc.save(buf)
    write_deterministic_zip(buf.getvalue(), out)


def write_deterministic_zip(data: bytes, out: Path) -> None:
    """Re-pack the .docx with fixed timestamps and sorted-as-written entries, so that a rebuild
    of an unchanged .txt gives a byte-identical .docx."""
    src = zipfile.ZipFile(io.BytesIO(data))
    tmp = out.with_suffix(".docx.tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, src.read(info.filename))
    tmp.replace(out)


# --------------------------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------------------------

def build_pdf(docx: Path, out: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        sys.exit("soffice not found: apt-get install libreoffice-writer-nogui fonts-liberation2")
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp) / "profile"
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{profile}", "--headless",
             "--convert-to", "pdf:writer_pdf_Export", "--outdir", tmp, str(docx)],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        shutil.move(str(Path(tmp) / (docx.stem + ".pdf")), out)


# --------------------------------------------------------------------------------------------
# Checks
# --------------------------------------------------------------------------------------------

LIGATURES = "\ufb00\ufb01\ufb02\ufb03\ufb04\ufb05\ufb06"


def check(txt: Path) -> list[str]:
    """Compare the committed .docx/.pdf of one draft with its .txt; return the problems."""
    from docx import Document

    problems: list[str] = []
    lines = [l for l in txt.read_text(encoding="utf-8").split("\n") if l.strip()]
    docx_path, pdf_path = txt.with_suffix(".docx"), txt.with_suffix(".pdf")
    if not docx_path.exists():
        return [f"{docx_path.name}: missing"]
    paras = [p.text for p in Document(str(docx_path)).paragraphs]
    if paras != lines:
        for i, (a, b) in enumerate(zip(paras, lines)):
            if a != b:
                problems.append(f"{docx_path.name}: paragraph {i + 1} differs from line: {a!r} != {b!r}")
                break
        if len(paras) != len(lines):
            problems.append(f"{docx_path.name}: {len(paras)} paragraphs, {len(lines)} text lines")
    if not pdf_path.exists():
        return problems + [f"{pdf_path.name}: missing"]
    pdftext = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(pdf_path), "-"],
                             check=True, capture_output=True, text=True).stdout
    if any(c in pdftext for c in LIGATURES):
        problems.append(f"{pdf_path.name}: extracted text contains ligature code points")
    # every word of the draft must come out of the PDF (hyphen-broken words are joined first)
    joined = re.sub(r"(\w)-\n(\w)", r"\1-\2", pdftext)
    pdf_words = set(re.findall(r"[\wÄÖÜäöüß§]+", joined))
    missing = sorted({w for w in re.findall(r"[\wÄÖÜäöüß§]+", "\n".join(lines))} - pdf_words)
    if missing:
        problems.append(f"{pdf_path.name}: {len(missing)} words not found in pdftotext output, e.g. {missing[:8]}")
    return problems


def check_answer_key(key: Path) -> list[str]:
    """Every row of expected-findings.tsv must point at a line of its draft that contains the
    row's `text` — so the key cannot silently drift when a draft is edited."""
    problems: list[str] = []
    if not key.exists():
        return [f"{key.name}: missing"]
    rows = key.read_text(encoding="utf-8").rstrip("\n").split("\n")
    header = rows[0].split("\t")
    cache: dict[str, list[str]] = {}
    for n, row in enumerate(rows[1:], start=2):
        r = dict(zip(header, row.split("\t")))
        path = key.parent / r["file"]
        if r["file"] not in cache:
            if not path.exists():
                problems.append(f"{key.name}:{n}: no such draft {r['file']}")
                continue
            cache[r["file"]] = path.read_text(encoding="utf-8").split("\n")
        lines = cache[r["file"]]
        ln = int(r["line"])
        if not (1 <= ln <= len(lines)) or r["text"] not in lines[ln - 1]:
            problems.append(f"{key.name}:{n}: {r['id']}: {r['text']!r} not on line {ln} of {r['file']}")
        if r["expect"] not in ("flag", "hinweis", "no"):
            problems.append(f"{key.name}:{n}: {r['id']}: bad expect {r['expect']!r}")
    return problems


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("files", nargs="*", type=Path, help="draft .txt files (default: corpus/*.txt)")
    ap.add_argument("--check", action="store_true", help="verify committed fixtures, build nothing")
    ap.add_argument("--no-pdf", action="store_true", help="build only the .docx")
    args = ap.parse_args()
    files = args.files or sorted(CORPUS.glob("*.txt"))
    if args.check:
        problems = [p for f in files for p in check(f)]
        problems += check_answer_key(CORPUS / "expected-findings.tsv")
        for p in problems:
            print(p)
        print("ok" if not problems else f"{len(problems)} problem(s)")
        sys.exit(1 if problems else 0)
    for txt in files:
        docx = txt.with_suffix(".docx")
        build_docx(txt, docx)
        print(f"wrote {docx.relative_to(CORPUS.parent) if docx.is_relative_to(CORPUS.parent) else docx}")
        if not args.no_pdf:
            pdf = txt.with_suffix(".pdf")
            build_pdf(docx, pdf)
            print(f"wrote {pdf.relative_to(CORPUS.parent) if pdf.is_relative_to(CORPUS.parent) else pdf}")


if __name__ == "__main__":
    main()
