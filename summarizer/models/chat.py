"""Instruction (chat) models: chat prompts in, clean abstracts out.

Decoder-only instruction models (Qwen, Llama, Gemma, ...) are told what to do
in a chat: a system turn and a user turn rendered by the tokenizer's own chat
template. This module renders those turns (merging the system text into the
user turn when the template has no system role, as Gemma's has not; turning a
model's thinking mode off with ``enable_thinking=False``), and cleans what the
model writes back: thinking blocks, chat markup, preambles ("Here is a
summary:"), markdown and bullet lists are removed so that only the abstract's
sentences remain. It also checks that an abstract is in the script of its
language.

It does not load or run models (see ``loading`` and ``ct2``) and does not decide
what to summarize (see ``summarizer.abstracts``).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

__all__ = ["clean_chat_output", "is_decoder_only", "render_chat", "script_share", "wrong_script"]

# Share of an abstract's letters that must be in its language's script. Arabic
# news keeps some Latin names and acronyms; an English abstract of it rarely
# keeps Arabic words.
SCRIPT_SHARE = {"ar": 0.6, "en": 0.8}

# The reply ends at the first end-of-turn mark; what follows is a new turn.
_TURN_END = re.compile(r"<\|im_end\|>|<\|eot_id\|>|<\|end\|>|<\|endoftext\|>|<end_of_turn>")
_THINK = re.compile(r"<think>.*?(</think>|$)", re.DOTALL)
_MARKUP = re.compile(r"(<\|im_start\|>|<start_of_turn>)(assistant|model)?\s*|<\|[^|<>]{1,40}\|>|</?(think|s|start_of_turn|end_of_turn)>|\[/?INST\]")
# Openings that introduce the abstract rather than being part of it: up to a
# colon ("Here is a summary:", "إليك ملخص المقال:"), a heading line
# ("**Summary**"), or an interjection ("Sure!").
_INTRO = re.compile(
    r"^[\W_]*(sure|certainly|okay|of course|here\s+is|here's|here\s+are|below\s+is|summary|abstract|"
    r"the\s+summary|in\s+summary|إليك|اليك|فيما\s+يلي|هذا\s+ملخص|هذه\s+خلاصة|الملخص|ملخص|التلخيص|خلاصة)(?!\w)",
    re.IGNORECASE,
)
_HEADING_LINE = re.compile(r"^[\W_]*(summary|abstract|الملخص|ملخص|التلخيص)[\W_]*$", re.IGNORECASE)
_INTERJECTION = re.compile(r"^(sure|certainly|okay|of course)\s*[!.,]\s*", re.IGNORECASE)
_COLONS = ":："
_BULLET = re.compile(r"^\s*([-*•◦▪–]|\d{1,2}[.)]|[٠-٩]{1,2}[.)])\s+")
_HEADING = re.compile(r"^\s*#{1,6}\s*")
_EMPHASIS = re.compile(r"(\*\*|__|\*|`)(?=\S)(.+?)(?<=\S)\1")
_SENTENCE_END = ".!?؟…。"


def is_decoder_only(config: Any) -> bool:
    """True when a model config describes a decoder-only (causal LM) model, not an encoder-decoder."""
    if getattr(config, "is_encoder_decoder", False):
        return False
    architectures = getattr(config, "architectures", None) or []
    return any(name.endswith("ForCausalLM") for name in architectures)


def render_chat(tokenizer: Any, system: str, user: str) -> str:
    """Render one system + user exchange with the tokenizer's chat template, ready for the reply.

    A template that refuses a system turn (Gemma raises "System role not
    supported") or drops it gets the system text merged into the user turn.
    Thinking is turned off for templates that have a thinking mode (Qwen3's
    ``enable_thinking``); other templates ignore the flag.

    Args:
        tokenizer: A Hugging Face tokenizer with a ``chat_template``.
        system: The instructions.
        user: The request, with the text to summarize.

    Returns:
        The prompt as text, special tokens written out, ending where the
        assistant's reply begins. Tokenize it with ``add_special_tokens=False``.

    Raises:
        ValueError: If the tokenizer has no chat template.
    """
    if not getattr(tokenizer, "chat_template", None):
        raise ValueError(
            f"{getattr(tokenizer, 'name_or_path', 'this tokenizer')} has no chat template: "
            "use an instruction-tuned (chat) model as summarizer."
        )

    def render(messages: list[dict[str, str]]) -> str:
        return tokenizer.apply_chat_template(
            messages, tokenize=False, add_generation_prompt=True, enable_thinking=False
        )

    if system.strip():
        try:
            prompt = render([{"role": "system", "content": system}, {"role": "user", "content": user}])
            if system.strip() in prompt:
                return prompt
        except Exception:  # jinja2 TemplateError raised by the template itself ("System role not supported")
            pass
        user = f"{system.strip()}\n\n{user}"
    return render([{"role": "user", "content": user}])


def clean_chat_output(text: str) -> str:
    """Keep only the abstract of what an instruction model wrote.

    Removes ``<think>`` blocks (an unclosed one runs to the end), whatever
    follows an end-of-turn mark (``<|im_end|>``, ``<end_of_turn>``, ...: a new
    turn), other chat markup, a preamble line ("Here is a
    summary:", "إليك ملخص المقال:"), markdown headings, emphasis and bullet or
    number marks; list items and lines become sentences of one paragraph.

    Args:
        text: The decoded reply.

    Returns:
        The abstract as plain sentences, possibly empty.
    """
    text = _THINK.sub(" ", text)
    text = _TURN_END.split(text, maxsplit=1)[0]
    text = _MARKUP.sub(" ", text)
    text = text.strip()
    while text != (text := _drop_preamble(text)):
        pass
    lines = []
    for line in text.splitlines():
        line = _EMPHASIS.sub(r"\2", _BULLET.sub("", _HEADING.sub("", line))).strip()
        if not line or set(line) <= set("-*_=#"):
            continue
        if lines and lines[-1][-1] not in _SENTENCE_END + ":؛;,،":
            lines[-1] += "."  # a list item or heading ends its sentence
        lines.append(line)
    return " ".join(lines).strip()


def _drop_preamble(text: str) -> str:
    """``text`` less one introductory opening, if it has one (see ``_INTRO``)."""
    line = text.split("\n", 1)[0]
    if _HEADING_LINE.match(line):
        return text[len(line):].strip()
    if _INTRO.match(text):
        colon = min((i for i in (text.find(c, 0, 100) for c in _COLONS) if i >= 0), default=-1)
        if colon >= 0:
            return text[colon + 1:].strip(" \n*_")
    return _INTERJECTION.sub("", text, count=1).strip()


def script_share(text: str, language: str) -> float:
    """The share of the letters of ``text`` written in the script of ``language`` (``"ar"`` or ``"en"``).

    Returns 1.0 for text without letters (nothing to judge).
    """
    wanted = total = 0
    for char in text:
        if not char.isalpha():
            continue
        total += 1
        if _script(char) == ("arabic" if language == "ar" else "latin"):
            wanted += 1
    return wanted / total if total else 1.0


def wrong_script(text: str, language: str) -> bool:
    """True when ``text`` is not (mostly) in the script of ``language``: Arabic script for
    ``"ar"``, Latin for ``"en"``. Small models drift into English, Chinese or Russian."""
    return bool(text.strip()) and script_share(text, language) < SCRIPT_SHARE[language]


def _script(char: str) -> str:
    code = ord(char)
    if 0x0600 <= code <= 0x06FF or 0x0750 <= code <= 0x077F or 0x08A0 <= code <= 0x08FF or 0xFB50 <= code <= 0xFEFF:
        return "arabic"
    if code < 0x0250 or 0x1E00 <= code <= 0x1EFF:
        return "latin" if unicodedata.name(char, "").startswith("LATIN") else "other"
    return "other"
