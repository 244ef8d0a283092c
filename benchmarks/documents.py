"""Arabic PDFs read by each PDF library and by our reader, scored against the gold: ``python benchmarks/documents.py``.

The files are the shared ``eval-data/arabic-documents/pdf`` set (see its
SOURCE.md): the KITAB-Bench PDFs with a text layer and a human-labelled
Markdown gold, and the small PDFs of PDF libraries' test suites with the
exact string they hold.

Scoring (the one the issue names): both sides are cut into words after NFKC,
with the Arabic diacritics and the tatweel removed, the Persian letter forms
that Arabic fonts use (``ی``, ``ھ``, ``ک``) read as the Arabic letters, and Markdown symbols
(``#``, ``*``, ``|``, table rules, and the HTML tags some golds use for
tables and images: ``<td>``, ``<image>``) ignored; a word is a run of
letters or digits. Word precision/recall/F1 count the words as a multiset;
word-bigram F1 does the same with pairs of neighbouring words, so it measures
the word order. Where a gold covers only part of a file (KITAB pdf10's starts
at page 5) only the pages it covers are scored: a page is covered when, for
some reader, at least half of its words are in the gold; a page without any
text (a scanned page) counts as covered, since the gold labels it, and the
script says which pages it scored. The time is the reader's seconds per page
(the median of ``--repeat`` runs).

Readers: pypdfium2 (``get_text_range``), pypdf (``extract_text``),
pdfminer.six and pdfplumber (``extract_text``), ``pdftotext`` when poppler is
installed (a comparison row only: GPL), ``pypdfium2 + repairs`` (PDFium with
our Arabic repairs, no second opinion) and ``ours``
(:func:`summarizer.documents.pdf.read_pdf_pages`: the same, plus pypdf's and
pdfminer's readings of a page whose PDFium text has non-words, the reading
with the most words kept; scanned pages skipped instead of refused; the running headers,
footers and page numbers it drops from the article are scored with their
page, since the gold labels them).

``--ocr`` scores only the scanned KITAB PDFs, read by our reader with
``ocr="on"`` (Tesseract's Arabic model; needs the ``[ocr]`` extra).
``--clean-text`` counts the words of clean Arabic text (the shared news,
Flores, TICO-19 and UN sets) that the word repairs change, as on a page that
reads well and as on a damaged one: the repairs' false changes.

The exact-string fixtures are read by our reader and compared with their gold
after NFKC and with runs of white space made one space.
"""

from __future__ import annotations

import argparse
import io
import re
import shutil
import statistics
import subprocess
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

DATA = HERE.parent.parent / "shared" / "eval-data" / "arabic-documents" / "pdf"

_MARKS = re.compile("[\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_MARKDOWN = re.compile(r"<[a-zA-Z/][^>]*>|[#*|_`>]|^\s*-{3,}\s*$|^\s*[-:| ]+$", re.M)
_MARKDOWN_ONLY = re.compile(r"<image>|[#*|_`>]|^\s*-{3,}\s*$|^\s*[-:| ]+$", re.M)
# Farsi yeh, heh doachashmee, keheh, alef maksura with a yeh-like dot: one Arabic letter each, by font choice.
_LETTER_FORMS = str.maketrans({"\u06cc": "\u064a", "\u06be": "\u0647", "\u06a9": "\u0643"})
_WORD = re.compile(r"[^\W_]+")


KEEP_HTML = False  # --keep-html-tags: score the golds' HTML tags as words, as the issue's baseline did


def words(text: str) -> list[str]:
    """The words the score counts: NFKC, no diacritics or tatweel, Markdown symbols ignored."""
    text = unicodedata.normalize("NFKC", text)
    text = (_MARKDOWN_ONLY if KEEP_HTML else _MARKDOWN).sub(" ", text)
    return _WORD.findall(_MARKS.sub("", text).translate(_LETTER_FORMS))


def _f1(found: Counter, gold: Counter) -> tuple[float, float, float]:
    hits = sum((found & gold).values())
    precision = hits / max(1, sum(found.values()))
    recall = hits / max(1, sum(gold.values()))
    return precision, recall, 2 * precision * recall / max(1e-9, precision + recall)


def score(text: str, gold: str) -> dict[str, float]:
    """Word precision, recall, F1 and word-bigram F1 of ``text`` against ``gold``."""
    found, wanted = words(text), words(gold)
    p, r, f = _f1(Counter(found), Counter(wanted))
    _, _, bigram = _f1(Counter(zip(found, found[1:])), Counter(zip(wanted, wanted[1:])))
    return {"precision": p, "recall": r, "f1": f, "bigram_f1": bigram}


def _pdfium(data: bytes) -> list[str]:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        return [document[i].get_textpage().get_text_range() for i in range(len(document))]
    finally:
        document.close()


def _pypdf(data: bytes) -> list[str]:
    import pypdf

    return [page.extract_text() or "" for page in pypdf.PdfReader(io.BytesIO(data)).pages]


def _pdfminer(data: bytes) -> list[str]:
    from pdfminer.high_level import extract_text

    return extract_text(io.BytesIO(data)).split("\f")[:-1] or [""]


def _pdfplumber(data: bytes) -> list[str]:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def _pdftotext(data: bytes) -> list[str]:
    done = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True)
    return done.stdout.decode("utf-8").split("\f")[:-1] or [""]


def _ours(data: bytes, engines: tuple[str, ...] = ("pypdf", "pdfminer")) -> list[str]:
    from summarizer.documents.pdf import read_pdf_pages

    # The gold labels the whole page, running headers and page numbers included: score them too.
    pages = read_pdf_pages(data, scanned="skip", engines=engines).pages
    return ["\n".join((page.text, *page.removed)) for page in pages]


READERS: dict[str, Callable[[bytes], list[str]]] = {
    "pypdfium2": _pdfium, "pypdf": _pypdf, "pdfminer.six": _pdfminer, "pdfplumber": _pdfplumber,
}
if shutil.which("pdftotext"):
    READERS["pdftotext (GPL, comparison)"] = _pdftotext
READERS["pypdfium2 + repairs"] = lambda data: _ours(data, ())
OURS = {"pypdfium2 + repairs", "ours"}
READERS["ours"] = _ours


def covered_pages(pages_by_reader: dict[str, list[str]], gold: str) -> list[int]:
    """The pages (0-based) the gold covers: a page without text, or one where some reader finds half its words in the gold."""
    vocabulary = set(words(gold))
    count = max(len(pages) for pages in pages_by_reader.values())
    covered = []
    for index in range(count):
        shares = []
        for pages in pages_by_reader.values():
            found = words(pages[index]) if index < len(pages) else []
            if found:
                shares.append(sum(word in vocabulary for word in found) / len(found))
        if not shares or max(shares) >= 0.5:
            covered.append(index)
    return covered


def _timed(reader: Callable[[bytes], list[str]], data: bytes, repeat: int) -> tuple[list[str], float]:
    times, pages = [], []
    for _ in range(repeat):
        start = time.perf_counter()
        pages = reader(data)
        times.append(time.perf_counter() - start)
    return pages, statistics.median(times) / max(1, len(pages))


def run_kitab(repeat: int) -> None:
    golds = sorted(DATA.glob("KITAB-Bench__*.gold.md"), key=lambda p: int(re.sub(r"\D", "", p.name)))
    totals: dict[str, list[dict[str, float]]] = {name: [] for name in READERS}
    times: dict[str, list[float]] = {name: [] for name in READERS}
    print("KITAB-Bench PDFs with a text layer: word P / R / F1, bigram F1, ms per page")
    for gold_path in golds:
        pdf_path = gold_path.with_name(gold_path.name.replace(".gold.md", ".pdf"))
        data = pdf_path.read_bytes()
        gold = gold_path.read_text(encoding="utf-8")
        results = {name: _timed(reader, data, repeat) for name, reader in READERS.items()}
        if not any(words("".join(pages)) for name, (pages, _) in results.items() if name not in OURS):
            continue  # scanned: no text layer anywhere (OCR territory)
        pages = covered_pages({name: pages for name, (pages, _) in results.items() if name not in OURS}, gold)
        count = max(len(p) for p, _ in results.values())
        note = "all pages" if len(pages) == count else f"pages {', '.join(str(i + 1) for i in pages)} of {count}"
        print(f"\n{pdf_path.stem}  ({note})")
        for name, (texts, seconds) in results.items():
            text = "\n".join(texts[i] for i in pages if i < len(texts))
            s = score(text, gold)
            totals[name].append(s)
            times[name].append(seconds)
            print(f"  {name:28s} {s['precision']:.2f} / {s['recall']:.2f} / {s['f1']:.2f}   {s['bigram_f1']:.2f}"
                  f"   {seconds * 1000:7.1f}")
    print(f"\nMean over {len(totals['ours'])} files: word P / R / F1, bigram F1, ms per page (median of files)")
    for name, scores in totals.items():
        mean = {key: statistics.mean(s[key] for s in scores) for key in scores[0]}
        worst = min(s["f1"] for s in scores)
        print(f"  {name:28s} {mean['precision']:.2f} / {mean['recall']:.2f} / {mean['f1']:.2f}   "
              f"{mean['bigram_f1']:.2f}   {statistics.median(times[name]) * 1000:7.1f}   (worst file F1 {worst:.2f})")


def _fixture_gold(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        text = re.sub(r"<title>.*?</title>|<[^>]+>", " ", text, flags=re.S)
    return text


def _same(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).replace("\ufeff", " ").split())


def run_fixtures() -> None:
    from summarizer.documents.pdf import read_pdf_pages

    print("\nFixtures with an exact expected string, per reader: EXACT (the string, after NFKC and with white "
          "space collapsed), WORDS (the same words in the same order), else the word F1")
    short = {"pypdfium2 + repairs": "pdfium+rep", "pdftotext (GPL, comparison)": "pdftotext"}
    for gold_path in sorted(DATA.glob("*.gold.*")):
        if gold_path.name.startswith("KITAB"):
            continue
        stem = gold_path.name.split(".gold.")[0]
        gold = _fixture_gold(gold_path)
        variants = [p for p in sorted(DATA.glob(stem + "-*.pdf")) if not list(DATA.glob(p.stem + ".gold.*"))]
        for pdf_path in [DATA / (stem + ".pdf"), *variants]:
            data = pdf_path.read_bytes()
            row = []
            for name, reader in READERS.items():
                if name == "ours":
                    text = "\n".join(page.text for page in read_pdf_pages(data).pages)
                else:
                    text = "\n".join(reader(data))
                verdict = ("EXACT" if _same(text) == _same(gold) else "WORDS" if words(text) == words(gold)
                           else f"{score(text, gold)['f1']:.2f} ")
                row.append(f"{short.get(name, name)} {verdict}")
            print(f"  {pdf_path.stem:38s} " + " | ".join(row))


def run_ocr() -> None:
    from summarizer.documents.pdf import read_pdf_pages

    print("\nScanned KITAB-Bench PDFs read by OCR (ocr='on', Tesseract's Arabic model): word P / R / F1, bigram F1, "
          "s per page")
    scores = []
    for gold_path in sorted(DATA.glob("KITAB-Bench__*.gold.md"), key=lambda p: int(re.sub(r"\D", "", p.name))):
        data = gold_path.with_name(gold_path.name.replace(".gold.md", ".pdf")).read_bytes()
        if any(words("".join(_pdfium(data)))):
            continue  # a text layer: scored above
        start = time.perf_counter()
        pages = read_pdf_pages(data, ocr="on", engines=()).pages
        seconds = (time.perf_counter() - start) / len(pages)
        s = score("\n".join("\n".join((page.text, *page.removed)) for page in pages), gold_path.read_text("utf-8"))
        scores.append(s)
        print(f"  {gold_path.name.split('.')[0]:24s} {s['precision']:.2f} / {s['recall']:.2f} / {s['f1']:.2f}   "
              f"{s['bigram_f1']:.2f}   {seconds:5.1f}")
    mean = {key: statistics.mean(s[key] for s in scores) for key in scores[0]}
    print(f"  {'mean':24s} {mean['precision']:.2f} / {mean['recall']:.2f} / {mean['f1']:.2f}   {mean['bigram_f1']:.2f}")


def run_clean_text() -> None:
    """How many words of clean Arabic text (no PDF: nothing to repair) ``repair_words`` changes, per mode."""
    import json

    from summarizer.documents.arabic import repair_words

    root = DATA.parent.parent
    texts = {
        "SaudiNewsNet long articles": [json.loads(line)["content"] for line in
                                       (root / "saudinewsnet_long_articles" / "long_articles_ge2000_words.jsonl")
                                       .read_text(encoding="utf-8").splitlines()],
        "Flores-200 devtest": (root / "flores200_devtest_arb_eng" / "arb_Arab.devtest").read_text("utf-8").splitlines(),
        "TICO-19 test": (root / "tico19_test_en_ar" / "tico19-test.ar").read_text("utf-8").splitlines(),
        "UNv1 test, first 1,500 lines": (root / "unv1_testset_ar_en" / "UNv1.0.testset.ar").read_text("utf-8")
        .splitlines()[:1500],
    }
    print("\nClean Arabic text through repair_words: words changed (the text has no PDF faults: nearly every change "
          "is a false repair)")
    for name, lines in texts.items():
        words = [line.split() for line in lines]
        total = sum(len(w) for w in words)
        row = []
        for damaged in (False, True):
            changed = sum(a != b for line, before in zip(lines, words)
                          for a, b in zip(before, repair_words(line, damaged).split()))
            row.append(f"{'damaged' if damaged else 'clean'} page {changed}/{total} = {changed / total:.2%}")
        print(f"  {name:30s} " + " | ".join(row))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per file and reader; the median time counts")
    parser.add_argument("--keep-html-tags", action="store_true",
                        help="count the golds' HTML table tags (<td>, <tr>...) as words, as the issue's baseline did")
    parser.add_argument("--ocr", action="store_true", help="only the scanned PDFs, read by OCR (needs the [ocr] extra)")
    parser.add_argument("--clean-text", action="store_true",
                        help="only the false repairs on clean Arabic text (the shared news, Flores, TICO-19, UN sets)")
    args = parser.parse_args()
    global KEEP_HTML
    KEEP_HTML = args.keep_html_tags
    if args.ocr:
        run_ocr()
        return
    if args.clean_text:
        run_clean_text()
        return
    run_kitab(args.repeat)
    run_fixtures()


if __name__ == "__main__":
    main()
