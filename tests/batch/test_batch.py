"""Batch jobs: the record format, bad records, resuming after a kill at any byte, safety checks.

A fake summarizer keeps these fast; the command-line tests run real tiny models.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass

import pytest

from summarizer import Article, InputError, ModelNotAvailableError
from summarizer.batch.local import BatchFileError, iter_results, read_done, read_records, run_batch

from conftest import serve_html


@dataclass
class FakeResult:
    text: str
    source: dict | None = None

    def to_dict(self) -> dict:
        data = {"english_abstract": self.text.upper(), "arabic_abstract": self.text}
        return data | ({"source": self.source} if self.source else {})


class FakeSummarizer:
    """Summarizes by echoing; some texts fail the way real ones can."""

    def __init__(self):
        self.calls: list[tuple[str, dict]] = []
        self.groups: list[int] = []

    def summarize(self, text: str | Article, **options) -> FakeResult:
        source = None
        if isinstance(text, Article):  # a fetched page: the real summarizer keeps its source
            text, source = text.text, text.source.to_dict()
        self.calls.append((text, options))
        if text == "bad input":
            raise InputError("The text has no letters.")
        if text == "boom":
            raise RuntimeError("CUDA out of memory")
        if text == "no model":
            raise ModelNotAvailableError("model x is not cached")
        return FakeResult(text, source)

    def summarize_many(self, texts: list, **options) -> list[FakeResult]:
        self.groups.append(len(texts))
        return [self.summarize(text, **options) for text in texts]


def write_lines(path, lines: list[str]) -> None:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")


def good(n: int) -> list[str]:
    return [json.dumps({"id": f"doc-{i}", "text": f"نص رقم {i}"}, ensure_ascii=False) for i in range(n)]


def out_lines(path) -> list[dict]:
    raw = path.read_bytes()
    assert raw == b"" or raw.endswith(b"\n")
    return [json.loads(line) for line in raw.decode("utf-8").splitlines()]


def test_one_line_per_record_with_the_result(tmp_path):
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_lines(src, good(3))
    fake = FakeSummarizer()
    calls = []
    report = run_batch(fake, src, out, options={"length": "short"}, progress=lambda d, t: calls.append((d, t)))
    lines = out_lines(out)
    assert [line["id"] for line in lines] == ["doc-0", "doc-1", "doc-2"]
    assert all(line["ok"] and line["result"]["arabic_abstract"] for line in lines)
    assert fake.calls[0] == ("نص رقم 0", {"length": "short"})
    assert "نص رقم" in out.read_text(encoding="utf-8")  # Arabic as written, not \\u escapes
    assert calls == [(0, 3), (1, 3), (2, 3), (3, 3)]
    assert (report.records, report.written, report.skipped, report.failed, report.ok) == (3, 3, 0, 0, True)


def test_bad_records_get_error_lines_and_the_batch_goes_on(tmp_path):
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_bytes(
        "\n".join([
            '{"id": 1, "text": "أول"}',
            "{not json",
            '{"id": 1, "text": "مكرر"}',
            '{"id": "no-text"}',
            '{"id": "blank", "text": "   "}',
            '{"id": "number", "text": 5}',
            '["a", "list"]',
            '{"text": "بلا معرف"}',
            '{"id": "input", "text": "bad input"}',
            '{"id": "crash", "text": "boom"}',
            "",
            '{"id": "last", "text": "آخر"}',
        ]).encode("utf-8") + b"\n\xff\xfe\n"
    )
    report = run_batch(FakeSummarizer(), src, out)
    by_id = {(line["id"], line["ok"]): line for line in out_lines(out)}
    errors = {ident: line["error"] for (ident, ok), line in by_id.items() if not ok}
    assert set(errors) == {"line:2", 1, "no-text", "blank", "number", "line:7", "line:8", "input", "crash", "line:13"}
    assert "not valid JSON" in errors["line:2"]
    assert "duplicate id 1 (first on line 1)" in errors[1]
    assert "no 'text' field" in errors["no-text"] and "empty" in errors["blank"]
    assert "not a string" in errors["number"] and "not an object" in errors["line:7"]
    assert "no 'id' field" in errors["line:8"] and "no letters" in errors["input"]
    assert "RuntimeError" in errors["crash"] and "UTF-8" in errors["line:13"]
    assert (1, True) in by_id and ("last", True) in by_id
    assert (report.records, report.failed, report.ok) == (12, 10, False)


BAD_RECORDS = [
    '{"id": 1, "text": "أول"}', "{not json", '{"id": "input", "text": "bad input"}', '{"id": 2, "text": "ثان"}',
    '{"id": "crash", "text": "boom"}', '{"id": 3, "text": "ثالث"}', '{"id": 4, "text": "رابع"}',
]


@pytest.mark.parametrize("group_size", [2, 3, 10])
def test_groups_write_what_one_at_a_time_writes(tmp_path, group_size):
    src = tmp_path / "in.jsonl"
    write_lines(src, BAD_RECORDS)
    run_batch(FakeSummarizer(), src, tmp_path / "one.jsonl")
    fake, progress = FakeSummarizer(), []
    report = run_batch(fake, src, tmp_path / "grouped.jsonl", group_size=group_size,
                       progress=lambda done, total: progress.append(done))
    assert out_lines(tmp_path / "grouped.jsonl") == out_lines(tmp_path / "one.jsonl")
    assert progress == list(range(8)) and (report.written, report.failed) == (7, 3)
    assert fake.groups[0] == min(group_size, 7) - 1  # the invalid line never reaches the model
    # A group holding a bad text fails as a whole and is redone one record at a time: with groups of 2,
    # the first group ([1, invalid line]) has none.
    assert Counter(text for text, _ in fake.calls)["أول"] == (1 if group_size == 2 else 2)


def test_a_group_of_good_records_is_one_call(tmp_path):
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_lines(src, good(5))
    fake = FakeSummarizer()
    run_batch(fake, src, out, group_size=2, options={"length": "short"})
    assert fake.groups == [2, 2] and len(fake.calls) == 5  # the fifth record alone: summarize()
    assert [line["id"] for line in out_lines(out)] == [f"doc-{i}" for i in range(5)]
    with pytest.raises(ValueError, match="group_size"):
        run_batch(fake, src, tmp_path / "other.jsonl", group_size=0)


def test_a_model_that_cannot_load_stops_a_grouped_batch(tmp_path):
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_lines(src, [*good(2), '{"id": "m", "text": "no model"}'])
    with pytest.raises(ModelNotAvailableError):
        run_batch(FakeSummarizer(), src, out, group_size=3)
    assert out_lines(out) == []


def test_other_field_names(tmp_path):
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_lines(src, ['{"key": 7, "body": "نص"}'])
    run_batch(FakeSummarizer(), src, out, text_field="body", id_field="key")
    assert out_lines(out) == [{"id": 7, "ok": True, "result": {"english_abstract": "نص", "arabic_abstract": "نص"}}]


def test_rerunning_a_finished_batch_writes_nothing_and_keeps_the_verdict(tmp_path):
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_lines(src, [*good(2), '{"id": "x", "text": "bad input"}', '{"id": "doc-0", "text": "مكرر"}'])
    first = run_batch(FakeSummarizer(), src, out)
    before = out.read_bytes()
    fake = FakeSummarizer()
    again = run_batch(fake, src, out)
    assert out.read_bytes() == before and fake.calls == []
    assert (again.written, again.skipped, again.failed) == (0, 4, first.failed) and first.failed == 2


def test_ids_keep_their_json_type(tmp_path):
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_lines(src, ['{"id": 1, "text": "واحد"}', '{"id": "1", "text": "واحد"}'])
    run_batch(FakeSummarizer(), src, out)
    assert [(line["id"], line["ok"]) for line in out_lines(out)] == [(1, True), ("1", True)]


def test_a_run_killed_at_any_byte_resumes_to_every_record_exactly_once(tmp_path, monkeypatch):
    monkeypatch.setattr(os, "fsync", lambda fd: None)  # hundreds of runs; durability is not the point here
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_lines(src, [*good(3), '{"id": "doc-0", "text": "مكرر"}', "{broken", '{"id": "e", "text": " "}'])
    run_batch(FakeSummarizer(), src, out)
    complete = out.read_bytes()
    expected = Counter(json.dumps(line, sort_keys=True) for line in out_lines(out))
    for cut in range(len(complete) + 1):
        out.write_bytes(complete[:cut])
        report = run_batch(FakeSummarizer(), src, out)
        assert Counter(json.dumps(line, sort_keys=True) for line in out_lines(out)) == expected, cut
        partial = cut > 0 and complete[cut - 1] != ord("\n")
        assert report.dropped_partial_line == partial


def test_a_damaged_last_line_is_dropped_and_redone(tmp_path):
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_lines(src, good(2))
    out.write_text('{"id": "doc-0", "ok": true, "result": {}}\n{"id": "doc-1", "ok": tr\n', encoding="utf-8")
    report = run_batch(FakeSummarizer(), src, out)
    assert [line["id"] for line in out_lines(out)] == ["doc-0", "doc-1"]
    assert report.dropped_partial_line and report.written == 1


def test_refuses_an_output_it_did_not_write(tmp_path):
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_lines(src, good(2))
    write_lines(out, ["not a result line", '{"id": "doc-0", "ok": true, "result": {}}'])
    before = out.read_bytes()
    with pytest.raises(BatchFileError, match="line 1 is not a batch result line"):
        run_batch(FakeSummarizer(), src, out)
    assert out.read_bytes() == before


def test_refuses_to_overwrite_its_input(tmp_path):
    src = tmp_path / "in.jsonl"
    write_lines(src, good(1))
    with pytest.raises(BatchFileError, match="same file"):
        run_batch(FakeSummarizer(), src, src)


def test_a_second_run_on_the_same_output_is_refused(tmp_path):
    fcntl = pytest.importorskip("fcntl")
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_lines(src, good(1))
    with open(out, "ab") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        with pytest.raises(BatchFileError, match="another batch run"):
            run_batch(FakeSummarizer(), src, out)


def test_a_model_that_cannot_load_stops_the_batch_without_error_lines(tmp_path):
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_lines(src, [*good(1), '{"id": "m", "text": "no model"}', *good(2)[1:]])
    with pytest.raises(ModelNotAvailableError):
        run_batch(FakeSummarizer(), src, out)
    assert [line["id"] for line in out_lines(out)] == ["doc-0"]


def test_read_records_and_results(tmp_path):
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_lines(src, ["", *good(2), "  "])
    records = read_records(src)
    assert [(r.line, r.id, r.error) for r in records] == [(2, "doc-0", None), (3, "doc-1", None)]
    run_batch(FakeSummarizer(), src, out)
    with open(out, "ab") as stream:
        stream.write(b'{"id": "half')
    assert [entry["id"] for entry in iter_results(out)] == ["doc-0", "doc-1"]
    done, size = read_done(out)
    assert set(done) == {'"doc-0"', '"doc-1"'} and size == out.stat().st_size - len(b'{"id": "half')


@pytest.fixture
def page_server():
    """One Arabic page on 127.0.0.1, served at /story."""
    page = ("<html><head><title>عنوان الخبر</title></head><body><article><p>"
            "قالت الوزارة إن المحادثات ستستأنف الأسبوع المقبل في العاصمة.</p></article></body></html>")
    with serve_html(page, "/story") as server:
        yield server


def test_url_records_are_fetched_and_refusals_are_error_lines(tmp_path, page_server):
    src = tmp_path / "in.jsonl"
    write_lines(src, [
        json.dumps({"id": "page", "url": f"{page_server}/story"}),
        json.dumps({"id": "gone", "url": f"{page_server}/gone"}),
        json.dumps({"id": "ftp", "url": "ftp://example.org/a"}),
        json.dumps({"id": "empty", "url": ""}),
    ])
    fake = FakeSummarizer()
    run_batch(fake, src, tmp_path / "refused.jsonl")
    refused = out_lines(tmp_path / "refused.jsonl")
    assert "loopback" in refused[0]["error"] and not refused[0]["ok"]
    assert fake.calls == []

    report = run_batch(fake, src, tmp_path / "out.jsonl", allow_private_urls=True)
    lines = {line["id"]: line for line in out_lines(tmp_path / "out.jsonl")}
    assert lines["page"]["ok"] and lines["page"]["result"]["source"]["title"] == "عنوان الخبر"
    assert lines["page"]["result"]["source"]["url"] == f"{page_server}/story"
    assert "المحادثات ستستأنف" in fake.calls[0][0]
    assert "HTTP 404" in lines["gone"]["error"]
    assert "only http:// and https://" in lines["ftp"]["error"]
    assert "'url' field" in lines["empty"]["error"]
    assert (report.records, report.failed) == (4, 3)
