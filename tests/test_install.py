"""The README's install, as a newcomer runs it: a fresh venv, the pip it ships, ``pip install .``, an HTML page.

What this proves, and what it leaves to ``.ci/run``. A venv made by
``python -m venv`` with the pip it ships (no upgrade: pip 23.2.1 on Python
3.11.7) resolves and installs the project's declared dependencies from the
checkout, and the installed package, run outside the checkout, reads the
README's example web page (trafilatura, jusText and ``lxml.html.clean``: the
path that broke when ``lxml_html_clean`` was not declared) and its
``summarizer`` command starts. ``.ci/run`` runs the README's other command,
``pip install -e ".[dev]"``, in its own fresh venv with the same pip.

Cost, and the one shortcut. Every requirement but torch is resolved and
installed by the new venv's pip (from pip's cache where an earlier install
left the files, else from the index: the test needs the package index, as
the README's commands do). torch, 700 MB installed and no part of what this
guards, is linked in from the running environment by a ``.pth`` file naming
a folder that holds only torch's own directories: pip sees torch installed
and still resolves and installs torch's requirements, and nothing else of
the running environment is visible (``--system-site-packages`` would show
every package, and so hide a missing declaration). ``--no-compile`` skips
byte-compiling the installed files, half of the test's CPU time; Python
compiles what it imports anyway.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from importlib import metadata
from pathlib import Path

import pytest

from conftest import REPO

PAGE = REPO / "examples" / "library-reopens.ar.html"

READ = """
import sys
from pathlib import Path
import summarizer
from summarizer import read_article
assert not summarizer.__file__.startswith(sys.argv[2]), summarizer.__file__  # the installed copy
article = read_article(Path(sys.argv[1]).read_text(encoding="utf-8"))
print(article.was_html, article.title)
print(article.text)
"""


def link_torch_only(folder: Path) -> Path:
    """A folder of links to the running environment's torch (its packages and metadata), nothing else."""
    torch = metadata.distribution("torch")
    site = Path(torch.locate_file(""))
    folder.mkdir()
    tops = {Path(str(name)).parts[0] for name in torch.files or () if not str(name).startswith("..")}
    for top in sorted(tops):
        if (site / top).exists():
            (folder / top).symlink_to(site / top)
    return folder


@pytest.mark.slow
def test_a_fresh_venv_with_its_own_pip_installs_the_project_and_reads_html(tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / ("Scripts" if os.name == "nt" else "bin") / "python"
    paths = "import sysconfig; print(sysconfig.get_path('purelib')); print(sysconfig.get_path('scripts'))"
    site, scripts = subprocess.run([str(python), "-c", paths], check=True, capture_output=True,
                                   text=True).stdout.split("\n")[:2]
    assert site != sysconfig.get_path("purelib")
    (Path(site) / "torch-only.pth").write_text(f"{link_torch_only(tmp_path / 'torch-only')}\n", encoding="utf-8")

    env = {name: value for name, value in os.environ.items() if name not in ("PYTHONPATH", "VIRTUAL_ENV")}
    pip = subprocess.run([str(python), "-m", "pip", "--version"], capture_output=True, text=True, env=env)
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "--disable-pip-version-check", "--no-compile", str(REPO)],
        capture_output=True, text=True, env=env, cwd=tmp_path,
    )
    assert install.returncode == 0, f"{pip.stdout}{install.stdout[-3000:]}{install.stderr[-3000:]}"

    read = subprocess.run([str(python), "-c", READ, str(PAGE), str(REPO)],
                          capture_output=True, text=True, env=env, cwd=tmp_path)
    assert read.returncode == 0, read.stderr[-3000:]
    head, _, text = read.stdout.partition("\n")
    assert head.startswith("True ") and "المكتبة الوطنية" in head
    assert "310 ملايين درهم" in text and "ورشات أسبوعية" in text  # the article's body
    assert "جميع الحقوق محفوظة" not in text and "اقرأ أيضا" not in text  # not its footer nor its "read also" box

    command = subprocess.run([str(Path(scripts) / "summarizer"), "--help"], capture_output=True, text=True,
                             env=env, cwd=tmp_path)
    assert command.returncode == 0 and "summarize" in command.stdout, command.stderr[-3000:]
