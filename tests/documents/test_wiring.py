"""PDF and Word files through the command line and the batch: the same abstracts as for text."""

from __future__ import annotations

import json

import pytest

from summarizer import Article, InputError
from summarizer.batch.local import run_batch
from summarizer.cli import main
from pdfs import make_pdf

ARTICLE = ["أعلنت البلدية عن مشروع جديد لتجديد شبكة المياه في المدينة.",
           "وسيبدأ العمل في الشهر المقبل، حسب بيان رسمي صدر أمس."]


def _docx(path) -> str:
    import docx

    document = docx.Document()
    document.core_properties.title = "مشروع المياه"
    for paragraph in ARTICLE:
        document.add_paragraph(paragraph)
    document.save(path)
    return str(path)


class EchoSummarizer:
    """Keeps what it was given; a text with no letters fails as the real one does."""

    def __init__(self):
        self.inputs: list = []

    def summarize(self, text, **options):
        self.inputs.append(text)
        body = text.text if isinstance(text, Article) else text
        if not any(char.isalpha() for char in body):
            raise InputError("The text has no letters.")
        return type("Result", (), {"to_dict": lambda self: {"arabic_abstract": body}})()


def test_batch_records_with_a_path_are_read_as_documents(tmp_path):
    src = tmp_path / "in.jsonl"
    scanned = tmp_path / "scan.pdf"
    scanned.write_bytes(make_pdf([None]))
    lines = [{"id": "word", "path": _docx(tmp_path / "story.docx")}, {"id": "scan", "path": str(scanned)},
             {"id": "missing", "path": str(tmp_path / "nope.pdf")}, {"id": "blank", "path": "  "}]
    src.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")
    fake = EchoSummarizer()
    report = run_batch(fake, src, tmp_path / "out.jsonl")
    out = {line["id"]: line for line in map(json.loads, (tmp_path / "out.jsonl").read_text().splitlines())}
    assert out["word"]["ok"] and out["word"]["result"]["arabic_abstract"] == "\n\n".join(ARTICLE)
    assert isinstance(fake.inputs[0], Article) and fake.inputs[0].title == "مشروع المياه"
    assert "Page 1 of scan.pdf has no text layer" in out["scan"]["error"]
    assert "Cannot read" in out["missing"]["error"]
    assert "'path' field" in out["blank"]["error"]
    assert (report.records, report.failed) == (4, 3)


@pytest.fixture(scope="module")
def model_args(tiny_models) -> list[str]:
    flags = [f"--{role.replace('_', '-')}" for role in tiny_models]
    return [item for flag, path in zip(flags, tiny_models.values()) for item in (flag, path)] + ["--num-beams", "1"]


def test_the_command_line_summarizes_a_word_file_and_refuses_a_scan(tmp_path, model_args, capsys):
    assert main(["summarize", _docx(tmp_path / "story.docx"), "--json", *model_args, "--length", "short"]) == 0
    captured = capsys.readouterr()
    result = json.loads(captured.out)
    assert result["english_abstract"].strip() and result["arabic_abstract"].strip()
    assert result["source"]["title"] == "مشروع المياه" and len(result["sentences"]) == 2
    (tmp_path / "scan.pdf").write_bytes(make_pdf([None, None]))
    assert main(["summarize", str(tmp_path / "scan.pdf"), *model_args]) == 2
    assert "Page 1 of scan.pdf has no text layer: it is a scanned image" in capsys.readouterr().err
    (tmp_path / "long.pdf").write_bytes(make_pdf(["Page"] * 3))
    assert main(["summarize", str(tmp_path / "long.pdf"), "--max-pages", "2", *model_args]) == 2
    assert "has 3 pages, over the limit of 2" in capsys.readouterr().err
