"""Write output files all at once or not at all, so a failed run never leaves half a file.

Both helpers write to a temporary file in the destination's own folder (so the final
``os.replace`` is an atomic rename on the same file system), flush it to disk, then put
it in place. The result gets the permissions a plain ``open(path, "w")`` would give
(the existing file's mode, else ``0o666`` minus the umask), not ``mkstemp``'s ``0o600``.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path


@cache
def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _final_mode(path: Path) -> int:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return 0o666 & ~_umask()


def _temp_in(path: Path) -> Path:
    """Create an empty temporary file next to ``path``, with the same suffix."""
    fd, name = tempfile.mkstemp(
        prefix=f".{path.name}.", suffix=f".tmp{path.suffix}", dir=path.parent
    )
    os.close(fd)
    return Path(name)


def _fsync_dir(folder: Path) -> None:
    """Make the rename durable; best effort (not every platform can open a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _commit(tmp: Path, path: Path) -> None:
    with open(tmp, "rb+") as f:
        os.fsync(f.fileno())
    os.chmod(tmp, _final_mode(path))
    os.replace(tmp, path)
    _fsync_dir(path.parent)


def write_atomic(path: str | Path, data: bytes | str) -> None:
    """Write ``data`` to ``path`` atomically; ``str`` data is encoded as UTF-8.

    Readers see either the old file or the complete new one, never a partial write.
    On any error the temporary file is removed and the destination is left untouched.
    """
    with atomic_path(path) as tmp:
        tmp.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


@contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """Give a temporary path to write to; it replaces ``path`` only if the block succeeds.

    The temporary file already exists (empty) in the same folder and carries the same
    suffix, so writers that pick a format from the extension (``write_parquet``) work.
    If the block raises, the temporary file is deleted and ``path`` is not touched.
    """
    target = Path(path)
    tmp = _temp_in(target)
    try:
        yield tmp
        _commit(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
