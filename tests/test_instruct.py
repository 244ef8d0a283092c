"""Instruction models in the whole chain: both strategies, on torch and CTranslate2, in the demo."""

from __future__ import annotations

import asyncio

import json

import pytest

from summarizer import PRESETS, BilingualSummarizer
from summarizer.models.loading import LoadedModel, is_instruction_model, load_model
from summarizer.presets import MODEL_CARDS, NON_COMMERCIAL

FAST = {"translation": {"num_beams": 1}, "summary": {"num_beams": 1}}
ARABIC = (
    "قال وزير الخارجية المغربي ناصر بوريطة إن الرباط وواشنطن وقعتا اتفاقا أمنيا جديدا يوم الاثنين. "
    "وأضاف أن الاتفاق يشمل تبادل المعلومات وتدريب ١٢٠٠ عنصر قبل نهاية عام ٢٠٢٥. "
    "وقالت السفارة الأمريكية في بيان إن الاتفاق «خطوة مهمة» في التعاون بين البلدين."
)
MARKUP = ("<|im_start|>", "<|im_end|>", "<|endoftext|>", "<think>", "</think>")


def instruct_models(tiny_models, llm):
    return {**tiny_models, "summarizer": llm, "direct_summarizer": llm}


def assert_clean(result):
    for text in (result.english_abstract, result.arabic_abstract):
        assert text.strip() and not any(mark in text for mark in MARKUP), text


@pytest.fixture(scope="module")
def instruct(tiny_models, tiny_llm):
    return BilingualSummarizer("instruct", **instruct_models(tiny_models, tiny_llm), options=FAST)


@pytest.mark.parametrize("strategy", ["translate", "direct"])
def test_an_instruction_model_writes_the_abstracts(instruct, strategy, sample_article):
    result = instruct.summarize(sample_article, strategy=strategy, length="short")
    assert_clean(result)
    assert instruct.model("summarizer").decoder_only
    roles = [m.role for m in result.models]
    assert roles == ["translator", "summarizer", "back_translator" if strategy == "translate" else "direct_summarizer"]
    # The usual evidence around it: attributions per abstract sentence, fact checks, warnings.
    assert result.attributions and isinstance(result.unsupported_facts, tuple)
    # Random weights write mixed-script junk: the script check says so instead of passing it off.
    assert any("not in English" in w for w in result.warnings)
    if strategy == "direct":
        assert any("not in Arabic" in w for w in result.warnings)
        assert not any("non-commercial" in w for w in result.warnings)
    json.loads(result.to_json())


def test_one_instruction_model_serves_both_roles(instruct):
    assert instruct.model("summarizer") is instruct.model("direct_summarizer")


def test_the_instruct_preset_names_commercially_usable_instruction_models():
    preset = PRESETS["instruct"]
    for model in (preset.summarizer, preset.direct_summarizer):
        card = MODEL_CARDS[model]
        assert card.licence == "Apache-2.0" and "Arabic" in card.note and model not in NON_COMMERCIAL
    assert "Qwen/Qwen2.5-3B-Instruct" in NON_COMMERCIAL


def test_is_instruction_model(tiny_models, tiny_llm, tmp_path):
    assert is_instruction_model(tiny_llm) and not is_instruction_model(tiny_models["summarizer"])
    assert not is_instruction_model(str(tmp_path / "missing"), local_files_only=True)




@pytest.fixture(scope="module")
def float32_folders(tiny_models, tiny_llm, tmp_path_factory) -> dict[str, str]:
    """The instruct chain's models converted to CTranslate2 float32 once, for the tests that compare with torch."""
    pytest.importorskip("ctranslate2")
    from summarizer.models.convert import convert_model

    root = tmp_path_factory.mktemp("ct2-float32")
    models = instruct_models(tiny_models, tiny_llm)
    folders = {role: convert_model(path, str(root / role), quantization="float32")
               for role, path in models.items() if role != "direct_summarizer"}
    return {**folders, "direct_summarizer": folders["summarizer"]}


def test_greedy_ctranslate2_equals_torch_on_the_tiny_llm(tiny_llm, float32_folders):
    from summarizer.models.ct2 import Ct2Model

    folder = float32_folders["summarizer"]
    fast, torch_model = load_model(folder, compute_type="float32"), load_model(tiny_llm, device="cpu", backend="torch")
    assert isinstance(fast, Ct2Model) and fast.decoder_only and isinstance(torch_model, LoadedModel)
    assert fast.max_input_tokens == torch_model.max_input_tokens == 1024
    assert is_instruction_model(folder)
    prompts = [torch_model.chat_prompt("لخص.", text) for text in (ARABIC, "The cabinet met on Monday.", "ب")]
    assert fast.chat_prompt("لخص.", ARABIC) == prompts[0]
    for settings in ({"max_new_tokens": 24}, {"max_new_tokens": 16, "min_new_tokens": 16},
                     {"max_new_tokens": 16, "no_repeat_ngram_size": 3}):
        assert fast.generate(prompts, **settings) == torch_model.generate(prompts, **settings), settings


def test_the_pipeline_on_ctranslate2_matches_torch(tiny_models, tiny_llm, float32_folders):
    on_torch = BilingualSummarizer(**instruct_models(tiny_models, tiny_llm), options=FAST, backend="torch")
    on_ct2 = BilingualSummarizer(**float32_folders, dtype="float32", options=FAST)
    for strategy in ("translate", "direct"):
        expected = on_torch.summarize(ARABIC, strategy=strategy)
        result = on_ct2.summarize(ARABIC, strategy=strategy)
        assert_clean(result)
        assert (result.english_abstract, result.arabic_abstract) == (expected.english_abstract, expected.arabic_abstract)
        assert result.warnings == expected.warnings


def test_ctranslate2_backend_converts_the_instruction_model_once(tiny_models, tiny_llm, tmp_path):
    pytest.importorskip("ctranslate2")
    from summarizer.models.ct2 import Ct2Model

    fast = BilingualSummarizer(**instruct_models(tiny_models, tiny_llm), backend="ctranslate2",
                               converted_dir=str(tmp_path), options=FAST)
    result = fast.summarize(ARABIC, strategy="direct", length="short")
    assert_clean(result)
    model = fast.model("direct_summarizer")
    assert isinstance(model, Ct2Model) and model.decoder_only and model.compute_type.startswith("int8")
    assert model is fast.model("summarizer")
    assert len([p for p in tmp_path.iterdir() if p.name.startswith("llm-")]) == 1


def test_cli_converts_an_instruction_model(tiny_llm, tmp_path, capsys):
    pytest.importorskip("ctranslate2")
    from summarizer.cli import main

    out = tmp_path / "llm-int8"
    assert main(["convert", tiny_llm, str(out)]) == 0
    marker = json.loads((out / "summarizer-ct2.json").read_text(encoding="utf-8"))
    assert marker["decoder_only"] and marker["quantization"] == "int8" and marker["model_type"] == "qwen2"
    assert load_model(str(out)).generate([load_model(str(out)).chat_prompt("", "hello")], max_new_tokens=4)


def test_the_demo_runs_with_an_instruction_model(tiny_models, tiny_llm):
    pytest.importorskip("gradio")
    from demo.app import DemoApp, direct_label

    app = DemoApp(BilingualSummarizer("instruct", **instruct_models(tiny_models, tiny_llm), options=FAST))
    english, arabic, table, warnings, path, result = asyncio.run(app.summarize(
        ARABIC, "instruct", "direct", "short", progress=lambda *a, **k: None
    ))
    assert_clean(result) and english == result.english_abstract and arabic == result.arabic_abstract
    assert "Qwen3-1.7B" in app.describe_preset("instruct") or tiny_llm in app.describe_preset("instruct")
    label = direct_label()
    assert "instruct" in label and "commercial use OK" in label and "non-commercial" in label
