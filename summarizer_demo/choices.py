"""The demo's choices in a reader's words, built from the presets' data (:mod:`summarizer.presets`).

A journalist picks "faster" or "better", not a preset name, and needs to know
who wrote the Arabic abstract and under which licence. :func:`preset_choices`
labels each preset the page offers (speed against quality, with a measured
time where BENCHMARKS.md has one), :func:`strategy_choices` says how the Arabic
abstract is made with the chosen preset's models and their licences (from
``MODEL_CARDS``), and :func:`models_markdown` lists the model ids for the
details panel. Nothing here loads a model.
"""

from __future__ import annotations

from summarizer import PRESETS
from summarizer.presets import MODEL_CARDS, NON_COMMERCIAL

# What a preset means to a reader; a preset not listed here is labelled with its description.
READER_WORDS = {
    "fast": "Fastest — the Arabic translation is weaker",
    "balanced": "Balanced speed and quality",
    "quality": "Best English abstract — slowest",
    "instruct": "An instruction model reads the whole article — slow on a CPU",
}
# Seconds a 600-word article took on a 2-core CPU with the default CTranslate2 int8 (BENCHMARKS.md
# "Speed": 5.3 s on an Intel Xeon with AVX-512, run of 2026-12-06 evening; 13-18 s on an AVX2-only
# AMD EPYC, run (e), before the restricted output layer and the kept heap).
MEASURED = {"balanced": "5–18 s for a 600-word article on a 2-core CPU"}
ROLE_WORDS = {
    "translator": "Arabic → English translation",
    "summarizer": "English abstract",
    "back_translator": "English → Arabic translation",
    "direct_summarizer": "Arabic abstract written from the Arabic",
}


def offered_presets() -> list[str]:
    """The presets the page offers: all of them (the backend is a load option, not a preset)."""
    return list(PRESETS)


def preset_choices(names: list[str]) -> list[tuple[str, str]]:
    """``(label, preset name)`` pairs: what each preset trades, with a measured time where known."""
    choices = []
    for name in names:
        preset = PRESETS.get(name)
        words = READER_WORDS.get(name) or (preset.description if preset and preset.description else name)
        time = f" ({MEASURED[name]})" if name in MEASURED else ""
        choices.append((f"{words}{time}", name))
    return choices


def short(model: str) -> str:
    """A model's name without its hub owner or folder."""
    return model.rstrip("/").split("/")[-1]


def terms(model: str) -> str:
    """A model's licence in words: "<licence>, non-commercial use only" or "<licence>"."""
    card = MODEL_CARDS.get(model)
    if card is None:
        return "licence not known: check the model's card"
    return f"{card.licence}, non-commercial use only" if model in NON_COMMERCIAL else card.licence


def strategy_choices(models: dict[str, str]) -> list[tuple[str, str]]:
    """``(label, strategy)`` pairs for the Arabic-abstract choice, naming the model that writes it."""
    direct = models.get("direct_summarizer", "")
    return [
        ("Arabic abstract translated from the English one", "translate"),
        (f"Arabic abstract written from the Arabic article by {short(direct)} — {terms(direct)}", "direct"),
    ]


def models_markdown(models: dict[str, str]) -> str:
    """The models of a preset, one line per role, with size and licence where known."""
    lines = []
    for role, model in models.items():
        card = MODEL_CARDS.get(model)
        size = f", {card.parameters} parameters" if card else ""
        lines.append(f"- {ROLE_WORDS.get(role, role)}: `{model}` ({terms(model)}{size})")
    return "\n".join(lines)
