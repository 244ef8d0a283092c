"""The Ray engine with tiny models on a local Ray instance: same lines as the local batch, bad records, resume.

One Ray instance of two CPUs for the session (``ray_instance`` in conftest);
greedy decoding, short abstracts, the direct strategy and 24 records keep it
fast: every kind of bad record, in both halves of a resumed run, and more
batches than workers are all that more records would add. Skipped when Ray
is missing, except the checks that the core package never imports it.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from collections import Counter

import pytest

from summarizer.cli import main

# Made-up news sentences (verb, subject, object, sometimes a tail): varied, short, Arabic.
VERBS = ["افتتحت", "أجلت", "أطلقت", "وسعت", "أصلحت", "مولت"]
SUBJECTS = ["البلدية", "الوزارة", "الحكومة", "اللجنة", "الشركة", "الجامعة"]
OBJECTS = ["المستشفى", "الطريق", "السوق", "المدرسة", "المعرض", "المحطة", "الحديقة", "الملعب"]
TAILS = ["أمس", "اليوم", "في المدينة", "بتكلفة ٣٠ مليون دينار", "بمشاركة ١٢٠ عاملا"]
FAST = ["--num-beams", "1", "--length", "short", "--strategy", "direct", "--no-progress"]
TOTAL = 24


def article(rng: random.Random) -> str:
    """Two or three sentences; short, as the tiny models' cost grows with length."""
    sentences = []
    for _ in range(rng.choice((2, 2, 3))):
        tail = f" {rng.choice(TAILS)}" if rng.random() < 0.2 else ""
        sentences.append(f"{rng.choice(VERBS)} {rng.choice(SUBJECTS)} {rng.choice(OBJECTS)}{tail}.")
    return " ".join(sentences)


def input_lines() -> list[str]:
    """24 records; a few are bad in every way the batch knows, one breaks only in the library."""
    rng = random.Random(7)
    lines = [json.dumps({"id": f"doc-{i}", "text": article(rng)}, ensure_ascii=False) for i in range(TOTAL)]
    lines[2] = "{not json"
    lines[4] = json.dumps({"id": "no-text"})
    lines[7] = json.dumps({"id": "empty", "text": "  "})
    lines[10] = json.dumps({"text": "لا معرف"}, ensure_ascii=False)
    lines[13] = json.dumps({"id": "digits", "text": "١٢٣ ٤٥٦"}, ensure_ascii=False)  # no letters: InputError
    lines[16] = json.dumps({"id": "doc-5", "text": "مكرر"}, ensure_ascii=False)  # repeats one of the first half
    lines[20] = json.dumps({"id": "doc-18", "text": "مكرر"}, ensure_ascii=False)  # repeats one of this half
    lines[22] = json.dumps({"id": 22, "text": ["not", "text"]})
    return lines


def write(path, lines: list[str]) -> None:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")


def read(path) -> list[dict]:
    data = path.read_text(encoding="utf-8")
    assert data == "" or data.endswith("\n"), "the last line is broken"
    return [json.loads(line) for line in data.splitlines()]


def by_id(lines: list[dict]) -> dict[str, list[dict]]:
    """Lines grouped by id, each without its timings."""
    out: dict[str, list[dict]] = {}
    for line in lines:
        if line["ok"]:
            line = {**line, "result": {k: v for k, v in line["result"].items() if k != "timings"}}
        out.setdefault(json.dumps(line["id"]), []).append(line)
    return out


def test_the_core_package_does_not_import_ray():
    code = "import sys, summarizer, summarizer.cli, summarizer.batch.ray_batch; sys.exit('ray' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_a_missing_ray_is_named_with_the_install_command(tmp_path, monkeypatch, capsys):
    from summarizer.batch.ray_engine import INSTALL, RayNotInstalledError, require_ray

    monkeypatch.setitem(sys.modules, "ray", None)  # import ray now fails, as if not installed
    with pytest.raises(RayNotInstalledError, match="bilingual-summarizer\\[ray\\]"):
        require_ray()
    write(tmp_path / "in.jsonl", ['{"id": 1, "text": "نص"}'])
    assert main(["batch", str(tmp_path / "in.jsonl"), str(tmp_path / "out.jsonl"), "--engine", "ray"]) == 2
    assert INSTALL in capsys.readouterr().err


@pytest.fixture(scope="module")
def ray_instance():
    ray = pytest.importorskip("ray")
    pytest.importorskip("ray.data")
    ray.init(num_cpus=2, include_dashboard=False, configure_logging=False,
             runtime_env={"env_vars": {"HF_HUB_OFFLINE": "1", "OMP_NUM_THREADS": "1"}})
    yield ray
    ray.shutdown()


@pytest.fixture(scope="module")
def model_args(tiny_models) -> list[str]:
    pairs = [(f"--{role.replace('_', '-')}", path) for role, path in tiny_models.items()]
    return [item for pair in pairs for item in pair] + FAST


@pytest.fixture(scope="module")
def local_lines(tiny_models, model_args, tmp_path_factory) -> list[dict]:
    """The local batch's output for the 200 records: what Ray must match."""
    folder = tmp_path_factory.mktemp("local")
    write(folder / "in.jsonl", input_lines())
    assert main(["batch", str(folder / "in.jsonl"), str(folder / "out.jsonl"), *model_args]) == 1
    return read(folder / "out.jsonl")


@pytest.mark.slow
def test_ray_matches_the_local_batch_and_resumes(local_lines, ray_instance, model_args, tmp_path, capsys):
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    ray_args = ["--engine", "ray", "--num-workers", "2", *model_args]
    write(src, input_lines()[: TOTAL // 2])
    assert main(["batch", str(src), str(out), *ray_args]) == 1
    assert len(read(out)) == TOTAL // 2
    with open(out, "ab") as stream:
        stream.write(b'{"id": "doc-11", "ok": tr')  # a run killed mid-line

    write(src, input_lines())
    assert main(["batch", str(src), str(out), *ray_args]) == 1
    err = capsys.readouterr().err
    assert f"{TOTAL} records: {TOTAL // 2} written, {TOTAL // 2} already done; 8 failed" in err
    lines = read(out)
    assert Counter(json.dumps(line["id"]) for line in lines) == Counter(json.dumps(line["id"]) for line in local_lines)
    assert by_id(lines) == by_id(local_lines)  # same results (and errors), one line per record
    errors = {line["id"]: line["error"] for line in lines if not line["ok"]}
    assert set(errors) == {"line:3", "no-text", "empty", "line:11", "digits", "doc-5", "doc-18", 22}
    assert "no letters" in errors["digits"] and "duplicate" in errors["doc-18"]
    doc_18 = [line["ok"] for line in lines if line["id"] == "doc-18"]
    assert doc_18 == [True, False]  # the lines of one id keep input order, whatever finished first

    assert main(["batch", str(src), str(out), *ray_args]) == 1
    assert f"{TOTAL} records: 0 written, {TOTAL} already done; 8 failed" in capsys.readouterr().err
    assert read(out) == lines


def test_parquet_in_and_out_with_a_journal(ray_instance, tiny_models, tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    from summarizer.batch.ray_batch import run_ray_batch

    rng = random.Random(3)
    rows = [{"id": i, "text": article(rng)} for i in range(4)] + [{"id": None, "text": "نص"}, {"id": 9, "text": ""}]
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "in.parquet")
    kwargs = {**tiny_models, "options": {"translation": {"num_beams": 1}, "summary": {"num_beams": 1}}}
    options = {"length": "short", "strategy": "direct"}
    run = lambda: run_ray_batch(tmp_path / "in.parquet", tmp_path / "out.parquet",  # noqa: E731
                                summarizer_kwargs=kwargs, options=options)
    report = run()
    assert (report.records, report.written, report.failed) == (6, 6, 2)
    table = pq.read_table(tmp_path / "out.parquet")
    assert table.column_names == ["id", "ok", "result", "error"]
    assert pa.types.is_string(table.schema.field("id").type)  # row:5 beside numbers: ids as JSON text
    got = {row["id"]: row for row in table.to_pylist()}
    assert set(got) == {"0", "1", "2", "3", '"row:5"', "9"}
    assert json.loads(got["0"]["result"])["arabic_abstract"] and got["0"]["error"] is None
    assert got['"row:5"']["error"] == "row 5 has no 'id' field." and got["9"]["result"] is None
    assert len(read(tmp_path / "out.parquet.jsonl")) == 6  # the journal a re-run resumes from
    assert run().written == 0 and pq.read_table(tmp_path / "out.parquet").num_rows == 6


def test_summarize_dataset_in_a_notebook(ray_instance, tiny_models):
    from summarizer.batch.ray_engine import summarize_dataset

    rows = [{"id": "a", "text": "افتتحت البلدية المعرض الثقافي."}, {"id": "b", "text": None},
            {"id": None, "text": "نص بلا معرف."}]
    dataset = ray_instance.data.from_items(rows)
    results = summarize_dataset(
        dataset, num_workers=1, options={"length": "short", "strategy": "direct"},
        summarizer_kwargs={**tiny_models, "options": {"translation": {"num_beams": 1}, "summary": {"num_beams": 1}}},
    )
    got = sorted(results.take_all(), key=lambda row: str(row["id"]))
    assert [(row["id"], row["ok"]) for row in got] == [(None, False), ("a", True), ("b", False)]
    assert got[0]["error"] == "a record has no 'id' field." and got[2]["error"] == "no 'text' field."
    result = json.loads(got[1]["result"])
    assert result["english_abstract"] and result["sentences"][0]["source"].startswith("افتتحت")
