"""Load the prompt templates shipped in ``prompts/`` by name.

A template is a text file with one ``{text}`` placeholder where the article
goes. Instruction-style summarizers (T5, Flan-T5, mT0) read the filled prompt;
BART-style summarizers read the bare text and need no prompt. This module does
not decide which model gets a prompt.
"""

from __future__ import annotations

from importlib import resources
from importlib.abc import Traversable
from pathlib import Path

from ..errors import InputError


def _prompt_folder() -> Traversable:
    # An installed wheel carries the files as the ``summarizer.prompts`` package;
    # a source checkout on sys.path has them in ``prompts/`` beside the package.
    try:
        return resources.files("summarizer.prompts")
    except ModuleNotFoundError:
        return Path(__file__).resolve().parent.parent / "prompts"


def available_prompts() -> list[str]:
    """Names of the shipped prompts (file names without ``.txt``), sorted."""
    folder = _prompt_folder()
    return sorted(entry.name[:-4] for entry in folder.iterdir() if entry.name.endswith(".txt"))


def load_prompt(name: str) -> str:
    """Read a prompt template by name.

    Args:
        name: A prompt name such as ``"summarize_en"``.

    Returns:
        The template text, with a ``{text}`` placeholder.

    Raises:
        InputError: If no prompt has that name; the message lists the names.
    """
    names = available_prompts()
    if name not in names:
        raise InputError(f"Unknown prompt {name!r}: choose one of {', '.join(names)}.")
    template = _prompt_folder().joinpath(f"{name}.txt").read_text(encoding="utf-8")
    if "{text}" not in template:
        raise InputError(f"Prompt {name!r} has no {{text}} placeholder for the article.")
    return template


def fill_prompt(template: str, text: str) -> str:
    """Put ``text`` into the template's ``{text}`` placeholder (other braces stay as written)."""
    return template.replace("{text}", text)
