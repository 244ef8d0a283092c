"""Tell Arabic-script text from Latin-script text by counting letters.

Used to skip translation for input that is already English and to translate
only the Arabic sentences of mixed input. It counts letters by script; it does
not identify languages that share a script (Persian and Urdu count as Arabic).
"""

from __future__ import annotations

from typing import Literal

InputLanguage = Literal["ar", "en", "mixed"]

# Share of Arabic letters above which a text counts as Arabic, and below which
# (one minus it) it counts as English; in between it is mixed.
ARABIC_MAJORITY = 0.8


def _is_arabic_letter(char: str) -> bool:
    code = ord(char)
    return 0x0620 <= code <= 0x064A or 0x066E <= code <= 0x06D3 or 0x06FA <= code <= 0x06FF


def letter_counts(text: str) -> tuple[int, int]:
    """Count Arabic-script and other letters in ``text``.

    Returns:
        ``(arabic, other)`` letter counts; digits, marks and punctuation are not letters.
    """
    arabic = other = 0
    for char in text:
        if _is_arabic_letter(char):
            arabic += 1
        elif char.isalpha():
            other += 1
    return arabic, other


def is_arabic(text: str) -> bool:
    """True when most letters of ``text`` are Arabic script (ties count as Arabic)."""
    arabic, other = letter_counts(text)
    return arabic > 0 and arabic >= other


def detect_input_language(sentences: list[str]) -> InputLanguage:
    """Classify a document as Arabic, English or mixed by its share of Arabic letters.

    Args:
        sentences: The document's sentences.

    Returns:
        ``"ar"`` when at least 80% of its letters are Arabic, ``"en"`` when at
        most 20% are, ``"mixed"`` otherwise.
    """
    arabic = other = 0
    for sentence in sentences:
        a, o = letter_counts(sentence)
        arabic += a
        other += o
    total = arabic + other
    share = arabic / total if total else 0.0
    if share >= ARABIC_MAJORITY:
        return "ar"
    if share <= 1 - ARABIC_MAJORITY:
        return "en"
    return "mixed"
