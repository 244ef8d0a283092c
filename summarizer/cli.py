"""The ``summarizer`` command line: a thin shell over the library.

``summarizer summarize FILE|-`` prints both abstracts (``--json`` the whole
result). Errors reach the user as one line on stderr and a non-zero exit code;
``--debug`` shows the traceback instead. All work is the library's.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from .errors import SummarizerError
from .options import LENGTHS, STRATEGIES
from .presets import PRESETS, ROLES


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="summarizer", description="English and Arabic abstracts of Arabic articles.")
    parser.add_argument("--debug", action="store_true", help="show tracebacks and debug logs")
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser("summarize", help="summarize one article file (or - for stdin)")
    run.add_argument("file", help="a .txt or .html file, or - to read stdin")
    run.add_argument("--json", action="store_true", help="print the whole result as JSON")
    add_model_arguments(run)
    run.add_argument("--strategy", choices=STRATEGIES, default="translate", help="how the Arabic abstract is written")
    run.add_argument("--length", choices=list(LENGTHS), default="medium", help="abstract length")

    fetch = commands.add_parser("download", help="fetch a preset's models into the hub cache ahead of time")
    fetch.add_argument("--preset", choices=list(PRESETS), default="balanced")
    fetch.add_argument("--role", dest="roles", action="append", choices=ROLES, help="only this role (repeatable)")
    fetch.add_argument("--cache-dir", help="hub cache folder (default: the Hugging Face cache)")

    commands.add_parser("models", help="list the presets with model ids, sizes and licences")
    return parser


def add_model_arguments(parser: argparse.ArgumentParser) -> None:
    """The preset, per-role model overrides and loading options, named after BilingualSummarizer's arguments."""
    parser.add_argument("--preset", choices=list(PRESETS), default="balanced")
    for role in ROLES:
        parser.add_argument(f"--{role.replace('_', '-')}", dest=role, metavar="ID_OR_PATH", help=f"{role} model")
    parser.add_argument("--device", help="cpu, cuda, mps (default: best available)")
    parser.add_argument("--dtype", help="float32, float16 or bfloat16")
    parser.add_argument("--local-files-only", action="store_true", help="never download models")


def make_summarizer(args: argparse.Namespace):
    from .pipeline import BilingualSummarizer

    models = {role: getattr(args, role) for role in ROLES}
    return BilingualSummarizer(
        args.preset, device=args.device, dtype=args.dtype, local_files_only=args.local_files_only, **models
    )


def read_text(name: str) -> str:
    if name == "-":
        return sys.stdin.read()
    path = Path(name)
    if not path.is_file():
        raise SummarizerError(f"{name}: no such file.")
    return path.read_text(encoding="utf-8")


def cmd_summarize(args: argparse.Namespace) -> int:
    result = make_summarizer(args).summarize(read_text(args.file), strategy=args.strategy, length=args.length)
    if args.json:
        print(result.to_json())
        return 0
    print("English abstract:\n" + result.english_abstract + "\n")
    print("الملخص العربي:\n" + result.arabic_abstract)
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return 0


def cmd_download(args: argparse.Namespace) -> int:
    from .presets import download

    for role, folder in download(args.preset, roles=tuple(args.roles or ROLES), cache_dir=args.cache_dir).items():
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


COMMANDS = {"summarize": cmd_summarize, "download": cmd_download, "models": cmd_models}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.debug else logging.WARNING, format="%(levelname)s %(message)s")
    if not args.debug:
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
        hf_logging.set_verbosity_error()
    try:
        return COMMANDS[args.command](args)
    except (SummarizerError, ValueError, OSError, UnicodeDecodeError) as error:
        if args.debug:
            raise
        print(f"error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
