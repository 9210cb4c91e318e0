"""Walking a folder for inputs: files in name order, then each sub-folder in name order.

Symbolic links to folders are followed, since a folder of pages is often assembled from links;
each real folder is walked once, so a link back up the tree (a loop) or a second link to a folder
already walked gives one error record instead of an endless or repeated walk. A folder that
cannot be listed gives an error record too: nothing under a folder is skipped without a word.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from claimledger.model import ReadError
from claimledger.read.errors import read_error
from claimledger.read.names import input_name

# Skipped when walking a folder; a file named on the command line is always read.
NOT_PAGE_SUFFIXES = frozenset(
    {
        ".md",
        ".rst",
        ".py",
        ".pyc",
        ".js",
        ".css",
        ".toml",
        ".yaml",
        ".yml",
        ".cfg",
        ".ini",
        ".lock",
        ".sh",
        ".db",
        ".sqlite",
        ".db-wal",
        ".db-shm",
        ".parquet",
    }
)

FolderId = tuple[int, int]  # (device, inode): the same folder whatever path reaches it


def walk_folder(folder: Path) -> Iterator[Path | ReadError]:
    """The files under `folder` (hidden entries and non-page extensions skipped), depth first in
    name order, and an error record for each folder that cannot be listed or was already walked.
    """
    walked: dict[FolderId, Path] = {}
    # A stack rather than recursion: a tree deeper than Python's recursion limit is still walked.
    pending = [folder]
    while pending:
        current = pending.pop()
        listed = _list_folder(current, walked)
        if isinstance(listed, ReadError):
            yield listed
            continue
        files, folders = listed
        for name in sorted(files):
            if Path(name).suffix.lower() not in NOT_PAGE_SUFFIXES:
                yield current / name
        pending.extend(current / name for name in sorted(folders, reverse=True))


def _list_folder(
    folder: Path, walked: dict[FolderId, Path]
) -> tuple[list[str], list[str]] | ReadError:
    """The visible file and folder names in `folder`, or the error record that replaces them."""
    try:
        info = folder.stat()
        folder_id = (info.st_dev, info.st_ino)
        if folder_id in walked:
            return read_error(
                input_name(folder),
                f"folder already read as {walked[folder_id]} (a symbolic link loop, or a "
                "second link to the same folder): skipped",
            )
        walked[folder_id] = folder
        with os.scandir(folder) as entries:
            visible = [entry for entry in entries if not entry.name.startswith(".")]
    except OSError as error:
        return read_error(input_name(folder), f"cannot read the folder: {error}")
    files: list[str] = []
    folders: list[str] = []
    for entry in visible:
        (folders if _is_folder(entry) else files).append(entry.name)
    return files, folders


def _is_folder(entry: os.DirEntry[str]) -> bool:
    """Whether an entry is a folder, through a symbolic link too; a broken link counts as a
    file, so reading it gives an error record that names it."""
    try:
        return entry.is_dir()
    except OSError:
        return False
