"""Where an export goes: checked before any work, written beside its destination and moved into
place once whole, so a failed export leaves no half file and keeps an earlier one."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, Any


def output_problem(path: Path) -> str | None:
    """Why `path` cannot take an export, found before any work is done; None when it can."""
    if path.is_dir():
        return f"{path} is a folder"
    folder = path.parent
    if not folder.exists():
        return f"folder {folder} does not exist"
    if not folder.is_dir():
        return f"{folder} is not a folder"
    if path.exists() and not path.is_file():
        return None  # a device or a pipe (/dev/stdout): written in place
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"cannot write in folder {folder}"
    if path.exists() and not os.access(path, os.W_OK):
        return f"{path} is not writable"
    return None


@contextmanager
def output_file(path: str | Path, *, binary: bool = False) -> Iterator[IO[Any]]:
    """A stream for writing the file at `path`. A regular file (or a new one) is written as a
    temporary file in the same folder, flushed to disk, then moved over `path`: if any write
    fails, the temporary file is removed and `path` is as it was. A device or a pipe is
    written in place."""
    path = Path(path)
    if path.exists() and not path.is_file():
        with _open(path, binary) as stream:
            yield stream
        return
    permissions = path.stat().st_mode & 0o777 if path.exists() else _default_permissions()
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with _open(fd, binary) as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, permissions)
        os.replace(temporary, path)
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def _open(file: int | Path, binary: bool) -> IO[Any]:
    if binary:
        return open(file, "wb")
    return open(file, "w", encoding="utf-8", newline="")


def _default_permissions() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
