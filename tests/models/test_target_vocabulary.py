"""A Marian translator writes only its target language's pieces, on torch and on CTranslate2 alike."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from summarizer.models.loading import load_model
from summarizer.models.target_vocabulary import VOCABULARY_MAP, source_only_ids, source_only_tokens

ARABIC = ["قال الرئيس إن الاقتصاد نما بنسبة ٣٪ هذا العام، وفقا للتقرير.", "مرحبا بكم في المدينة"]
ENGLISH = ["The report said the economy grew by 3% this year.", "Hello and welcome to the city."]


@pytest.fixture(scope="module")
def translator(tiny_models):
    return load_model(tiny_models["translator"], backend="torch", device="cpu")


@pytest.fixture(scope="module")
def tempted(translator, tmp_path_factory) -> tuple[str, set[int]]:
    """The tiny translator with a large output bias on every source-only piece: unrestricted, it writes only those."""
    import torch

    banned = set(source_only_ids(translator.tokenizer))
    folder = tmp_path_factory.mktemp("tempted")
    model = load_model(str(Path(translator.name)), backend="torch", device="cpu").model
    with torch.no_grad():
        model.final_logits_bias[0, sorted(banned)] = 20.0
    model.generation_config.suppress_tokens = None
    model.save_pretrained(folder)
    translator.tokenizer.save_pretrained(folder)
    return str(folder), banned


def test_source_only_pieces_are_never_a_target_piece(translator):
    tokenizer = translator.tokenizer
    banned = source_only_tokens(tokenizer)
    assert banned and len(banned) < len(tokenizer.encoder) / 2 + 10
    assert tokenizer.eos_token not in banned and tokenizer.unk_token not in banned
    target_ids = tokenizer(text_target=ENGLISH + ["Gaza, 2024: 1,500 people (UN)."])["input_ids"]
    assert not {i for row in target_ids for i in row} & set(source_only_ids(tokenizer))
    source_ids = tokenizer(ARABIC)["input_ids"]
    assert {i for row in source_ids for i in row} & set(source_only_ids(tokenizer))


def test_other_tokenizers_have_nothing_to_leave_out(tiny_models):
    summarizer = load_model(tiny_models["summarizer"], backend="torch", device="cpu")
    assert source_only_tokens(summarizer.tokenizer) == []
    assert not summarizer.model.generation_config.suppress_tokens


def test_torch_never_writes_a_source_only_piece(tempted):
    folder, banned = tempted
    model = load_model(folder, backend="torch", device="cpu")
    batch = model.tokenizer(ARABIC, return_tensors="pt", padding=True)
    for beams in (1, 3):
        written = model.model.generate(**batch, max_new_tokens=12, min_new_tokens=12, num_beams=beams)
        assert not set(written.flatten().tolist()) & banned
    model.model.generation_config.suppress_tokens = None  # the checkpoint as it was saved
    written = model.model.generate(**batch, max_new_tokens=12, min_new_tokens=12, num_beams=1)
    assert set(written.flatten().tolist()) & banned


def test_ctranslate2_uses_a_vocabulary_map_and_agrees_with_torch(tempted, tmp_path):
    pytest.importorskip("ctranslate2")
    from summarizer.models.convert import convert_model

    folder, banned = tempted
    converted = Path(convert_model(folder, str(tmp_path / "ct2"), quantization="float32"))
    torch_model = load_model(folder, backend="torch", device="cpu")
    ct2_model = load_model(str(converted), compute_type="float32")
    assert ct2_model.vocabulary_map
    kept = (converted / VOCABULARY_MAP).read_text(encoding="utf-8").removeprefix("\t").split()
    names = set(torch_model.tokenizer.convert_ids_to_tokens(sorted(banned)))
    assert kept and not set(kept) & names and "</s>" in kept
    greedy = {"max_new_tokens": 12, "min_new_tokens": 12, "num_beams": 1}
    expected = torch_model.generate(ARABIC, **greedy)
    assert ct2_model.generate(ARABIC, **greedy) == expected
    for beams in (1, 4):
        written = ct2_model.model.translate_batch(
            [ct2_model.tokenizer.convert_ids_to_tokens(row) for row in ct2_model.tokenizer(ARABIC)["input_ids"]],
            beam_size=beams, max_decoding_length=12, min_decoding_length=12, use_vmap=True,
        )
        assert not {t for r in written for t in r.hypotheses[0]} & names
    # Without the map, the biased model writes those pieces: the map is what keeps them out.
    unmapped = dataclasses.replace(ct2_model, vocabulary_map=False)
    assert unmapped.generate(ARABIC, **greedy) != expected


def test_an_older_conversion_gets_its_map_on_load(converted_translator):
    folder = Path(converted_translator)
    (folder / VOCABULARY_MAP).unlink()
    model = load_model(str(folder))
    assert model.vocabulary_map and (folder / VOCABULARY_MAP).is_file()


def test_a_folder_that_cannot_be_written_runs_on_the_whole_vocabulary(converted_translator, monkeypatch):
    folder = Path(converted_translator)
    (folder / VOCABULARY_MAP).unlink()

    def refuse(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "write_text", refuse)
    model = load_model(str(folder))
    assert not model.vocabulary_map and not (folder / VOCABULARY_MAP).exists()
    assert model.generate(ARABIC, max_new_tokens=5, num_beams=1)


@pytest.fixture
def converted_translator(tiny_models, tmp_path):
    pytest.importorskip("ctranslate2")
    from summarizer.models.convert import convert_model

    return convert_model(tiny_models["translator"], str(tmp_path / "ct2"))


def test_whole_vocabulary_scores_every_entry_on_both_engines(tempted, tmp_path):
    pytest.importorskip("ctranslate2")
    from summarizer.models.convert import convert_model

    folder, banned = tempted
    torch_model = load_model(folder, backend="torch", device="cpu", whole_vocabulary=True)
    assert not torch_model.model.generation_config.suppress_tokens
    batch = torch_model.tokenizer(ARABIC, return_tensors="pt", padding=True)
    assert set(torch_model.model.generate(**batch, max_new_tokens=8, num_beams=1).flatten().tolist()) & banned
    converted = convert_model(folder, str(tmp_path / "ct2"), quantization="float32")
    ct2_model = load_model(converted, compute_type="float32", whole_vocabulary=True)
    assert not ct2_model.vocabulary_map
    greedy = {"max_new_tokens": 12, "min_new_tokens": 12, "num_beams": 1}
    assert ct2_model.generate(ARABIC, **greedy) == torch_model.generate(ARABIC, **greedy)


def test_a_result_says_whether_the_translators_wrote_target_pieces_only(tiny_models):
    from summarizer import BilingualSummarizer

    text = " ".join(ARABIC) + " وقال المتحدث إن الاجتماع انتهى مساء الاثنين بعد ساعات من النقاش."
    for load, expected in (({}, True), ({"whole_vocabulary": True}, False)):
        result = BilingualSummarizer(**tiny_models, backend="torch", load=load).summarize(text)
        flags = {m.role: m.target_pieces_only for m in result.models}
        assert flags == {"translator": expected, "summarizer": False, "back_translator": expected}
        assert result.to_dict()["models"][0]["target_pieces_only"] is expected
