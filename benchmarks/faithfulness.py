"""Score the fact checks on real sentences: ``python benchmarks/faithfulness.py``.

Documents are rebuilt from the eval data in ``../shared`` (or
``$SUMMARIZER_SHARED``): the FLORES-200 devtest lines of one source URL and
the NTREX-128 lines of one document id, English and Arabic aligned line by
line. An "abstract" is a window of one to three consecutive lines of a
document; its source is the whole document in the same language. Errors are
injected into one line of the window (the anchor):

* number: a run of digits (Western or Arabic-Indic; not a year, a time, a day
  next to a month, or digits glued to Latin letters) becomes another value,
  written in the same digits, whose digits occur nowhere in the source;
* date: in a date with a month name, the day, the month (another month of the
  same series and language, named nowhere in the source) or the year changes;
  or a year alone changes; the new day or year occurs nowhere in the source;
* name: a name of the document is swapped for a name of another document that
  the source does not contain. English names are capitalised words not
  opening a sentence; Arabic names are the Arabic words that co-occur with an
  English name line for line (Dice >= 0.8 over at least two lines).

An injected error counts as flagged when :func:`summarizer.faithfulness.facts.check_facts`
reports a fact whose text holds the new characters (the new number, day,
month, year or name). An untouched
abstract (each window before injection) counts as flagged when any fact is
reported. Two extra measures: :func:`summarizer.faithfulness.facts.check_cross_abstract`
on the aligned English and Arabic lines (untouched, and with a number of the
Arabic line changed), and :func:`summarizer.faithfulness.attribution.link_sentences` on a
sentence fused from the first half of line *i* and the second half of line *j*.
Targets: >= 95% of injected errors flagged and <= 5% of untouched abstracts
flagged, per kind and language. The seed is fixed. Nothing runs on import.

Also measured: marks on real rewordings and human summaries
(:func:`run_real_text`), changed identifiers (:func:`run_identifiers`), and
Arabic numbers in words against their digits, both ways and with a wrong value
(:func:`run_number_words`). ``--arabic-dictionary off`` (the default) measures
the default install, hiding the optional GPL arramooz dictionary where it is
installed; ``on`` measures with it; ``both`` adds a table of the Arabic name
measures with and without it.
"""

from __future__ import annotations

import os
import platform
import random
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

SEED = 20240611
KINDS = ("number", "identifier", "date", "name")
DETECTION_TARGET, FALSE_ALARM_TARGET = 0.95, 0.05
SETS = ("FLORES-200 devtest", "NTREX-128")
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩٫٬", "0123456789.,")
_DIGIT_RUN = re.compile(r"[0-9٠-٩]+(?:[.,٫٬][0-9٠-٩]+)*")
_LATIN_WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)*")
_ARABIC_WORD = re.compile(r"[\u0621-\u064a\u0671-\u06d3]+")
_CLITIC_PREFIXES = frozenset("و ف ب ل ك ال وال بال لل".split())
_MONTH_SERIES = {
    "en": ["January February March April May June July August September October November December".split()],
    "ar": [
        "يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر".split(),
        "كانون_الثاني شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين_الأول تشرين_الثاني كانون_الأول".split(),
    ],
}


def shared_dir() -> Path:
    """The shared data folder: ``$SUMMARIZER_SHARED`` or ``<repo>/../shared``."""
    return Path(os.environ.get("SUMMARIZER_SHARED") or Path(__file__).resolve().parents[2] / "shared")


# --- documents -------------------------------------------------------------


@dataclass(frozen=True)
class Doc:
    """One document: aligned English and Arabic lines."""

    set: str
    key: str
    english: tuple[str, ...]
    arabic: tuple[str, ...]

    def lines(self, language: str) -> list[str]:
        return list(self.english if language == "en" else self.arabic)


def _lines(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]


def _group(set_name: str, keys: list[str], english: list[str], arabic: list[str]) -> list[Doc]:
    if not len(keys) == len(english) == len(arabic):
        raise ValueError(f"{set_name}: {len(keys)} keys, {len(english)} English and {len(arabic)} Arabic lines")
    docs: list[Doc] = []
    start = 0
    for i in range(1, len(keys) + 1):
        if i == len(keys) or keys[i] != keys[i - 1]:
            docs.append(Doc(set_name, f"{set_name}#{len(docs)}", tuple(english[start:i]), tuple(arabic[start:i])))
            start = i
    return docs


def load_documents(shared: Path) -> list[Doc]:
    """FLORES-200 devtest documents (by URL), then NTREX-128 documents (by id)."""
    flores = shared / "eval-data" / "flores200_devtest_arb_eng"
    ntrex = shared / "eval-data" / "ntrex128_eng_arb"
    urls = [row.split("\t")[0] for row in _lines(flores / "metadata_devtest.tsv")[1:]]
    english, arabic = _lines(ntrex / "newstest2019-src.eng.txt"), _lines(ntrex / "newstest2019-ref.arb.txt")
    return _group(SETS[0], urls, _lines(flores / "eng_Latn.devtest"), _lines(flores / "arb_Arab.devtest")) + _group(
        SETS[1], _lines(ntrex / "DOCUMENT_IDS.tsv"), english, arabic
    )


def _line_names(line: str) -> set[str]:
    """Capitalised words of a line that do not open a sentence and are not common words."""
    from summarizer.faithfulness.dates import is_calendar_word
    from summarizer.faithfulness.number_words import spelled
    from summarizer.faithfulness.stopwords import ENGLISH_CAPITALISED_COMMON

    words = _LATIN_WORD.findall(line)
    if sum(w[0].isupper() for w in words) > len(words) / 2:
        return set()  # a title-case headline
    found = set()
    for m in _LATIN_WORD.finditer(line):
        word, before = m.group(), line[: m.start()].rstrip()
        if not before or before[-1] in ".!?:\"'“‘(" or not word[0].isupper() or len(word) < 3:
            continue
        if word.lower() in ENGLISH_CAPITALISED_COMMON or is_calendar_word(word) or spelled(word) or "'" in word:
            continue
        found.add(word)
    return found


def _common_words(docs: list[Doc]) -> frozenset[str]:
    """Words written lowercase somewhere in the English data: not names."""
    return frozenset(w for doc in docs for line in doc.english for w in _LATIN_WORD.findall(line) if w.islower())


def english_names(docs: list[Doc]) -> dict[str, list[str]]:
    """Each document's English names, sorted: capitalised words not opening a
    sentence, of lines that are not title-case headlines, and never written
    lowercase in the data."""
    common = _common_words(docs)
    return {
        doc.key: sorted({n for line in doc.english for n in _line_names(line) if n.lower() not in common})
        for doc in docs
    }


def _arabic_forms(word: str) -> set[str]:
    from summarizer.faithfulness.wordforms import normalize_arabic

    norm = normalize_arabic(word)
    return {norm, norm[1:]} if norm[:1] in "وفبلك" and len(norm) > 3 else {norm}


def arabic_name_pairs(docs: list[Doc]) -> dict[str, list[str]]:
    """Each document's Arabic names: words that co-occur, line for line, with an English name.

    An English name that a dictionary writes in lowercase (``Industries``,
    ``Doctors``: :func:`summarizer.faithfulness.lexicon.is_english_common_word`)
    is left out, as its Arabic word is an ordinary one.

    The Arabic form with the best Dice coefficient over lines is kept when it
    is at least 0.8 over two lines or more; it is returned as its most common
    spelling in the text.
    """
    from summarizer.faithfulness.lexicon import is_english_common_word
    from summarizer.faithfulness.stopwords import ARABIC_FUNCTION_WORDS
    from summarizer.faithfulness.wordforms import normalize_arabic

    common = _common_words(docs)
    english_lines: dict[str, set[int]] = defaultdict(set)
    arabic_lines: dict[str, set[int]] = defaultdict(set)
    spelling: dict[str, Counter] = defaultdict(Counter)
    owner: list[str] = []
    for doc in docs:
        for en, ar in zip(doc.english, doc.arabic):
            line = len(owner)
            owner.append(doc.key)
            for name in _line_names(en):
                # "Industries", "Mammals", "Doctors" open headlines: their Arabic words are ordinary, not names.
                if name.lower() not in common and not is_english_common_word(name):
                    english_lines[name].add(line)
            for word in _ARABIC_WORD.findall(ar):
                for form in sorted(_arabic_forms(word)):
                    if len(form) >= 3 and form not in ARABIC_FUNCTION_WORDS:
                        arabic_lines[form].add(line)
                        if form == normalize_arabic(word):  # the spelling without a clitic
                            spelling[form][word] += 1
    result: dict[str, set[str]] = defaultdict(set)
    arabic_by_line: dict[int, list[str]] = defaultdict(list)
    for form in sorted(arabic_lines):
        for line in arabic_lines[form]:
            arabic_by_line[line].append(form)
    for name in sorted(english_lines):
        lines = english_lines[name]
        if len(lines) < 2:
            continue
        together = Counter(form for line in sorted(lines) for form in arabic_by_line[line])
        dice = {f: 2 * n / (len(lines) + len(arabic_lines[f])) for f, n in together.items() if n >= 2}
        if not dice:
            continue
        best = max(sorted(dice), key=lambda f: (dice[f], len(f)))
        if dice[best] >= 0.8 and spelling[best]:
            surface = max(sorted(spelling[best]), key=spelling[best].__getitem__)
            for line in lines:
                result[owner[line]].add(surface)
    return {key: sorted(words) for key, words in result.items()}


# --- injections ------------------------------------------------------------


@lru_cache(maxsize=64)
def _source_numbers(source: str) -> frozenset[float]:
    from summarizer.faithfulness.number_words import spelled

    values = set()
    for run in _DIGIT_RUN.findall(source):
        plain = run.translate(_DIGITS)
        values.add(float(re.sub(r",(?=\d{3})", "", plain).replace(",", ".")))
        values.update(float(part) for part in re.split(r"[.,]", plain))
    for word in re.findall(r"[^\W\d_]+", source):
        entry = spelled(word)
        if entry:
            values.add(float(entry[0]))
    return frozenset(values)


def _is_year(plain: str) -> bool:
    return bool(re.fullmatch(r"\d{4}", plain)) and 1800 <= int(plain) < 2100


def _digits_like(text: str, template: str) -> str:
    arabic_indic = any("٠" <= c <= "٩" for c in template)
    return text.translate(str.maketrans("0123456789.", "٠١٢٣٤٥٦٧٨٩٫")) if arabic_indic else text


def _number_spots(line: str) -> list[re.Match]:
    from summarizer.faithfulness.dates import is_calendar_word

    spots = []
    for m in _DIGIT_RUN.finditer(line):
        before, after = line[max(0, m.start() - 2) : m.start()], line[m.end() : m.end() + 1]
        plain = m.group().translate(_DIGITS)
        glued = re.search(r"[^\W\d_]+-?$", line[: m.start()])
        if glued and glued.group().rstrip("-") not in _CLITIC_PREFIXES:
            continue  # a code such as G7, COVID-19, م16
        if after == ":" or before.endswith(":") or re.match(r"[A-Za-z]", after):
            continue
        if _is_year(plain):
            continue
        words = line[: m.start()].split()[-1:] + line[m.end() :].split()[:1]
        if int(float(plain.replace(",", ""))) <= 31 and any(is_calendar_word(w.strip(".,،()")) for w in words):
            continue
        spots.append(m)
    return spots


def inject_number(
    rng: random.Random, line: str, source: str, language: str, own: list[str], others: list[str]
) -> tuple[str, str] | None:
    """Change one number of ``line`` to a value found nowhere in ``source``: ``(new line, new number)``."""
    spots = _number_spots(line) if _DIGIT_RUN.search(line) else []
    if not spots:
        return None
    m = rng.choice(spots)
    plain = m.group().translate(_DIGITS)
    grouped = "," in plain and re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", plain)
    value = float(plain.replace(",", "")) if grouped else float(plain.replace(",", "."))
    decimals = len(plain.split(".")[1]) if "." in plain and not (grouped and "." not in plain) else 0
    taken = _source_numbers(source)
    for _ in range(50):
        step = rng.choice([1, 2, 3, 5, 7, 10, 20, 50]) * 10 ** (-decimals) * rng.choice([1, -1] if value > 10 else [1])
        new = round(value + step * rng.randint(1, 3), decimals)
        if new >= 0 and new != value and new not in taken:
            text = f"{new:,.{decimals}f}" if grouped else f"{new:.{decimals}f}"
            text = _digits_like(text, m.group())
            return line[: m.start()] + text + line[m.end() :], text
    return None


_CODE = re.compile(r"(?<![\w-])(?:[A-Z][A-Za-z]*-?|[\u0621-\u064a]{3,}-)(\d+)(?![\d.,])")


def inject_identifier(
    rng: random.Random, line: str, source: str, language: str, own: list[str], others: list[str]
) -> tuple[str, str] | None:
    """Change the digits of a code (``COVID-19``, ``F-16``, ``G20``, ``كوفيد-19``) to ones the source lacks."""
    spots = list(_CODE.finditer(line))
    if not spots:
        return None
    m = rng.choice(spots)
    digits = m.group(1)
    for _ in range(50):
        new = str(int(digits) + rng.choice([1, 2, 3, 5, 7, 10]) * rng.choice([1, -1] if int(digits) > 10 else [1]))
        if new != digits and int(new) >= 0 and new not in source:
            return line[: m.start(1)] + new + line[m.end(1) :], new
    return None


def inject_date(
    rng: random.Random, line: str, source: str, language: str, own: list[str], others: list[str]
) -> tuple[str, str] | None:
    """Change the day, month or year of a date of ``line``, or a year alone: ``(new line, new part)``."""
    from summarizer.faithfulness.dates import find_dates
    from summarizer.faithfulness.wordforms import prepare, tokenize

    if not _DIGIT_RUN.search(line):
        return None
    prepared = prepare(line)
    dates = [d for d in find_dates(prepared, tokenize(prepared)) if d.month and "/" not in d.text and "(" not in d.text]
    years = [m for m in _DIGIT_RUN.finditer(line) if _is_year(m.group().translate(_DIGITS))]
    taken = _source_numbers(source)
    options = [("day", d) for d in dates if d.day] + [("month", d) for d in dates] + [("year", m) for m in years]
    if not options:
        return None
    what, spot = rng.choice(options)
    if what == "month":
        names = [n.replace("_", " ") for series in _MONTH_SERIES[language] for n in series]
        start = line.find(spot.text)
        written = next((n for n in sorted(names, key=len, reverse=True) if n in spot.text), None)
        if written is None or start < 0:
            return None
        series = next(s for s in _MONTH_SERIES[language] if written.replace(" ", "_") in s)
        month = series.index(written.replace(" ", "_"))
        named = {k for k in range(12) for s in _MONTH_SERIES[language] if s[k].replace("_", " ") in source}
        choices = [k for k in range(12) if k != month and k not in named]
        if not choices:
            return None
        new = series[rng.choice(choices)].replace("_", " ")
        text = spot.text.replace(written, new, 1)
        return line[:start] + text + line[start + len(spot.text) :], new
    if what == "day":
        start = line.find(spot.text)
        day = re.search(r"[0-9٠-٩]+", spot.text)
        choices = [d for d in range(1, 29) if d != spot.day and d not in taken]
        if start < 0 or not day or not choices:
            return None
        new = _digits_like(str(rng.choice(choices)), day.group())
        text = spot.text[: day.start()] + new + spot.text[day.end() :]
        return line[:start] + text + line[start + len(spot.text) :], new
    year = int(spot.group().translate(_DIGITS))
    choices = [y for y in range(year - 8, year + 9) if y != year and y not in taken]
    new = _digits_like(str(rng.choice(choices)), spot.group())
    return line[: spot.start()] + new + line[spot.end() :], new


def inject_name(
    rng: random.Random, line: str, source: str, language: str, own: list[str], others: list[str]
) -> tuple[str, str] | None:
    """Swap a name of ``line`` for a name of another document absent from ``source``: ``(new line, new name)``."""
    from summarizer.faithfulness.wordforms import normalize_arabic

    if language == "en":
        spots = [m for m in _LATIN_WORD.finditer(line) if m.group() in own]
        words = {w.lower().removesuffix("'s") for w in _LATIN_WORD.findall(source)}
        absent: Callable[[str], bool] = lambda name: name.lower() not in words  # noqa: E731
    else:
        forms = {normalize_arabic(n) for n in own}
        spots = [m for m in _ARABIC_WORD.finditer(line) if _arabic_forms(m.group()) & forms]
        folded = normalize_arabic(source)
        absent = lambda name: normalize_arabic(name) not in folded  # noqa: E731
    if not spots:
        return None
    m = rng.choice(spots)
    new = next((n for n in (rng.choice(others) for _ in range(200)) if n not in own and absent(n)), None)
    if new is None:
        return None
    keep = ""
    if language == "ar" and normalize_arabic(m.group()) not in forms:
        keep = m.group()[0]  # the clitic before the name
    return line[: m.start()] + keep + new + line[m.end() :], new


# --- scoring ---------------------------------------------------------------


@dataclass
class Count:
    """How many cases were tried and how many the checker flagged, per set."""

    tried: dict[str, int] = field(default_factory=dict)
    flagged: dict[str, int] = field(default_factory=dict)

    def add(self, set_name: str, hit: bool) -> None:
        self.tried[set_name] = self.tried.get(set_name, 0) + 1
        self.flagged[set_name] = self.flagged.get(set_name, 0) + int(hit)

    @property
    def rate(self) -> float:
        total = sum(self.tried.values())
        return sum(self.flagged.values()) / total if total else 0.0


@dataclass
class Report:
    """Every count of one run, keyed ``(language, kind)``; kind ``"untouched"`` for false alarms."""

    facts: dict[tuple[str, str], Count] = field(default_factory=dict)
    cross: dict[str, Count] = field(default_factory=dict)
    links: dict[str, Count] = field(default_factory=dict)

    def count(self, table: dict, key: object) -> Count:
        return table.setdefault(key, Count())

    def failures(self) -> list[str]:
        """The targets missed, in words; empty when all are met."""
        missed = []
        for (language, kind), c in sorted(self.facts.items()):
            if kind == "untouched" and c.rate > FALSE_ALARM_TARGET:
                missed.append(f"{language} untouched flagged {c.rate:.3f} > {FALSE_ALARM_TARGET}")
            if kind in KINDS and c.rate < DETECTION_TARGET:
                missed.append(f"{language} {kind} flagged {c.rate:.3f} < {DETECTION_TARGET}")
        return missed


def _window(rng: random.Random, lines: list[str], anchor: int) -> tuple[int, int]:
    size = rng.randint(1, min(3, len(lines)))
    first = rng.randint(max(0, anchor - size + 1), min(anchor, len(lines) - size))
    return first, first + size


def _flagged(facts: list, changed: str, unsure: bool = False) -> bool:
    """Whether a reported fact holds the injected text (a date holds its new day);
    an unsure one counts only when ``unsure`` is set."""
    return any(changed in f.text for f in (facts if unsure else _confident(facts)))


def _confident(facts: list) -> list:
    """The facts a reader sees underlined: not those the check is unsure of."""
    return [f for f in facts if getattr(f, "confident", True)]


def run_benchmark(shared: Path, seed: int = SEED, per_doc: int = 2) -> Report:
    """Inject errors into windows of every document and count what the checker flags.

    Args:
        shared: The shared data folder.
        seed: Seed of the random choices.
        per_doc: Most injections per document, kind and language.

    Returns:
        The counts; :meth:`Report.failures` lists the targets missed.
    """
    from summarizer.faithfulness.facts import check_facts

    rng = random.Random(seed)
    docs = load_documents(shared)
    names = {"en": english_names(docs), "ar": arabic_name_pairs(docs)}
    pool = {language: sorted({n for ns in by_doc.values() for n in ns}) for language, by_doc in names.items()}
    injectors: dict[str, Callable] = {
        "number": inject_number, "identifier": inject_identifier, "date": inject_date, "name": inject_name,
    }
    report = Report()
    for doc in docs:
        for language in ("en", "ar"):
            lines = doc.lines(language)
            source = "\n".join(lines)
            seen: set[tuple[int, int]] = set()
            own = names[language].get(doc.key, [])
            others = pool[language]
            for kind in KINDS:
                anchors = list(range(len(lines)))
                rng.shuffle(anchors)
                done = 0
                for anchor in anchors:
                    if done >= per_doc:
                        break
                    injected = injectors[kind](rng, lines[anchor], source, language, own, others)
                    if injected is None:
                        continue
                    new_line, changed = injected
                    first, end = _window(rng, lines, anchor)
                    window = lines[first:end]
                    if (first, end) not in seen:
                        seen.add((first, end))
                        flagged = bool(_confident(check_facts(" ".join(window), source, language=language)))
                        report.count(report.facts, (language, "untouched")).add(doc.set, flagged)
                    window[anchor - first] = new_line
                    facts = check_facts(" ".join(window), source, language=language)
                    report.count(report.facts, (language, kind)).add(doc.set, _flagged(facts, changed, unsure=True))
                    report.count(report.facts, (language, f"{kind} underlined")).add(doc.set, _flagged(facts, changed))
                    done += 1
        _cross(rng, doc, report)
        _links(rng, doc, report)
    return report


def _cross(rng: random.Random, doc: Doc, report: Report) -> None:
    from summarizer.faithfulness.facts import check_cross_abstract

    for en, ar in zip(doc.english, doc.arabic):
        injected = inject_number(rng, ar, en, "ar", [], [])
        if injected is None and inject_date(rng, ar, en, "ar", [], []) is None:
            continue
        report.count(report.cross, "untouched").add(doc.set, bool(_confident(check_cross_abstract(en, ar))))
        if injected:
            new_ar, changed = injected
            hit = _flagged(check_cross_abstract(en, new_ar), changed)
            report.count(report.cross, "number changed in ar").add(doc.set, hit)


def _links(rng: random.Random, doc: Doc, report: Report) -> None:
    from summarizer.faithfulness.attribution import link_sentences

    if len(doc.english) < 4:
        return
    i, j = sorted(rng.sample(range(len(doc.english)), 2))
    for language, lines in (("en", doc.english), ("ar", doc.arabic)):
        a, b = lines[i].split(), lines[j].split()
        fused = " ".join(a[: max(1, len(a) // 2)] + b[len(b) // 2 :])
        (links, _), (single, _) = link_sentences([fused, lines[i]], lines)
        found = {link.index for link in links}
        report.count(report.links, f"{language} fused i+j: both linked").add(doc.set, {i, j} <= found)
        report.count(report.links, f"{language} fused i+j: no other link").add(doc.set, found <= {i, j})
        best = bool(single) and single[0].index == i
        report.count(report.links, f"{language} verbatim i: best link is i").add(doc.set, best)


def _cell(c: Count, set_name: str) -> str:
    return f"{c.flagged.get(set_name, 0)}/{c.tried.get(set_name, 0)}"


def format_report(report: Report) -> str:
    """The report as Markdown tables."""
    sets = SETS
    out = ["| language | case | FLORES flagged | NTREX flagged | all | rate | target |"]
    out.append("|---|---|---:|---:|---:|---:|---|")
    for language in ("en", "ar"):
        for kind in (*(k for kind in KINDS for k in (kind, f"{kind} underlined")), "untouched"):
            c = report.facts.get((language, kind), Count())
            target = f"<= {FALSE_ALARM_TARGET:.0%}" if kind == "untouched" else f">= {DETECTION_TARGET:.0%}"
            target = "" if kind.endswith("underlined") else target
            case = "untouched abstract (underlined)" if kind == "untouched" else f"{kind} injected"
            case = case.replace(" underlined injected", " injected: underlined only")
            tried, flagged = sum(c.tried.values()), sum(c.flagged.values())
            cells = f"{_cell(c, sets[0])} | {_cell(c, sets[1])} | {flagged}/{tried} | {c.rate:.3f}"
            out.append(f"| {language} | {case} | {cells} | {target} |")
    out += ["", "| extra measure | FLORES | NTREX | rate |", "|---|---:|---:|---:|"]
    for title, table in (("cross-abstract (aligned en/ar lines)", report.cross), ("attribution", report.links)):
        for key, c in table.items():
            out.append(f"| {title}: {key} | {_cell(c, sets[0])} | {_cell(c, sets[1])} | {c.rate:.3f} |")
    return "\n".join(out)

# --- real text: rewordings and human summaries --------------------------------

VARIETIES = {"ars_Arab": "Najdi", "acm_Arab": "Iraqi", "arz_Arab": "Egyptian"}
SUMMARY_FILES = {
    "frank_cnndm_dev.jsonl": "CNN/DailyMail highlights (FRANK)",
    "xlsum_english.jsonl": "XL-Sum English (BBC)",
    "xlsum_arabic.jsonl": "XL-Sum Arabic (BBC)",
}
MARK_KINDS = ("name", "number", "date")


@dataclass
class RealCount:
    """Marks on one set of real text nobody here wrote: confident and unsure, per kind."""

    units: int = 0
    marked: int = 0
    marks: Counter = field(default_factory=Counter)
    unsure: Counter = field(default_factory=Counter)
    examples: list[tuple[str, str, bool]] = field(default_factory=list)

    def add(self, facts: list) -> None:
        self.units += 1
        confident = [f for f in facts if getattr(f, "confident", True)]
        self.marked += bool(confident)
        for f in facts:
            (self.marks if getattr(f, "confident", True) else self.unsure)[f.kind] += 1
            self.examples.append((f.kind, f.text, getattr(f, "confident", True)))

    def per_unit(self, kind: str) -> float:
        return self.marks[kind] / self.units if self.units else 0.0


def _documents_by_url(shared: Path) -> list[range]:
    urls = [row.split("\t")[0] for row in _lines(shared / "eval-data" / "flores200_devtest_arb_eng" / "metadata_devtest.tsv")[1:]]
    spans, start = [], 0
    for i in range(1, len(urls) + 1):
        if i == len(urls) or urls[i] != urls[i - 1]:
            spans.append(range(start, i))
            start = i
    return spans


def run_real_text(shared: Path) -> dict[str, RealCount]:
    """Marks of :func:`check_facts` on text whose facts are all in its source.

    * Each line of a FLORES-200 Arabic variety (Najdi, Iraqi, Egyptian) against
      the MSA document (the lines of its URL) it translates.
    * Each human summary of ``eval-data/human-summaries`` against its article.
    """
    import json

    from summarizer.faithfulness.facts import check_facts

    counts: dict[str, RealCount] = {}
    msa = _lines(shared / "eval-data" / "flores200_devtest_arb_eng" / "arb_Arab.devtest")
    spans = _documents_by_url(shared)
    for code, name in VARIETIES.items():
        path = shared / "eval-data" / "flores200_more_languages" / f"{code}.devtest"
        if not path.exists():
            continue
        lines, count = _lines(path), counts.setdefault(f"FLORES {name} vs MSA (per sentence)", RealCount())
        for span in spans:
            source = "\n".join(msa[i] for i in span)
            for i in span:
                count.add(check_facts(lines[i], source, language="ar"))
    for file, title in SUMMARY_FILES.items():
        path = shared / "eval-data" / "human-summaries" / file
        if not path.exists():
            continue
        count = counts.setdefault(f"{title} (per summary)", RealCount())
        for row in map(json.loads, path.read_text(encoding="utf-8").splitlines()):
            count.add(check_facts(row["summary"], row["article"], language=row["summary_language"]))
    return counts


IDENTIFIER_SETS = {
    "TICO-19": ("tico19_test_en_ar", "tico19-test.en", "tico19-test.ar"),
    "UN v1": ("unv1_testset_ar_en", "UNv1.0.testset.en", "UNv1.0.testset.ar"),
}


def run_identifiers(shared: Path, seed: int = SEED, most: int = 300) -> dict[str, Count]:
    """Codes changed in single sentences of TICO-19 and the UN test set, per language.

    The abstract is one line with the digits of one code changed
    (:func:`inject_identifier`); its source is that line and its two
    neighbours. Untouched: the line itself, flagged when a code of it is.
    """
    from summarizer.faithfulness.facts import check_facts

    rng = random.Random(seed)
    counts: dict[str, Count] = {}
    for name, (folder, en_file, ar_file) in IDENTIFIER_SETS.items():
        for language, file in (("en", en_file), ("ar", ar_file)):
            path = shared / "eval-data" / folder / file
            if not path.exists():
                continue
            lines = _lines(path)
            spots = [i for i, line in enumerate(lines) if _CODE.search(line)]
            rng.shuffle(spots)
            for i in sorted(spots[:most]):
                source = "\n".join(lines[max(0, i - 1) : i + 2])
                injected = inject_identifier(rng, lines[i], source, language, [], [])
                if injected is None:
                    continue
                new_line, changed = injected
                hit = _flagged(check_facts(new_line, source, language=language), changed)
                counts.setdefault(f"{language} identifier changed", Count()).add(name, hit)
                untouched = [f for f in _confident(check_facts(lines[i], source, language=language)) if f.kind == "number"]
                counts.setdefault(f"{language} untouched line: a number marked", Count()).add(name, bool(untouched))
    return counts


def format_identifiers(counts: dict[str, Count]) -> str:
    """The identifier measure as a Markdown table."""
    out = ["| identifiers (one sentence) | TICO-19 | UN v1 | rate |", "|---|---:|---:|---:|"]
    for key, c in counts.items():
        out.append(f"| {key} | {_cell(c, 'TICO-19')} | {_cell(c, 'UN v1')} | {c.rate:.3f} |")
    return "\n".join(out)


def format_real_text(counts: dict[str, RealCount], show: int = 0) -> str:
    """Marks per sentence or summary, confident (underlined) and unsure, as a Markdown table."""
    out = ["| real text (all facts in the source) | units | with a mark | name | number | date | unsure |"]
    out.append("|---|---:|---:|---:|---:|---:|---:|")
    for title, c in counts.items():
        rates = " | ".join(f"{c.per_unit(k):.3f}" for k in MARK_KINDS)
        unsure = sum(c.unsure.values()) / c.units if c.units else 0.0
        out.append(f"| {title} | {c.units} | {c.marked / max(c.units, 1):.1%} | {rates} | {unsure:.3f} |")
    if show:
        for title, c in counts.items():
            common = Counter((k, t) for k, t, sure in c.examples if sure).most_common(show)
            out.append(f"\n{title}: most common confident marks: " + ", ".join(f"{t} ({k}) x{n}" for (k, t), n in common))
            common = Counter((k, t) for k, t, sure in c.examples if not sure).most_common(show)
            out.append(f"{title}: most common unsure: " + ", ".join(f"{t} ({k}) x{n}" for (k, t), n in common))
    return "\n".join(out)


# --- numbers written in words ------------------------------------------------

NUMBER_WORD_TEMPLATES = (
    "قالت الوزارة في بيان إن {x} من الطلاب سجلوا في البرنامج هذا العام.",
    "وأوضح التقرير أن الحصيلة النهائية بلغت {x} بحسب المصادر الرسمية.",
    "{x} هو الرقم الذي أعلنته الشركة في مؤتمرها الصحفي.",
)
# Currency words and cheque words in the peers' spellings: the digit side of a currency pair keeps them
# (652.12 ريالاً), so only the number words are compared; a subunit (هللة) is part of the number.
_UNIT_STEMS = ("ريال", "دينار", "دنانير", "جنيه", "درهم", "دولار", "يورو", "فقط", "لاغير")
NUMBER_WORD_CATEGORIES = ("cardinal", "currency/unit", "negative", "beyond-trillion")


def _wrong_value(n: str, rng: random.Random) -> str:
    """Another value of the same size: one digit of ``n`` changed (the first digit of a one-digit number)."""
    sign, digits = ("-", n[1:]) if n.startswith("-") else ("", n)
    spots = [i for i, c in enumerate(digits) if c.isdigit()]
    i = rng.choice(spots)
    choices = [d for d in "0123456789" if d != digits[i] and not (i == 0 and d == "0" and len(spots) > 1)]
    return sign + digits[:i] + rng.choice(choices) + digits[i + 1 :]


def _digit_side(case: dict) -> str:
    """The digits of a case, with the currency words and the cheque words around them (فقط 645 ريالاً لاغير)."""
    from summarizer.faithfulness.wordforms import normalize_arabic

    stems = tuple(map(normalize_arabic, _UNIT_STEMS))
    words = case["words"].split()
    units = [k for k, w in enumerate(words) if normalize_arabic(w).startswith(stems)]
    before = [words[k] for k in units if k == 0]
    return " ".join([*before, case["n"], *(words[k] for k in units if k)])


def run_number_words(shared: Path, seed: int = SEED) -> dict[str, dict[str, Count]]:
    """Pairs of a number and its Arabic words (``eval-data/number-words``) in one sentence of an abstract and its source.

    Per category: the words in the abstract and the digits in the source
    (accepted: no confident fact reported), the digits in the abstract and the
    words in the source (accepted), and the words in the abstract against
    another value in digits, one digit changed (caught: a number reported;
    a bare ``واحد`` is reported unsure, not underlined).
    A currency pair keeps its currency word after the digits.
    """
    import json

    from summarizer.faithfulness.facts import check_facts

    path = shared / "eval-data" / "number-words" / "cases.json"
    if not path.exists():
        return {}
    rng = random.Random(seed)
    counts: dict[str, dict[str, Count]] = {}
    for k, case in enumerate(json.loads(path.read_text(encoding="utf-8"))):
        template = NUMBER_WORD_TEMPLATES[k % len(NUMBER_WORD_TEMPLATES)]
        words, digits = template.format(x=case["words"]), template.format(x=_digit_side(case))
        wrong = template.format(x=_digit_side({**case, "n": _wrong_value(case["n"], rng)}))
        table = counts.setdefault(case["cat"], {})
        peer = case["peer"]
        forward = not _confident(check_facts(words, digits, language="ar"))
        backward = not _confident(check_facts(digits, words, language="ar"))
        reported = [f for f in check_facts(words, wrong, language="ar") if f.kind == "number"]
        table.setdefault("words in abstract, digits in source: accepted", Count()).add(peer, forward)
        table.setdefault("digits in abstract, words in source: accepted", Count()).add(peer, backward)
        table.setdefault("words in abstract, another value in source: caught", Count()).add(peer, bool(reported))
        table.setdefault("... caught and underlined (not a bare واحد)", Count()).add(peer, bool(_confident(reported)))
        table.setdefault("all three right", Count()).add(peer, forward and backward and bool(reported))
    return counts


def format_number_words(counts: dict[str, dict[str, Count]]) -> str:
    """The number-word measure as a Markdown table."""
    out = ["| number words (category) | case | num2words | Humanizer | rate |", "|---|---|---:|---:|---:|"]
    for cat in NUMBER_WORD_CATEGORIES:
        for key, c in counts.get(cat, {}).items():
            out.append(f"| {cat} | {key} | {_cell(c, 'num2words')} | {_cell(c, 'humanizer')} | {c.rate:.3f} |")
    return "\n".join(out)


def machine() -> str:
    """CPU count and model, and the Python version, in one line."""
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} CPUs ({model}), Python {platform.python_version()}"


def use_arabic_dictionary(enabled: bool) -> bool:
    """Show the optional arramooz dictionary to the checks, or hide it as on a default install.

    Returns:
        Whether the checks now use it (False when asked for but not installed).
    """
    from summarizer.faithfulness import lexicon

    loaded = [name for name in sys.modules if name == "arramooz" or name.startswith("arramooz.")]
    for name in loaded:
        del sys.modules[name]
    if not enabled:
        sys.modules["arramooz"] = None  # an import of it now fails, as where it is not installed
    for cached in (lexicon._arabic_dictionaries, lexicon.is_arabic_lemma, lexicon.is_arabic_verb):
        cached.cache_clear()
    return lexicon.has_arabic_dictionary()


def format_dictionary(rows: dict[str, tuple[Report, dict[str, RealCount]]]) -> str:
    """Arabic name measures per install (default, with the dictionary) as a Markdown table."""
    out = ["| Arabic names, confident marks | " + " | ".join(rows) + " |", "|---|" + "---:|" * len(rows)]
    first = next(iter(rows.values()))[1]
    for title in first:
        if "FLORES" in title or "Arabic" in title or "CNN" in title:
            cells = [f"{real[title].per_unit('name'):.3f}" for _, real in rows.values()]
            out.append(f"| {title}: names per unit | " + " | ".join(cells) + " |")
    for key, label in ((("ar", "name underlined"), "names injected, underlined"), (("ar", "untouched"), "untouched abstracts marked")):
        out.append(f"| {label} | " + " | ".join(f"{report.facts[key].rate:.3f}" for report, _ in rows.values()) + " |")
    return "\n".join(out)


def main() -> None:
    """Run the benchmark on the shared data and print the tables.

    ``--arabic-dictionary`` (default ``off``): ``off`` hides the optional GPL
    dictionary as on a default install, ``on`` uses it (it must be installed),
    ``both`` also prints the Arabic name measures with and without it.
    """
    import argparse
    import time

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script: the package is one level up
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--arabic-dictionary", choices=("off", "on", "both"), default="off",
                        help="measure the default install (off), with the optional arramooz dictionary (on), or both")
    args = parser.parse_args()
    began = time.perf_counter()
    dictionary = use_arabic_dictionary(args.arabic_dictionary == "on")
    if args.arabic_dictionary == "on" and not dictionary:
        parser.error('the arramooz dictionary is not installed: pip install "bilingual-summarizer[arabic-dictionary]"')
    report = run_benchmark(shared_dir())
    print(format_report(report))
    print()
    print(format_identifiers(run_identifiers(shared_dir())))
    print()
    real = run_real_text(shared_dir())
    print(format_real_text(real, show=int(os.environ.get("SHOW_MARKS", "0"))))
    print()
    print(format_number_words(run_number_words(shared_dir())))
    if args.arabic_dictionary == "both":
        rows = {"default install": (report, real)}
        if use_arabic_dictionary(True):
            rows["with the arramooz dictionary"] = (run_benchmark(shared_dir()), run_real_text(shared_dir()))
        print()
        print(format_dictionary(rows))
    state = "with" if dictionary else "without"
    print(f"\nseed {SEED}; {time.perf_counter() - began:.1f} s; {machine()}; {state} the arramooz dictionary")
    for line in report.failures():
        print("MISSED:", line)


if __name__ == "__main__":
    main()
