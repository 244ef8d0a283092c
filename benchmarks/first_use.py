"""What the first use of a preset costs on a CPU: ``python benchmarks/first_use.py [--quality]``.

On a CPU the default backend runs every model with CTranslate2 int8, after
converting it once (``summarizer.models.convert.converted_model``, what
``summarize(text)`` calls on first use). This script converts the real-size
models of ``benchmarks/speed.py`` (random weights with the real architectures,
vocabularies and dtypes of opus-mt-ar-en, distilbart-cnn-12-6,
opus-mt-tc-big-en-ar and mT5_multilingual_XLSum; built once into the speed
benchmark's workdir) each in a fresh subprocess, as a first use does, and
prints per model: seconds, the converted folder's size on disk, the source
folder's size, and the process's peak memory (``VmHWM``). ``--quality`` also
builds and converts a bart-large-cnn-sized summarizer (12 + 12 layers).

A preset's first use is the sum of its roles' rows (``fast``'s
opus-mt-en-ar has opus-mt-ar-en's shape). The download itself is not counted.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import speed  # noqa: E402  (the benchmark's model builder and machine line)

PRESET_ROLES = {
    "fast": ("translator", "summarizer", "translator (as opus-mt-en-ar)"),
    "balanced": ("translator", "summarizer", "back_translator"),
    "quality": ("translator", "bart-large-cnn", "back_translator"),
}


def folder_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6


def convert_once(source: str, root: str) -> None:
    """Worker: convert ``source`` as a first use does, and print seconds and peak memory as JSON."""
    from summarizer.models.convert import converted_model

    started = time.perf_counter()
    folder = converted_model(source, root=root)
    print(json.dumps({"seconds": time.perf_counter() - started, "folder": folder,
                      "peak_rss_mb": speed.peak_memory_mb()}))


def build_bart_large(workdir: Path, shared: Path) -> str:
    """A bart-large-cnn-sized summarizer (12 encoder and 12 decoder layers), built once."""
    directory = workdir / "models" / "bart-large-cnn"
    if (directory / "config.json").is_file():
        return str(directory)
    speed.MODELS["summarizer"] = {**speed.MODELS["summarizer"], "layers": (12, 12)}
    speed._write_bart(directory, shared / "tokenizers" / "bart")
    return str(directory)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workdir", type=Path, default=Path.home() / ".cache" / "bilingual-summarizer-bench")
    parser.add_argument("--quality", action="store_true", help="also a bart-large-cnn-sized summarizer")
    parser.add_argument("--worker", nargs=2, metavar=("SOURCE", "ROOT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        convert_once(*args.worker)
        return 0
    shared = speed.shared_dir()
    dirs = speed.build(args.workdir, shared)["torch"]
    sources = {role: dirs[role] for role in speed.ROLES}
    if args.quality:
        sources["bart-large-cnn"] = build_bart_large(args.workdir, shared)
    print(f"machine: {speed.machine()}")
    print(f"command: python benchmarks/first_use.py{' --quality' if args.quality else ''}")
    rows = {}
    with tempfile.TemporaryDirectory(prefix="first-use-") as root:
        for role, source in sources.items():
            done = subprocess.run([sys.executable, __file__, "--worker", source, root], capture_output=True,
                                  text=True, check=False)
            if done.returncode:
                raise SystemExit(f"{role}: conversion failed\n{done.stderr[-2000:]}")
            out = json.loads(done.stdout.strip().splitlines()[-1])
            rows[role] = {**out, "disk_mb": folder_mb(Path(out["folder"])), "source_mb": folder_mb(Path(source))}
    print("| model (role) | convert s | int8 on disk MB | source MB | peak memory MB |")
    print("|---|---:|---:|---:|---:|")
    for role, r in rows.items():
        name = Path(sources[role]).name
        print(f"| {name} ({role}) | {r['seconds']:.1f} | {r['disk_mb']:.0f} | {r['source_mb']:.0f} "
              f"| {r['peak_rss_mb']:.0f} |")
    print()
    print("| preset (translate strategy) | convert s | int8 on disk MB | largest peak MB |")
    print("|---|---:|---:|---:|")
    for preset, roles in PRESET_ROLES.items():
        keys = [role.split(" ")[0] for role in roles]
        if any(key not in rows for key in keys):
            continue
        print(f"| {preset} | {sum(rows[k]['seconds'] for k in keys):.1f} | {sum(rows[k]['disk_mb'] for k in keys):.0f} "
              f"| {max(rows[k]['peak_rss_mb'] for k in keys):.0f} |")
    r = rows["direct_summarizer"]
    print(f"\nstrategy=\"direct\" adds {Path(sources['direct_summarizer']).name}: {r['seconds']:.1f} s, "
          f"{r['disk_mb']:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
