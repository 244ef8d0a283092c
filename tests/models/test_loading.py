"""Loading models: float16 checkpoints on CPU."""

from __future__ import annotations

import shutil

import torch

from summarizer.models.loading import load_model


def test_float16_checkpoint_is_widened_on_cpu_unless_asked(tiny_models, tmp_path):
    # opus-mt-tc-big-en-ar ships float16 weights; CPUs have no fast float16 matmul.
    folder = tmp_path / "half"
    shutil.copytree(tiny_models["back_translator"], folder)
    loaded = load_model(str(folder), device="cpu")
    loaded.model.half().save_pretrained(folder)
    assert load_model(str(folder), device="cpu").model.dtype == torch.float32
    assert load_model(str(folder), device="cpu", dtype="auto").model.dtype == torch.float16  # as saved
    assert load_model(str(folder), device="cpu", dtype="float16").model.dtype == torch.float16
    widened = load_model(str(folder), device="cpu")
    assert widened.generate([">>ara<< The meeting ended."], max_new_tokens=4, num_beams=1)
