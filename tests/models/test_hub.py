"""The hub resolver and first-use conversion: fast, clear failures offline; safe concurrent conversions."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest

from summarizer import BilingualSummarizer, LoadOptions, ModelNotAvailableError
from summarizer.models.hub import looks_like_path, resolve_model
from summarizer.models.ct2 import MARKER, is_converted_model


def test_a_missing_hub_model_fails_at_once_with_one_message_that_names_the_fixes(tmp_path):
    started = time.perf_counter()
    with pytest.raises(ModelNotAvailableError) as caught:
        BilingualSummarizer(translator="Helsinki-NLP/opus-mt-xx-yy", cache_dir=str(tmp_path)).model("translator")
    assert time.perf_counter() - started < 5
    message = str(caught.value)
    assert "'Helsinki-NLP/opus-mt-xx-yy'" in message and str(tmp_path) in message
    assert "download Helsinki-NLP/opus-mt-xx-yy" in message and "--local-files-only" in message
    assert "HF_HUB_OFFLINE=1" in message and "local model folder" in message
    assert "huggingface-cli" not in message  # current huggingface_hub ships `hf`


@pytest.mark.parametrize("name", ["/nonexistent/dir", "./models/ar-en", "~/no/such/model", "a/b/c"])
def test_a_path_that_is_not_a_folder_is_reported_as_such(name):
    assert looks_like_path(name)
    with pytest.raises(ModelNotAvailableError, match="No such folder"):
        resolve_model(name)


def test_hub_ids_are_not_paths():
    assert not any(looks_like_path(n) for n in ("Helsinki-NLP/opus-mt-ar-en", "gpt2", "Qwen/Qwen3-1.7B"))


def test_a_local_folder_resolves_to_itself(tiny_models):
    found = resolve_model(tiny_models["translator"])
    assert found.is_local and str(found.folder) == tiny_models["translator"]


def test_results_record_backend_compute_type_and_device(tiny_models):
    result = BilingualSummarizer(**tiny_models, options={"summary": {"num_beams": 1}}).summarize(
        "قال المتحدث إن الاجتماع انتهى يوم الاثنين بعد ثلاث ساعات من المحادثات.")
    assert {(m.backend, m.compute_type, m.device) for m in result.models} == {("ctranslate2", "int8_float32", "cpu")}  # int8 weights, float32 activations
    assert result.to_dict()["models"][0]["backend"] == "ctranslate2"


def test_the_default_backend_is_ctranslate2_on_a_cpu_and_torch_on_a_gpu():
    assert LoadOptions().backend_and_device() == ("ctranslate2", "cpu")  # no GPU on the test machines
    assert LoadOptions(device="cpu").backend_and_device() == ("ctranslate2", "cpu")
    assert LoadOptions(device="cuda:1").backend_and_device() == ("torch", "cuda:1")
    assert LoadOptions(device="mps").backend_and_device() == ("torch", "mps")
    assert LoadOptions(backend="torch").backend_and_device() == ("torch", None)


def test_retired_presets_say_what_to_write():
    from summarizer import InputError

    with pytest.raises(InputError, match='preset="balanced"'):
        BilingualSummarizer("fast-cpu")
    with pytest.raises(InputError, match='preset="instruct"'):
        BilingualSummarizer("instruct-cpu")


def test_two_processes_converting_one_model_at_once_leave_one_whole_folder(tiny_models, tmp_path):
    script = ("import sys, json; from summarizer.models.convert import converted_model; "
              "print(json.dumps(converted_model(sys.argv[1], root=sys.argv[2])))")
    runs = [subprocess.Popen([sys.executable, "-c", script, tiny_models["summarizer"], str(tmp_path)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], [err[-2000:] for _, err in outputs]
    folders = {json.loads(out.strip().splitlines()[-1]) for out, _ in outputs}
    assert len(folders) == 1
    (folder,) = folders
    assert is_converted_model(folder) and json.loads((tmp_path / folder / MARKER).read_text())["quantization"] == "int8"
    assert [p.name for p in tmp_path.iterdir()] == [folder.rsplit("/", 1)[-1]]  # no partial folder left
