"""The result of summarizing one article: both abstracts and everything that made them.

Frozen dataclasses with ``to_dict()``/``to_json()``; ``_repr_html_`` renders
both abstracts in a notebook, the Arabic one right-to-left. This module holds
no pipeline logic.
"""

from __future__ import annotations

import html
import json
from dataclasses import asdict, dataclass, field
from typing import Any

from .abstracts import SummaryPass
from .faithfulness.attribution import Attribution
from .faithfulness.facts import UnsupportedFact
from .models.base import ModelInfo
from .text.article import Source


@dataclass(frozen=True)
class SentencePair:
    """A source sentence and its English translation.

    Attributes:
        index: Position of the sentence in the cleaned source.
        source: The sentence as it appears in the cleaned source.
        translation: Its English translation (the sentence itself when it was
            already English).
        translated: False when the sentence was not Arabic and was kept as is.
    """

    index: int
    source: str
    translation: str
    translated: bool = True


@dataclass(frozen=True)
class BilingualSummary:
    """English and Arabic abstracts of one article, with their provenance.

    Attributes:
        english_abstract: The English abstract.
        arabic_abstract: The Arabic abstract.
        english_translation: The full English translation, one paragraph.
        sentences: Source sentences paired with their translations, in order.
        input_language: ``"ar"``, ``"en"`` (translation skipped) or ``"mixed"``
            (only the Arabic sentences translated).
        english_passes: Passes of the English summary and their chunks. One pass
            with one chunk: the translation fit the summarizer's window; one pass
            with ``joined=True``: it did not, and the abstract is the summaries
            of its even parts, in order; more passes: map-reduce.
        arabic_passes: Passes of the direct Arabic summary (empty for the
            ``"translate"`` strategy).
        strategy: How the Arabic abstract was written.
        models: Each role's model: id or path, hub revision, backend, compute type (dtype) and device.
        options: The options used, as plain data.
        timings: Seconds spent per stage, and ``"total"``.
        removed_lines: Lines dropped from the input as web boilerplate.
        attributions: For each abstract sentence (English first, then Arabic),
            the source sentences it draws on, by index, with scores.
        unsupported_facts: Numbers, dates and names of an abstract that its
            source (or the other abstract) does not support; names the check
            is unsure of have ``confident=False`` (no warning, no underline).
        warnings: Everything degraded or dropped on the way, in plain words.
        source: What the input said about itself: the page's title, date,
            author, site and URL when it was an HTML page (see
            :func:`summarizer.read_article`), and whether it was HTML.
    """

    english_abstract: str
    arabic_abstract: str
    english_translation: str
    sentences: tuple[SentencePair, ...]
    input_language: str
    english_passes: tuple[SummaryPass, ...]
    arabic_passes: tuple[SummaryPass, ...]
    strategy: str
    models: tuple[ModelInfo, ...]
    options: dict[str, Any] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    removed_lines: tuple[str, ...] = ()
    attributions: tuple[Attribution, ...] = ()
    unsupported_facts: tuple[UnsupportedFact, ...] = ()
    warnings: tuple[str, ...] = ()
    source: Source = field(default_factory=Source)

    @property
    def passes(self) -> int:
        """Passes of the English summary (1 unless map-reduce was needed)."""
        return len(self.english_passes)

    def to_dict(self) -> dict[str, Any]:
        """The whole result as JSON-ready plain data."""
        return asdict(self)

    def to_json(self, **kwargs: Any) -> str:
        """The result as JSON; Arabic is written as is, not as escapes."""
        kwargs.setdefault("ensure_ascii", False)
        kwargs.setdefault("indent", 2)
        return json.dumps(self.to_dict(), **kwargs)

    def _repr_html_(self) -> str:
        english = html.escape(self.english_abstract)
        arabic = html.escape(self.arabic_abstract)
        notes = "".join(f"<li>{html.escape(w)}</li>" for w in self.warnings)
        # The title as the page writes it, over each abstract.
        title = (f'<p dir="auto"><strong>{html.escape(self.source.title)}</strong></p>'
                 if self.source.title else "")
        return (
            '<div class="bilingual-summary">'
            f'<h4>English abstract</h4>{title}<p lang="en" dir="ltr">{english}</p>'
            f'<h4 lang="ar" dir="rtl" style="text-align:right">الملخص بالعربية</h4>{title}'
            f'<p lang="ar" dir="rtl" style="text-align:right">{arabic}</p>'
            + (f"<details><summary>{len(self.warnings)} warning(s)</summary><ul>{notes}</ul></details>" if notes else "")
            + "</div>"
        )
