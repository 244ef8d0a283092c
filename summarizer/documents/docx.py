"""Word (.docx) files to text with python-docx (MIT): the body's paragraphs in document order, no comments.

The paragraphs of the main document part are read in the order the file
holds them, those inside tables and text boxes included; comments live in
another part of the package and are never read, nor are headers, footers,
footnotes and deleted revisions. The title comes from the core properties.

Before python-docx parses anything, the ZIP container is checked with the
standard library: a file that is no ZIP, one whose members would unpack to
more than ``MAX_UNPACKED_RATIO`` times the file size (a ZIP bomb), or one
without ``word/document.xml`` is refused with an
:class:`~summarizer.errors.InputError`. python-docx parses XML with lxml
without resolving entities. Old binary ``.doc`` files are not read.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass
from typing import Any

from ..errors import InputError
from .arabic import normalize
from .limits import Deadline, DocumentOptions, document_options

__all__ = ["DocxText", "read_docx"]

MAX_UNPACKED_RATIO = 100
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass(frozen=True)
class DocxText:
    """What :func:`read_docx` found: the paragraphs (non-empty, in order) and the title."""

    paragraphs: tuple[str, ...]
    title: str | None


def _check_container(data: bytes, name: str, opts: DocumentOptions) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zlib.error, ValueError, OSError, EOFError, NotImplementedError) as error:
        raise InputError(f"{name} is not a readable Word file (not a valid .docx ZIP package: {error}); "
                         "save it again as .docx, or paste the text.") from error
    unpacked = sum(member.file_size for member in members)
    if unpacked > max(opts.max_bytes, MAX_UNPACKED_RATIO * len(data)):
        raise InputError(f"{name} unpacks to {unpacked:,} bytes, far more than its size: it is refused as a "
                         "ZIP bomb; save it again, or paste the text.")
    if not any(member.filename == "word/document.xml" for member in members):
        raise InputError(f"{name} has no word/document.xml: it is not a Word document (.docx).")


def _paragraph_text(paragraph: Any) -> str:
    parts = []
    for node in paragraph.iter(_W + "t", _W + "tab", _W + "br", _W + "cr", _W + "delText"):
        if node.tag == _W + "t":
            parts.append(node.text or "")
        elif node.tag != _W + "delText":
            parts.append(" ")
    return " ".join("".join(parts).split())


def read_docx(data: bytes, *, name: str = "the Word file",
              options: DocumentOptions | dict[str, Any] | None = None) -> DocxText:
    """Read the paragraphs and the title of a .docx file.

    Args:
        data: The file's bytes.
        name: How messages call the file.
        options: Limits (:class:`DocumentOptions`).

    Returns:
        The non-empty paragraphs in document order (NFKC) and the core-properties title.

    Raises:
        InputError: The file is not a .docx package, is a ZIP bomb, is malformed, or takes too long.
    """
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    opts = document_options(options)
    deadline = Deadline(opts.max_seconds, name)
    _check_container(data, name, opts)
    try:
        document = docx.Document(io.BytesIO(data))
        body = document.element.body
        paragraphs = []
        for index, paragraph in enumerate(body.iter(_W + "p")):
            if index % 200 == 0:
                deadline.check()
            text = normalize(_paragraph_text(paragraph))
            if text:
                paragraphs.append(text)
        title = (document.core_properties.title or "").strip() or None
    except InputError:
        raise
    except (PackageNotFoundError, KeyError, IndexError, ValueError, TypeError, AttributeError, zipfile.BadZipFile,
            zlib.error, EOFError, OSError, NotImplementedError, RuntimeError) as error:
        # Damage anywhere in the package: a member that fails to inflate (zlib.error), an unknown
        # compression method (NotImplementedError), an encrypted member (RuntimeError)...
        raise InputError(f"{name} is a damaged Word file ({type(error).__name__}: {error}); save it again "
                         "as .docx, or paste the text.") from error
    except Exception as error:  # lxml's XMLSyntaxError and python-docx's own errors on broken parts
        if type(error).__module__.startswith(("lxml", "docx")):
            raise InputError(f"{name} is a damaged Word file ({type(error).__name__}: {error}); save it "
                             "again as .docx, or paste the text.") from error
        raise
    return DocxText(paragraphs=tuple(paragraphs), title=normalize(title) if title else None)
