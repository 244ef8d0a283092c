"""Word precision and recall of article extraction on real web pages: ``python benchmarks/extraction.py``.

Reads ``../shared/eval-data/web-pages/pages/`` (see its SOURCE.md): for each
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
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PAGES = REPO.parent / "shared" / "eval-data" / "web-pages" / "pages"
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, default=PAGES, help="folder of NNN.html/.gold.txt/.paste.txt")
    parser.add_argument("--means-only", action="store_true", help="print only the mean rows")
    args = parser.parse_args()
    pages = sorted(p.with_name(p.name.split(".")[0]) for p in args.pages.glob("*.html"))
    print(f"{len(pages)} pages from {args.pages}; {platform.processor() or platform.machine()}, "
          f"Python {platform.python_version()}")
    run("HTML", HTML_CONTENDERS, pages, not args.means_only)
    run("Paste", PASTE_CONTENDERS, pages, not args.means_only)


if __name__ == "__main__":
    main()
