"""From a model name to a local folder and its commit: the only module that talks to the hub.

:func:`resolve_model` takes what a user names a model by (a hub id such as
``"Helsinki-NLP/opus-mt-ar-en"``, or a local folder) and returns the folder to
load or convert from, and the hub commit it holds. A hub model is looked up in
the local cache first, without touching the network, and downloaded (one
``snapshot_download``, other frameworks' weights left out) only when it is
missing and downloads are allowed. Every failure is one
:class:`~summarizer.errors.ModelNotAvailableError` that names the model, the
folder looked in and the fixes; offline (``local_files_only`` or
``HF_HUB_OFFLINE=1``) a missing model fails at once, without retries. A name
that looks like a path and is not a folder is reported as such, not as a hub
id.

Loading (:mod:`.loading`) and conversion (:mod:`.convert`) read the folders
this module returns; neither reaches the hub.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from ..errors import ModelNotAvailableError

__all__ = ["HUB_IGNORE_PATTERNS", "ModelFolder", "download_models", "resolve_model"]

logger = logging.getLogger("summarizer")

# Files of other frameworks that a torch checkpoint's repository may also hold:
# never downloaded.
HUB_IGNORE_PATTERNS = ["*.h5", "*.msgpack", "*.ot", "*.onnx", "onnx/*", "*.tflite", "*.gguf", "rust_model*"]


@dataclass(frozen=True)
class ModelFolder:
    """A model found on disk.

    Attributes:
        name: The name it was asked for (hub id or folder).
        folder: The folder holding its files.
        commit: The hub commit of a hub model; None for a local folder.
    """

    name: str
    folder: Path
    commit: str | None = None

    @property
    def is_local(self) -> bool:
        """Whether the model was named by a local folder rather than a hub id."""
        return self.commit is None


def looks_like_path(name: str) -> bool:
    """Whether ``name`` reads as a file-system path rather than a hub id (``owner/model`` or ``model``)."""
    return (
        name.startswith(("/", "./", "../", "~", ".\\", "..\\"))
        or "\\" in name
        or name.count("/") > 1
        or (len(name) > 1 and name[1] == ":")  # a Windows drive
    )


def resolve_model(
    name: str,
    *,
    revision: str | None = None,
    cache_dir: str | None = None,
    local_files_only: bool = False,
) -> ModelFolder:
    """The local folder of a model, downloading a hub model when it is missing and allowed.

    Args:
        name: A hub id or a local folder.
        revision: A hub branch, tag or commit (hub models only).
        cache_dir: The hub cache folder; None for the default.
        local_files_only: Never download.

    Returns:
        The folder and, for a hub model, its commit.

    Raises:
        ModelNotAvailableError: No such folder; or a hub model that is neither
            cached nor downloadable (the message says where it looked and how
            to get it).
    """
    folder = Path(name).expanduser()
    if folder.is_dir():
        return ModelFolder(name, folder)
    if looks_like_path(name):
        raise ModelNotAvailableError(
            f"No such folder: {folder}. Check the path, or name a hub model (such as Helsinki-NLP/opus-mt-ar-en)."
        )
    from huggingface_hub import constants, snapshot_download

    offline = local_files_only or constants.HF_HUB_OFFLINE
    error: Exception | None = None
    for cached_only in [True] if offline else [True, False]:
        try:
            snapshot = Path(snapshot_download(
                name, revision=revision, cache_dir=cache_dir, local_files_only=cached_only,
                ignore_patterns=HUB_IGNORE_PATTERNS,
            ))
        except Exception as exc:  # missing in the cache, no network, unknown repository: reported below
            error = exc
            continue
        return ModelFolder(name, snapshot, snapshot.name)
    raise not_available(name, cache_dir, offline=offline, error=error) from None


def not_available(name: str, cache_dir: str | None, *, offline: bool, error: Exception | None) -> ModelNotAvailableError:
    """The one error for a hub model that cannot be had: where it was looked for, and the fixes."""
    from huggingface_hub import constants

    cache = cache_dir or constants.HF_HUB_CACHE
    if offline:
        why = "downloads are off (local_files_only / --local-files-only, or HF_HUB_OFFLINE=1)"
    else:
        reason = str(error).strip().splitlines()[0] if error is not None and str(error).strip() else "no answer"
        why = f"it could not be downloaded ({type(error).__name__}: {reason})"
    return ModelNotAvailableError(
        f"Model {name!r} is not in the hub cache at {cache} and {why}. Fixes: on a machine with internet "
        f"access run `{download_command(name)}` (or `summarizer download` for a whole preset) and copy the "
        "cache folder here; or pass a local model folder instead of the hub id. Without a network, "
        "--local-files-only (or HF_HUB_OFFLINE=1) makes a missing model fail at once."
    )


def download_command(name: str) -> str:
    """The command the installed huggingface_hub offers to fetch ``name``."""
    import shutil

    if shutil.which("hf") or _hub_version() >= (0, 34):
        return f"hf download {name}"
    return f"huggingface-cli download {name}"


def _hub_version() -> tuple[int, ...]:
    import huggingface_hub

    parts = []
    for piece in huggingface_hub.__version__.split(".")[:2]:
        digits = "".join(ch for ch in piece if ch.isdigit())
        parts.append(int(digits or 0))
    return tuple(parts)


def download_models(names: dict[str, str], *, cache_dir: str | None = None) -> dict[str, ModelFolder]:
    """Fetch models into the hub cache, for later offline use; each failure names its model.

    Args:
        names: Model names by role (or any label).
        cache_dir: The hub cache folder; None for the default.

    Returns:
        The folder of each, by the same keys.

    Raises:
        ModelNotAvailableError: A model that could not be fetched (the message names it).
    """
    folders = {}
    for key, name in names.items():
        logger.info("fetching %s (%s)", name, key)
        folders[key] = resolve_model(name, cache_dir=cache_dir)
    return folders

