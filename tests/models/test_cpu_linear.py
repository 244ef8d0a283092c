"""Float32 linear layers through oneDNN on the CPU: same results up to rounding, torch's own where it must be."""

from __future__ import annotations

import io

import pytest
import torch

from summarizer import BilingualSummarizer
from summarizer.errors import InputError
import summarizer.models.cpu_linear as cpu_linear
from summarizer.models.cpu_linear import use_onednn_linears
from summarizer.models.loading import load_model

INPUTS = {
    "translator": ["قال المتحدث إن الاجتماع انتهى.", "وصل الوفد.", "أعلنت الوزارة يوم الاثنين عن خطة جديدة للمدارس."],
    "summarizer": ["The meeting ended on Monday after long talks.", "Rain fell."],
    "back_translator": [">>ara<< The meeting ended.", ">>ara<< Rain fell on the city for three days."],
    "direct_summarizer": ["قال المتحدث إن الاجتماع انتهى.", "أعلنت الوزارة عن خطة جديدة."],
}


def layers() -> torch.nn.Module:
    torch.manual_seed(0)
    return torch.nn.Sequential(torch.nn.Linear(64, 256), torch.nn.GELU(), torch.nn.Linear(256, 64, bias=False))


def test_switched_layers_compute_what_torchs_do():
    plain, switched = layers(), layers()
    assert use_onednn_linears(switched, min_weights=0) == 2
    assert all(type(m).__name__ == "OneDnnLinear" for m in switched if isinstance(m, torch.nn.Linear))
    # Rows as a decoding step has them (4 beams), an encoder's (batch x positions), one vector.
    for inputs in (torch.randn(4, 64), torch.randn(2, 37, 64), torch.randn(64), torch.randn(64, 5).t()):
        with torch.inference_mode():
            torch.testing.assert_close(switched(inputs), plain(inputs), rtol=1e-5, atol=1e-5)


def test_training_and_other_dtypes_keep_torchs_own():
    model = layers()
    use_onednn_linears(model, min_weights=0)
    inputs = torch.randn(3, 64, requires_grad=True)
    model(inputs).sum().backward()  # oneDNN's op has no backward: the gradient path is torch's
    assert inputs.grad is not None and model[0].weight.grad is not None
    half = layers().to(torch.bfloat16)
    assert use_onednn_linears(half, min_weights=0) == 0


def test_only_layers_large_enough_to_gain_are_switched():
    model = torch.nn.Sequential(torch.nn.Linear(512, 512), torch.nn.Linear(1024, 1024))
    assert use_onednn_linears(model) == 1
    assert [type(m).__name__ for m in model] == ["Linear", "OneDnnLinear"]


def test_a_switched_model_pickles():
    model = layers()
    use_onednn_linears(model, min_weights=0)
    buffer = io.BytesIO()
    torch.save(model, buffer)
    buffer.seek(0)
    again = torch.load(buffer, weights_only=False)
    assert type(again[0]).__name__ == "OneDnnLinear"
    inputs = torch.randn(2, 64)
    with torch.inference_mode():
        torch.testing.assert_close(again(inputs), model(inputs))


@pytest.mark.parametrize("role", list(INPUTS))
def test_loaded_models_run_their_linears_through_onednn_by_default(tiny_models, role, monkeypatch):
    monkeypatch.setattr(cpu_linear, "MIN_WEIGHTS", 0)  # the tiny models' layers are all small
    fast = load_model(tiny_models[role], device="cpu", backend="torch", linear_kernel="onednn")
    own = load_model(tiny_models[role], device="cpu", backend="torch", linear_kernel="torch")
    kinds = {type(m).__name__ for m in fast.model.modules() if isinstance(m, torch.nn.Linear)}
    assert kinds == {"OneDnnLinear"}
    assert not any(type(m).__name__ == "OneDnnLinear" for m in own.model.modules())
    batch = fast.tokenizer(INPUTS[role], return_tensors="pt", padding=True)
    start = torch.full((len(INPUTS[role]), 1), fast.model.config.decoder_start_token_id)
    with torch.inference_mode():
        logits = fast.model(**batch, decoder_input_ids=start).logits
        expected = own.model(**batch, decoder_input_ids=start).logits
    torch.testing.assert_close(logits, expected, rtol=1e-4, atol=1e-4)
    texts = fast.generate(INPUTS[role], max_new_tokens=8, num_beams=2)
    assert len(texts) == len(INPUTS[role]) and all(isinstance(t, str) for t in texts)


def test_an_unknown_linear_kernel_names_the_choices(tiny_models):
    with pytest.raises(InputError, match="onednn, torch"):
        load_model(tiny_models["translator"], device="cpu", backend="torch", linear_kernel="mkl")
    with pytest.raises(InputError, match="onednn, torch"):
        BilingualSummarizer(**tiny_models, linear_kernel="fast")


def test_the_command_line_passes_the_kernel_on():
    import argparse

    from summarizer.cli import add_model_arguments, summarizer_kwargs

    parser = argparse.ArgumentParser()
    add_model_arguments(parser)
    assert summarizer_kwargs(parser.parse_args([]))["load"]["linear_kernel"] == "torch"  # private torch op: opt-in
    assert summarizer_kwargs(parser.parse_args(["--linear-kernel", "onednn"]))["load"]["linear_kernel"] == "onednn"
    with pytest.raises(SystemExit):
        parser.parse_args(["--linear-kernel", "mkl"])
