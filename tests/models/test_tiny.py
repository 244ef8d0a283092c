"""Tests for summarizer.testing: the tiny offline models keep the real conventions."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from summarizer.testing import build_tiny_models

ARABIC = ["قال الرئيس إن الاقتصاد نما بنسبة ٣٪ هذا العام، وفقا للتقرير.", "مرحبا", "«نص» قصير؟", "ب", ""]
ENGLISH = ["The report said the economy grew by 3% this year.", "Hello", "Short (text)?", "a"]
INPUTS = {
    "translator": ARABIC,
    "summarizer": ENGLISH,
    "back_translator": [">>ara<< " + text for text in ENGLISH],
    "direct_summarizer": ARABIC + ENGLISH[:1],
}
GREEDY = {"num_beams": 1, "do_sample": False}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return build_tiny_models(tmp_path_factory.mktemp("tiny"), llm=True)


@pytest.fixture(scope="module")
def loaded(built: dict[str, str]) -> dict[str, tuple]:
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    return {name: (AutoTokenizer.from_pretrained(path), AutoModelForSeq2SeqLM.from_pretrained(path))
            for name, path in built.items() if name != "llm"}


def generate(tokenizer, model, texts: list[str], **options) -> tuple[list[list[int]], list[str]]:
    import torch

    batch = tokenizer(texts, return_tensors="pt", padding=True)
    with torch.inference_mode():
        ids = model.generate(**batch, **options)
    return ids.tolist(), tokenizer.batch_decode(ids, skip_special_tokens=True)


def read_json(directory: str, name: str) -> dict:
    return json.loads((Path(directory) / name).read_text(encoding="utf-8"))


def test_returns_a_directory_per_model_argument(built):
    assert set(built) == {"translator", "summarizer", "back_translator", "direct_summarizer", "llm"}

    common = {"config.json", "generation_config.json", "model.safetensors", "tokenizer_config.json"}
    files = {
        "translator": {"source.spm", "target.spm", "vocab.json"},
        "back_translator": {"source.spm", "target.spm", "vocab.json"},
        "summarizer": {"vocab.json", "merges.txt"},
        "direct_summarizer": {"spiece.model"},
        "llm": {"tokenizer.json"},
    }
    for name, path in built.items():
        assert isinstance(path, str)
        assert common | files[name] <= set(os.listdir(path)), name


def test_by_default_the_result_is_the_summarizers_arguments(tmp_path):
    from summarizer import BilingualSummarizer

    models = build_tiny_models(tmp_path)  # notebooks and docs pass it on as it is
    assert set(models) == {"translator", "summarizer", "back_translator", "direct_summarizer"}
    assert BilingualSummarizer(**models).model_names == models


@pytest.mark.parametrize("name", ["translator", "back_translator"])
def test_marian_follows_the_opus_converter(built, loaded, name):
    tokenizer, model = loaded[name]
    vocab = read_json(built[name], "vocab.json")
    config, generation = model.config, model.generation_config
    assert type(tokenizer).__name__ == "MarianTokenizer" and type(model).__name__ == "MarianMTModel"
    assert vocab["</s>"] == 0 and vocab["<unk>"] == 1 and vocab["<pad>"] == len(vocab) - 1
    assert (tokenizer.eos_token_id, tokenizer.unk_token_id, tokenizer.pad_token_id) == (0, 1, len(vocab) - 1)
    pad = len(vocab) - 1
    assert config.vocab_size == config.decoder_vocab_size == len(vocab) == len(tokenizer)
    assert config.pad_token_id == config.decoder_start_token_id == pad
    assert config.eos_token_id == config.forced_eos_token_id == 0
    assert config.scale_embedding and config.share_encoder_decoder_embeddings
    assert config.activation_function == "swish" and config.max_position_embeddings == 512
    assert generation.bad_words_ids == [[pad]] and generation.decoder_start_token_id == pad
    assert generation.eos_token_id == generation.forced_eos_token_id == 0
    assert generation.num_beams == 4 and generation.max_length == 512 and generation.renormalize_logits
    assert generation.min_new_tokens >= 4 and generation.no_repeat_ngram_size == 3
    assert tokenizer.model_max_length == 512


def test_marian_language_pairs_and_codes(built, loaded):
    assert read_json(built["translator"], "tokenizer_config.json")["source_lang"] == "ar"
    assert read_json(built["back_translator"], "tokenizer_config.json")["target_lang"] == "ara"
    assert loaded["translator"][0].supported_language_codes == []
    tokenizer = loaded["back_translator"][0]
    assert {">>ara<<", ">>arz<<", ">>ary<<"} <= set(tokenizer.supported_language_codes)
    ids = tokenizer(">>ara<< hello world")["input_ids"]
    assert ids[0] == tokenizer.convert_tokens_to_ids(">>ara<<") != tokenizer.unk_token_id
    assert ids.count(ids[0]) == 1 and ids[-1] == tokenizer.eos_token_id


def test_vocabularies_cover_arabic_and_latin_text(loaded):
    text = "قال الرئيس: «نما الاقتصاد ٣٪» في 2024 - ahmed"
    for name in ("translator", "direct_summarizer"):
        tokenizer = loaded[name][0]
        ids = tokenizer(text)["input_ids"]
        assert tokenizer.unk_token_id not in ids, name
        assert tokenizer.decode(ids, skip_special_tokens=True) == text, name


def test_bart_ids(loaded):
    tokenizer, model = loaded["summarizer"]
    assert model.config.model_type == "bart"
    ids = [tokenizer.convert_tokens_to_ids(t) for t in ("<s>", "<pad>", "</s>", "<unk>", "<mask>")]
    assert ids == [0, 1, 2, 3, len(tokenizer) - 1]
    assert tokenizer.model_max_length == model.config.max_position_embeddings == 1024
    assert model.config.vocab_size >= len(tokenizer)
    config, generation = model.config, model.generation_config
    assert (config.pad_token_id, config.bos_token_id, config.eos_token_id) == (1, 0, 2)
    assert config.decoder_start_token_id == 2 and config.forced_eos_token_id == 2
    assert (generation.forced_bos_token_id, generation.forced_eos_token_id) == (0, 2)
    assert (generation.num_beams, generation.max_length, generation.length_penalty) == (4, 142, 2.0)
    assert generation.no_repeat_ngram_size == 3 and generation.early_stopping is True
    assert generation.min_new_tokens >= 4
    assert tokenizer("Hello world")["input_ids"][0] == 0


def test_mt5_ids(built, loaded):
    tokenizer, model = loaded["direct_summarizer"]
    assert type(model).__name__ == "MT5ForConditionalGeneration"
    assert (tokenizer.pad_token_id, tokenizer.eos_token_id, tokenizer.unk_token_id) == (0, 1, 2)
    config, generation = model.config, model.generation_config
    assert (config.pad_token_id, config.eos_token_id, config.decoder_start_token_id) == (0, 1, 0)
    assert config.vocab_size > len(tokenizer)
    assert config.feed_forward_proj == "gated-gelu"
    assert read_json(built["direct_summarizer"], "config.json")["tie_word_embeddings"] is False
    assert not model.lm_head.weight.equal(model.shared.weight)
    assert (generation.num_beams, generation.max_length) == (4, 84)
    assert (generation.no_repeat_ngram_size, generation.length_penalty) == (2, 0.6)
    assert generation.min_new_tokens >= 4
    assert tokenizer("مرحبا")["input_ids"][-1] == 1


@pytest.mark.parametrize("options", [{}, GREEDY], ids=["saved-config", "greedy"])
@pytest.mark.parametrize("name", list(INPUTS))
def test_every_model_writes_text(loaded, name, options):
    tokenizer, model = loaded[name]
    ids, texts = generate(tokenizer, model, INPUTS[name], max_new_tokens=12, max_length=None, **options)
    assert len(texts) == len(INPUTS[name])
    assert all(text.strip() for text in texts), texts
    # The summarizer stops at its minimum length (start, <s>, 4 tokens, </s>); the others run on.
    assert all(len(row) == (7 if name == "summarizer" else 13) for row in ids), ids


def test_same_seed_same_models_without_side_effects(built, loaded, tmp_path, capfd):
    import torch
    from transformers.utils import logging

    bars, rng = logging.is_progress_bar_enabled(), torch.random.get_rng_state()
    again = build_tiny_models(tmp_path, llm=True)
    assert capfd.readouterr() == ("", "")
    assert logging.is_progress_bar_enabled() == bars and torch.random.get_rng_state().equal(rng)
    for name, path in built.items():
        for file in sorted(os.listdir(path)):
            assert (Path(path) / file).read_bytes() == (Path(again[name]) / file).read_bytes(), (name, file)
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    path = again["direct_summarizer"]
    twin = AutoTokenizer.from_pretrained(path), AutoModelForSeq2SeqLM.from_pretrained(path)
    texts = INPUTS["direct_summarizer"]
    assert generate(*twin, texts, **GREEDY) == generate(*loaded["direct_summarizer"], texts, **GREEDY)


def test_other_seed_other_weights(built, tmp_path):
    other = build_tiny_models(tmp_path, seed=1, llm=True)
    for name in built:
        first = (Path(built[name]) / "model.safetensors").read_bytes()
        assert first != (Path(other[name]) / "model.safetensors").read_bytes(), name


@pytest.mark.slow
def test_auto_classes_load_offline_in_a_fresh_process(built):
    script = (
        "import json, sys\n"
        "from transformers import AutoModelForCausalLM, AutoModelForSeq2SeqLM, AutoTokenizer\n"
        "paths = json.loads(sys.argv[1])\n"
        "print(json.dumps({k: [type(AutoTokenizer.from_pretrained(p)).__name__, type((AutoModelForCausalLM"
        " if k == 'llm' else AutoModelForSeq2SeqLM).from_pretrained(p)).__name__] for k, p in paths.items()}))\n"
    )
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    done = subprocess.run([sys.executable, "-c", script, json.dumps(built)], env=env,
                          capture_output=True, text=True, timeout=300, check=True)
    classes = json.loads(done.stdout.strip().splitlines()[-1])
    assert classes == {
        "translator": ["MarianTokenizer", "MarianMTModel"],
        "summarizer": ["RobertaTokenizer", "BartForConditionalGeneration"],
        "back_translator": ["MarianTokenizer", "MarianMTModel"],
        "direct_summarizer": ["T5Tokenizer", "MT5ForConditionalGeneration"],
        "llm": ["Qwen2Tokenizer", "Qwen2ForCausalLM"],
    }


def test_llm_is_a_qwen2_style_chat_model(built):
    from transformers import AutoModelForCausalLM, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(built["llm"])
    model = AutoModelForCausalLM.from_pretrained(built["llm"])
    config, generation = model.config, model.generation_config
    assert type(model).__name__ == "Qwen2ForCausalLM" and not config.is_encoder_decoder
    assert config.num_key_value_heads < config.num_attention_heads  # grouped-query attention, as Qwen
    assert config.vocab_size > len(tokenizer)  # spare rows, as Qwen's
    assert tokenizer.eos_token == "<|im_end|>" and tokenizer.pad_token == "<|endoftext|>"
    assert generation.do_sample and generation.eos_token_id == [tokenizer.eos_token_id, tokenizer.pad_token_id]
    messages = [{"role": "system", "content": "كن موجزا."}, {"role": "user", "content": "لخص: قال الوزير."}]
    thinking = tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
    direct = tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True, enable_thinking=False)
    assert thinking.startswith("<|im_start|>system\nكن موجزا.<|im_end|>\n<|im_start|>user\n")
    assert thinking.endswith("<|im_start|>assistant\n") and direct == thinking + "<think>\n\n</think>\n\n"
    # transformers 5: tokenize=True gives a BatchEncoding unless return_dict=False.
    ids = tokenizer.apply_chat_template(messages, add_generation_prompt=True, return_dict=False)
    assert ids == tokenizer(thinking, add_special_tokens=False)["input_ids"]
    assert tokenizer.decode(ids) == thinking  # byte-level BPE round-trips Arabic


def test_llm_writes_visible_text_to_the_length_limit(built):
    from summarizer.models.loading import load_model

    model = load_model(built["llm"], device="cpu", backend="torch")
    prompts = [model.chat_prompt("Summarize.", text) for text in ARABIC + ENGLISH]
    outputs = model.generate(prompts, max_new_tokens=12)
    assert len(outputs) == len(prompts) and all(text.isprintable() and text for text in outputs)
    assert all(model.count_tokens(text) >= 10 for text in outputs)  # never stops early
    assert outputs[:2] == model.generate(prompts[:2], max_new_tokens=12)  # left padding keeps rows apart
