"""bilingual-summarizer: English and Arabic abstracts of Arabic news articles.

One import line for notebooks::

    from summarizer import summarize
    result = summarize(article)
    print(result.english_abstract, result.arabic_abstract)

Importing the package loads no model and touches no file or network.
"""

from .faithfulness.attribution import Attribution, SourceLink, attribute
from .text.clean import CleanOptions, clean, clean_text
from .text.article import Article, Source, read_article
from .text.chunks import Chunk, Chunking, chunk_sentences
from .errors import InputError, ModelNotAvailableError, SummarizerError
from .documents import DocumentOptions, read_document
from .faithfulness.facts import UnsupportedFact, check_cross_abstract, check_facts
from .models.loading import load_model
from .options import SummarizeOptions, SummaryOptions, TranslationOptions
from .pipeline import BilingualSummarizer, summarize
from .presets import MODEL_CARDS, PRESETS, download
from .result import BilingualSummary, SentencePair
from .text.sentences import split_sentences
from .text.identify import detect_language
from .text.fetch import (
    AddressRefusedError,
    FetchError,
    FetchTimeoutError,
    FetchedPage,
    HTTPStatusError,
    InvalidURLError,
    NotHTMLError,
    PageTooLargeError,
    ResolveError,
    TooManyRedirectsError,
    fetch_article,
    fetch_page,
)

__all__ = [
    "AddressRefusedError",
    "Article",
    "FetchError",
    "FetchTimeoutError",
    "FetchedPage",
    "HTTPStatusError",
    "InvalidURLError",
    "NotHTMLError",
    "PageTooLargeError",
    "ResolveError",
    "TooManyRedirectsError",
    "fetch_article",
    "fetch_page",
    "Attribution",
    "Source",
    "SourceLink",
    "UnsupportedFact",
    "attribute",
    "check_cross_abstract",
    "check_facts",
    "BilingualSummarizer",
    "BilingualSummary",
    "Chunk",
    "Chunking",
    "CleanOptions",
    "DocumentOptions",
    "InputError",
    "MODEL_CARDS",
    "ModelNotAvailableError",
    "PRESETS",
    "SentencePair",
    "SummarizeOptions",
    "SummarizerError",
    "SummaryOptions",
    "TranslationOptions",
    "chunk_sentences",
    "clean",
    "clean_text",
    "detect_language",
    "download",
    "load_model",
    "read_article",
    "read_document",
    "split_sentences",
    "summarize",
]
