"""The ``summarizer`` command line: a thin shell over the library.

``summarizer summarize FILE|-|URL`` prints both abstracts (``--json`` the whole
result; a URL is fetched first, see :func:`summarizer.fetch_article`, a .pdf or .docx file read with
:func:`summarizer.read_document`); ``summarizer batch IN.jsonl OUT.jsonl`` summarizes a JSON-lines file,
resumably (see :mod:`summarizer.batch.local`), here or with ``--engine ray`` on a
Ray cluster (see :mod:`summarizer.batch.ray_batch`); ``summarizer download`` fetches a
preset's models; ``summarizer models`` lists them.

Errors reach the user as one line on stderr and a non-zero exit code: 2 for
usage errors (bad arguments, unreadable files, unknown models), 1 when a batch
record failed or something unexpected broke; ``--debug`` shows the traceback
instead. All work is the library's; :func:`add_model_arguments` and
:func:`make_summarizer` are shared with the demo.
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import json
import logging
import sys
from pathlib import Path
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TextIO

from .errors import SummarizerError
from .models.convert import QUANTIZATIONS
from .models.cpu_linear import LINEAR_KERNELS
from .models.load_options import BACKENDS, LoadOptions
from .options import LENGTHS, STRATEGIES
from .presets import PRESETS, ROLES

if TYPE_CHECKING:
    from .batch.local import BatchReport
    from .pipeline import BilingualSummarizer


class HelpFormatter(argparse.ArgumentDefaultsHelpFormatter):
    """Every option's help ends with its default, unless it has none to show."""

    def _get_help_string(self, action: argparse.Action) -> str:
        if action.default is None or isinstance(action.default, bool) or "default" in (action.help or ""):
            return action.help or ""
        return super()._get_help_string(action)


def build_parser() -> argparse.ArgumentParser:
    """The parser of every command."""
    parser = argparse.ArgumentParser(prog="summarizer", description="English and Arabic abstracts of Arabic articles.",
                                     formatter_class=HelpFormatter)
    parser.add_argument("--debug", action="store_true", help="show tracebacks and debug logs")
    # Also accepted after the command name; SUPPRESS keeps it from resetting the one above.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser = functools.partial(commands.add_parser, formatter_class=HelpFormatter)  # type: ignore[method-assign]

    run = commands.add_parser("summarize", parents=[common],
                              help="summarize one article file (or - for stdin, or an http(s):// URL)")
    run.add_argument("file", help="a .txt, .html, .pdf or .docx file, - to read stdin, or an http:// or https:// "
                     "page to fetch")
    run.add_argument("--max-file-mb", type=float, default=50.0, metavar="MB",
                     help="largest .pdf or .docx file read (default: 50)")
    run.add_argument("--max-pages", type=positive, default=300, metavar="N",
                     help="most pages of a PDF read; a longer one is refused (default: 300)")
    run.add_argument("--ocr", action="store_true",
                     help="read scanned PDF pages by OCR (the [ocr] extra and Tesseract's Arabic model)")
    run.add_argument("--allow-private-urls", action="store_true",
                     help="also fetch from loopback and private addresses (refused by default)")
    run.add_argument("--json", action="store_true", help="print the whole result as JSON")
    run.add_argument("--no-progress", dest="progress", action="store_false",
                     help="no stage progress on stderr (shown only on a terminal)")
    add_model_arguments(run)
    add_option_arguments(run)

    batch = commands.add_parser(
        "batch", parents=[common], help="summarize a JSON-lines file of articles; re-run to resume",
        description="One output line per input record: "
        '{"id": ..., "ok": true, "result": {...}} or {"id": ..., "ok": false, "error": "..."}. '
        "Re-running skips the records already in OUT. Exit code 0 if every record succeeded, 1 if any failed.",
    )
    batch.add_argument("input", help="JSON-lines file, one object per line")
    batch.add_argument("output", help="JSON-lines file of results, created or resumed")
    batch.add_argument("--text-field", default="text",
                       help="key of the article in each record (default: text); a record may give a 'url' instead")
    batch.add_argument("--allow-private-urls", action="store_true",
                       help="fetch 'url' records from loopback and private addresses too (local engine)")
    batch.add_argument("--id-field", default="id", help="key of the record id (default: id)")
    batch.add_argument("--no-progress", dest="progress", action="store_false", help="no progress bar on stderr")
    batch.add_argument(
        "--engine", choices=("local", "ray"), default="local",
        help="local: in this process (--group records at a time); ray: a pool of Ray actors, JSON lines or "
        '.parquet files (pip install "bilingual-summarizer[ray]")',
    )
    batch.add_argument(
        "--group", type=positive, default=1, metavar="N",
        help="local engine: summarize N records together, their sentences batched in each model; a failed group "
        "is redone one record at a time (default: 1, one at a time)",
    )
    batch.add_argument(
        "--address", help="Ray cluster: auto, or ray://HOST:10001 (default: start a local Ray instance)"
    )
    batch.add_argument("--num-workers", type=positive, default=1, metavar="N", help="Ray actors (default: 1)")
    batch.add_argument(
        "--gpus-per-worker", type=_non_negative, default=0.0, metavar="G", help="GPUs per Ray actor (default: 0)"
    )
    add_model_arguments(batch)
    add_option_arguments(batch)

    fetch = commands.add_parser("download", parents=[common], help="fetch a preset's models into the hub cache")
    fetch.add_argument("--preset", choices=list(PRESETS), default="balanced", help="models to fetch (summarizer models)")
    fetch.add_argument("--role", dest="roles", action="append", choices=ROLES, help="only this role (repeatable)")
    fetch.add_argument("--cache-dir", help="hub cache folder (default: the Hugging Face cache)")
    fetch.add_argument("--backend", choices=BACKENDS, default="auto",
                       help="convert the models for CTranslate2 now when this engine runs them here (auto: on a CPU)")
    fetch.add_argument("--converted-dir",
                       help="where CTranslate2 conversions are kept; unset: ~/.cache/bilingual-summarizer/ct2")

    commands.add_parser("models", parents=[common], help="list the presets with model ids, sizes and licences",
                        description="The presets, each with its models per role: parameters, download size and "
                        "licence. Every preset runs on CTranslate2 int8 on a CPU and on torch on a GPU by default "
                        "(--backend).")
    add_convert_command(commands, parents=[common])
    return parser


def add_model_arguments(parser: argparse.ArgumentParser) -> None:
    """The preset, per-role model overrides and loading options, named after BilingualSummarizer's arguments."""
    parser.add_argument("--preset", choices=list(PRESETS), default="balanced",
                        help="models to use: fast, balanced or quality, instruct (see: summarizer models)")
    for role in ROLES:
        flag = f"--{role.replace('_', '-')}"
        parser.add_argument(flag, dest=role, metavar="ID_OR_PATH", help=f"{role} model (overrides the preset's)")
    parser.add_argument("--device", help="cpu, cuda, cuda:N or mps; unset: the best available")
    parser.add_argument(
        "--backend", choices=BACKENDS, default="auto",
        help="engine that runs the models: auto is CTranslate2 int8 on a CPU (models converted once on first "
             "use) and torch on a GPU",
    )
    parser.add_argument("--compute-type", help="CTranslate2: int8, int8_float32, float16, float32, ...; "
                        "unset: int8 on a CPU, float16 on CUDA")
    parser.add_argument("--dtype", help="torch: float32, float16 or bfloat16; unset: the checkpoint's own")
    parser.add_argument(
        "--linear-kernel", choices=LINEAR_KERNELS, default="torch",
        help="torch on a CPU: onednn runs large float32 linear layers through oneDNN (faster on AMD EPYC)",
    )
    parser.add_argument("--revision", help="hub revision of every model; unset: main")
    parser.add_argument("--cache-dir", help="hub cache folder; unset: the Hugging Face cache")
    parser.add_argument("--local-files-only", action="store_true",
                        help="never download models: a missing model fails at once")
    parser.add_argument("--converted-dir",
                        help="where CTranslate2 conversions are kept; unset: ~/.cache/bilingual-summarizer/ct2")
    parser.add_argument("--whole-vocabulary", action="store_true",
                        help="translators score every vocabulary entry, as transformers does; unset: only the "
                             "target language's pieces (same translations, faster)")
    parser.add_argument(
        "--num-beams", type=positive, metavar="N",
        help="beam width of every model (default: each model's own; 1 is fastest)",
    )


def add_option_arguments(parser: argparse.ArgumentParser) -> None:
    """The per-call options: how the Arabic abstract is written, and the abstracts' length."""
    parser.add_argument(
        "--strategy", choices=STRATEGIES, default="translate", help="how the Arabic abstract is written"
    )
    parser.add_argument("--length", choices=list(LENGTHS), default="medium", help="abstract length")


def make_summarizer(args: argparse.Namespace, preset: str | None = None) -> BilingualSummarizer:
    """A summarizer from the arguments of :func:`add_model_arguments`.

    Args:
        args: Parsed arguments.
        preset: Use this preset instead of ``args.preset``, keeping the overrides.
    """
    from .pipeline import BilingualSummarizer

    return BilingualSummarizer(**summarizer_kwargs(args, preset))


def summarizer_kwargs(args: argparse.Namespace, preset: str | None = None) -> dict[str, Any]:
    """The arguments of BilingualSummarizer from those of :func:`add_model_arguments` (plain data, for Ray workers)."""
    options = {}
    if args.num_beams is not None:
        options = {"translation": {"num_beams": args.num_beams}, "summary": {"num_beams": args.num_beams}}
    load = {f.name: getattr(args, f.name) for f in dataclasses.fields(LoadOptions)}  # a flag per field, same name
    return {"preset": preset or args.preset, **{role: getattr(args, role) for role in ROLES}, "load": load,
            "options": options}


def read_text(name: str) -> str:
    """The text of a file, or of stdin for ``-``."""
    if name == "-":
        return sys.stdin.read()
    path = Path(name)
    if not path.is_file():
        raise SummarizerError(f"{name}: no such file.")
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise SummarizerError(f"{name}: not UTF-8 text; convert it, e.g. iconv -f cp1256 -t utf-8.") from None


def cmd_summarize(args: argparse.Namespace) -> int:
    from .documents import SUFFIXES, read_document
    from .text.fetch import fetch_article, is_url

    if is_url(args.file):
        text = fetch_article(args.file.strip(), allow_private_addresses=args.allow_private_urls)
        facts = ", ".join(f"{name}: {value}" for name, value in text.metadata().items())
        print(f"fetched {facts}; {len(text.removed_lines)} line(s) of page furniture removed.", file=sys.stderr)
    elif Path(args.file).suffix.lower() in SUFFIXES:
        text = read_document(args.file, options={"max_bytes": int(args.max_file_mb * 1e6),
                                                 "max_pages": args.max_pages, "ocr": "on" if args.ocr else "off"})
        pages = f"{text.page_count} page(s), " if text.page_count else ""
        print(f"read {pages}{len(text.text):,} characters; {len(text.removed_lines)} line(s) of page furniture "
              "removed.", file=sys.stderr)
    else:
        text = read_text(args.file)
    stages = StageProgress(sys.stderr) if args.progress and sys.stderr.isatty() else None
    try:
        result = make_summarizer(args).summarize(text, strategy=args.strategy, length=args.length, progress=stages)
    finally:
        if stages:
            stages.close()
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        return 0
    print("English abstract:\n" + result.english_abstract + "\n")
    print("الملخص العربي:\n" + result.arabic_abstract)
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return 0


def cmd_batch(args: argparse.Namespace) -> int:
    from .batch.local import run_batch

    if not Path(args.input).is_file():
        raise SummarizerError(f"{args.input}: no such file.")
    bar = BatchProgress(sys.stderr) if args.progress else None
    fields = {"text_field": args.text_field, "id_field": args.id_field, "progress": bar,
              "options": {"strategy": args.strategy, "length": args.length}}
    if args.engine == "ray":
        if args.allow_private_urls or args.group != 1:
            raise SummarizerError("--allow-private-urls and --group work with the local engine only "
                                  "(Ray actors take --num-workers).")
        report = _ray_batch(args, fields)
    elif args.address or args.num_workers != 1 or args.gpus_per_worker:
        raise SummarizerError("--address, --num-workers and --gpus-per-worker need --engine ray.")
    elif any(name.lower().endswith(".parquet") for name in (args.input, args.output)):
        raise SummarizerError("Parquet files need --engine ray; the local engine reads and writes JSON lines.")
    else:
        report = run_batch(make_summarizer(args), args.input, args.output, **fields,
                           allow_private_urls=args.allow_private_urls, group_size=args.group)
    print(
        f"{report.records} records: {report.written} written, {report.skipped} already done; "
        f"{report.failed} failed" + (f" (see the error lines in {args.output})" if report.failed else "") + ".",
        file=sys.stderr,
    )
    return 0 if report.ok else 1


def _ray_batch(args: argparse.Namespace, fields: dict[str, Any]) -> BatchReport:
    from .batch.ray_batch import run_ray_batch
    from .batch.ray_engine import require_ray

    require_ray()  # importing Ray Data sets its loggers up; quiet them after that
    env = {}
    if not args.debug:  # quiet_libraries for Ray and for the workers: no progress bars, no notices
        env = {"HF_HUB_DISABLE_PROGRESS_BARS": "1", "TRANSFORMERS_VERBOSITY": "error"}
        for name in ("ray", "ray.data"):
            logging.getLogger(name).setLevel(logging.WARNING)
        # Ray Data warns that its bars are off; the batch draws its own.
        logging.getLogger("ray.data._internal.progress").setLevel(logging.ERROR)
    return run_ray_batch(
        args.input, args.output, summarizer_kwargs=summarizer_kwargs(args), address=args.address,
        num_workers=args.num_workers, gpus_per_worker=args.gpus_per_worker, env_vars=env, **fields,
    )


def cmd_download(args: argparse.Namespace) -> int:
    from .models.convert import converted_model
    from .models.load_options import LoadOptions
    from .presets import download, get_preset

    names = get_preset(args.preset).models()
    convert = LoadOptions(backend=args.backend).backend_and_device()[0] == "ctranslate2"
    for role, folder in download(args.preset, roles=tuple(args.roles or ROLES), cache_dir=args.cache_dir).items():
        if convert:  # this machine runs them on CTranslate2: convert now, not on first use
            try:
                folder = converted_model(names[role], root=args.converted_dir, cache_dir=args.cache_dir,
                                         local_files_only=True)
            except Exception as error:
                raise SummarizerError(f"{names[role]} ({role}): the conversion to CTranslate2 failed: {error}") from error
        print(f"{role}: {folder}")
    return 0


def cmd_models(args: argparse.Namespace) -> int:
    from .presets import MODEL_CARDS

    for name, preset in PRESETS.items():
        print(f"{name}: {preset.description}")
        for role, model in preset.models().items():
            card = MODEL_CARDS.get(model)
            facts = f"{card.parameters} params, {card.download}, {card.licence}" if card else "no card"
            print(f"  {role:<18} {model}  ({facts})")
    return 0


def add_convert_command(subparsers: Any, parents: Sequence[argparse.ArgumentParser] = ()) -> argparse.ArgumentParser:
    """Add ``convert MODEL OUT [--quantization Q] [--revision R] [--force]`` to the CLI's subcommands.

    Args:
        subparsers: What ``ArgumentParser.add_subparsers()`` returned.
        parents: Parsers whose arguments the command also takes (the CLI's ``--debug``).

    Returns:
        The new parser; its ``handler`` default is :func:`cmd_convert`.
    """
    parser = subparsers.add_parser(
        "convert", parents=list(parents),
        help="convert a model to CTranslate2 by hand (on a CPU, summarizing does it once on first use)",
        description="Convert a Marian or BART model, or a decoder-only instruction model (Qwen3, "
        "Qwen2.5-Instruct, Llama, Gemma; hub id or folder), into a CTranslate2 folder that any model "
        "option (--translator, --summarizer, --back-translator, --direct-summarizer) accepts. "
        "int8 is the fastest on CPU.",
    )
    parser.add_argument("model", help="hub id or local model folder")
    parser.add_argument("output", help="folder to write the converted model to")
    parser.add_argument("--quantization", choices=QUANTIZATIONS, default="int8",
                        help="weight type stored on disk (default: int8)")
    parser.add_argument("--revision", help="hub branch, tag or commit of the model")
    parser.add_argument("--force", action="store_true", help="overwrite the output folder")
    parser.set_defaults(handler=cmd_convert)
    return parser


def cmd_convert(args: argparse.Namespace) -> int:
    """Run ``summarizer convert`` (CLI only: prints the output folder)."""
    from .models.convert import convert_model

    output = convert_model(
        args.model, args.output, quantization=args.quantization, force=args.force, revision=args.revision
    )
    print(output)
    return 0


COMMANDS = {
    "summarize": cmd_summarize, "batch": cmd_batch, "download": cmd_download, "models": cmd_models,
    "convert": cmd_convert,
}


class BatchProgress:
    """Records handled, as a tqdm bar on a stream (stderr): redrawn on a terminal, a line every 10 s in a log.

    Called as ``bar(done, total)``, the signature of batch progress.
    """

    def __init__(self, stream: TextIO):
        self.stream = stream
        self.bar: Any = None

    def __call__(self, done: int, total: int) -> None:
        from tqdm import tqdm

        if self.bar is None:
            tty = self.stream.isatty()
            self.bar = tqdm(total=total, unit="record", file=self.stream, ascii=not tty,
                            mininterval=0.2 if tty else 10.0, dynamic_ncols=tty)
        self.bar.total = total
        self.bar.update(done - self.bar.n)
        if done >= total:
            self.bar.close()


class StageProgress:
    """The stages of one summary (cleaning, translating n/N sentences, ...) as tqdm bars on a terminal.

    Called as ``progress(stage, done, total)``, the signature of the pipeline's progress.
    """

    UNITS = {"cleaning": "text", "translating": "sentence", "summarizing": "pass"}

    def __init__(self, stream: TextIO):
        self.stream = stream
        self.stage: str | None = None
        self.bar: Any = None

    def __call__(self, stage: str, done: int, total: int) -> None:
        from tqdm import tqdm

        if stage != self.stage:
            self.close()
            self.stage = stage
            self.bar = tqdm(total=total, desc=stage, unit=self.UNITS.get(stage, "step"), file=self.stream,
                            leave=False, dynamic_ncols=True)
        self.bar.total = total
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def _non_negative(value: str) -> float:
    number = float(value)
    if not number >= 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return number


def positive(value: str) -> int:
    """An argparse type: an integer of at least 1 (the CLI's and the demo's flags)."""
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {number}")
    return number


def quiet_libraries(debug: bool) -> None:
    """Log warnings (everything with ``debug``) to stderr; hide transformers' progress bars and notices."""
    logging.basicConfig(level=logging.DEBUG if debug else logging.WARNING, format="%(levelname)s %(message)s")
    if not debug:
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
        hf_logging.set_verbosity_error()


def main(argv: list[str] | None = None) -> int:
    """Run a command; returns the exit code."""
    args = build_parser().parse_args(argv)
    quiet_libraries(args.debug)
    try:
        return COMMANDS[args.command](args)
    except (SummarizerError, ValueError, OSError) as error:
        if args.debug:
            raise
        print(f"error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as error:  # a bug or a broken model: one line, the traceback with --debug
        if args.debug:
            raise
        name = type(error).__name__
        print(f"error: unexpected {name}: {error} (run with --debug for the traceback)", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
