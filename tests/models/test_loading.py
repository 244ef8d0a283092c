"""Loading models: float16 checkpoints on CPU."""

from __future__ import annotations

import shutil

import torch

from summarizer.models.loading import load_model


def test_float16_checkpoint_is_widened_on_cpu_unless_asked(tiny_models, tmp_path):
    # opus-mt-tc-big-en-ar ships float16 weights; CPUs have no fast float16 matmul.
    folder = tmp_path / "half"
    shutil.copytree(tiny_models["back_translator"], folder)
    loaded = load_model(str(folder), device="cpu", backend="torch")
    loaded.model.half().save_pretrained(folder)
    assert load_model(str(folder), device="cpu", backend="torch").model.dtype == torch.float32
    assert load_model(str(folder), device="cpu", backend="torch", dtype="auto").model.dtype == torch.float16  # as saved
    assert load_model(str(folder), device="cpu", backend="torch", dtype="float16").model.dtype == torch.float16
    widened = load_model(str(folder), device="cpu", backend="torch")
    assert widened.generate([">>ara<< The meeting ended."], max_new_tokens=4, num_beams=1)


def test_models_loaded_from_several_threads_at_once_are_whole(tiny_models):
    """transformers 5 builds models on the meta device: concurrent loads used to break each other."""
    import threading

    from summarizer.models.loading import load_model

    loaded, errors = [], []

    def load(path: str) -> None:
        try:
            loaded.append(load_model(path, device="cpu", backend="torch"))
        except Exception as error:  # noqa: BLE001 - collected for the assertion
            errors.append(repr(error))

    threads = [threading.Thread(target=load, args=(path,)) for path in [*tiny_models.values()] * 2]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(loaded) == 8 and not any(p.is_meta for m in loaded for p in m.model.parameters())
