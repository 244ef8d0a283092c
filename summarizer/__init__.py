"""bilingual-summarizer: English and Arabic abstracts of Arabic news articles.

One import line for notebooks::

    from summarizer import summarize
    result = summarize(article)
    print(result.english_abstract, result.arabic_abstract)

The names here are what a notebook needs: the summarizer and its result, the
option groups, reading an article (text, page, URL, PDF or Word file), the presets, and the
errors. The stages' own functions live in their folders (``summarizer.text``,
``summarizer.models``, ``summarizer.faithfulness``, ``summarizer.batch``).

Importing the package loads no model and touches no file or network.
"""

from .documents import DocumentOptions, read_document
from .errors import FetchError, InputError, ModelNotAvailableError, SummarizerError
from .faithfulness.attribution import Attribution
from .faithfulness.facts import UnsupportedFact, check_facts
from .models.load_options import LoadOptions
from .models.loading import load_model
from .options import SummarizeOptions, SummaryOptions, TranslationOptions
from .pipeline import BilingualSummarizer, summarize
from .presets import MODEL_CARDS, PRESETS, download
from .result import BilingualSummary, SentencePair
from .text.article import Article, Source, read_article
from .text.clean import CleanOptions
from .text.fetch import fetch_article
from .text.identify import detect_language
from .text.sentences import split_sentences

__all__ = [
    "Article",
    "Attribution",
    "BilingualSummarizer",
    "BilingualSummary",
    "CleanOptions",
    "DocumentOptions",
    "FetchError",
    "InputError",
    "LoadOptions",
    "MODEL_CARDS",
    "ModelNotAvailableError",
    "PRESETS",
    "SentencePair",
    "Source",
    "SummarizeOptions",
    "SummarizerError",
    "SummaryOptions",
    "TranslationOptions",
    "UnsupportedFact",
    "check_facts",
    "detect_language",
    "download",
    "fetch_article",
    "load_model",
    "read_article",
    "read_document",
    "split_sentences",
    "summarize",
]
