"""Load the prompt templates shipped in ``prompts/`` by name.

A template is a text file with one ``{text}`` placeholder where the article
goes. Instruction-style summarizers (T5, Flan-T5, mT0) read the filled prompt;
BART-style summarizers read the bare text and need no prompt.

A chat prompt, for decoder-only instruction models, has sections headed
``[system]``, ``[user]`` and optionally ``[retry]`` (a firmer instruction added
when the first reply was in the wrong language); ``{text}`` goes in the user
part, and ``{words}`` anywhere stands for the abstract's length in words. A
plain template read as a chat prompt is all user part. This module does not
decide which model gets a prompt, nor render chat templates (see ``chat``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
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


_SECTION = re.compile(r"^\[(system|user|retry)\]\s*$", re.MULTILINE)


@dataclass(frozen=True)
class ChatPrompt:
    """The parts of a chat prompt; see the module docstring."""

    name: str
    system: str
    user: str
    retry: str = ""

    def messages(self, text: str, words: int, *, firmer: bool = False) -> tuple[str, str]:
        """The system and user turns for ``text`` and an abstract of about ``words`` words.

        ``firmer`` adds the ``[retry]`` instruction at the end of the user turn,
        after the article, where small models heed it most.
        """
        system = self.system.replace("{words}", str(words))
        user = fill_prompt(self.user.replace("{words}", str(words)), text)
        if firmer and self.retry:
            user = f"{user}\n\n{self.retry}"
        return system, user


def load_chat_prompt(name: str) -> ChatPrompt:
    """Read a chat prompt by name (see the module docstring for its sections).

    Raises:
        InputError: If no prompt has that name, or its user part has no ``{text}``.
    """
    template = load_prompt(name)
    parts = _SECTION.split(template)
    if len(parts) == 1:
        return ChatPrompt(name, "", template.strip())
    sections = {key: value.strip() for key, value in zip(parts[1::2], parts[2::2])}
    if "{text}" not in sections.get("user", ""):
        raise InputError(f"Chat prompt {name!r} has no [user] part with a {{text}} placeholder.")
    return ChatPrompt(name, sections.get("system", ""), sections["user"], sections.get("retry", ""))
