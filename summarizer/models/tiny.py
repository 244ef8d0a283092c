"""Tiny random stand-ins for the default models, written to disk for offline use.

:func:`build_tiny_models` writes five model directories with the real classes,
file layouts and token-id conventions of the default models (opus-mt-ar-en,
distilbart-cnn, opus-mt-en-ar and mT5 XL-Sum) and of a Qwen2-style
instruction model (byte-level BPE, ChatML chat template with Qwen3's
``enable_thinking`` switch), so the whole chain runs in tests and demos
without the Hugging Face hub. Tokenizers are trained here on text
this module makes up (random words over the Arabic and Latin alphabets, with
digits and punctuation): nothing is downloaded or copied. The same seed gives
byte-identical files, hence identical greedy outputs.

It does not make useful models: the weights are random, so outputs are junk of
the right type and length. It keeps no cache; each call builds afresh.
"""

from __future__ import annotations

import io
import json
import os
import random
import string
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from transformers import GenerationConfig, PreTrainedConfig, PreTrainedModel

# letters, digits, sentence ends, in-sentence marks
_SCRIPTS = {
    "ar": ("".join(map(chr, range(0x0621, 0x064B))), "٠١٢٣٤٥٦٧٨٩", ".؟!", "،؛:"),
    "en": (string.ascii_lowercase, string.digits, ".?!", ",;:"),
}
_BRACKETS = (("«", "»"), ('"', '"'), ("(", ")"))
_LANGUAGE_CODES = (">>ara<<", ">>arz<<", ">>ary<<")
# Small enough to build and run in milliseconds, big enough to generate text.
_DIMS = {"d_model": 32, "layers": 2, "heads": 2, "ffn": 64}
_MIN_NEW_TOKENS = 4
# Output bias on tokens a trained model never (or, for brief models, always) writes.
_NEVER, _STOP = -100.0, 100.0


def build_tiny_models(path: str | os.PathLike[str], seed: int = 0, *, llm: bool = False) -> dict[str, str]:
    """Write the four tiny models of the chain (five with ``llm``) under ``path`` and return their directories.

    Under its own saved generation config, with beam search or greedy
    decoding, every model writes at least four visible tokens and repeats no
    three-token run. The BART summarizer then ends its text; the translators
    and mT5 write up to the length limit, so pass ``max_new_tokens`` (the
    translators' saved limit is the real 512).

    Args:
        path: Parent directory, created if missing. Files of the same names
            are overwritten.
        seed: Seed for the made-up text and the random weights.
        llm: Also write a tiny decoder-only chat model, under the key ``"llm"``.
            Off by default, so that ``BilingualSummarizer(**build_tiny_models(path))``
            takes the result as it is.

    Returns:
        A directory per model, keyed by the pipeline's model arguments:
        ``"translator"`` (ar→en MarianMT), ``"summarizer"`` (English BART),
        ``"back_translator"`` (en→ar MarianMT, inputs start with ``>>ara<<``)
        ``"direct_summarizer"`` (mT5, any language in and out) and, with
        ``llm``, ``"llm"`` (a decoder-only chat model, any language in and
        out, for either summarizer role; it never ends its reply, so it writes
        ``max_new_tokens``).
    """
    root = Path(path)
    arabic = _corpus(seed, ("ar",), guest="en")
    english = _corpus(seed + 1, ("en",))
    ar_spm, en_spm = _train_spiece(arabic, 256), _train_spiece(english, 256)
    dirs = {
        "translator": _write_marian(root / "translator", ar_spm, en_spm, ("ar", "en"), (), seed),
        "summarizer": _write_bart(root / "summarizer", english, seed),
        "back_translator": _write_marian(
            root / "back_translator", en_spm, ar_spm, ("en", "ara"), _LANGUAGE_CODES, seed
        ),
        "direct_summarizer": _write_mt5(
            root / "direct_summarizer", _corpus(seed + 2, ("ar", "en"), guest="en"), seed
        ),
    }
    if llm:
        dirs["llm"] = _write_llm(root / "llm", _corpus(seed + 3, ("ar", "en"), guest="en"), seed)
    return {name: str(directory) for name, directory in dirs.items()}


def _corpus(seed: int, scripts: tuple[str, ...], guest: str | None = None, lines: int = 400) -> list[str]:
    """Return sentences of made-up words, each in one of ``scripts``.

    One word in twenty comes from the ``guest`` script, as Latin names do in
    Arabic news; numbers mix native and Western digits.
    """
    rng = random.Random(seed)
    lexicons = {name: _lexicon(rng, letters) for name, (letters, *_) in _SCRIPTS.items()}
    out = []
    for _ in range(lines):
        script = rng.choice(scripts)
        _, digits, ends, marks = _SCRIPTS[script]
        words = []
        for _ in range(rng.randint(3, 14)):
            source = guest if guest and rng.random() < 0.05 else script
            word, roll = rng.choice(lexicons[source]), rng.random()
            if roll < 0.05:
                word = "".join(rng.choice(digits + string.digits) for _ in range(rng.randint(1, 4)))
                word += rng.choice(("", "", "%", "٪" if script == "ar" else "%"))
            elif roll < 0.09:
                left, right = rng.choice(_BRACKETS)
                word = f"{left}{word}{right}"
            elif roll < 0.14:
                word += rng.choice(marks)
            elif roll < 0.2 and source == "en":
                word = word.capitalize()
            words.append(word)
        if rng.random() < 0.1:
            words.insert(rng.randrange(len(words)), "-")
        first = words[0].capitalize() if script == "en" else words[0]
        out.append(" ".join([first, *words[1:]]) + rng.choice(ends[0] * 4 + ends[1:]))
    return out


def _lexicon(rng: random.Random, letters: str, size: int = 120) -> list[str]:
    """Return made-up words; short ones are listed several times, as in real text."""
    words = ["".join(rng.choice(letters) for _ in range(rng.randint(1, 7))) for _ in range(size)]
    return sorted(words, key=len)[: size // 4] * 4 + words


def _train_spiece(lines: list[str], vocab_size: int, **options: object) -> bytes:
    """Train a unigram SentencePiece model on ``lines`` and return its bytes."""
    import sentencepiece

    model = io.BytesIO()
    sentencepiece.SentencePieceTrainer.train(
        sentence_iterator=iter(lines), model_writer=model, vocab_size=vocab_size,
        character_coverage=1.0, num_threads=1, minloglevel=2, **options,
    )
    return model.getvalue()


def _pieces(model: bytes) -> list[str]:
    """Return the ordinary pieces of a SentencePiece model (no control or unknown)."""
    import sentencepiece

    sp = sentencepiece.SentencePieceProcessor(model_proto=model)
    return [sp.id_to_piece(i) for i in range(sp.get_piece_size())
            if not (sp.is_control(i) or sp.is_unknown(i))]


def _write_marian(
    directory: Path, source: bytes, target: bytes, langs: tuple[str, str],
    codes: tuple[str, ...], seed: int,
) -> Path:
    """Write a MarianMT model laid out as the OPUS-MT converter does."""
    from transformers import GenerationConfig, MarianConfig, MarianMTModel

    directory.mkdir(parents=True, exist_ok=True)
    (directory / "source.spm").write_bytes(source)
    (directory / "target.spm").write_bytes(target)
    source_pieces, target_pieces = _pieces(source), _pieces(target)
    # One vocab shared by both sides: </s> = 0, <unk> = 1, ..., <pad> appended last.
    tokens = dict.fromkeys(["</s>", "<unk>", *codes, *source_pieces, *target_pieces, "<pad>"])
    vocab = {token: i for i, token in enumerate(tokens)}
    pad, eos = vocab["<pad>"], vocab["</s>"]
    _write_json(directory / "vocab.json", vocab)
    _write_json(directory / "tokenizer_config.json", {
        "source_lang": langs[0], "target_lang": langs[1], "model_max_length": 512,
        "separate_vocabs": False, "tokenizer_class": "MarianTokenizer",
    })
    # MarianConfig defaults are not the OPUS-MT values, so every field is set.
    config = MarianConfig(
        vocab_size=len(vocab), decoder_vocab_size=len(vocab), max_position_embeddings=512,
        d_model=_DIMS["d_model"], encoder_layers=_DIMS["layers"], decoder_layers=_DIMS["layers"],
        encoder_attention_heads=_DIMS["heads"], decoder_attention_heads=_DIMS["heads"],
        encoder_ffn_dim=_DIMS["ffn"], decoder_ffn_dim=_DIMS["ffn"], activation_function="swish",
        dropout=0.1, attention_dropout=0.0, activation_dropout=0.0, init_std=0.02,
        encoder_layerdrop=0.0, decoder_layerdrop=0.0, scale_embedding=True,
        share_encoder_decoder_embeddings=True, tie_word_embeddings=True,
        pad_token_id=pad, decoder_start_token_id=pad, eos_token_id=eos, forced_eos_token_id=eos,
        bos_token_id=0, use_cache=True, is_encoder_decoder=True, architectures=["MarianMTModel"],
    )
    # The OPUS-MT generation config, plus a minimum length and, for a random
    # model that would otherwise loop ("kz kz kz ..."), no repeated trigrams.
    generation = GenerationConfig(
        bad_words_ids=[[pad]], bos_token_id=0, decoder_start_token_id=pad, eos_token_id=eos,
        forced_eos_token_id=eos, pad_token_id=pad, max_length=512, num_beams=4,
        renormalize_logits=True, min_new_tokens=_MIN_NEW_TOKENS, no_repeat_ngram_size=3,
    )
    # Like a trained model, write only target-side pieces: English from ar→en.
    avoid = [vocab[token] for token in ("<unk>", "<pad>", *codes, *source_pieces)
             if token not in target_pieces]
    _save(directory, MarianMTModel, config, generation, seed, avoid)
    return directory


def _write_bart(directory: Path, lines: list[str], seed: int) -> Path:
    """Write a BART summarizer with a byte-level BPE tokenizer and CNN-style generation."""
    from tokenizers import ByteLevelBPETokenizer
    from transformers import BartConfig, BartForConditionalGeneration, GenerationConfig

    directory.mkdir(parents=True, exist_ok=True)
    bpe = ByteLevelBPETokenizer()
    bpe.train_from_iterator(lines, vocab_size=600, min_frequency=2, show_progress=False,
                            special_tokens=["<s>", "<pad>", "</s>", "<unk>"])
    bpe.save_model(str(directory))  # merges.txt; vocab.json is rewritten below
    # As in the real vocab.json, <mask> comes last.
    vocab = dict(sorted(bpe.get_vocab().items(), key=lambda item: item[1]))
    vocab["<mask>"] = len(vocab)
    _write_json(directory / "vocab.json", vocab)
    _write_json(directory / "tokenizer_config.json",
                {"model_max_length": 1024, "tokenizer_class": "BartTokenizer"})
    config = BartConfig(
        vocab_size=len(vocab), max_position_embeddings=1024,
        d_model=_DIMS["d_model"], encoder_layers=_DIMS["layers"], decoder_layers=_DIMS["layers"],
        encoder_attention_heads=_DIMS["heads"], decoder_attention_heads=_DIMS["heads"],
        encoder_ffn_dim=_DIMS["ffn"], decoder_ffn_dim=_DIMS["ffn"], activation_function="gelu",
        dropout=0.1, attention_dropout=0.0, activation_dropout=0.0, init_std=0.02,
        encoder_layerdrop=0.0, decoder_layerdrop=0.0, scale_embedding=False,
        tie_word_embeddings=True, pad_token_id=1, bos_token_id=0, eos_token_id=2,
        decoder_start_token_id=2, forced_eos_token_id=2, use_cache=True, is_encoder_decoder=True,
        architectures=["BartForConditionalGeneration"],
    )
    # distilbart-cnn's settings, but min_new_tokens (+1 for the forced <s>) in
    # place of its min_length of 56, which callers that size outputs drop.
    generation = GenerationConfig(
        bos_token_id=0, pad_token_id=1, eos_token_id=2, decoder_start_token_id=2,
        forced_bos_token_id=0, forced_eos_token_id=2, num_beams=4, length_penalty=2.0,
        no_repeat_ngram_size=3, early_stopping=True, min_new_tokens=_MIN_NEW_TOKENS + 1, max_length=142,
    )
    # Trained models write words, not control characters or halves of UTF-8 sequences.
    texts = [bpe.decode([i]) for i in range(len(vocab) - 1)]
    stray = [i for i, text in enumerate(texts) if not text.isprintable() or "\ufffd" in text]
    avoid = [vocab[token] for token in ("<s>", "<pad>", "<unk>", "<mask>")] + stray
    _save(directory, BartForConditionalGeneration, config, generation, seed, avoid, brief=True)
    return directory


def _write_mt5(directory: Path, lines: list[str], seed: int) -> Path:
    """Write an mT5 summarizer with a SentencePiece tokenizer and XL-Sum generation."""
    from transformers import GenerationConfig, MT5Config, MT5ForConditionalGeneration

    directory.mkdir(parents=True, exist_ok=True)
    pieces = 400
    spiece = _train_spiece(lines, pieces, pad_id=0, eos_id=1, unk_id=2, bos_id=-1)
    (directory / "spiece.model").write_bytes(spiece)
    _write_json(directory / "tokenizer_config.json", {
        "tokenizer_class": "T5Tokenizer", "extra_ids": 0, "model_max_length": 512,
        "pad_token": "<pad>", "eos_token": "</s>", "unk_token": "<unk>",
    })
    config = MT5Config(
        # Spare rows past the tokenizer, as mT5 has 250112 for 250100 pieces.
        vocab_size=pieces + 12,
        d_model=_DIMS["d_model"], d_kv=_DIMS["d_model"] // _DIMS["heads"], d_ff=_DIMS["ffn"],
        num_layers=_DIMS["layers"], num_decoder_layers=_DIMS["layers"], num_heads=_DIMS["heads"],
        relative_attention_num_buckets=32, relative_attention_max_distance=128, dropout_rate=0.1,
        layer_norm_epsilon=1e-6, initializer_factor=1.0, feed_forward_proj="gated-gelu",
        pad_token_id=0, eos_token_id=1, decoder_start_token_id=0,  # tie_word_embeddings: see _save
        use_cache=True, is_encoder_decoder=True, tokenizer_class="T5Tokenizer",
        architectures=["MT5ForConditionalGeneration"],
    )
    generation = GenerationConfig(
        pad_token_id=0, eos_token_id=1, decoder_start_token_id=0, num_beams=4, max_length=84,
        no_repeat_ngram_size=2, length_penalty=0.6, min_new_tokens=_MIN_NEW_TOKENS,
    )
    _save(directory, MT5ForConditionalGeneration, config, generation, seed, untie=True)
    return directory


# ChatML as Qwen writes it, with Qwen3's switch: enable_thinking=False opens the
# reply with an empty thinking block, so the model answers at once.
CHAT_TEMPLATE = (
    "{%- for message in messages %}"
    "{{- '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}"
    "{%- endfor %}"
    "{%- if add_generation_prompt %}{{- '<|im_start|>assistant\\n' }}"
    "{%- if enable_thinking is defined and enable_thinking is false %}{{- '<think>\\n\\n</think>\\n\\n' }}{%- endif %}"
    "{%- endif %}"
)
_CHAT_SPECIALS = ("<|endoftext|>", "<|im_start|>", "<|im_end|>")


def _write_llm(directory: Path, lines: list[str], seed: int) -> Path:
    """Write a Qwen2-style decoder-only chat model: byte-level BPE, ChatML template, Qwen's generation config."""
    from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, trainers
    from transformers import GenerationConfig, PreTrainedTokenizerFast, Qwen2Config, Qwen2ForCausalLM
    from transformers.models.qwen2.tokenization_qwen2 import PRETOKENIZE_REGEX

    directory.mkdir(parents=True, exist_ok=True)
    # Qwen's pipeline, which Qwen2Tokenizer rebuilds on load: NFC, its split
    # pattern, then bytes.
    bpe = Tokenizer(models.BPE())
    bpe.normalizer = normalizers.NFC()
    bpe.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.Split(Regex(PRETOKENIZE_REGEX), behavior="isolated", invert=False),
        pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False),
    ])
    bpe.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=700, min_frequency=2, show_progress=False, special_tokens=list(_CHAT_SPECIALS),
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
    )
    bpe.train_from_iterator(lines, trainer=trainer)
    tokenizer = PreTrainedTokenizerFast(
        tokenizer_object=bpe, eos_token="<|im_end|>", pad_token="<|endoftext|>",
        additional_special_tokens=["<|im_start|>"], chat_template=CHAT_TEMPLATE, model_max_length=131072,
    )
    tokenizer.add_tokens(["<think>", "</think>"])  # plain added tokens, as in Qwen3: decoding keeps them
    tokenizer.save_pretrained(directory)
    settings = json.loads((directory / "tokenizer_config.json").read_text(encoding="utf-8"))
    _write_json(directory / "tokenizer_config.json", {**settings, "tokenizer_class": "Qwen2Tokenizer"})
    ids = {token: tokenizer.convert_tokens_to_ids(token) for token in _CHAT_SPECIALS}
    # Trained models write words, not control characters or halves of UTF-8 sequences.
    texts = [tokenizer.decode([i]) for i in range(len(tokenizer))]
    stray = [i for i, text in enumerate(texts) if not text.isprintable() or "\ufffd" in text]
    config = Qwen2Config(
        vocab_size=len(tokenizer) + 8,  # spare rows, as Qwen's 151936 for 151665 tokens
        hidden_size=_DIMS["d_model"], intermediate_size=_DIMS["ffn"], num_hidden_layers=_DIMS["layers"],
        num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=1024, rms_norm_eps=1e-6,
        tie_word_embeddings=False, use_cache=True, bos_token_id=ids["<|endoftext|>"],
        eos_token_id=ids["<|im_end|>"], pad_token_id=ids["<|endoftext|>"], architectures=["Qwen2ForCausalLM"],
    )
    # Qwen2.5-Instruct's own generation config: sampling, which load_model turns off.
    generation = GenerationConfig(
        bos_token_id=ids["<|endoftext|>"], eos_token_id=[ids["<|im_end|>"], ids["<|endoftext|>"]],
        pad_token_id=ids["<|endoftext|>"], do_sample=True, temperature=0.7, top_p=0.8, top_k=20,
        repetition_penalty=1.05,
    )
    # Zero output rows: the random model never picks a chat token, so it writes
    # to the length limit, nor a stray byte.
    _save(directory, Qwen2ForCausalLM, config, generation, seed, silent_rows=[*ids.values(), *stray])
    return directory


def _save(directory: Path, model_class: type[PreTrainedModel], config: PreTrainedConfig,
          generation: GenerationConfig, seed: int, avoid: Sequence[int] = (), *,
          brief: bool = False, untie: bool = False, silent_rows: Sequence[int] = ()) -> None:
    """Initialise ``model_class`` from ``seed`` and save it with ``generation``.

    ``untie`` gives the model its own output layer, as mT5 checkpoints have;
    transformers 5 always ties it at init, and unties at load time with a
    warning when the checkpoint holds both.

    Models with an output bias (Marian, BART) get one that keeps them, as
    training would, from writing the ``avoid`` tokens (unknown, padding,
    language codes, mask, source-language pieces, stray bytes): a random
    model may otherwise write nothing visible. ``brief`` also favours the end
    of text, so the model stops as soon as its minimum length allows;
    otherwise it writes up to the length limit. ``silent_rows`` zeroes those
    rows of a decoder-only model's output layer (no bias there): their logit is
    0 while the best of hundreds of random ones is well above it.
    """
    import torch

    with torch.random.fork_rng(devices=[]):  # leave the caller's random state alone
        torch.manual_seed(seed)
        model = model_class(config).eval()
        if untie:
            model.lm_head.weight = torch.nn.Parameter(torch.randn_like(model.lm_head.weight))
            model.config.tie_word_embeddings = False
        if silent_rows:
            with torch.no_grad():
                model.lm_head.weight[list(silent_rows)] = 0.0
    model.generation_config = generation
    bias = getattr(model, "final_logits_bias", None)
    if bias is not None:
        bias[0, list(avoid)] = _NEVER
        if brief:
            bias[0, generation.eos_token_id] = _STOP
    with _quiet_progress_bars():
        model.save_pretrained(directory)


@contextmanager
def _quiet_progress_bars() -> Iterator[None]:
    """Hide the progress bar ``save_pretrained`` draws, then restore the setting."""
    from transformers.utils import logging

    was_enabled = logging.is_progress_bar_enabled()
    logging.disable_progress_bar()
    try:
        yield
    finally:
        if was_enabled:
            logging.enable_progress_bar()


def _write_json(path: Path, data: object) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
