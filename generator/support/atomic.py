"""The one atomic write: a reader (or a crash) sees the old file or the new one, never half of either."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomically(path: Path | str, data: bytes | str, *, mode: int = 0o644) -> Path:
    """Write ``data`` (text is written as UTF-8 with plain line ends) to ``path`` through a temporary file beside it:
    flushed to disk, renamed over ``path``, and the folder's entry flushed too, so a power cut cannot lose it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)  # mkstemp makes it private; these files are committed, published or read by others
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    sync_folder(path.parent)
    return path


def sync_folder(folder: Path) -> None:
    """Flush a folder's entries (a rename in it) to disk."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_stale_temporaries(path: Path) -> None:
    """Temporary files a writer of ``path`` killed mid-write left beside it: never read, safe to remove."""
    for stale in Path(path).parent.glob(f".{Path(path).name}.*.tmp"):
        stale.unlink(missing_ok=True)
