"""Score sentence splitters on real Arabic documents: ``python benchmarks/segmentation.py``.

Documents are rebuilt from the eval data in ``../shared`` (or ``$SUMMARIZER_SHARED``):
the FLORES-200 devtest Arabic lines of one source URL, the NTREX Arabic lines
of one document id, and consecutive UN test-set lines of one UN document, in order. Two units are joined by a space when the first ends
in terminal punctuation (a closing quote or bracket may follow) and by a line
break otherwise. A split matches a boundary when only whitespace lies between
them, so whitespace never decides a match.

* recall: share of the unit boundaries at which the splitter splits.
* splits at ؛: splits right after an Arabic semicolon (closing quotes and
  brackets may follow it); ``؛`` joins clauses of one sentence, so each one is
  also counted as wrong.
* wrong splits per 100 units: splits off a unit boundary where no sentence can
  end (see :func:`can_end`). A split after real terminal punctuation inside a
  unit (a unit holding two sentences) is not wrong.

The scoring functions are importable (the tests use them); nothing runs on import.
It does not judge where a splitter should split inside a unit beyond that.
"""

from __future__ import annotations

import os
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

Splitter = Callable[[str], list[str]]

TERMINALS = ".!?؟…"
CLOSERS = "\"'”’»›)]}“‘"
OPENERS = "\"'“‘«‹([{”’"
_TERMINAL_END = re.compile(r"[.!?؟…][\"'”’»›)\]}“‘]*$")
# Latin letters spelled in Arabic: "دي. كي. أريا" is D. K. Arya.
LETTER_NAMES = frozenset(
    "إيه أي اي آي إي بي سي دي إف اف جي جاي إتش اتش إل ال كي كيو إم ام إن ان "
    "أو او آر ار إس اس تي يو في دبليو إكس اكس واي زد".split()
)
TITLES = frozenset("Dr Mr Mrs Ms Prof St Jr Sr No vs".split())
_DOTTED = re.compile(r"(?:[^\W\d_]{1,2}\.)+[^\W\d_]{1,2}")


def shared_dir() -> Path:
    """The shared data folder: ``$SUMMARIZER_SHARED`` or ``<repo>/../shared``."""
    return Path(os.environ.get("SUMMARIZER_SHARED") or Path(__file__).resolve().parents[2] / "shared")


def _group(lines: list[str], keys: list[str]) -> list[list[str]]:
    if len(lines) != len(keys):
        raise ValueError(f"{len(lines)} lines but {len(keys)} document keys")
    documents: list[list[str]] = []
    for i, (line, key) in enumerate(zip(lines, keys)):
        if i == 0 or key != keys[i - 1]:
            documents.append([])
        documents[-1].append(line.strip())
    return documents


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def load_flores(shared: Path) -> list[list[str]]:
    """FLORES-200 devtest Arabic, grouped into documents by source URL."""
    folder = shared / "eval-data" / "flores200_devtest_arb_eng"
    urls = [row.split("\t")[0] for row in _lines(folder / "metadata_devtest.tsv")[1:]]
    return _group(_lines(folder / "arb_Arab.devtest"), urls)


def load_ntrex(shared: Path) -> list[list[str]]:
    """NTREX-128 Arabic references, grouped into documents by document id."""
    folder = shared / "eval-data" / "ntrex128_eng_arb"
    ids = [row.strip() for row in _lines(folder / "DOCUMENT_IDS.tsv")]
    return _group(_lines(folder / "newstest2019-ref.arb.txt"), ids)


def load_un(shared: Path) -> list[list[str]]:
    """The UN Parallel Corpus v1.0 test set, Arabic, grouped by consecutive lines of one UN document."""
    folder = shared / "eval-data" / "unv1_testset_ar_en"
    ids = [row.split(" ")[0] for row in _lines(folder / "UNv1.0.testset.ids")]
    return _group(_lines(folder / "UNv1.0.testset.ar"), ids)


def build_document(units: list[str]) -> tuple[str, list[int]]:
    """Join units into one text; return it and the offsets where units 2..n start."""
    text, starts = units[0], []
    for unit in units[1:]:
        text += " " if _TERMINAL_END.search(text) else "\n"
        starts.append(len(text))
        text += unit
    return text, starts


def can_end(before: str, after: str) -> bool:
    """Whether a sentence can end between ``before`` and ``after``.

    It cannot when ``before`` (right-stripped, then stripped of closing quotes and
    brackets) does not end in one of ``. ! ? ؟ …`` (``؛``, like ``;``, joins
    clauses of one sentence); or when it ends in one
    ``.`` (not ``..``) right after a single letter of any script (``د.``, ``J.``), a Latin letter
    spelled in Arabic (``كي.``), a dotted abbreviation (``U.S.``, ``ق.م.``) or a
    title (``Dr.`` ``Mr.`` ``No.``); or when a digit and ``.`` end ``before`` and
    ``after`` starts with a digit (``3.|5``).
    """
    before = before.rstrip()
    core = before.rstrip(CLOSERS)
    if not core or core[-1] not in TERMINALS:
        return False
    if before.endswith(".") and before[-2:-1].isdigit() and after[:1].isdigit():
        return False
    if not core.endswith(".") or core.endswith(".."):
        return True
    token = core[:-1].split()[-1] if core[:-1].split() else ""
    word = "".join(c for c in token.strip(OPENERS + CLOSERS) if c.isalnum() or c == ".")
    if (len(word) == 1 and word.isalpha()) or word in LETTER_NAMES or word in TITLES:
        return False
    return not _DOTTED.fullmatch(word)


def _nonspace(text: str) -> str:
    return "".join(c for c in text if not c.isspace())


def split_positions(text: str, sentences: list[str]) -> list[int]:
    """Where in ``text`` each sentence but the last ends.

    Raises:
        ValueError: If the sentences do not hold the non-space characters of
            ``text`` in order (the splitter changed the text).
    """
    if _nonspace("".join(sentences)) != _nonspace(text):
        raise ValueError("the splitter changed the non-space characters of the text")
    ends = [i + 1 for i, char in enumerate(text) if not char.isspace()]
    positions, count = [], 0
    for sentence in sentences[:-1]:
        count += len(_nonspace(sentence))
        if count:
            positions.append(ends[count - 1])
    return positions


@dataclass(frozen=True)
class Score:
    """One splitter on one set."""

    documents: int
    units: int
    boundaries: int
    found: int
    wrong: int
    seconds: float
    semicolon: int = 0

    @property
    def recall(self) -> float:
        return self.found / self.boundaries if self.boundaries else 1.0

    @property
    def wrong_per_100(self) -> float:
        return 100 * self.wrong / self.units if self.units else 0.0


def score(split: Splitter, documents: list[list[str]]) -> Score:
    """Run ``split`` on every rebuilt document and count found and wrong splits."""
    units = boundaries = found = wrong = semicolon = 0
    seconds = 0.0
    for doc_units in documents:
        text, starts = build_document(doc_units)
        began = time.perf_counter()
        sentences = split(text)
        seconds += time.perf_counter() - began
        # A unit starts right after the separator; compare positions as the
        # end of the last non-space character before them.
        wanted = {len(text[:start].rstrip()) for start in starts}
        got = set(split_positions(text, sentences))
        units += len(doc_units)
        boundaries += len(wanted)
        found += len(wanted & got)
        wrong += sum(1 for p in got - wanted if not can_end(text[max(0, p - 80) : p], text[p : p + 8]))
        semicolon += sum(1 for p in got - wanted if text[:p].rstrip().rstrip(CLOSERS).endswith("؛"))
    return Score(len(documents), units, boundaries, found, wrong, seconds, semicolon)


def by_line(split: Splitter) -> Splitter:
    """Run ``split`` on each line: every splitter here gets the line breaks for free."""
    return lambda text: [s.strip() for line in text.splitlines() for s in split(line) if s.strip()]


def naive_split(text: str) -> list[str]:
    """The splitter a user writes first: lines, then a break after ``. ! ? ؟`` and whitespace."""
    return by_line(lambda line: re.split(r"(?<=[.!?؟])\s+", line))(text)


def pysbd_splitter() -> Splitter | None:
    """pysbd's Arabic rules run on each line, or ``None`` if pysbd is not installed."""
    try:
        import pysbd
    except ImportError:
        return None
    return by_line(pysbd.Segmenter(language="ar", clean=False).segment)


def main() -> None:
    """Print the table for ours, the naive regex and pysbd on FLORES and NTREX."""
    # Run as a script, sys.path[0] is benchmarks/; the package is one level up.
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from summarizer.text.sentences import split_sentences

    shared = shared_dir()
    sets = {"FLORES-200 devtest": load_flores(shared), "NTREX-128": load_ntrex(shared),
            "UN v1.0 test": load_un(shared)}
    splitters: dict[str, Splitter | None] = {
        "summarizer.split_sentences": split_sentences,
        "naive regex [.!?؟]": naive_split,
        "pysbd (ar)": pysbd_splitter(),
    }
    print("| set | splitter | documents | units | boundaries | recall | wrong splits / 100 units "
          "| splits at ؛ | time (s) |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for set_name, documents in sets.items():
        for name, split in splitters.items():
            if split is None:
                print(f"| {set_name} | {name} | skipped: pysbd is not installed | | | | | | |")
                continue
            s = score(split, documents)
            print(
                f"| {set_name} | {name} | {s.documents} | {s.units} | {s.boundaries} "
                f"| {s.recall:.4f} | {s.wrong_per_100:.2f} | {s.semicolon} | {s.seconds:.3f} |"
            )


if __name__ == "__main__":
    main()
