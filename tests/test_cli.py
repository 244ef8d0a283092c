"""The ``summarizer`` command line with tiny models: each command, exit codes, errors, a killed batch resumed."""

from __future__ import annotations

import io
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from summarizer import cli
from summarizer.cli import BatchProgress, StageProgress, main

from conftest import serve_html

ARTICLE = "أعلنت البلدية عن مشروع جديد لتجديد شبكة المياه. وسيبدأ العمل في الشهر المقبل، حسب بيان رسمي."


@pytest.fixture(scope="module")
def model_args(tiny_models) -> list[str]:
    flags = [f"--{role.replace('_', '-')}" for role in tiny_models]
    return [item for flag, path in zip(flags, tiny_models.values()) for item in (flag, path)] + ["--num-beams", "1"]


def records(n: int, start: int = 0) -> list[str]:
    texts = {i: f"{ARTICLE} الخبر رقم {i}." for i in range(start, start + n)}
    return [json.dumps({"id": i, "text": text}, ensure_ascii=False) for i, text in texts.items()]


def lines_of(path) -> list[dict]:
    data = path.read_text(encoding="utf-8")
    assert data == "" or data.endswith("\n"), "the last line is broken"
    return [json.loads(line) for line in data.splitlines()]


def test_summarize_prints_both_abstracts(tmp_path, model_args, capsys):
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    assert main(["summarize", str(article), *model_args, "--length", "short"]) == 0
    out = capsys.readouterr().out
    english, arabic = out.split("الملخص العربي:")
    assert english.startswith("English abstract:\n") and english.split("\n", 1)[1].strip()
    assert arabic.strip()


REPO = Path(__file__).resolve().parents[1]


def test_readme_commands_name_example_files_that_exist():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    named = set(re.findall(r"summarizer summarize (\S+\.(?:txt|html))", readme))
    assert "examples/port-expansion.ar.txt" in named
    for name in {n for n in named if "://" not in n} - {"article.txt"}:
        assert (REPO / name).is_file(), f"README names {name}, which does not exist"


@pytest.mark.parametrize("name", ["port-expansion.ar.txt", "library-reopens.ar.html"])
def test_summarize_the_shipped_examples(name, model_args, capsys):
    assert main(["summarize", str(REPO / "examples" / name), "--json", *model_args, "--length", "short"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["english_abstract"].strip() and result["arabic_abstract"].strip()
    assert len(result["sentences"]) >= 4 and result["input_language"] == "ar"


def test_summarize_a_url(model_args, capsys):
    page = f"<html><head><title>خبر البلدية</title></head><body><p>{ARTICLE}</p></body></html>"
    with serve_html(page) as server:
        url = f"{server}/news"
        assert main(["summarize", url, *model_args]) == 2  # loopback: refused without the flag
        assert "loopback" in capsys.readouterr().err
        assert main(["summarize", url, "--json", "--allow-private-urls", *model_args]) == 0
        captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert data["source"]["title"] == "خبر البلدية" and data["source"]["url"] == url
    assert data["english_abstract"] and "title: خبر البلدية" in captured.err


def test_summarize_on_the_ctranslate2_backend(tmp_path, model_args, capsys):
    pytest.importorskip("ctranslate2")
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    converted = tmp_path / "converted"
    argv = ["summarize", str(article), "--json", *model_args, "--backend", "ctranslate2", "--converted-dir", str(converted)]
    assert main(argv) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["english_abstract"].strip() and result["arabic_abstract"].strip()
    assert len([p for p in converted.iterdir() if p.is_dir()]) == 3  # translator, summarizer, back-translator


def test_summarize_json_from_stdin(model_args, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(f"<html><body><p>{ARTICLE}</p></body></html>"))
    assert main(["summarize", "-", "--json", "--strategy", "direct", *model_args]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["english_abstract"].strip() and result["arabic_abstract"].strip()
    assert result["strategy"] == "direct" and result["sentences"][0]["source"].startswith("أعلنت")
    assert result["options"]["translation"]["num_beams"] == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "no such file"), ("   \n", "empty"), (b"\xff\xfe\x00bad", "not UTF-8")],
)
def test_summarize_errors_are_one_line(tmp_path, model_args, capsys, content, message):
    path = tmp_path / "article.txt"
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    assert main(["summarize", str(path), *model_args]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and message in err and len(err.strip().splitlines()) == 1


def test_unexpected_errors_are_one_line_unless_debug(monkeypatch, capsys):
    def broken(args):
        raise RuntimeError("something broke")

    monkeypatch.setitem(cli.COMMANDS, "models", broken)
    assert main(["models"]) == 1
    err = capsys.readouterr().err
    assert err.strip() == "error: unexpected RuntimeError: something broke (run with --debug for the traceback)"
    with pytest.raises(RuntimeError):
        main(["models", "--debug"])


@pytest.mark.parametrize("argv", [[], ["summarize"], ["summarize", "x", "--length", "huge"], ["batch", "in.jsonl"]])
def test_usage_errors_exit_2(argv, capsys):
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 2 and "usage:" in capsys.readouterr().err


def test_models_lists_every_preset(capsys):
    from summarizer import PRESETS

    assert main(["models"]) == 0
    out = capsys.readouterr().out
    assert all(f"{name}:" in out for name in PRESETS)
    assert "Helsinki-NLP/opus-mt-ar-en" in out and "CC-BY-NC-SA-4.0" in out


def test_download_without_the_hub_fails_in_one_line(tmp_path, capsys):
    code = main(["download", "--preset", "fast", "--role", "translator", "--cache-dir", str(tmp_path)])
    err = capsys.readouterr().err
    assert code == 2 and err.startswith("error: ") and "Traceback" not in err


def test_batch_writes_one_line_per_record_and_exit_codes(tmp_path, model_args, capsys):
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_text("\n".join(records(2)) + "\n", encoding="utf-8")
    assert main(["batch", str(src), str(out), "--length", "short", *model_args]) == 0
    lines = lines_of(out)
    assert [line["id"] for line in lines] == [0, 1] and all(line["ok"] for line in lines)
    assert lines[0]["result"]["english_abstract"] and lines[0]["result"]["arabic_abstract"]
    assert lines[0]["result"]["options"]["length"] == "short"
    err = capsys.readouterr().err
    assert "2/2 " in err and "2 records: 2 written, 0 already done; 0 failed." in err

    with open(src, "a", encoding="utf-8") as stream:
        stream.write('{"id": "empty", "text": ""}\n{oops\n' + records(1, start=2)[0] + "\n")
    assert main(["batch", str(src), str(out), "--no-progress", *model_args]) == 1
    lines = lines_of(out)
    verdicts = [(line["id"], line["ok"]) for line in lines]
    assert verdicts == [(0, True), (1, True), ("empty", False), ("line:4", False), (2, True)]
    err = capsys.readouterr().err
    assert err.strip() == f"5 records: 3 written, 2 already done; 2 failed (see the error lines in {out})."
    assert main(["batch", str(src), str(out), "--no-progress", *model_args]) == 1  # still failed records


def test_batch_groups_give_the_lines_of_one_at_a_time(tmp_path, model_args, capsys):
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join([*records(3), '{"id": "empty", "text": ""}']) + "\n", encoding="utf-8")
    assert main(["batch", str(src), str(tmp_path / "one.jsonl"), "--no-progress", *model_args]) == 1
    assert main(["batch", str(src), str(tmp_path / "two.jsonl"), "--no-progress", "--group", "2", *model_args]) == 1
    one, two = lines_of(tmp_path / "one.jsonl"), lines_of(tmp_path / "two.jsonl")
    for line in one + two:  # the times differ from run to run
        line.get("result", {}).pop("timings", None)
    assert one == two and [line["ok"] for line in two] == [True, True, True, False]
    assert main(["batch", str(src), str(tmp_path / "x.jsonl"), "--engine", "ray", "--group", "2", *model_args]) == 2
    assert "--group work with the local engine only" in capsys.readouterr().err


def test_batch_usage_errors(tmp_path, model_args, capsys):
    src = tmp_path / "in.jsonl"
    assert main(["batch", str(tmp_path / "missing.jsonl"), str(tmp_path / "out.jsonl"), *model_args]) == 2
    src.write_text(records(1)[0] + "\n", encoding="utf-8")
    assert main(["batch", str(src), str(src), *model_args]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0].endswith("missing.jsonl: no such file.") and "same file" in err[1]


@pytest.mark.slow
def test_a_killed_batch_resumes_with_every_record_once(tmp_path, model_args, capsys):
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    total = 6  # killed after 2 lines: some done, some not, is all that more records would show
    src.write_text("\n".join(records(total)) + "\n", encoding="utf-8")
    short = [*model_args, "--length", "short"]
    command = [sys.executable, "-m", "summarizer.cli", "batch", str(src), str(out), *short]
    with open(tmp_path / "stderr.txt", "wb") as stderr:
        env = {**os.environ, "HF_HUB_OFFLINE": "1", "OMP_NUM_THREADS": "1"}
        run = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=stderr, env=env)
        try:
            deadline = time.monotonic() + 180
            while not (out.exists() and out.read_bytes().count(b"\n") >= 2):
                assert run.poll() is None, (tmp_path / "stderr.txt").read_text()
                assert time.monotonic() < deadline, "the batch wrote nothing in time"
                time.sleep(0.02)
            run.send_signal(signal.SIGKILL)
        finally:
            run.kill()
            run.wait()
    assert run.returncode == -signal.SIGKILL
    written = out.read_bytes()
    done = [json.loads(line) for line in written.split(b"\n")[:-1]]  # every finished line is whole JSON
    assert 2 <= len(done) < total and [line["id"] for line in done] == list(range(len(done)))

    assert main(["batch", str(src), str(out), *short]) == 0
    lines = lines_of(out)
    assert Counter(line["id"] for line in lines) == Counter(range(total))
    assert all(line["ok"] and line["result"]["arabic_abstract"] for line in lines)
    assert out.read_bytes().startswith(written.rsplit(b"\n", 1)[0])  # finished lines were kept as they were
    assert f"{total} records: " in capsys.readouterr().err


def test_batch_progress_in_a_log_writes_few_lines():
    stream = io.StringIO()  # not a terminal: a line at most every 10 s, and the last one
    bar = BatchProgress(stream)
    for done in range(101):
        bar(done, 100)
    lines = [line for line in stream.getvalue().replace("\r", "\n").splitlines() if line.strip()]
    assert len(lines) <= 3 and "0/100" in lines[0] and "100/100" in lines[-1]


def test_stage_progress_names_each_stage():
    stream = io.StringIO()
    stages = StageProgress(stream)
    stages("cleaning", 1, 1)
    stages("translating", 3, 10)
    stages("translating", 10, 10)
    stages("summarizing", 1, 6)
    stages.close()
    text = stream.getvalue()
    assert "cleaning" in text and "translating" in text and "summarizing" in text
