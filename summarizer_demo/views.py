"""The demo's HTML views of a result: the abstracts sentence by sentence, the sentence table, the checks.

:func:`abstract_view` renders one abstract with a ``<span class="abs-sent">``
per sentence; its ``data-sources`` attribute lists the indices of the source
sentences the sentence draws on (``BilingualSummary.attributions``), and its
tooltip the same sources numbered from 1, as in the table, with their scores.
Each number, date or name that the source does not support
(``BilingualSummary.unsupported_facts``, confident ones only: an unsure name
may be an ordinary word) is wrapped in a focusable ``<mark class="unsupported">``
whose reason shows on focus (a tap, the keyboard) as well as in its tooltip;
:data:`LEGEND` says what each mark means. :func:`sentence_table`
renders the source sentences beside their translations, one
``<tr data-index="i">`` per sentence (:func:`preview_table`: those translated
so far), and :func:`checks_html` lists each unsupported fact once with the
result's other warnings. :func:`linked_html` makes the Gradio
component that shows such HTML: :data:`LINKS_JS` highlights the rows of a
hovered or focused sentence (and the sentences citing a hovered row), a click
or tap pins the highlight, and :data:`LINKS_CSS` styles them.

Everything here formats a result; nothing computes links or checks facts (that
is :mod:`summarizer.faithfulness.attribution` and :mod:`summarizer.faithfulness.facts`). All text is
HTML-escaped.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from typing import Any, Literal

import gradio as gr

from summarizer import Attribution, BilingualSummary, UnsupportedFact

LINKS_CSS = """
.abs-sent { cursor: pointer; border-radius: 3px; padding: 1px 0; }
.abs-sent.linked, tr.linked td, .legend .linked-sample { background: rgba(255, 190, 0, 0.35); }
.abs-sent.pinned, tr.pinned td { outline: 2px solid rgba(230, 150, 0, 0.9); outline-offset: -1px; }
.abs-sent.no-source, .legend .no-source-sample { text-decoration: underline dotted rgba(128, 128, 128, 0.8); }
mark.unsupported, .legend .fact-sample { background: rgba(255, 70, 70, 0.3); color: inherit; text-decoration: underline wavy #d22; }
mark.unsupported:focus { outline: 2px solid #d22; }
/* The reason opens on tap or keyboard focus (a phone has no hover); the title is the desktop tooltip. */
mark.unsupported:focus::after { content: " (" attr(data-reason) ")"; font-size: 0.85em; font-style: italic; }
.legend { display: flex; flex-wrap: wrap; gap: 0.3em 1.5em; margin: 0; padding: 0; list-style: none; }
.legend li { margin: 0; }
.abstract { line-height: 1.7; margin: 0; overflow-wrap: anywhere; }
.abs-sent.pinned { box-decoration-break: clone; -webkit-box-decoration-break: clone; }
.abstract[dir=rtl] { text-align: right; }
/* A phone: each row's cells one under the other, at full width, instead of three narrow columns. */
@media (max-width: 700px) {
  .sentence-pairs thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  .sentence-pairs, .sentence-pairs tbody { display: block; border: none !important; }
  .sentence-pairs tr { display: block; border: none !important; border-top: 1px solid #999 !important; }
  .sentence-pairs td { display: block; border: none !important; }
  .sentence-pairs td:first-child { font-weight: 600; }
}
"""

# One listener set per component (a re-rendered value keeps them); the highlight
# state lives in the page's classes, so the three components need not share variables.
LINKS_JS = """
const items = () => document.querySelectorAll('.abs-sent, #sentences tr[data-index]');
const sources = (node) => (node.dataset.sources || '').split(' ').filter(Boolean);
const linked = (node, other) => node.matches('.abs-sent')
  ? other.matches('tr') && sources(node).includes(other.dataset.index)
  : other.matches('.abs-sent') && sources(other).includes(node.dataset.index);
const show = (node) => items().forEach((other) =>
  other.classList.toggle('linked', !!node && (other === node || linked(node, other))));
const target = (event) => event.target.closest && event.target.closest('.abs-sent, tr[data-index]');
const pinned = () => document.querySelector('.abs-sent.pinned, #sentences tr.pinned');
const pin = (node) => {
  const was = node.classList.contains('pinned');
  items().forEach((other) => other.classList.remove('pinned'));
  node.classList.toggle('pinned', !was);
  show(node);
  const first = [...items()].find((other) => other !== node && other.classList.contains('linked'));
  if (!was && first) first.scrollIntoView({block: 'nearest', behavior: 'smooth'});
};
element.addEventListener('mouseover', (event) => { const node = target(event); if (node) show(node); });
element.addEventListener('focusin', (event) => { const node = target(event); if (node) show(node); });
element.addEventListener('mouseout', (event) => {
  const node = target(event);
  if (node && !node.contains(event.relatedTarget)) show(pinned());
});
element.addEventListener('focusout', () => show(pinned()));
element.addEventListener('click', (event) => { const node = target(event); if (node) pin(node); });
element.addEventListener('keydown', (event) => {
  const node = target(event);
  if (node && (event.key === 'Enter' || event.key === ' ')) { event.preventDefault(); pin(node); }
});
"""


def linked_html(value: str = "", **kwargs: Any) -> gr.HTML:
    """A ``gr.HTML`` with the styles and the hover/click behaviour of the linked views."""
    return gr.HTML(value, css_template=LINKS_CSS, js_on_load=LINKS_JS, **kwargs)


def abstract_view(result: BilingualSummary | None, language: Literal["en", "ar"]) -> str:
    """One abstract as HTML: a span per sentence carrying its sources, unsupported facts marked.

    Args:
        result: The result; None gives an empty view.
        language: ``"en"`` or ``"ar"``; the Arabic view is right-to-left.

    Returns:
        A ``<p class="abstract">`` with ``dir`` and ``lang`` set, after the
        page's title when the input had one. An abstract
        without attributions (an empty one, or a result made without them) is
        one untraced span.
    """
    text = "" if result is None else result.english_abstract if language == "en" else result.arabic_abstract
    traced = [a for a in result.attributions if a.language == language] if result else []
    # Only confident facts are underlined; unsure names (maybe ordinary words) stay in the result's list.
    facts = [f for f in result.unsupported_facts if f.language == language and f.confident] if result else []
    if traced:
        spans = [_sentence(a.sentence, a, facts) for a in traced]
    else:
        spans = [_sentence(text, None, facts)] if text.strip() else []
    direction = 'dir="rtl" lang="ar"' if language == "ar" else 'dir="ltr" lang="en"'
    title = result.source.title if result is not None else None
    # The page's title as written, over each abstract; dir="auto" lets an Arabic title run right to left.
    heading = f'<p class="abstract-title" dir="auto"><strong>{html.escape(title)}</strong></p>' if title else ""
    return f'{heading}<p class="abstract" {direction}>{" ".join(spans)}</p>'


def abstract_views(result: BilingualSummary | None) -> tuple[str, str]:
    """The English and the Arabic view of a result."""
    return abstract_view(result, "en"), abstract_view(result, "ar")


def links_title(attribution: Attribution | None) -> str:
    """A sentence's tooltip: its sources numbered from 1 as in the table, with their scores."""
    if attribution is None:
        return "not traced to the source"
    if not attribution.sources:
        return "sources: none found (no source sentence shares enough words)"
    links = ", ".join(f"{link.index + 1} ({link.score:.2f})" for link in attribution.sources)
    inherited = f", those of English sentence {attribution.index + 1}" if attribution.inherited else ""
    return f"sources: {links} (coverage {attribution.coverage:.2f}{inherited})"


def mark_facts(sentence: str, facts: Sequence[UnsupportedFact]) -> str:
    """The sentence as escaped HTML, each of its unsupported facts in a ``<mark>`` titled with its message.

    A fact is looked for as a whole word first, then anywhere (an Arabic word
    may carry a clitic); overlapping facts keep the first; facts of other
    sentences are ignored.
    """
    spans: dict[tuple[int, int], list[str]] = {}
    for fact in facts:
        if not fact.text or fact.sentence not in sentence:
            continue
        word = re.compile(rf"(?<!\w){re.escape(fact.text)}(?!\w)")
        for match in list(word.finditer(sentence)) or list(re.finditer(re.escape(fact.text), sentence)):
            spans.setdefault(match.span(), []).append(fact.message)
    parts, end = [], 0
    for (start, stop), messages in sorted(spans.items()):
        if start < end:
            continue
        title = html.escape("\n".join(dict.fromkeys(messages)))
        mark = f'<mark class="unsupported" tabindex="0" title="{title}" data-reason="{title}">'
        parts += [html.escape(sentence[end:start]), mark]
        parts += [html.escape(sentence[start:stop]), "</mark>"]
        end = stop
    return "".join([*parts, html.escape(sentence[end:])])


LEGEND = (
    '<ul class="legend" aria-label="What the marks mean">'
    '<li><mark class="fact-sample">150</mark>: a number, date or name the article does not support:'
    " tap or click it for why</li>"
    '<li><span class="no-source-sample">dotted underline</span>: no source sentence found</li>'
    '<li><span class="linked-sample">yellow</span>: a tapped or pointed-at sentence and its sources'
    " in the table (a tap pins it)</li></ul>"
)


# The pipeline's one warning line for the Arabic names of an abstract (the checks list them one by one).
ARABIC_NAMES_LINE = "word(s) of the Arabic abstract are not in the source"


def fact_list(result: BilingualSummary) -> tuple[list[str], list[str]]:
    """The unsupported facts, each listed once, and the result's other warnings.

    A fact missing from both abstracts, or from the source and from the other
    abstract, is one line naming every place it was looked for. Only
    confident facts are listed, as only they are marked.
    """
    places: dict[tuple[str, str], dict[str, list[str]]] = {}
    for fact in result.unsupported_facts:
        if fact.confident:
            where = "the source" if fact.missing_from == "source" else f"the {fact.missing_from.split()[0].capitalize()} abstract"
            found = "English" if fact.language == "en" else "Arabic"
            places.setdefault((fact.kind, fact.text), {}).setdefault(found, []).append(where)
    facts = [
        f'{kind} "{text}": ' + "; ".join(f"in the {found} abstract, not in {' nor in '.join(missing)}"
                                        for found, missing in abstracts.items())
        for (kind, text), abstracts in places.items()
    ]
    fact_lines = {fact.message for fact in result.unsupported_facts}
    others = [w for w in result.warnings if w not in fact_lines and ARABIC_NAMES_LINE not in w]
    return facts, [w.replace("(see removed_lines)", "(listed under \"Lines removed\" below the article)")
                   for w in others]


def checks_html(result: BilingualSummary | None) -> str:
    """The checks of a result as an HTML list: each unsupported fact once, then the other notes."""
    if result is None:
        return ""
    facts, others = fact_list(result)
    parts = ['<h2 class="checks-title">Checks</h2>']
    if facts:
        parts.append(f"<p>{len(facts)} number(s), date(s) or name(s) not supported by the article:</p>")
        parts.append(f'<ul class="checks">{"".join(f"<li>{html.escape(line)}</li>" for line in facts)}</ul>')
    if others:
        parts.append(f'<ul class="checks">{"".join(f"<li>{html.escape(line)}</li>" for line in others)}</ul>')
    if not facts and not others:
        parts.append("<p>No warnings.</p>")
    return "".join(parts)


def sentence_table(result: BilingualSummary) -> str:
    """The source sentences beside their translations, as an HTML table (Arabic cells right-to-left).

    Row *i* has ``id="source-i"`` and ``data-index="i"`` (the sentence's index,
    as in ``data-sources``); the ``#`` column counts from 1.
    """
    return _table((pair.index, pair.source, pair.translation, pair.translated) for pair in result.sentences)


def preview_table(rows: dict[int, tuple[str, str]]) -> str:
    """The table while the translation runs: the sentences translated so far, in order."""
    return _table((index, source, translation, True) for index, (source, translation) in sorted(rows.items()))


def abstract_text_view(text: str, language: Literal["en", "ar"]) -> str:
    """An abstract as written, before its sources and facts are checked (shown while the run goes on)."""
    direction = 'dir="rtl" lang="ar"' if language == "ar" else 'dir="ltr" lang="en"'
    return f'<p class="abstract" {direction}>{html.escape(text)}</p><p class="pending">Checking its facts…</p>'


def _table(pairs: Iterable[tuple[int, str, str, bool]]) -> str:
    cell = "padding:4px 8px;vertical-align:top;border-top:1px solid #ddd"
    rows = "".join(
        f'<tr id="source-{index}" data-index="{index}"><td style="{cell}">{index + 1}</td>'
        f'<td dir="{"rtl" if translated else "auto"}" lang="ar" style="{cell};text-align:start">'
        f"{html.escape(source)}</td>"
        f'<td dir="ltr" lang="en" style="{cell}">{html.escape(translation)}</td></tr>'
        for index, source, translation, translated in pairs
    )
    head = '<tr><th scope="col">#</th><th scope="col" dir="rtl" lang="ar">المصدر</th><th scope="col">English</th></tr>'
    style = "width:100%;border-collapse:collapse"
    return f'<table class="sentence-pairs" style="{style}"><thead>{head}</thead><tbody>{rows}</tbody></table>'


def _sentence(text: str, attribution: Attribution | None, facts: Sequence[UnsupportedFact]) -> str:
    sources = attribution.sources if attribution else ()
    indices = " ".join(str(link.index) for link in sources)
    kind = "abs-sent" if sources else "abs-sent no-source"
    title = html.escape(links_title(attribution))
    attributes = f'class="{kind}" data-sources="{indices}" tabindex="0" title="{title}"'
    return f"<span {attributes}>{mark_facts(text, facts)}</span>"
