"""The model presets and what is known about each model (size, licence).

A preset names one model per role and nothing else (which engine runs them is
a load option: CTranslate2 on a CPU, torch on a GPU, by default):
``translator`` (Arabic → English),
``summarizer`` (English abstract), ``back_translator`` (English → Arabic, for
the ``"translate"`` strategy) and ``direct_summarizer`` (Arabic abstract
written from the Arabic source, for the ``"direct"`` strategy). Any role can be
overridden with another compatible hub id or a local path.

``Helsinki-NLP/opus-mt-tc-big-ar-en`` is deliberately not offered: its main
checkpoint stores an untied copy of the embeddings that current transformers
loads over the shared ones, and it then writes garbage (transformers issues
#26216 and #26271; a fixed upload was still an open hub pull request). Use it
only through ``translator=`` with a revision or a re-converted copy you have
checked.

This module does not load anything (see ``models``).
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from .errors import InputError

ROLES = ("translator", "summarizer", "back_translator", "direct_summarizer")


@dataclass(frozen=True)
class ModelCard:
    """Facts about a model that a user needs before choosing it."""

    name: str
    parameters: str
    download: str
    licence: str
    note: str = ""


MODEL_CARDS: dict[str, ModelCard] = {
    card.name: card
    for card in (
        ModelCard("Helsinki-NLP/opus-mt-ar-en", "76 M", "308 MB", "Apache-2.0 (card) / CC-BY-4.0 (OPUS-MT)"),
        ModelCard("Helsinki-NLP/opus-mt-en-ar", "76 M", "308 MB", "Apache-2.0", "weak: Tatoeba BLEU 14.0"),
        ModelCard("Helsinki-NLP/opus-mt-tc-big-en-ar", "239 M", "478 MB", "CC-BY-4.0", "FLORES-101 BLEU 29.4"),
        ModelCard("sshleifer/distilbart-cnn-12-6", "306 M", "1.22 GB", "Apache-2.0", "news (CNN/DailyMail)"),
        ModelCard("facebook/bart-large-cnn", "406 M", "1.63 GB", "MIT", "news (CNN/DailyMail)"),
        ModelCard(
            "csebuetnlp/mT5_multilingual_XLSum", "582 M", "2.33 GB", "CC-BY-NC-SA-4.0",
            "non-commercial use only",
        ),
        # Instruction models: Apache-2.0, Arabic among their listed languages, no remote code.
        ModelCard("Qwen/Qwen3-1.7B", "2.0 B", "4.06 GB", "Apache-2.0",
                  "instruction model, thinking turned off; 119 languages incl. Arabic"),
        ModelCard("Qwen/Qwen3-4B", "4.0 B", "8.05 GB", "Apache-2.0",
                  "instruction model, thinking turned off; 119 languages incl. Arabic"),
        ModelCard("Qwen/Qwen2.5-1.5B-Instruct", "1.5 B", "3.09 GB", "Apache-2.0",
                  "instruction model; 29+ languages incl. Arabic"),
        ModelCard("Qwen/Qwen2.5-3B-Instruct", "3.1 B", "6.17 GB", "Qwen Research License (non-commercial)",
                  "non-commercial use only"),
    )
}

NON_COMMERCIAL = {
    name for name, card in MODEL_CARDS.items() if "-NC" in card.licence or "non-commercial" in card.licence
}


@dataclass(frozen=True)
class Preset:
    """One model per role."""

    translator: str
    summarizer: str
    back_translator: str
    direct_summarizer: str
    description: str = ""

    def models(self) -> dict[str, str]:
        """The model name of each role."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name in ROLES}


PRESETS: dict[str, Preset] = {
    "fast": Preset(
        translator="Helsinki-NLP/opus-mt-ar-en",
        summarizer="sshleifer/distilbart-cnn-12-6",
        back_translator="Helsinki-NLP/opus-mt-en-ar",
        direct_summarizer="csebuetnlp/mT5_multilingual_XLSum",
        description="smallest models; the English→Arabic step is weaker",
    ),
    "balanced": Preset(
        translator="Helsinki-NLP/opus-mt-ar-en",
        summarizer="sshleifer/distilbart-cnn-12-6",
        back_translator="Helsinki-NLP/opus-mt-tc-big-en-ar",
        direct_summarizer="csebuetnlp/mT5_multilingual_XLSum",
        description="default: distilled news summarizer, big English→Arabic model",
    ),
    "quality": Preset(
        translator="Helsinki-NLP/opus-mt-ar-en",
        summarizer="facebook/bart-large-cnn",
        back_translator="Helsinki-NLP/opus-mt-tc-big-en-ar",
        direct_summarizer="csebuetnlp/mT5_multilingual_XLSum",
        description="full-size BART-large-CNN summarizer; slowest",
    ),
    "instruct": Preset(
        translator="Helsinki-NLP/opus-mt-ar-en",
        summarizer="Qwen/Qwen3-1.7B",
        back_translator="Helsinki-NLP/opus-mt-tc-big-en-ar",
        direct_summarizer="Qwen/Qwen3-1.7B",
        description="an instruction model (Qwen3-1.7B, Apache-2.0) writes the English abstract and, with "
        'strategy="direct", the Arabic one; slow to read long input on a CPU (README)',
    ),
}

# Presets of earlier releases that named a backend: what to write instead.
RETIRED_PRESETS = {
    "fast-cpu": 'preset="balanced" (CTranslate2 int8 is now the default on a CPU; backend="ctranslate2" forces it)',
    "instruct-cpu": 'preset="instruct" (CTranslate2 int8 is now the default on a CPU; backend="ctranslate2" forces it)',
}


def get_preset(name: str) -> Preset:
    """Look up a preset by name.

    Raises:
        InputError: If the name is unknown; the message lists the presets.
    """
    if name in RETIRED_PRESETS:
        raise InputError(f"The preset {name!r} is gone: write {RETIRED_PRESETS[name]}.")
    try:
        return PRESETS[name]
    except (KeyError, TypeError):
        raise InputError(f"Unknown preset {name!r}: choose one of {', '.join(PRESETS)}.") from None


def download(preset: str = "balanced", *, roles: tuple[str, ...] = ROLES, cache_dir: str | None = None) -> dict[str, str]:
    """Fetch a preset's models into the hub cache, for later offline use.

    Args:
        preset: The preset whose models to fetch.
        roles: Which roles to fetch; all by default.
        cache_dir: The hub cache folder; None for the default.

    Returns:
        The local folder of each role's model.

    Raises:
        InputError: An unknown preset or role.
        ModelNotAvailableError: A model could not be fetched (the message names it).
    """
    from .models.hub import download_models

    chosen = get_preset(preset).models()
    unknown = set(roles) - set(chosen)
    if unknown:
        raise InputError(f"Unknown role(s) {sorted(unknown)}: choose from {', '.join(ROLES)}.")
    folders = download_models({role: chosen[role] for role in dict.fromkeys(roles)}, cache_dir=cache_dir)
    return {role: str(found.folder) for role, found in folders.items()}
