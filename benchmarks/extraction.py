"""Article extraction on real web pages, against the libraries we build on: ``python benchmarks/extraction.py``.

Three sets, each alone with ``--only``:

``snippets``: trafilatura's evaluation pages (``../shared/eval-data/extraction-benchmark/``,
    435 pages with ``with``/``without`` snippets), scored as trafilatura's
    project scores them (snippets found: P, R, F1). Rows: trafilatura alone
    (defaults, and its evaluation settings), ours (:func:`summarizer.read_article`),
    and ours with each of our rules flipped one at a time, then each rule's
    gain and loss in snippets; then titles and dates against the annotation.
``dates``: the Arabic news pages of ``../shared/eval-data/arabic-news-dates/``:
    publication date (and title) of ours and of trafilatura alone.
``web-pages``: word precision and recall on the shared news pages, below.

For ``web-pages`` it reads ``../shared/eval-data/web-pages/pages/`` (see its SOURCE.md): for each
page the raw HTML, the gold main text and a browser "select all, copy, paste"
text. Every contender runs on the same pages in the same run:

HTML input
    * **ours**: :func:`summarizer.read_article` on the HTML;
    * **trafilatura** (``extract``, defaults, and ``favor_recall=True``);
    * **readability-lxml** (``Document.summary()``, its HTML turned into text
      by our own :func:`summarizer.text.html_text.html_to_text`);
    * **justext** (the page language's stop list; paragraphs not marked
      boilerplate);
    * **bs4 get_text**: BeautifulSoup's plain ``get_text("\\n")``, no
      extraction at all;
    * **widget lines only**: how cleaning read a page before main-content
      extraction: every visible line (:func:`summarizer.text.html_text.html_to_text`),
      only the curated widget lines (:mod:`summarizer.text.boilerplate`) dropped.

Paste input (``NNN.paste.txt``)
    * **ours**: :func:`summarizer.read_article` on the paste;
    * **widget lines only**: as for HTML, the curated widget lines dropped;
    * **lines >= 10 words**: keep the lines of ten words or more;
    * **everything**: the paste as it is.

Words are ``\\w+`` runs, case-folded. Precision is the share of the
extracted words (counted with multiplicity) that the gold has, recall the
share of the gold's words that the extraction has. A page without a gold
text (002, snippets only) is scored on its snippets instead: how many of the
``with`` snippets the extraction keeps and how many of the ``without`` ones
it drops; it is left out of the means.
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PAGES = REPO.parent / "shared" / "eval-data" / "web-pages" / "pages"
SNIPPET_SET = REPO.parent / "shared" / "eval-data" / "extraction-benchmark"
DATED_PAGES = REPO.parent / "shared" / "eval-data" / "arabic-news-dates"
_WORD = re.compile(r"\w+")


def words(text: str) -> Counter[str]:
    """The multiset of case-folded words of a text."""
    return Counter(_WORD.findall(text.casefold()))


def precision_recall(extracted: str, gold: str) -> tuple[float, float]:
    """Word precision and recall of ``extracted`` against ``gold``."""
    ours, truth = words(extracted), words(gold)
    common = sum((ours & truth).values())
    return common / max(1, sum(ours.values())), common / max(1, sum(truth.values()))


def snippet_score(extracted: str, snippets: dict) -> tuple[int, int, int, int]:
    """Kept ``with`` snippets, their count, dropped ``without`` snippets, their count."""
    flat = " ".join(extracted.split())
    kept = sum(" ".join(s.split()) in flat for s in snippets.get("with", []))
    dropped = sum(" ".join(s.split()) not in flat for s in snippets.get("without", []))
    return kept, len(snippets.get("with", [])), dropped, len(snippets.get("without", []))


# --- contenders --------------------------------------------------------------------

def ours(text: str, language: str) -> str:
    from summarizer import read_article

    return read_article(text).text


def clean_before(text: str, language: str) -> str:
    """Cleaning as it was before extraction: all visible text, only widget lines dropped."""
    from summarizer.text.boilerplate import find_boilerplate
    from summarizer.text.html_text import html_to_text, looks_like_html

    if looks_like_html(text):
        text = html_to_text(text)
    lines = [" ".join(line.split()) for line in text.splitlines()]
    drop = set(find_boilerplate(lines))
    return "\n".join(line for i, line in enumerate(lines) if i not in drop)


def trafilatura_default(html: str, language: str) -> str:
    import trafilatura

    return trafilatura.extract(html) or ""


def trafilatura_recall(html: str, language: str) -> str:
    import trafilatura

    return trafilatura.extract(html, favor_recall=True) or ""


def readability(html: str, language: str) -> str:
    from readability import Document

    from summarizer.text.html_text import html_to_text

    return html_to_text(Document(html).summary())


def justext_paragraphs(html: str, language: str) -> str:
    import justext

    stoplist = justext.get_stoplist("Arabic" if language == "ar" else "English")
    return "\n\n".join(p.text for p in justext.justext(html.encode("utf-8"), stoplist)
                       if not p.is_boilerplate)


def bs4_text(html: str, language: str) -> str:
    from bs4 import BeautifulSoup

    return BeautifulSoup(html, "html.parser").get_text("\n")


def long_lines(text: str, language: str) -> str:
    return "\n".join(line for line in text.splitlines() if len(line.split()) >= 10)


def everything(text: str, language: str) -> str:
    return text


HTML_CONTENDERS: dict[str, Callable[[str, str], str]] = {
    "ours": ours, "trafilatura": trafilatura_default, "trafilatura recall": trafilatura_recall,
    "readability-lxml": readability, "justext": justext_paragraphs, "bs4 get_text": bs4_text,
    "widget lines only": clean_before,
}
PASTE_CONTENDERS: dict[str, Callable[[str, str], str]] = {
    "ours": ours, "widget lines only": clean_before, "lines >= 10 words": long_lines,
    "everything": everything,
}


def run(kind: str, contenders: dict[str, Callable[[str, str], str]], pages: list[Path],
        show_pages: bool) -> None:
    """Print the per-page and mean table of one input kind."""
    print(f"\n### {kind} input\n")
    scores: dict[str, list[tuple[float, float]]] = {name: [] for name in contenders}
    seconds: dict[str, float] = {name: 0.0 for name in contenders}
    rows = []
    for page in pages:
        meta = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))
        source = page.with_suffix(".html" if kind == "HTML" else ".paste.txt")
        text = source.read_text(encoding="utf-8", errors="replace")
        gold_path = page.with_suffix(".gold.txt")
        cells = []
        for name, extract in contenders.items():
            start = time.perf_counter()
            try:
                out = extract(text, meta["language"])
            except Exception as error:  # a contender failing on a page is a result too
                out = ""
                print(f"  ({name} failed on {page.name}: {type(error).__name__}: {error})")
            seconds[name] += time.perf_counter() - start
            if gold_path.exists():
                p, r = precision_recall(out, gold_path.read_text(encoding="utf-8"))
                scores[name].append((p, r))
                cells.append(f"{p:.2f} / {r:.2f}")
            else:
                snippets = json.loads(page.with_suffix(".gold.json").read_text(encoding="utf-8"))
                kept, n_with, dropped, n_without = snippet_score(out, snippets)
                cells.append(f"with {kept}/{n_with}, without {dropped}/{n_without}")
        rows.append((f"{page.name} ({meta['language']})", cells))
    names = list(contenders)
    print("| page | " + " | ".join(names) + " |")
    print("|---|" + "---|" * len(names))
    if show_pages:
        for label, cells in rows:
            print(f"| {label} | " + " | ".join(cells) + " |")
    mean = [f"**{statistics.mean(p for p, _ in scores[n]):.3f} / {statistics.mean(r for _, r in scores[n]):.3f}**"
            for n in names]
    print("| mean P / R | " + " | ".join(mean) + " |")
    print("| lowest page recall | " + " | ".join(f"{min(r for _, r in scores[n]):.2f}" for n in names) + " |")
    print("| seconds, all pages | " + " | ".join(f"{seconds[n]:.2f}" for n in names) + " |")


# --- trafilatura's evaluation pages, scored on snippets ------------------------------

_QUOTE_FOLD = str.maketrans({c: '"' for c in "\u201c\u201d\u201e\u201f\u2033\u2036\u301d\u301e"}
                            | {c: "'" for c in "\u2018\u2019\u201a\u201b"})


def _snippet_form(text: str) -> str:
    """Text as snippets are compared: NFKC, curly quotes straight, whitespace runs one space.

    Our cleaning folds characters this way before the models see them; the
    same fold is applied to every contender's output and to the snippets, so
    no contender gains or loses by a quote's shape.
    """
    import unicodedata

    return " ".join(unicodedata.normalize("NFKC", text).translate(_QUOTE_FOLD).split())


def snippet_counts(extracted: str, item: dict) -> tuple[list[bool], list[bool]]:
    """Which ``with`` snippets are found (true positives) and which ``without`` ones (false positives)."""
    flat = _snippet_form(extracted)
    return ([_snippet_form(s) in flat for s in item.get("with", [])],
            [_snippet_form(s) in flat for s in item.get("without", [])])


def prf(found: list[tuple[list[bool], list[bool]]]) -> tuple[float, float, float]:
    """Precision, recall and F1 over pages, trafilatura's way (snippets counted over all pages)."""
    tp = sum(sum(w) for w, _ in found)
    fn = sum(len(w) - sum(w) for w, _ in found)
    fp = sum(sum(wo) for _, wo in found)
    p, r = tp / max(1, tp + fp), tp / max(1, tp + fn)
    return p, r, 2 * p * r / max(1e-9, p + r)


def trafilatura_evaluation(html: str, language: str) -> str:
    """trafilatura with the settings of its own evaluation (no comments, tables kept)."""
    import trafilatura

    return trafilatura.extract(html, include_comments=False, include_tables=True) or ""


def rule_switches() -> dict[str, tuple[bool, list[tuple[str, str, object]]]]:
    """Each of our rules on top of trafilatura: whether ours applies it, and the patch that flips it.

    The rules of step 4 of :mod:`summarizer.text.clean` (see
    :mod:`summarizer.text.boilerplate` and :mod:`summarizer.text.furniture`)
    apply in full to a pasted page and to a page whose extract is empty;
    ``EXTRACTED_PAGE_RULES`` says which also apply to an extracted article.
    Flipping a rule adds it there or takes it away.
    """
    from summarizer.text import clean as clean_module
    from summarizer.text.furniture import RULES as FURNITURE_RULES

    switches: dict[str, tuple[bool, list[tuple[str, str, object]]]] = {
        "fallback: the whole page, read as a paste, when the extract is empty": (
            True, [("summarizer.text.clean", "_MIN_EXTRACTED_WORDS", 0)]),
        "lede: the sentences right above the extract": (
            clean_module._RECOVER_LEDE, [("summarizer.text.clean", "_RECOVER_LEDE", not clean_module._RECOVER_LEDE)]),
        "fallback also when the extract has under 25 words": (
            False, [("summarizer.text.clean", "_MIN_EXTRACTED_WORDS", 25)]),
    }
    ours = clean_module.EXTRACTED_PAGE_RULES
    for rule in ("widget lines", "trailing block", *FURNITURE_RULES):
        flipped = ours - {rule} if rule in ours else ours | {rule}
        switches[f"{rule} (on the extracted article)"] = (
            rule in ours, [("summarizer.text.clean", "EXTRACTED_PAGE_RULES", flipped)])
    return switches


class _Patched:
    """Set module attributes for the length of a ``with`` block (a rule switched off)."""

    def __init__(self, patches: list[tuple[str, str, object]]) -> None:
        import importlib

        self.patches = [(importlib.import_module(m), a, v) for m, a, v in patches]
        self.saved: list[tuple[object, str, object]] = []

    def __enter__(self) -> None:
        for module, attribute, value in self.patches:
            if hasattr(module, attribute):  # a rule the code no longer has is a no-op
                self.saved.append((module, attribute, getattr(module, attribute)))
                setattr(module, attribute, value)

    def __exit__(self, *exc: object) -> None:
        for module, attribute, value in reversed(self.saved):
            setattr(module, attribute, value)
        self.saved.clear()


def run_snippets(folder: Path, show_pages: bool) -> None:
    """Score trafilatura alone and ours on the snippet pages, and each of our rules switched off."""
    import trafilatura
    from trafilatura.utils import decode_file

    import summarizer.text.clean as clean_module
    from summarizer import read_article

    data = json.loads((folder / "evaldata.json").read_text(encoding="utf-8"))
    items = [item for item in data.values() if (folder / "pages" / item["file"]).exists()]
    print(f"\n### trafilatura's evaluation pages ({len(items)} pages, {folder.name})\n")
    pages = [decode_file((folder / "pages" / item["file"]).read_bytes()) for item in items]
    # Extraction and parsing do not depend on our line rules: each page is read
    # once (these functions are pure), and the rules are switched on and off after.
    originals = {name: getattr(clean_module, name)
                 for name in ("read_page", "_text")}
    caches: dict[str, dict] = {name: {} for name in originals}

    def memo(name: str) -> Callable:
        def cached(*args):  # noqa: ANN202 - the wrapped function's type
            if args not in caches[name]:
                caches[name][args] = originals[name](*args)
            return caches[name][args]
        return cached

    contenders: dict[str, Callable[[str], str]] = {
        "trafilatura (defaults)": lambda html: trafilatura.extract(html) or "",
        "trafilatura (its evaluation settings)": lambda html: trafilatura_evaluation(html, ""),
        "ours": lambda html: articles.append(read_article(html)) or articles[-1].text,
    }
    articles: list = []
    outputs: dict[str, list[str]] = {}
    seconds: dict[str, float] = {}
    for name in originals:
        setattr(clean_module, name, memo(name))
    try:
        for name, run_one in contenders.items():
            start = time.perf_counter()
            outputs[name] = [run_one(html) for html in pages]
            seconds[name] = time.perf_counter() - start
        switches = rule_switches()
        for rule, (applied, patches) in switches.items():
            with _Patched(patches):
                outputs[f"ours {'without' if applied else 'with'} {rule}"] = [
                    read_article(html).text for html in pages]
    finally:
        for name, function in originals.items():
            setattr(clean_module, name, function)
    found = {name: [snippet_counts(out, item) for out, item in zip(outs, items)]
             for name, outs in outputs.items()}
    print("| system | P | R | F1 | with found | without found | seconds |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    n_with = sum(len(item.get("with", [])) for item in items)
    n_without = sum(len(item.get("without", [])) for item in items)
    for name, counts in found.items():
        p, r, f1 = prf(counts)
        tp = sum(sum(w) for w, _ in counts)
        fp = sum(sum(wo) for _, wo in counts)
        secs = f"{seconds[name]:.1f}" if name in seconds else ""
        print(f"| {name} | {p:.4f} | {r:.4f} | **{f1:.4f}** | {tp}/{n_with} | {fp}/{n_without} | {secs} |")
    print_metadata("title and date against the annotation", items, pages, articles)
    print("\nEach rule, the text with it against the text without it (the other rules as in ours):"
          " snippets it costs and snippets it wins.\n")
    print("| rule | in ours | pages changed | `with` lost | `without` let in | `with` won | `without` kept out | net |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for rule, (applied, _) in switches.items():
        flipped = found[f"ours {'without' if applied else 'with'} {rule}"]
        on, off = (found["ours"], flipped) if applied else (flipped, found["ours"])
        lost = let_in = won = kept_out = changed = 0
        for (w_on, wo_on), (w_off, wo_off) in zip(on, off):
            lost += sum(b and not a for a, b in zip(w_on, w_off))
            won += sum(a and not b for a, b in zip(w_on, w_off))
            let_in += sum(a and not b for a, b in zip(wo_on, wo_off))
            kept_out += sum(b and not a for a, b in zip(wo_on, wo_off))
            changed += (w_on, wo_on) != (w_off, wo_off)
        print(f"| {rule} | {'yes' if applied else 'no'} | {changed} | {lost} | {let_in} | {won} | {kept_out} | {won + kept_out - lost - let_in:+d} |")
    if show_pages:
        print("\nPages where ours and trafilatura (evaluation settings) differ:\n")
        for item, a, b in zip(items, found["trafilatura (its evaluation settings)"], found["ours"]):
            if a != b:
                print(f"- {item['file']}: trafilatura with {sum(a[0])}/{len(a[0])} without {sum(a[1])}/{len(a[1])};"
                      f" ours with {sum(b[0])}/{len(b[0])} without {sum(b[1])}/{len(b[1])}")


def _same_title(found: str | None, gold: str) -> bool:
    return " ".join((found or "").split()).casefold() == " ".join(gold.split()).casefold()


def print_metadata(what: str, items: list[dict], pages: list[str], articles: list) -> None:
    """Titles and dates of ours (``read_article``) and trafilatura alone against the pages' annotation.

    A date is right when its first ten characters are the annotated
    ``YYYY-MM-DD``; a title when it is the annotated one (case and spaces aside).
    """
    import trafilatura

    alone = [trafilatura.extract_metadata(html) for html in pages]
    dated = [k for k, item in enumerate(items) if item.get("date")]
    titled = [k for k, item in enumerate(items) if item.get("title")]
    print(f"\n{what}: {len(dated)} pages with a date, {len(titled)} with a title\n")
    print("| system | dates right | dates given | titles right |")
    print("|---|---:|---:|---:|")
    for name, dates, titles in (
            ("trafilatura alone (extract_metadata)", [m.date if m else None for m in alone],
             [m.title if m else None for m in alone]),
            ("ours (read_article)", [a.published for a in articles], [a.title for a in articles])):
        right = sum((dates[k] or "")[:10] == items[k]["date"] for k in dated)
        given = sum(bool(dates[k]) for k in dated)
        titles_right = sum(_same_title(titles[k], items[k]["title"]) for k in titled)
        print(f"| {name} | {right}/{len(dated)} | {given}/{len(dated)} | {titles_right}/{len(titled)} |")


def run_dates(folder: Path) -> None:
    """Publication dates of the Arabic news pages (``*.gold.json``: url, file, date)."""
    from summarizer import read_article

    items, pages = [], []
    for gold in sorted(folder.glob("*.gold.json")):
        for item in json.loads(gold.read_text(encoding="utf-8")).values():
            items.append(item)
            pages.append(gold.with_name(gold.name.replace(".gold.json", ".html")).read_text(
                encoding="utf-8", errors="replace"))
    articles = [read_article(html) for html in pages]
    print_metadata(f"Arabic news pages ({folder.name})", items, pages, articles)
    for item, article in zip(items, articles):
        print(f"- {item['file']}: gold {item['date']}; ours {article.published!r}, title {article.title!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, default=PAGES, help="folder of NNN.html/.gold.txt/.paste.txt")
    parser.add_argument("--means-only", action="store_true", help="print only the mean rows")
    parser.add_argument("--snippets", type=Path, default=SNIPPET_SET,
                        help="folder of trafilatura's evaluation pages (evaldata.json, pages/)")
    parser.add_argument("--only", choices=("web-pages", "snippets", "dates"), help="run one of the sets")
    args = parser.parse_args()
    # Run as a script, sys.path[0] is benchmarks/; the package to measure is one level up.
    sys.path.insert(0, str(REPO))
    if args.only in (None, "dates"):
        run_dates(DATED_PAGES)
    if args.only in (None, "snippets"):
        run_snippets(args.snippets, not args.means_only)
    if args.only in ("snippets", "dates"):
        return
    pages = sorted(p.with_name(p.name.split(".")[0]) for p in args.pages.glob("*.html"))
    print(f"{len(pages)} pages from {args.pages}; {platform.processor() or platform.machine()}, "
          f"Python {platform.python_version()}")
    run("HTML", HTML_CONTENDERS, pages, not args.means_only)
    run("Paste", PASTE_CONTENDERS, pages, not args.means_only)


if __name__ == "__main__":
    main()
