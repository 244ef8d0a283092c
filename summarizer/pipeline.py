"""The bilingual summarizer: Arabic article in, English and Arabic abstracts out.

The chain, top to bottom: check the input → clean → split into sentences →
translate the Arabic sentences to English → summarize the English (map-reduce
when it is longer than the model's window) → write the Arabic abstract, either
by translating the English abstract sentence by sentence (``"translate"``) or by
summarizing the Arabic source with a multilingual model (``"direct"``).

Models load lazily, once per :class:`BilingualSummarizer`, and are reused by
every call. Input errors are raised before any model is loaded.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace

from .abstracts import AbstractResult, AbstractWriter
from .faithfulness.attribution import attribute
from .text.article import Article, Source, read_article
from .errors import InputError
from .faithfulness.facts import UnsupportedFact, check_cross_abstract, check_facts
from .text.identify import check_language
from .text.inputs import check_article, read_input
from .text.language import detect_input_language, is_arabic
from .models.base import TextModel
from .models.load_options import LoadOptions
from .models.loading import load_model
from .models.memory import model_stage, release_free_memory
from .options import SummarizeOptions
from .presets import NON_COMMERCIAL, ROLES, get_preset
from .result import BilingualSummary, SentencePair
from .text.sentences import split_sentences
from .translate import Translator

logger = logging.getLogger("summarizer")

# English→Arabic OPUS-MT models serve several Arabic varieties; this picks
# Modern Standard Arabic and must open every input.
ARABIC_CODE = ">>ara<<"

Progress = Callable[[str, int, int], None]
Preview = Callable[[str, object], None]


@dataclass
class _Document:
    """One input on its way through the chain (internal, mutable)."""

    sentences: list[str]
    removed_lines: tuple[str, ...]
    language: str
    timings: dict[str, float]
    warnings: list[str]
    source: Source = Source()
    foreign: frozenset[int] = frozenset()  # sentences in a third language, kept as written
    translations: list[str] | None = None
    english: AbstractResult | None = None
    arabic: str = ""
    arabic_passes: tuple = ()
    attributions: tuple = ()
    unsupported_facts: tuple = ()

    def translated(self, index: int) -> bool:
        """Whether sentence ``index`` goes to the translator: Arabic, and not in a third language."""
        return is_arabic(self.sentences[index]) and index not in self.foreign


class BilingualSummarizer:
    """Summarize Arabic articles into an English and an Arabic abstract.

    Args:
        preset: ``"fast"``, ``"balanced"`` (default) or ``"quality"``; see
            ``summarizer.PRESETS``.
        translator: Arabic→English MarianMT model (hub id or local path);
            overrides the preset's.
        summarizer: English summarizer: BART-style, T5-style with a prompt, or a
            decoder-only instruction model (Qwen3, Qwen2.5-Instruct, ...: told
            what to write by a chat prompt; see ``preset="instruct"``).
        back_translator: English→Arabic MarianMT model for the ``"translate"`` strategy.
        direct_summarizer: Multilingual summarizer for the ``"direct"`` strategy
            (mT5 XL-Sum, or an instruction model asked for an Arabic abstract).
        load: How models are loaded and run (:class:`LoadOptions` or a dict of
            its fields): device, backend (default ``"auto"``: CTranslate2 int8
            on a CPU, converted once on first use; torch on a GPU), dtype or
            compute type, hub revision and cache, offline.
        **load_settings: Fields of :class:`LoadOptions` given one by one
            (``device="cpu"``, ``backend="torch"``, ...), overriding ``load``.
        options: Default :class:`SummarizeOptions` (or dict) for every call.

    Raises:
        InputError: If the preset or a load option is unknown.
    """

    def __init__(
        self,
        preset: str = "balanced",
        *,
        translator: str | None = None,
        summarizer: str | None = None,
        back_translator: str | None = None,
        direct_summarizer: str | None = None,
        load: LoadOptions | dict | None = None,
        options: SummarizeOptions | dict | None = None,
        **load_settings,
    ):
        overrides = {
            "translator": translator,
            "summarizer": summarizer,
            "back_translator": back_translator,
            "direct_summarizer": direct_summarizer,
        }
        self.preset = preset
        self._overrides = {role: name for role, name in overrides.items() if name}
        chosen = get_preset(preset)
        self.model_names = {role: overrides[role] or name for role, name in chosen.models().items()}
        self.load_options = LoadOptions.merged(load, **load_settings)
        self.options = SummarizeOptions.coerce(options)
        self._models: dict[str, TextModel] = {}
        self._loading = threading.Lock()

    @property
    def backend(self) -> str:
        """The engine that runs the models: ``"ctranslate2"`` or ``"torch"`` (see :class:`LoadOptions`)."""
        return self.load_options.backend_and_device()[0]

    def model(self, role: str, progress: Progress | None = None) -> TextModel:
        """The loaded model of a role, loading it on first use (once, even from several threads).

        ``progress`` hears of a first-use conversion for CTranslate2, which
        takes a while, as the stage ``"preparing <model> for this machine (once)"``.
        """
        if role not in ROLES:
            raise InputError(f"Unknown model role {role!r}: choose one of {', '.join(ROLES)}.")
        with self._loading:
            if role not in self._models:
                name = self.model_names[role]
                # One instruction model often writes both abstracts: load it once.
                shared = [model for r, model in self._models.items() if self.model_names[r] == name]
                notify = None if progress is None else (
                    lambda message: progress(f"preparing {name} for this machine (once)", 0, 1))
                self._models[role] = shared[0] if shared else load_model(name, self.load_options, notify=notify)
                release_free_memory()  # what loading read and converted, before the next peak
        return self._models[role]

    def load(self, strategy: str | None = None) -> dict[str, float]:
        """Load now what the first summary would otherwise load on the way: models, language ID, word lists.

        A long-running process (the demo, a batch job, a notebook about to
        summarize) calls this once so that the first article does not pay for
        it: the models of ``strategy`` (the options' default when None), the
        language identifier and the word lists of the fact checks (word
        frequencies, CLDR names, dictionaries: about a second on a laptop).

        Args:
            strategy: ``"translate"`` or ``"direct"``.

        Returns:
            Seconds spent per part: each model role, ``"checks"``.

        Raises:
            InputError: An unknown strategy.
            ModelNotAvailableError: A model is neither cached nor downloadable.
        """
        strategy = strategy or self.options.strategy
        if strategy not in STRATEGY_ROLES:
            raise InputError(f"Unknown strategy {strategy!r}: choose one of {', '.join(STRATEGY_ROLES)}.")
        seconds = {}
        for role in STRATEGY_ROLES[strategy]:
            started = time.perf_counter()
            self.model(role)
            seconds[role] = time.perf_counter() - started
        started = time.perf_counter()
        _load_checks()
        release_free_memory()
        seconds["checks"] = time.perf_counter() - started
        return seconds

    def with_preset(self, preset: str) -> BilingualSummarizer:
        """A new summarizer for another preset, keeping this one's model overrides, loading settings and options."""
        return BilingualSummarizer(preset, **self._overrides, load=self.load_options, options=self.options)

    def summarize(
        self, text: str | Article, *, progress: Progress | None = None, preview: Preview | None = None, **options
    ) -> BilingualSummary:
        """Write the English and Arabic abstracts of one article.

        Args:
            text: The article: plain text or HTML, Arabic (English and mixed
                input work too), or an :class:`Article` already read (what
                :func:`summarizer.fetch_article` returns), whose url, title
                and removed lines the result keeps.
            progress: Called with ``(stage, done, total)`` as work advances.
            preview: Called with each stage's text as soon as it is written,
                before the checks (the demo shows it): ``("translation",
                {sentence index: (source, translation)})`` after each batch,
                ``("english", abstract)``, then ``("arabic", abstract)``.
            **options: Fields of :class:`SummarizeOptions` for this call, e.g.
                ``length="short"``, ``strategy="direct"``.

        Returns:
            A :class:`BilingualSummary`.

        Raises:
            InputError: Empty text, text with no letters, text over the size
                limit, text in a language other than Arabic or English (the
                message names it), or an unknown option; raised before any
                model runs.
            ModelNotAvailableError: A model is neither cached nor downloadable.
        """
        return self.summarize_many([text], progress=progress, preview=preview, **options)[0]

    def summarize_many(
        self, texts: Sequence[str | Article], *, progress: Progress | None = None, preview: Preview | None = None,
        **options,
    ) -> list[BilingualSummary]:
        """Summarize several articles, batching their sentences together in each model.

        Args and Raises as :meth:`summarize`; an input error names the
        position of the offending text. ``preview`` is called for a single
        text only.

        Returns:
            One :class:`BilingualSummary` per text, in order.
        """
        opts = self._options(options)
        started = time.perf_counter()
        report = progress or (lambda stage, done, total: None)
        documents = []
        for position, text in enumerate(texts):
            try:
                documents.append(self._prepare(text, opts))
            except InputError as error:
                raise InputError(f"text {position + 1}: {error}" if len(texts) > 1 else str(error)) from None
            report("cleaning", position + 1, len(texts))
        show = preview if preview is not None and len(documents) == 1 else None
        # In a model stage the heap reuses what is freed; when it ends the heap gives it back,
        # so that the next stage's peak does not land on top of it (models/memory.py).
        with model_stage():
            self._translate(documents, opts, report, show)
        with model_stage():
            self._summarize_english(documents, opts, report)
        if show is not None:
            show("english", documents[0].english.text)
        with model_stage():
            if opts.strategy == "translate":
                self._back_translate(documents, opts, report)
            else:
                self._summarize_arabic(documents, opts, report)
        if show is not None:
            show("arabic", documents[0].arabic)
        for doc in documents:
            with _timed([doc], "faithfulness"):
                self._check_faithfulness(doc, opts)
        total = time.perf_counter() - started
        return [self._result(doc, opts, total) for doc in documents]

    # The stages, in order. Each one fills fields of the documents.

    def _prepare(self, text: str | Article, opts: SummarizeOptions) -> _Document:
        started = time.perf_counter()
        if isinstance(text, Article):  # read already (fetched): keep its url, title and removed lines
            article = text
        else:
            article = read_article(read_input(text, opts.max_input_chars), options=opts.clean)
        check_article(article.text, opts.max_input_chars)  # a page may be larger than the limit; its article may not
        sentences = split_sentences(article.text)
        languages = check_language(sentences)  # refuses Persian, French...: before any model loads
        warnings = []
        if article.removed_lines:
            what = ("the page around the article" if article.was_html else
                    "page furniture (running headers, footers, page numbers)" if article.page_count else
                    "web boilerplate")
            warnings.append(f"{len(article.removed_lines)} line(s) of {what} removed (see removed_lines).")
        warnings.extend(languages.warnings)
        timings = {"clean": time.perf_counter() - started}
        return _Document(sentences, article.removed_lines, detect_input_language(sentences), timings, warnings,
                         source=article.source, foreign=frozenset(index for index, _ in languages.foreign))

    def _translate(
        self, documents: list[_Document], opts: SummarizeOptions, report: Progress, show: Preview | None = None
    ) -> None:
        # Only Arabic sentences go to the translator; the rest are kept as written.
        wanted = [(d, i) for d in documents for i in range(len(d.sentences)) if d.translated(i)]
        arabic_in = Counter(id(d) for d, _ in wanted)
        for doc in documents:
            doc.translations = list(doc.sentences)
            arabic = arabic_in[id(doc)]
            if doc.language == "en" and not arabic:
                doc.warnings.append("the input is English: translation skipped.")
            elif doc.language != "ar":
                doc.warnings.append(
                    f"the input mixes Arabic and English: only its {arabic} Arabic sentence(s) were translated."
                )
        if not wanted:
            return
        translator = Translator(self.model("translator", report), options=opts.translation)
        with _timed(documents, "translate"):
            shown = None if show is None else lambda batch: show(
                "translation", {wanted[k][1]: (wanted[k][0].sentences[wanted[k][1]], text) for k, text in batch.items()}
            )
            result = translator.translate(
                [d.sentences[i] for d, i in wanted], lambda done, total: report("translating", done, total), shown
            )
        for (doc, i), translation in zip(wanted, result.translations):
            doc.translations[i] = translation
        for k, note in result.notes():
            doc, i = wanted[k]
            doc.warnings.append(f"sentence {i + 1} {note}.")

    def _summarize_english(self, documents: list[_Document], opts: SummarizeOptions, report: Progress) -> None:
        writer = AbstractWriter(self.model("summarizer", report), language="en")
        if len(documents) == 1:
            (doc,) = documents
            with _timed([doc], "summarize"):
                doc.english = writer.summarize(
                    doc.translations, opts.summary, lambda n: report("summarizing", n, opts.summary.max_passes)
                )
        else:  # articles that fit one pass share the summarizer's calls: each gets the whole stage's time
            report("summarizing", 0, len(documents))
            with _timed(documents, "summarize"):
                abstracts = writer.summarize_many([doc.translations for doc in documents], opts.summary)
            for doc, english in zip(documents, abstracts):
                doc.english = english
            report("summarizing", len(documents), len(documents))
        for doc in documents:
            doc.warnings.extend(doc.english.warnings)

    def _back_translate(self, documents: list[_Document], opts: SummarizeOptions, report: Progress) -> None:
        translator = Translator(self.model("back_translator", report), source_prefix=ARABIC_CODE,
                                options=opts.translation)
        parts = [(doc, split_sentences(doc.english.text)) for doc in documents]
        with _timed(documents, "arabic"):
            result = translator.translate(
                [s for _, sentences in parts for s in sentences],
                lambda done, total: report("writing the Arabic abstract", done, total),
            )
        owners = [(doc, j) for doc, sentences in parts for j in range(len(sentences))]
        for doc in documents:
            doc.arabic = " ".join(t for (owner, _), t in zip(owners, result.translations) if owner is doc)
        for k, note in result.notes():
            doc, j = owners[k]
            doc.warnings.append(f"English abstract sentence {j + 1} {note}.")

    def _summarize_arabic(self, documents: list[_Document], opts: SummarizeOptions, report: Progress) -> None:
        name = self.model_names["direct_summarizer"]
        writer = AbstractWriter(self.model("direct_summarizer", report), language="ar")
        options = replace(opts.summary, prompt=opts.summary.arabic_prompt)
        for doc in documents:
            with _timed([doc], "arabic"):
                result = writer.summarize(
                    doc.sentences, options, lambda n: report("writing the Arabic abstract", n, options.max_passes)
                )
            doc.arabic, doc.arabic_passes = result.text, result.passes
            doc.warnings.extend(result.warnings)
            if name in NON_COMMERCIAL:
                doc.warnings.append(f"the Arabic abstract was written by {name}, licensed for non-commercial use only.")

    def _check_faithfulness(self, doc: _Document, opts: SummarizeOptions) -> None:
        """Trace abstract sentences to their sources and flag facts the sources lack."""
        translation = "\n".join(doc.translations)
        doc.attributions = attribute(
            doc.english.text, doc.arabic, doc.sentences, doc.translations, strategy=opts.strategy
        )
        facts = check_facts(doc.english.text, translation, language="en")
        if doc.language != "en":
            facts += check_facts(doc.arabic, "\n".join(doc.sentences), language="ar")
        facts += check_cross_abstract(doc.english.text, doc.arabic)
        doc.unsupported_facts = tuple(facts)
        doc.warnings.extend(_fact_warnings(facts))

    def _options(self, options: dict) -> SummarizeOptions:
        allowed = set(SummarizeOptions.__dataclass_fields__)
        unknown = sorted(set(options) - allowed)
        if unknown:
            raise InputError(f"Unknown option(s) {unknown}: choose from {', '.join(sorted(allowed))}.")
        # The defaults' length is in their summary options already; a length given here overrides it.
        return replace(self.options, **{"length": None, **options}) if options else self.options

    def _result(self, doc: _Document, opts: SummarizeOptions, total: float) -> BilingualSummary:
        used = list(STRATEGY_ROLES[opts.strategy][1:])
        if any(t != s for t, s in zip(doc.translations, doc.sentences)) or doc.language != "en":
            used.insert(0, "translator")
        models = tuple(self._models[role].info(role) for role in used if role in self._models)
        pairs = tuple(
            SentencePair(i, s, t, doc.translated(i)) for i, (s, t) in enumerate(zip(doc.sentences, doc.translations))
        )
        return BilingualSummary(
            english_abstract=doc.english.text,
            arabic_abstract=doc.arabic,
            english_translation=" ".join(doc.translations),
            sentences=pairs,
            input_language=doc.language,
            english_passes=doc.english.passes,
            arabic_passes=doc.arabic_passes,
            strategy=opts.strategy,
            models=models,
            options=opts.to_dict(),
            timings={**doc.timings, "total": total},
            removed_lines=doc.removed_lines,
            attributions=doc.attributions,
            unsupported_facts=doc.unsupported_facts,
            warnings=tuple(doc.warnings),
            source=doc.source,
        )


def summarize(text: str | Article, *, preset: str = "balanced", **options) -> BilingualSummary:
    """Summarize one article in one call, for notebooks.

    Loads the preset's models (downloading them on first use) and runs
    :meth:`BilingualSummarizer.summarize`. To summarize many articles, create
    one :class:`BilingualSummarizer` and reuse it, so models load once.

    Args:
        text: The article, plain text or HTML, or an :class:`Article`.
        preset: Model preset.
        **options: Fields of :class:`SummarizeOptions`.

    Returns:
        A :class:`BilingualSummary`.
    """
    return BilingualSummarizer(preset).summarize(text, **options)


# The models each strategy runs, in order.
STRATEGY_ROLES = {
    "translate": ("translator", "summarizer", "back_translator"),
    "direct": ("translator", "summarizer", "direct_summarizer"),
}


def _load_checks() -> None:
    """Run the language identifier and both languages' fact checks once on a made-up pair.

    Their word lists load lazily on the first question a check asks; a
    sentence with a name, a number and a date that its "source" lacks asks
    every one of them.
    """
    check_language(["أعلن الوزير سامر في بيروت يوم 3 مارس 2024 افتتاح 12 مدرسة."])
    check_facts("Suddenly Samer opened 12 schools in Beirut on March 3, 2024.", "The ministry spoke.", language="en")
    check_facts("أعلن الوزير سامر في بيروت يوم 3 مارس 2024 افتتاح 12 مدرسة.", "تحدثت الوزارة.", language="ar")


@contextmanager
def _timed(documents: list[_Document], stage: str):
    """Add the seconds spent in the block to each document's ``stage`` timing."""
    started = time.perf_counter()
    yield
    elapsed = time.perf_counter() - started
    for doc in documents:
        doc.timings[stage] = doc.timings.get(stage, 0.0) + elapsed


def _fact_warnings(facts: Sequence[UnsupportedFact]) -> list[str]:
    """One warning per unsupported number, date or English name the check is sure of.

    Arabic has no capitals, so an Arabic "name" is any content word missing
    from the source, and a translated abstract rewords a lot: those are
    gathered in one line instead of one warning each.
    """
    facts = [f for f in facts if f.confident]  # unsure names stay in unsupported_facts, without a warning
    arabic_words = [f.text for f in facts if f.kind == "name" and f.language == "ar"]
    lines = [f.message for f in facts if not (f.kind == "name" and f.language == "ar")]
    if arabic_words:
        shown = "، ".join(dict.fromkeys(arabic_words[:10]))
        lines.append(f"{len(arabic_words)} word(s) of the Arabic abstract are not in the source (check names): {shown}")
    return lines
