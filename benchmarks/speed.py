"""Side-by-side speed of the whole chain: ``python benchmarks/speed.py [--repeats 3 | --quick]``.

Contenders summarize the same two Arabic articles in the same run:

* (a) **naive chain**: what a user would write from the model cards: one
  ``generate()`` call per sentence (beam 4), one for the summary with the input
  truncated at 1,024 tokens, one per abstract sentence for the Arabic.
* (b) **default**: exactly what ``summarize(text)`` does, ``BilingualSummarizer``
  given the torch model folders and no load setting: on a CPU the ``"auto"``
  backend converts them once to CTranslate2 int8 (into the workdir, on the
  first run) and runs them there (sorted token-budget batches, map-reduce
  summary that never truncates).
* (c) **torch**: the same with ``backend="torch"`` (torch's own linear layers).
* ``default-direct`` (and ``torch-direct``, when asked for): (b) and (c) with
  ``strategy="direct"``: the Arabic abstract written by an mT5-base-sized
  summarizer (mT5_multilingual_XLSum's shape) from the Arabic source, instead
  of the back-translation.
* Only when asked for: ``fast`` (converted folders given as the models),
  ``fast-caller-thread`` (the loader before 2026-12-02: models built on the
  worker's own thread), ``fast-count-split`` (equal-count sub-batches, before
  2026-12-02 (d)), ``torch-reordered-cross`` (transformers' own beam cache,
  which copies the cross-attention keys and values at every step) and
  ``torch-onednn`` (``linear_kernel="onednn"``).

Models: random weights with the real architectures and sizes of the defaults
(opus-mt-ar-en, distilbart-cnn-12-6, opus-mt-tc-big-en-ar, the last stored in
float16 like the real checkpoint, and mT5_multilingual_XLSum), with the real
BART tokenizer (``shared/tokenizers/bart``, so the summary stage reads as many
tokens as with the real model) and SentencePiece tokenizers trained here at run
time on the Arabic and English text of the shared eval data (minus the two
articles) for the others.
Everything is built once into ``--workdir`` (default
``~/.cache/bilingual-summarizer-bench``); nothing from the data enters the repo.

Random weights write junk, so the work is fixed rather than left to the model:

* every output has a fixed length, ``min_new_tokens == max_new_tokens``: a
  translation 1.1 × its input tokens ar→en and 0.9 × en→ar (at most 256: English
  has ~1.25 words per Arabic word; these tokenizers cut Arabic into ~1.5 and
  English into ~1.3 tokens per word), an abstract 142 tokens (what the caller
  asks for: 142, or each part's share when the library joins part summaries,
  or less for a short map-reduce chunk). A batch decodes every
  row to its own longest row's length, as it does with real models: torch keeps
  finished rows in the batch, and CTranslate2 4.8 was measured to be no faster
  when rows end early (prefix-biased decoding to per-row lengths);
* each output is then replaced by a deterministic stand-in of matching size
  (FLORES English or Arabic words picked by a hash of the input, ~1.3 tokens
  per word; an abstract is five capitalised ~20-word sentences that depend only
  on its length), so every contender's next stage reads the same text, and no
  repetition-loop retry fires.

Both are done by :class:`FixedLengthModel`, a thin wrapper of what the
library's ``load_model`` returns, installed in the benchmark's worker process
only; it splits a call into the sub-batches the backend would
(``Ct2Model.sub_batches``, costliest first, as the library queues them) and
decodes each as one batch. Each contender runs in its
own subprocess (peak memory: its own ``VmHWM``) in the caller's environment
(``OMP_WAIT_POLICY`` as the caller has it: unset, for what a user gets),
after loading its models (and, for (b) and (c), the language identifier and the word lists of
the fact checks: ``BilingualSummarizer.load``) and one short warm-up call per model. Contenders are
interleaved, each run waits for other processes on the machine to go idle, the
CPU they used anyway is reported, and each number is the median over repeats.
The last line reads ``default (summarize(text)) speed-up: 600-word X.Xx,
2500-word Y.Yx; peak memory ...``.

It does not measure quality (the weights are random) or GPU speed.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
ROLES = ("translator", "summarizer", "back_translator", "direct_summarizer")
STAGES = {"translator": "translate", "summarizer": "summarize", "back_translator": "arabic",
          "direct_summarizer": "arabic"}
CONTENDERS = {"naive": "(a) naive chain",
              "default": "(b) default: summarize(text) (auto backend: CT2 int8 on a CPU)",
              "torch": "(c) torch backend (backend=\"torch\")",
              "default-direct": "(b) default, direct Arabic",
              "torch-direct": "(c) torch backend, direct Arabic",
              "fast": "(b') converted CT2 int8 folders given as models",
              "fast-caller-thread": "(b') CT2, models built on the caller's thread (before 2026-12-02)",
              "torch-reordered-cross": "(c) torch, cross-attention cache reordered (before 2026-12-02 (c))",
              "fast-count-split": "(b') CT2, sub-batches of equal count (before 2026-12-02 (d))",
              "torch-onednn": "(c) torch with linear_kernel=\"onednn\" (the torch default 2026-12-02 (e) to 12-06)"}
OPT_IN = {"fast", "fast-caller-thread", "torch-reordered-cross", "fast-count-split", "torch-onednn", "torch-direct"}
DIRECT = {"default-direct", "torch-direct"}
ARTICLES = {"600-word": 600, "2500-word": 2500}
# Output tokens per input token: English has ~1.25 words per Arabic word, and the
# tokenizers here cut Arabic into 1.5 and English into 1.3 tokens per word.
RATIOS = {"translator": 1.1, "back_translator": 0.9}
TRANSLATION_CAP, ABSTRACT_TOKENS = 256, 142
BUILD_VERSION = 2
# The real models (MODELS.md §1, §5b, §4); vocabularies are padded to these sizes.
MODELS = {
    "translator": dict(dir="opus-mt-ar-en", vocab=62834, d_model=512, layers=(6, 6), heads=8, ffn=2048,
                       act="swish", positions=512, dtype="float32"),
    "summarizer": dict(dir="distilbart-cnn-12-6", vocab=50264, d_model=1024, layers=(12, 6), heads=16, ffn=4096,
                       act="gelu", positions=1024, dtype="float32"),
    "back_translator": dict(dir="opus-mt-tc-big-en-ar", vocab=61247, d_model=1024, layers=(6, 6), heads=16,
                            ffn=4096, act="relu", positions=1024, dtype="float16"),
    # MODELS.md §6a: mT5_multilingual_XLSum (mT5-base), gated-gelu, untied output layer.
    "direct_summarizer": dict(dir="mT5_multilingual_XLSum", vocab=250112, d_model=768, layers=(12, 12), heads=12,
                              ffn=2048, act="gated-gelu", positions=512, dtype="float32"),
}
LANGUAGE_CODES = (">>acm<<", ">>afb<<", ">>apc<<", ">>ara<<", ">>arq<<", ">>ary<<", ">>arz<<")


# --- data -------------------------------------------------------------------------------------------


def shared_dir() -> Path:
    """The shared data folder: ``$SUMMARIZER_SHARED`` or ``<repo>/../shared``."""
    return Path(os.environ.get("SUMMARIZER_SHARED") or REPO.parent / "shared")


def _jsonl(path: Path, key: str) -> list[str]:
    return [json.loads(line)[key] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def articles(shared: Path) -> dict[str, str]:
    """The XL-Sum article closest to 600 words and the SaudiNewsNet one closest to 2,500."""
    data = shared / "eval-data"
    xlsum = [t for f in sorted((data / "xlsum_arabic_hf_dummy_sample" / "extracted").glob("*.jsonl"))
             for t in _jsonl(f, "text")]
    saudi = _jsonl(data / "saudinewsnet_long_articles" / "long_articles_ge2000_words.jsonl", "content")
    closest = lambda texts, n: min(texts, key=lambda t: (abs(len(t.split()) - n), t))  # noqa: E731
    return {"600-word": closest(xlsum, 600), "2500-word": closest(saudi, 2500)}


def corpus(shared: Path, language: str) -> list[str]:
    """Lines of Arabic or English text from the eval data, without the benchmark articles."""
    data = shared / "eval-data"
    files = {
        "ar": ["unv1_testset_ar_en/UNv1.0.testset.ar", "tico19_test_en_ar/tico19-test.ar",
               "flores200_devtest_arb_eng/arb_Arab.devtest", "ntrex128_eng_arb/newstest2019-ref.arb.txt",
               "tatoeba_test_v2021-08-07_ara_eng/tatoeba-test-v2021-08-07.ara"],
        "en": ["unv1_testset_ar_en/UNv1.0.testset.en", "tico19_test_en_ar/tico19-test.en",
               "flores200_devtest_arb_eng/eng_Latn.devtest", "ntrex128_eng_arb/newstest2019-src.eng.txt",
               "tatoeba_test_v2021-08-07_ara_eng/tatoeba-test-v2021-08-07.eng"],
    }[language]
    lines = [line for name in files for line in (data / name).read_text(encoding="utf-8").splitlines()]
    if language == "ar":
        chosen = set(articles(shared).values())
        xlsum = [t for f in sorted((data / "xlsum_arabic_hf_dummy_sample" / "extracted").glob("*.jsonl"))
                 for t in _jsonl(f, "text")]
        saudi = _jsonl(data / "saudinewsnet_long_articles" / "long_articles_ge2000_words.jsonl", "content")
        lines += [line for text in xlsum + saudi if text not in chosen for line in text.splitlines()]
    return [line.strip() for line in lines if line.strip()]


# --- models -----------------------------------------------------------------------------------------


def build(workdir: Path, shared: Path, log: Any = print) -> dict[str, dict[str, str]]:
    """Build (once) the three torch models and their CTranslate2 int8 conversions under ``workdir``."""
    dirs = {
        "torch": {role: str(workdir / "models" / spec["dir"]) for role, spec in MODELS.items()},
        "ct2": {role: str(workdir / "ct2" / spec["dir"]) for role, spec in MODELS.items()},
    }
    stamp = workdir / "build.json"
    if stamp.is_file() and json.loads(stamp.read_text()).get("version") == BUILD_VERSION:
        return dirs
    from summarizer.models.convert import convert_model

    started = time.perf_counter()
    arabic, english = corpus(shared, "ar"), corpus(shared, "en")
    log(f"building models in {workdir} (once; trains tokenizers on {len(arabic)} Arabic "
        f"and {len(english)} English lines)")
    ar_spm, en_spm = _train_spm(arabic, 32000), _train_spm(english, 32000)
    bart_tokenizer = shared / "tokenizers" / "bart"
    notes = {
        "translator": _write_marian(Path(dirs["torch"]["translator"]), ar_spm, en_spm, ("ar", "en"), (), "translator"),
        "summarizer": _write_bart(Path(dirs["torch"]["summarizer"]), bart_tokenizer),
        "back_translator": _write_marian(
            Path(dirs["torch"]["back_translator"]), en_spm, ar_spm, ("en", "ar"), LANGUAGE_CODES, "back_translator"
        ),
        "direct_summarizer": _write_mt5(Path(dirs["torch"]["direct_summarizer"]), ar_spm),
    }
    for role in ROLES:
        convert_model(dirs["torch"][role], dirs["ct2"][role], quantization="int8", force=True)
    stamp.write_text(json.dumps({"version": BUILD_VERSION, "notes": notes,
                                 "seconds": round(time.perf_counter() - started)}, indent=2))
    return dirs


def _train_spm(lines: list[str], vocab_size: int) -> bytes:
    import io

    import sentencepiece

    model = io.BytesIO()
    sentencepiece.SentencePieceTrainer.train(
        sentence_iterator=iter(lines), model_writer=model, vocab_size=vocab_size, hard_vocab_limit=False,
        character_coverage=0.9999, num_threads=os.cpu_count() or 1, minloglevel=2,
    )
    return model.getvalue()


def _pieces(spm: bytes) -> list[str]:
    import sentencepiece

    sp = sentencepiece.SentencePieceProcessor(model_proto=spm)
    return [sp.id_to_piece(i) for i in range(sp.get_piece_size()) if not (sp.is_control(i) or sp.is_unknown(i))]


def _write_marian(directory: Path, source: bytes, target: bytes, langs: tuple[str, str],
                  codes: tuple[str, ...], role: str) -> str:
    """A MarianMT model laid out as OPUS-MT's, vocab padded with unused entries to the real size."""
    from transformers import GenerationConfig, MarianConfig, MarianMTModel

    spec = MODELS[role]
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "source.spm").write_bytes(source)
    (directory / "target.spm").write_bytes(target)
    tokens = list(dict.fromkeys(["</s>", "<unk>", *codes, *_pieces(source), *_pieces(target)]))[: spec["vocab"] - 1]
    real = len(tokens)
    tokens += [f"<unused{i}>" for i in range(spec["vocab"] - 1 - len(tokens))] + ["<pad>"]
    vocab = {token: i for i, token in enumerate(tokens)}
    pad, eos = vocab["<pad>"], vocab["</s>"]
    _write_json(directory / "vocab.json", vocab)
    _write_json(directory / "tokenizer_config.json", {
        "source_lang": langs[0], "target_lang": langs[1], "model_max_length": 512,
        "separate_vocabs": False, "tokenizer_class": "MarianTokenizer",
    })
    config = MarianConfig(
        vocab_size=spec["vocab"], decoder_vocab_size=spec["vocab"], max_position_embeddings=spec["positions"],
        d_model=spec["d_model"], encoder_layers=spec["layers"][0], decoder_layers=spec["layers"][1],
        encoder_attention_heads=spec["heads"], decoder_attention_heads=spec["heads"],
        encoder_ffn_dim=spec["ffn"], decoder_ffn_dim=spec["ffn"], activation_function=spec["act"],
        dropout=0.1, attention_dropout=0.0, activation_dropout=0.0, init_std=0.02, scale_embedding=True,
        share_encoder_decoder_embeddings=True, tie_word_embeddings=True, pad_token_id=pad,
        decoder_start_token_id=pad, eos_token_id=eos, forced_eos_token_id=eos, bos_token_id=0,
        is_encoder_decoder=True, architectures=["MarianMTModel"],
    )
    generation = GenerationConfig(
        bad_words_ids=[[pad]], bos_token_id=0, decoder_start_token_id=pad, eos_token_id=eos,
        forced_eos_token_id=eos, max_length=512, num_beams=4, pad_token_id=pad, renormalize_logits=True,
    )
    _save(directory, MarianMTModel, config, generation, spec["dtype"])
    return f"{real} real tokenizer entries of {spec['vocab']}"


def _write_bart(directory: Path, tokenizer_dir: Path) -> str:
    """A distilbart-cnn-12-6-sized BART with the real BART tokenizer (``shared/tokenizers/bart``), 50,265 entries."""
    import shutil

    from transformers import BartConfig, BartForConditionalGeneration, GenerationConfig

    spec = MODELS["summarizer"]
    directory.mkdir(parents=True, exist_ok=True)
    for name in ("vocab.json", "merges.txt"):  # into the benchmark's own cache, never into the repository
        shutil.copyfile(tokenizer_dir / name, directory / name)
    entries = len(json.loads((directory / "vocab.json").read_text(encoding="utf-8")))
    _write_json(directory / "tokenizer_config.json", {"model_max_length": 1024, "tokenizer_class": "BartTokenizer"})
    config = BartConfig(
        vocab_size=spec["vocab"], max_position_embeddings=spec["positions"], d_model=spec["d_model"],
        encoder_layers=spec["layers"][0], decoder_layers=spec["layers"][1],
        encoder_attention_heads=spec["heads"], decoder_attention_heads=spec["heads"],
        encoder_ffn_dim=spec["ffn"], decoder_ffn_dim=spec["ffn"], activation_function=spec["act"],
        dropout=0.1, attention_dropout=0.0, activation_dropout=0.0, init_std=0.02, scale_embedding=False,
        tie_word_embeddings=True, pad_token_id=1, bos_token_id=0, eos_token_id=2, decoder_start_token_id=2,
        forced_bos_token_id=0, forced_eos_token_id=2, is_encoder_decoder=True,
        architectures=["BartForConditionalGeneration"],
    )
    generation = GenerationConfig(
        bos_token_id=0, pad_token_id=1, eos_token_id=2, decoder_start_token_id=2, forced_bos_token_id=0,
        forced_eos_token_id=2, num_beams=4, length_penalty=2.0, no_repeat_ngram_size=3, early_stopping=True,
        min_length=56, max_length=142,
    )
    _save(directory, BartForConditionalGeneration, config, generation, spec["dtype"])
    return f"the real BART tokenizer ({entries} entries)"


def _write_mt5(directory: Path, spm: bytes) -> str:
    """An mT5-base-sized summarizer (mT5_multilingual_XLSum's shape) with an Arabic SentencePiece trained here."""
    from transformers import GenerationConfig, MT5Config, MT5ForConditionalGeneration

    spec = MODELS["direct_summarizer"]
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "spiece.model").write_bytes(spm)
    _write_json(directory / "tokenizer_config.json", {
        "tokenizer_class": "T5Tokenizer", "extra_ids": 0, "model_max_length": spec["positions"],
        "pad_token": "<pad>", "eos_token": "</s>", "unk_token": "<unk>",
    })
    config = MT5Config(
        vocab_size=spec["vocab"], d_model=spec["d_model"], d_kv=spec["d_model"] // spec["heads"], d_ff=spec["ffn"],
        num_layers=spec["layers"][0], num_decoder_layers=spec["layers"][1], num_heads=spec["heads"],
        relative_attention_num_buckets=32, relative_attention_max_distance=128, dropout_rate=0.1,
        layer_norm_epsilon=1e-6, feed_forward_proj=spec["act"], pad_token_id=0, eos_token_id=1,
        decoder_start_token_id=0, is_encoder_decoder=True, tokenizer_class="T5Tokenizer",
        architectures=["MT5ForConditionalGeneration"],
    )
    generation = GenerationConfig(pad_token_id=0, eos_token_id=1, decoder_start_token_id=0, num_beams=4,
                                  max_length=84, no_repeat_ngram_size=2, length_penalty=0.6)
    _save(directory, MT5ForConditionalGeneration, config, generation, spec["dtype"], untie=True)
    return f"an Arabic SentencePiece of {len(_pieces(spm))} pieces trained here, rows to {spec['vocab']}"


def _save(directory: Path, model_class: type, config: Any, generation: Any, dtype: str, untie: bool = False) -> None:
    import torch

    torch.manual_seed(0)
    model = model_class(config).eval()
    if untie:  # mT5 has an output layer of its own
        model.lm_head.weight = torch.nn.Parameter(torch.randn_like(model.lm_head.weight) * 0.02)
        model.config.tie_word_embeddings = False
    model.generation_config = generation
    model.to(getattr(torch, dtype)).save_pretrained(directory)


def _write_json(path: Path, data: object) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


# --- fixed work -------------------------------------------------------------------------------------


@dataclass
class Work:
    """Output lengths and stand-in texts, the same for every contender."""

    english: list[str]
    arabic: list[str]
    tokens: dict[str, int] = field(default_factory=dict)
    decoded: dict[str, int] = field(default_factory=dict)

    def target(self, role: str, n_input: int, max_new_tokens: int) -> int:
        """Tokens an output must have: a translation a fixed multiple of its input (≤ 256); an abstract what was asked."""
        if role in ("summarizer", "direct_summarizer"):
            return max_new_tokens
        return min(TRANSLATION_CAP, math.ceil(RATIOS[role] * n_input))

    def stand_in(self, role: str, source: str, target: int) -> str:
        """Deterministic text to pass on instead of junk: one sentence, or an abstract of ~20-word sentences."""
        words = self.arabic if role in ("back_translator", "direct_summarizer") else self.english
        abstract = role in ("summarizer", "direct_summarizer")
        # An abstract depends only on its length, so every contender back-translates the same one.
        seed = target if abstract else zlib.crc32(" ".join(source.split()).encode())
        n = max(1, round(target / 1.3))  # words, at ~1.3 tokens per word
        start = random.Random(seed).randrange(len(words) - n)
        picked = words[start : start + n]
        sentences = [picked[i : i + 20] for i in range(0, n, 20)] if abstract else [picked]
        return " ".join(" ".join([s[0][:1].upper() + s[0][1:], *s[1:]]) + "." for s in sentences)

    def count(self, role: str, tokens: int, decoded: int | None = None) -> None:
        """Add output tokens kept (``tokens``) and decoded (``decoded``: rows × the batch's longest)."""
        self.tokens[role] = self.tokens.get(role, 0) + tokens
        self.decoded[role] = self.decoded.get(role, 0) + (tokens if decoded is None else decoded)


def word_pool(shared: Path, language: str) -> list[str]:
    """Words of the FLORES-200 devtest news sentences, without sentence-ending marks, for stand-in texts."""
    name = {"ar": "arb_Arab.devtest", "en": "eng_Latn.devtest"}[language]
    text = (shared / "eval-data" / "flores200_devtest_arb_eng" / name).read_text(encoding="utf-8")
    return text.translate(str.maketrans("", "", ".?!؟…")).split()


class FixedLengthModel:
    """Wraps a ``LoadedModel`` or ``Ct2Model``: fixed output lengths, stand-in outputs (benchmark only)."""

    def __init__(self, inner: Any, role: str, work: Work):
        self.inner, self.role, self.work = inner, role, work

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def generate(self, texts: list[str], settings: Any = None, **changes: Any) -> list[str]:
        from summarizer.models.base import GenerationSettings

        [outputs] = self._in_turn([(texts, GenerationSettings.coerce(settings, **changes))])
        return outputs

    def generate_each(self, calls: Any) -> Any:
        return self._in_turn(calls)

    def _in_turn(self, calls: Any) -> Any:
        """Several calls in turn, as the library's ``generate_each`` runs them: with several CTranslate2
        workers, the next call's batches queued behind the current one's (at most two calls at a time)."""
        if self._workers <= 1:
            for texts, settings in calls:
                yield self._submit(texts, settings, None)()
            return
        from collections import deque
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(self._workers) as pool:  # one queue for all calls, as CTranslate2 has
            queued: deque = deque()
            for texts, settings in calls:
                queued.append(self._submit(texts, settings, pool))
                if len(queued) > 1:
                    yield queued.popleft()()
            while queued:
                yield queued.popleft()()

    @property
    def _workers(self) -> int:
        return 1 if getattr(self.inner, "decoder_only", False) else getattr(self.inner, "workers", 1)

    def _submit(self, texts: list[str], settings: Any, pool: Any) -> Callable[[], list[str]]:
        """Start decoding one call's batches (on ``pool``'s threads, or now when None); returns their getter.

        The call's ``min_new_tokens`` gives way to the fixed length; its other settings are kept.
        """
        max_new_tokens = settings.max_new_tokens
        settings = {k: v for k, v in settings.given().items() if k not in ("max_new_tokens", "min_new_tokens")}
        targets = [self.work.target(self.role, self.inner.count_tokens(t), max_new_tokens) for t in texts]

        # Each group is one of the backend's batches already: it must not split it again.
        whole = self.inner
        if hasattr(whole, "sub_batches"):  # a Ct2Model: a copy sharing its translator, splitting nothing
            whole = dataclasses.replace(whole, workers=1, max_batch_size=0)

        def decode(group: list[int]) -> None:
            longest = max(targets[i] for i in group)
            # +1: the models force their end token into the last slot.
            whole.generate([texts[i] for i in group], max_new_tokens=longest + 1, min_new_tokens=longest, **settings)
            self.work.count(self.role, sum(targets[i] for i in group), longest * len(group))

        groups = self._decode_batches(texts) if texts else []
        if pool is None:
            for group in groups:
                decode(group)
            futures = []
        else:  # CTranslate2 runs a call's sub-batches on its workers at once
            futures = [pool.submit(decode, group) for group in groups]

        def outputs() -> list[str]:
            for future in futures:
                future.result()
            return [self.work.stand_in(self.role, t, n) for t, n in zip(texts, targets)]

        return outputs

    def _decode_batches(self, texts: list[str]) -> list[list[int]]:
        """The batches the backend decodes together: one, or a ``Ct2Model``'s planned sub-batches (``sub_batches``).

        A batch runs until its longest row ends (measured: CTranslate2 4.8 is
        no faster when rows end early), so each batch gets its own length.
        """
        planning = getattr(self.inner, "sub_batches", None)
        if planning is None:
            return [list(range(len(texts)))]
        # Costliest first, as the library queues them for CTranslate2's workers.
        return planning([self.inner.count_tokens(t) for t in texts])


# --- contenders (each in its own process) -----------------------------------------------------------

WARM_UP = {"translator": "قال المتحدث إن الاجتماع انتهى.", "summarizer": "The meeting ended on Monday.",
           "back_translator": ">>ara<< The meeting ended.", "direct_summarizer": "قال المتحدث إن الاجتماع انتهى."}


def run_naive(article: str, dirs: dict[str, str], work: Work) -> dict[str, Any]:
    """The chain as written from the model cards: one generate() per sentence, truncation at the window."""
    from transformers import BartForConditionalGeneration, BartTokenizer, MarianMTModel, MarianTokenizer

    from summarizer import split_sentences

    from summarizer.text.clean import clean
    from summarizer.text.language import is_arabic

    started = time.perf_counter()
    classes = {"translator": (MarianTokenizer, MarianMTModel), "summarizer": (BartTokenizer, BartForConditionalGeneration),
               "back_translator": (MarianTokenizer, MarianMTModel)}
    models = {role: (tok.from_pretrained(dirs[role]), cls.from_pretrained(dirs[role]))
              for role, (tok, cls) in classes.items()}
    load = time.perf_counter() - started
    for role, (tokenizer, model) in models.items():
        model.generate(**tokenizer([WARM_UP[role]], return_tensors="pt"), max_new_tokens=5)

    def one(role: str, text: str, limit: int, max_new: int) -> str:
        tokenizer, model = models[role]
        batch = tokenizer([text], return_tensors="pt", truncation=True, max_length=limit)
        n = work.target(role, batch["input_ids"].shape[1], max_new)
        model.generate(**batch, num_beams=4, min_new_tokens=n, max_new_tokens=n + 1)
        work.count(role, n)
        return work.stand_in(role, text, n)

    cpu, t0 = time.process_time(), time.perf_counter()
    sentences = [s for s in split_sentences(clean(article).text) if is_arabic(s)]
    t1 = time.perf_counter()
    english = [one("translator", s, 512, 0) for s in sentences]
    t2 = time.perf_counter()
    summary_input = models["summarizer"][0](" ".join(english))["input_ids"]
    abstract = one("summarizer", " ".join(english), 1024, ABSTRACT_TOKENS)
    t3 = time.perf_counter()
    [one("back_translator", ">>ara<< " + s, 512, 0) for s in split_sentences(abstract)]
    t4 = time.perf_counter()
    stages = {"clean": t1 - t0, "translate": t2 - t1, "summarize": t3 - t2, "arabic": t4 - t3}
    return {"total": t4 - t0, "cpu": time.process_time() - cpu, "stages": stages, "load": load, "passes": "1 truncated",
            "sentences": len(sentences), "summary_input": [min(1024, len(summary_input)), len(summary_input)]}


def run_library(article: str, dirs: dict[str, str], work: Work, options: dict | None = None,
                strategy: str = "translate", load: dict | None = None) -> dict[str, Any]:
    """BilingualSummarizer as a user runs it (``load``: load settings, none for the default), its models
    wrapped by :class:`FixedLengthModel`."""
    import summarizer.pipeline as pipeline
    from summarizer import BilingualSummarizer

    roles = {path: role for role, path in dirs.items()}
    real_load = pipeline.load_model
    pipeline.load_model = lambda name, *args, **kw: FixedLengthModel(real_load(name, *args, **kw), roles[name], work)
    bilingual = BilingualSummarizer(**dirs, options=options, load=load)
    started = time.perf_counter()
    used = [role for role in bilingual.load(strategy) if role in ROLES]  # models, language ID, word lists
    loaded = {role: bilingual.model(role) for role in used}
    load = time.perf_counter() - started
    for role, model in loaded.items():
        model.inner.generate([WARM_UP[role]], max_new_tokens=5)
    cpu = time.process_time()
    result = bilingual.summarize(article, strategy=strategy)
    cpu = time.process_time() - cpu
    stages = {stage: result.timings.get(stage, 0.0) for stage in ("clean", "translate", "summarize", "arabic")}
    threads = {role: (f"{m.inner.workers}x{m.inner.threads // m.inner.workers}" if hasattr(m.inner, "workers") else None)
               for role, m in loaded.items()}
    passes = " + ".join(f"{len(p.chunks)} {'joined' if p.joined else 'chunk(s)'}" for p in result.english_passes)
    return {"total": result.timings["total"], "cpu": cpu, "stages": stages, "load": load, "passes": passes,
            "sentences": sum(p.translated for p in result.sentences), "ct2_threads": ", ".join(f"{role} {t}" for role, t in threads.items() if t) or None}


def worker(contender: str, article_key: str, workdir: Path, options: dict | None, dtype: str | None) -> None:
    """Run one contender on one article and print its measurements as JSON (last line of stdout)."""
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    shared = shared_dir()
    dirs = build(workdir, shared)
    work = Work(word_pool(shared, "en"), word_pool(shared, "ar"))
    article = articles(shared)[article_key]
    if contender == "naive":
        out = run_naive(article, dirs["torch"], work)
    else:
        if contender == "fast-caller-thread":  # the loader as it was: its OpenMP pool stays with this thread
            import summarizer.models.ct2 as ct2

            ct2._on_own_thread = lambda build, *args, **kwargs: build(*args, **kwargs)
        if contender == "fast-count-split":  # CTranslate2's own cut: equal counts, whatever their lengths
            from summarizer.models import ct2, sub_batches

            ct2.Ct2Model.sub_batches = lambda self, lengths: sub_batches.split_by_count(
                lengths, workers=self.workers, max_batch_size=self.max_batch_size)
        if contender == "torch-reordered-cross":  # transformers' own cache: every beam step copies it all
            import summarizer.models.loading as loading

            loading.beam_search_cache = lambda model, num_beams: {}
        load = None  # the default: what summarize(text) does
        if contender.startswith("torch"):
            load = {"backend": "torch", "dtype": dtype,
                    "linear_kernel": "onednn" if contender == "torch-onednn" else "torch"}
        out = run_library(article, dirs["ct2" if contender.startswith("fast") else "torch"], work, options,
                          "direct" if contender in DIRECT else "translate", load)
    out["tokens"] = {STAGES[role]: n for role, n in work.tokens.items()}
    out["decoded"] = {STAGES[role]: n for role, n in work.decoded.items()}
    out["peak_rss_mb"] = peak_memory_mb()
    # The fast path never imports torch (it would add ~300 MB); say so rather than import it here.
    torch = sys.modules.get("torch")
    out["torch_threads"] = torch.get_num_threads() if torch else None
    print(json.dumps(out))


def peak_memory_mb() -> float:
    """This process's own peak resident memory: ``VmHWM``, which exec resets.

    ``getrusage(RUSAGE_SELF).ru_maxrss`` is not: a child started by fork+exec
    keeps its parent's high-water mark, so on a first run, where the parent
    built the models (~2 GB), every contender reported the parent's peak.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # not Linux: the best there is


# --- the run ----------------------------------------------------------------------------------------


def machine() -> str:
    """CPU model and vector extensions, cores and library versions, for the record.

    The vector extensions matter: CTranslate2's int8 kernels run much faster
    with AVX-512 VNNI than on AVX2 alone, torch's float32 ones less so, so the
    fast path's ratio to the naive chain moves with the CPU it lands on.
    """
    import ctranslate2
    import torch
    import transformers

    cpu, flags = platform.processor() or "unknown CPU", set()
    try:
        info = Path("/proc/cpuinfo").read_text().split("\n\n", 1)[0]  # the first core's entry
    except OSError:
        info = ""
    for line in info.splitlines():
        key, _, value = line.partition(":")
        if key.strip() == "model name":
            cpu = value.strip()
        elif key.strip() == "flags":
            flags = set(value.split())
    wanted = ("avx2", "avx512f", "avx512_vnni", "avx512_bf16", "amx_int8")
    isa = "+".join(f for f in wanted if f in flags) or "no AVX2"
    return (f"{cpu} ({isa}), nproc {os.cpu_count()}, Python {platform.python_version()}, torch {torch.__version__} "
            f"({torch.get_num_threads()} threads), transformers {transformers.__version__}, "
            f"ctranslate2 {ctranslate2.__version__}")


def _cpu_seconds() -> float:
    """CPU time spent by the whole machine so far (all processes), from /proc/stat."""
    fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    busy = sum(int(v) for i, v in enumerate(fields) if i not in (3, 4))  # all but idle and iowait
    return busy / os.sysconf("SC_CLK_TCK")


def wait_until_quiet(max_wait: float, cores: float = 0.3) -> float:
    """Wait (at most ``max_wait`` s) until other processes use under ``cores`` CPUs; returns their use."""
    deadline = time.monotonic() + max_wait
    while True:
        before, started = _cpu_seconds(), time.monotonic()
        time.sleep(3)
        others = (_cpu_seconds() - before) / (time.monotonic() - started)
        if others < cores or time.monotonic() > deadline:
            return others


def _measure(contender: str, article: str, workdir: Path, options: str | None, dtype: str | None) -> dict[str, Any]:
    # The caller's environment, as a user runs it: OMP_WAIT_POLICY is left as it is
    # (unset, torch and CTranslate2 both ran faster here than with PASSIVE: BENCHMARKS.md).
    # The default converts the torch folders on first use, as for a user: kept in the workdir for later runs.
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false",
           "SUMMARIZER_CT2_DIR": str(workdir / "auto-ct2")}
    command = [sys.executable, __file__, "--worker", contender, "--article", article, "--workdir", str(workdir)]
    command += ["--options", options] if options else []
    command += ["--dtype", dtype] if dtype else []
    children, machine_cpu, started = _children_cpu(), _cpu_seconds(), time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=REPO)
    wall = time.monotonic() - started
    if done.returncode != 0:
        raise SystemExit(f"{contender} on {article} failed:\n{done.stderr[-3000:]}")
    out = json.loads(done.stdout.strip().splitlines()[-1])
    # CPUs other processes kept busy while this one ran: the noise in its times.
    out["others"] = max(0.0, (_cpu_seconds() - machine_cpu) - (_children_cpu() - children)) / wall
    return out


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def summarize_runs(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Medians over repeats (peak memory: the largest)."""
    median = statistics.median
    stages = {s: median(r["stages"][s] for r in runs) for s in runs[0]["stages"]}
    return {"total": median(r["total"] for r in runs), "cpu": median(r["cpu"] for r in runs), "stages": stages,
            "tokens": runs[0]["tokens"], "decoded": runs[0]["decoded"],
            "load": median(r["load"] for r in runs), "peak_rss_mb": max(r["peak_rss_mb"] for r in runs),
            "passes": runs[0]["passes"], "sentences": runs[0]["sentences"], "all": [r["total"] for r in runs],
            "torch_threads": runs[0]["torch_threads"], "ct2_threads": runs[0].get("ct2_threads"),
            "summary_input": runs[0].get("summary_input"),
            "others": [r["others"] for r in runs]}


def table(results: dict[tuple[str, str], dict[str, Any]], contenders: list[str]) -> list[str]:
    rows = ["| article | contender | end-to-end s | translate s (tok/s) | summarize s (tok/s) | arabic s (tok/s) "
            "| CPU s | peak RSS MB | load s | speed-up vs (a) |", "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for article in ARTICLES:
        base = results.get((article, "naive"))
        for contender in contenders:
            r = results.get((article, contender))
            if r is None:
                continue
            cells = []
            for stage in ("translate", "summarize", "arabic"):
                seconds, tokens = r["stages"][stage], r["tokens"].get(stage, 0)
                cells.append(f"{seconds:.1f} ({tokens / seconds:.0f})" if seconds else "-")
            speedup = f"{base['total'] / r['total']:.1f}×" if base else "-"
            rows.append(f"| {article} | {CONTENDERS[contender]} | {r['total']:.1f} | " + " | ".join(cells)
                        + f" | {r['cpu']:.1f} | {r['peak_rss_mb']:.0f} | {r['load']:.1f} | {speedup} |")
    return rows


def report(results: dict[tuple[str, str], dict[str, Any]], contenders: list[str], texts: dict[str, str],
           command: str) -> list[str]:
    """The notes, the table and the last line."""
    lines = [f"command: {command}", f"OMP_WAIT_POLICY={os.environ.get('OMP_WAIT_POLICY', '(unset)')} in the workers"]
    for article, text in texts.items():
        first = next(v for (a, _), v in results.items() if a == article)
        passes = ", ".join(f"{c} {results[article, c]['passes']}" for c in contenders if (article, c) in results)
        lines.append(f"{article}: {len(text.split())} words, {first['sentences']} Arabic sentences; summary chunks per pass: {passes}")
        naive = results.get((article, "naive"))
        if naive and naive.get("summary_input"):
            read, total = naive["summary_input"]
            lines.append(f"  (a) summarizes {read} of the translation's {total} BART tokens ({read / total:.0%}); "
                         "(b) and (c) read all of it")
    torch_threads = next((v["torch_threads"] for v in results.values() if v["torch_threads"]), None)
    ct2_threads = next((v["ct2_threads"] for (_, c), v in results.items() if c == "fast"), None)
    lines.append(f"threads: torch {torch_threads}, ctranslate2 (workers x threads) {ct2_threads}")
    lines += table(results, contenders)
    for (article, contender), r in sorted(results.items()):
        base = results.get((article, "naive"))
        memory = f", memory {r['peak_rss_mb'] / base['peak_rss_mb']:.0%} of (a)" if base else ""
        decoded = ", ".join(f"{stage} {r['decoded'][stage]}/{r['tokens'][stage]}" for stage in r["tokens"])
        others = ", ".join(f"{o:.1f}" for o in r["others"])
        lines.append(f"  {article} {contender}: end-to-end {', '.join(f'{t:.1f}' for t in r['all'])} s "
                     f"(other processes busy on {others} CPUs){memory}; tokens decoded/kept: {decoded}")
    if "naive" in contenders and "default" in contenders:
        ratio = {a: results[a, "naive"]["total"] / results[a, "default"]["total"] for a in ARTICLES}
        memory = {a: results[a, "default"]["peak_rss_mb"] / results[a, "naive"]["peak_rss_mb"] for a in ARTICLES}
        lines.append(f"default (summarize(text)) speed-up: 600-word {ratio['600-word']:.1f}x, "
                     f"2500-word {ratio['2500-word']:.1f}x; peak memory {memory['600-word']:.0%} and "
                     f"{memory['2500-word']:.0%} of the naive chain's")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workdir", type=Path, default=Path.home() / ".cache" / "bilingual-summarizer-bench")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="one repeat (the table then has no medians)")
    parser.add_argument("--wait-quiet", type=float, default=300, metavar="SECONDS",
                        help="before each run, wait up to this long for other processes to go idle (0: never)")
    parser.add_argument("--contenders", default=",".join(c for c in CONTENDERS if c not in OPT_IN),
                        help=f"comma-separated subset of {', '.join(CONTENDERS)}")
    parser.add_argument("--options", help="JSON SummarizeOptions for (b) and (c), to try other settings")
    parser.add_argument("--dtype", help="torch dtype for (b), e.g. bfloat16, to try it (default: the checkpoints')")
    parser.add_argument("--worker", choices=list(CONTENDERS), help=argparse.SUPPRESS)
    parser.add_argument("--article", choices=list(ARTICLES), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(REPO))
    if args.worker:
        worker(args.worker, args.article, args.workdir, json.loads(args.options) if args.options else None, args.dtype)
        return 0
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    shared = shared_dir()
    stamp = args.workdir / "build.json"
    built_now = not stamp.is_file() or json.loads(stamp.read_text()).get("version") != BUILD_VERSION
    build(args.workdir, shared, log=lambda m: print(m, flush=True))
    repeats = 1 if args.quick else args.repeats
    contenders = args.contenders.split(",")
    print(f"machine: {machine()}", flush=True)
    texts = articles(shared)
    runs: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for repeat in range(repeats):
        for article in ARTICLES:
            for contender in contenders:
                if args.wait_quiet:
                    wait_until_quiet(args.wait_quiet)
                r = _measure(contender, article, args.workdir, args.options, args.dtype)
                runs.setdefault((article, contender), []).append(r)
                print(f"repeat {repeat + 1}/{repeats} {article} {contender}: {r['total']:.1f} s, "
                      f"peak {r['peak_rss_mb']:.0f} MB, others busy on {r['others']:.1f} CPUs", flush=True)
    results = {key: summarize_runs(value) for key, value in runs.items()}
    command = " ".join(["python benchmarks/speed.py", *(argv if argv is not None else sys.argv[1:])])
    notes = json.loads((args.workdir / "build.json").read_text())["notes"]
    print("model matrices at the real vocabulary sizes; tokenizers: "
          + ", ".join(f"{role} {note}" for role, note in notes.items()))
    print("models built by this run (a first run); memory is each contender's own VmHWM either way" if built_now
          else "models built by an earlier run; memory is each contender's own VmHWM")
    print("\n".join(report(results, contenders, texts, command)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
