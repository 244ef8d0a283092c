"""The CTranslate2 fast path: conversion, greedy equivalence with torch, the pipeline on converted models."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

pytest.importorskip("ctranslate2")

from summarizer import BilingualSummarizer, InputError  # noqa: E402
from summarizer.cli import main  # noqa: E402
from summarizer.models.convert import convert_model  # noqa: E402
from summarizer.models.ct2 import MARKER, Ct2Model, is_converted_model, load_ct2_model  # noqa: E402
from summarizer.models.loading import LoadedModel, load_model  # noqa: E402
from summarizer.models.repetition import STRONGER_SETTINGS  # noqa: E402

ROLES = ("translator", "summarizer", "back_translator", "direct_summarizer")
CHAIN = ROLES[:3]  # the roles of the default "translate" strategy
ARABIC = [
    "قال الرئيس إن الاقتصاد نما بنسبة ٣٪ هذا العام، وفقا للتقرير.",
    "مرحبا",
    "«نص» قصير؟",
    "وأضافت الوزارة أن الوفد سيصل يوم الاثنين إلى العاصمة لبحث الاتفاق.",
]
ENGLISH = [
    "The report said the economy grew by 3% this year.",
    "Hello",
    "Short (text)?",
    "The ministry added that the delegation will arrive in the capital on Monday to discuss the agreement.",
]
INPUTS = {"translator": ARABIC, "summarizer": ENGLISH, "back_translator": [">>ara<< " + t for t in ENGLISH],
          "direct_summarizer": ARABIC}
SETTINGS = [
    {"max_new_tokens": 12, "num_beams": 1},
    {"max_new_tokens": 16, "min_new_tokens": 16, "num_beams": 1},
    {"max_new_tokens": 16, "min_new_tokens": 8, "num_beams": 1, **STRONGER_SETTINGS},
]


def _sharpen(source: str, target: str) -> str:
    """Copy a tiny model with weights redrawn large enough that outputs depend on the input.

    The tiny models' small initial weights make every input give about the
    same junk; equivalence is only convincing when inputs matter. Position
    tables and Marian's zero <pad> embedding (the decoder's start) are kept.
    """
    import torch

    model = load_model(source, device="cpu", backend="torch")
    with torch.no_grad(), torch.random.fork_rng(devices=[]):
        torch.manual_seed(1)
        for name, weight in model.model.named_parameters():
            if weight.dim() > 1 and "embed_positions" not in name:
                weight.normal_(0.0, 0.3)
        model.model.get_input_embeddings().weight[model.model.config.pad_token_id] = 0.0
    model.model.save_pretrained(target)
    model.tokenizer.save_pretrained(target)
    return target


@pytest.fixture(scope="module")
def pairs(tiny_models, tmp_path_factory) -> dict[tuple[str, str], tuple[LoadedModel, Ct2Model]]:
    """(variant, role) -> (torch model, float32 CTranslate2 model), for the tiny and the sharpened models."""
    root = tmp_path_factory.mktemp("ct2")
    out = {}
    for role in ROLES:
        sources = {"tiny": tiny_models[role], "sharp": _sharpen(tiny_models[role], str(root / f"source-{role}"))}
        for variant, source in sources.items():
            converted = convert_model(source, str(root / f"ct2-{variant}-{role}"), quantization="float32")
            out[variant, role] = (load_model(source, device="cpu", backend="torch"), load_model(converted, compute_type="float32"))
    return out


@pytest.fixture(scope="module")
def converted(tiny_models, tmp_path_factory) -> dict[str, str]:
    """The tiny models converted to int8, the default for the fast path."""
    root = tmp_path_factory.mktemp("ct2-int8")
    return {role: convert_model(tiny_models[role], str(root / role)) for role in ROLES}


@pytest.mark.parametrize("variant", ["tiny", "sharp"])
@pytest.mark.parametrize("role", ROLES)
def test_greedy_outputs_match_torch(pairs, role, variant):
    torch_model, ct2_model = pairs[variant, role]
    texts = INPUTS[role]
    for settings in SETTINGS:
        expected = torch_model.generate(texts, **settings)
        assert ct2_model.generate(texts, **settings) == expected, settings
        # One at a time too: batching (padding in torch) changes nothing.
        assert [ct2_model.generate([t], **settings)[0] for t in texts] == expected, settings
    if variant == "sharp":
        assert len(set(torch_model.generate(texts, max_new_tokens=12, num_beams=1))) > 1


@pytest.mark.parametrize("role", ROLES)
def test_token_scores_match_torch(pairs, role):
    """Not only the greedy choice: every log-probability, so a rescaled output layer (mT5) shows."""
    import torch

    torch_model, ct2_model = pairs["sharp", role]
    tokenizer, model = torch_model.tokenizer, torch_model.model
    batch = tokenizer(INPUTS[role][:1], return_tensors="pt")
    ids = model.generate(**batch, max_new_tokens=10, min_new_tokens=10, num_beams=1)[0].tolist()
    ends = {model.generation_config.eos_token_id, model.generation_config.pad_token_id}
    while ids[-1] in ends:
        ids.pop()
    with torch.inference_mode():
        logits = model(**batch, decoder_input_ids=torch.tensor([ids[:-1]])).logits[0]
    expected = logits.log_softmax(-1).gather(1, torch.tensor(ids[1:])[:, None])[:, 0].tolist()
    source = tokenizer.convert_ids_to_tokens(batch["input_ids"][0].tolist())
    scored = ct2_model.model.score_batch([source], [tokenizer.convert_ids_to_tokens(ids[1:])])[0].log_probs
    assert scored[: len(expected)] == pytest.approx(expected, abs=1e-3)


def test_converted_model_has_the_loaded_model_interface(pairs):
    for role in ROLES:
        torch_model, ct2_model = pairs["tiny", role]
        assert isinstance(ct2_model, Ct2Model)
        assert ct2_model.max_input_tokens == torch_model.max_input_tokens
        for text in INPUTS[role]:
            assert ct2_model.count_tokens(text) == torch_model.count_tokens(text)
        assert ct2_model.device == "cpu" and ct2_model.compute_type == "float32"
        assert ct2_model.defaults.num_beams == torch_model.model.generation_config.num_beams
        assert ct2_model.generate([], max_new_tokens=5) == []
    summarizer = pairs["tiny", "summarizer"][1].defaults
    assert (summarizer.forced_bos_token, summarizer.length_penalty, summarizer.no_repeat_ngram_size) == ("<s>", 2.0, 3)
    assert pairs["tiny", "translator"][1].defaults.forced_bos_token is None


def test_conversion_writes_a_self_contained_directory(converted, tiny_models):
    folder = converted["translator"]
    assert is_converted_model(folder) and not is_converted_model(tiny_models["translator"])
    metadata = json.loads((__import__("pathlib").Path(folder) / MARKER).read_text())
    assert metadata["source"] == tiny_models["translator"] and metadata["quantization"] == "int8"
    assert metadata["model_type"] == "marian" and metadata["max_position_embeddings"] == 512
    model = load_model(folder)
    assert isinstance(model, Ct2Model) and model.compute_type.startswith("int8")
    assert model.threads >= 1
    assert all(t.strip() for t in model.generate(ARABIC, max_new_tokens=8))


def test_convert_refuses_bad_arguments(tiny_models, converted, tmp_path):
    with pytest.raises(InputError, match="force"):
        convert_model(tiny_models["translator"], converted["translator"])
    with pytest.raises(InputError, match="int8"):
        convert_model(tiny_models["translator"], str(tmp_path / "x"), quantization="int4")
    with pytest.raises(InputError, match="cuda"):
        load_ct2_model(converted["translator"], device="tpu")
    with pytest.raises(InputError, match="compute type"):
        load_ct2_model(converted["translator"], compute_type="int3")
    assert load_ct2_model(converted["translator"], device="mps").device == "cpu"


def test_convert_command(tiny_models, tmp_path, capsys):
    out = tmp_path / "converted"
    assert main(["convert", tiny_models["summarizer"], str(out), "--quantization", "float32"]) == 0
    assert capsys.readouterr().out.strip() == str(out)
    assert is_converted_model(str(out))


def test_pipeline_runs_on_converted_models(tiny_models, converted, tmp_path):
    text = " ".join(ARABIC * 3)
    fast = BilingualSummarizer(**converted, options={"translation": {"num_beams": 1}, "summary": {"num_beams": 1}})
    result = fast.summarize(text)
    assert result.english_abstract.strip() and result.arabic_abstract.strip()
    assert all(pair.translation.strip() for pair in result.sentences)
    assert [m.name for m in result.models] == [converted[r] for r in CHAIN]
    direct = fast.summarize(text, strategy="direct")
    assert direct.arabic_abstract.strip() and direct.english_abstract.strip()
    assert converted["direct_summarizer"] in [m.name for m in direct.models]
    assert all(isinstance(fast.model(role), Ct2Model) for role in ROLES)


def test_pipeline_on_float32_conversions_matches_torch(tiny_models, tmp_path):
    folders = {role: convert_model(tiny_models[role], str(tmp_path / role), quantization="float32") for role in ROLES}
    greedy = {"translation": {"num_beams": 1}, "summary": {"num_beams": 1}}
    text = " ".join(ARABIC)
    expected = BilingualSummarizer(**tiny_models, options=greedy, backend="torch").summarize(text)
    result = BilingualSummarizer(**folders, dtype="float32", options=greedy).summarize(text)
    assert [p.translation for p in result.sentences] == [p.translation for p in expected.sentences]
    assert (result.english_abstract, result.arabic_abstract) == (expected.english_abstract, expected.arabic_abstract)
    expected = BilingualSummarizer(**tiny_models, options=greedy, backend="torch").summarize(text, strategy="direct")
    result = BilingualSummarizer(**folders, dtype="float32", options=greedy).summarize(text, strategy="direct")
    assert result.arabic_abstract == expected.arabic_abstract


def test_ctranslate2_backend_converts_once_and_reuses(tiny_models, tmp_path, monkeypatch, sample_article):
    import summarizer.models.convert as convert

    conversions = []
    real_convert = convert.convert_model
    monkeypatch.setattr(convert, "convert_model", lambda *a, **k: conversions.append(a[0]) or real_convert(*a, **k))
    folder = tmp_path / "converted"
    options = {"translation": {"num_beams": 1}, "summary": {"num_beams": 1}}
    fast = BilingualSummarizer(**tiny_models, backend="ctranslate2", converted_dir=str(folder), options=options)
    result = fast.summarize(sample_article)
    assert result.english_abstract.strip() and result.arabic_abstract.strip()
    for role in CHAIN:
        model = fast.model(role)
        assert isinstance(model, Ct2Model) and model.name.startswith(str(folder)) and model.compute_type.startswith("int8")
    assert sorted(conversions) == sorted(tiny_models[role] for role in CHAIN)
    # The direct strategy's mT5 is converted on its first use, like the others.
    assert fast.summarize(sample_article, strategy="direct").arabic_abstract.strip()
    assert isinstance(fast.model("direct_summarizer"), Ct2Model) and len(conversions) == 4
    # A second summarizer (a new process, say) reuses the conversions; "fast-cpu" says ctranslate2.
    again = BilingualSummarizer("balanced", **tiny_models, converted_dir=str(folder), options=options)
    assert again.backend == "ctranslate2"
    assert again.model("translator").name == fast.model("translator").name
    assert len(conversions) == 4
    assert not [p for p in folder.iterdir() if ".partial" in p.name]


def test_an_edited_local_model_is_converted_again(tiny_models, tmp_path):
    import os
    import shutil

    from summarizer.models.convert import converted_model

    source = tmp_path / "translator"
    shutil.copytree(tiny_models["translator"], source)
    first = converted_model(str(source), root=str(tmp_path / "c"))
    assert converted_model(str(source), root=str(tmp_path / "c")) == first
    config = source / "config.json"
    # Newer than every file: on a busy machine the weights can be written seconds after the config.
    newest = max(f.stat().st_mtime_ns for f in source.iterdir())
    os.utime(config, ns=(config.stat().st_atime_ns, newest + 10**9))
    second = converted_model(str(source), root=str(tmp_path / "c"))
    assert second != first and is_converted_model(second)
    assert converted_model(second) == second  # a converted folder is used as is


def test_ctranslate2_backend_without_the_model_says_how_to_get_it(tmp_path):
    from summarizer import ModelNotAvailableError

    missing = BilingualSummarizer(translator="nobody/no-such-model", backend="ctranslate2",
                                  converted_dir=str(tmp_path), cache_dir=str(tmp_path / "hub"))
    with pytest.raises(ModelNotAvailableError, match="summarizer download"):
        missing.model("translator")
    with pytest.raises(InputError, match="torch, ctranslate2"):
        BilingualSummarizer(backend="onnx")


def test_ctranslate2_backend_without_ctranslate2_names_the_install(tiny_models, tmp_path, monkeypatch):
    import sys

    from summarizer import SummarizerError

    monkeypatch.setitem(sys.modules, "ctranslate2", None)  # as if not installed
    fast = BilingualSummarizer(**tiny_models, backend="ctranslate2", converted_dir=str(tmp_path))
    with pytest.raises(SummarizerError, match=r"pip install ctranslate2 \(or run on torch: backend=\"torch\""):
        fast.model("translator")
    assert not list(tmp_path.iterdir())


def test_translators_spread_a_call_over_workers(converted):
    from dataclasses import replace

    translator = load_ct2_model(converted["translator"], workers=2, threads=2)
    assert translator.workers == 2 and translator.max_batch_size == 8 and translator.call_size == 32
    assert load_ct2_model(converted["summarizer"], threads=2).workers == 1  # few long inputs: one batch at a time
    two = replace(translator, workers=2, max_batch_size=8)
    sizes = {n: sorted(len(b) for b in two.sub_batches([12] * n)) for n in (1, 6, 16, 20, 40)}
    assert sizes == {1: [1], 6: [3, 3], 16: [8, 8], 20: [5, 5, 5, 5], 40: [6, 6, 7, 7, 7, 7]}
    assert [len(b) for b in replace(translator, workers=1).sub_batches([12] * 20)] == [8, 8, 4]
    texts = ARABIC * 5
    alone = load_ct2_model(converted["translator"], workers=1, threads=1)
    assert translator.generate(texts, max_new_tokens=10, num_beams=2) == alone.generate(texts, max_new_tokens=10, num_beams=2)


def test_planned_sub_batches_are_queued_together_and_answer_in_order(converted):
    from dataclasses import replace

    translator = load_ct2_model(converted["translator"], workers=2, threads=2)
    calls = []

    class Recorder:
        def translate_batch(self, sources, *args, **kwargs):
            calls.append((len(sources), kwargs.get("asynchronous", False)))
            return translator.model.translate_batch(sources, *args, **kwargs)

    # One sentence far longer than the rest, as an abstract often has: it gets a worker of its own.
    texts = [ARABIC[3] + " " + ARABIC[0] + " " + ARABIC[3], *ARABIC]
    outputs = replace(translator, model=Recorder()).generate(texts, max_new_tokens=24, num_beams=2)
    assert sorted(calls) == [(1, True), (4, True)]
    alone = load_ct2_model(converted["translator"], workers=1, threads=1)
    assert outputs == alone.generate(texts, max_new_tokens=24, num_beams=2)
    assert outputs[1:] == [alone.generate([t], max_new_tokens=24, num_beams=2)[0] for t in ARABIC]


_COUNT_THREADS = """
import os, sys
import summarizer.models.ct2 as ct2
if sys.argv[2] == "caller":  # the loader as it was
    ct2._on_own_thread = lambda build, *args, **kwargs: build(*args, **kwargs)
import time
model = ct2.load_ct2_model(sys.argv[1], threads=2, workers=1)
# The threads that ended with the build may take a moment to go: count once the number settles.
counts = [len(os.listdir("/proc/self/task"))]
for _ in range(40):
    time.sleep(0.05)
    counts.append(len(os.listdir("/proc/self/task")))
    if len(counts) > 2 and counts[-1] == counts[-2] == counts[-3]:
        break
print(counts[-1])
"""


@pytest.mark.skipif(not os.path.isdir("/proc/self/task"), reason="counts the process's threads in /proc")
def test_loading_leaves_no_openmp_pool_on_the_callers_thread(converted):
    # Built on the caller's thread, a two-thread model leaves an OpenMP pool thread there for good:
    # one OpenMP thread more than cores, and libgomp then sleeps (not spins) between parallel regions.
    def threads(where: str) -> int:
        done = subprocess.run([sys.executable, "-c", _COUNT_THREADS, converted["summarizer"], where],
                              capture_output=True, text=True, env={**os.environ, "HF_HUB_OFFLINE": "1"}, check=True)
        return int(done.stdout.split()[-1])

    assert threads("own thread") == threads("caller") - 1


def test_a_model_that_fails_to_build_raises_on_the_callers_thread(converted, tmp_path):
    broken = tmp_path / "broken"
    shutil.copytree(converted["summarizer"], broken)
    (broken / "model.bin").write_bytes(b"not a model")
    with pytest.raises(RuntimeError):
        load_ct2_model(str(broken))
