"""PDFs that mix Arabic and Latin in one line, written here, read back: ``python benchmarks/mixed_pdfs.py``.

The shared PDFs hold few lines that mix the two scripts. This script writes
some with fpdf2 and HarfBuzz (shaped Arabic, DejaVu Sans): two paragraphs of
Arabic with Latin names, numbers and brackets, and two of English with
Arabic names, each set flush right, flush left and justified, so that a
line's direction cannot be read off its alignment alone. Each PDF is read by
PDFium, pypdf and our reader (:func:`summarizer.documents.pdf.read_pdf_pages`);
the script prints the word-bigram F1 against the sentences written (the word
order) and whether the text is exact (after NFKC, white space collapsed).

fpdf2 (LGPL-3.0) and uharfbuzz are not dependencies of the project: the PDFs
are written by a Python that has them (``write DIR``), then scored by the
project's (``score DIR``)::

    python -m venv /tmp/gen && /tmp/gen/bin/pip install fpdf2 uharfbuzz
    /tmp/gen/bin/python benchmarks/mixed_pdfs.py write /tmp/mixed
    python benchmarks/mixed_pdfs.py score /tmp/mixed
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

TEXTS = {
    "arabic": [
        "قال المتحدث باسم صندوق النقد الدولي (IMF) إن معدل النمو بلغ 3.9% في عام 2017 مقارنة مع 2.5% "
        "في العام الذي سبقه.",
        "وأضاف أن برنامج Microsoft Office و نظام Linux يستخدمان في أكثر من 120 دولة حول العالم.",
        "وقد نشرت صحيفة The New York Times تقريرا عن الاقتصاد الأردني يوم 12 مارس.",
    ],
    "english": [
        "The minister of finance, محمد العسعس, said the budget deficit fell to 2.3 percent.",
        "Prices in عمان rose by 4 percent in March, according to دائرة الإحصاءات العامة officials.",
    ],
}
ALIGNS = {"R": "flush right", "L": "flush left", "J": "justified"}


def write(folder: Path) -> None:
    from fpdf import FPDF

    folder.mkdir(parents=True, exist_ok=True)
    for name, paragraphs in TEXTS.items():
        for align in ALIGNS:
            pdf = FPDF()
            pdf.add_page()
            pdf.add_font("dejavu", fname=FONT)
            pdf.set_font("dejavu", size=13)
            pdf.set_text_shaping(True)
            for paragraph in paragraphs:
                pdf.multi_cell(w=120, text=paragraph, align=align, new_x="LMARGIN", new_y="NEXT")
                pdf.ln(4)
            pdf.output(str(folder / f"{name}_{align}.pdf"))


def score(folder: Path) -> None:
    sys.path.insert(0, str(HERE.parent))
    sys.path.insert(0, str(HERE))
    import documents as bench

    from summarizer.documents.pdf import read_pdf_pages

    readers = {
        "pypdfium2": lambda data: " ".join(bench._pdfium(data)),
        "pypdf": lambda data: " ".join(bench._pypdf(data)),
        "ours": lambda data: " ".join(page.text for page in read_pdf_pages(data).pages),
    }
    print("Mixed-script PDFs written with fpdf2: word-bigram F1 (EXACT where the text is exact)")
    for name, paragraphs in TEXTS.items():
        gold = " ".join(paragraphs)
        for align, label in ALIGNS.items():
            data = (folder / f"{name}_{align}.pdf").read_bytes()
            row = []
            for reader, read in readers.items():
                text = read(data)
                exact = " EXACT" if bench._same(text) == bench._same(gold) else ""
                row.append(f"{reader} {bench.score(text, gold)['bigram_f1']:.2f}{exact}")
            print(f"  {name:8s} {label:12s} " + " | ".join(row))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("step", choices=("write", "score"))
    parser.add_argument("folder", type=Path)
    args = parser.parse_args()
    if args.step == "write":
        write(args.folder)
    else:
        score(args.folder)


if __name__ == "__main__":
    main()
