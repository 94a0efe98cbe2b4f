"""Read Raqm's YAML data files with errors that name the file, the line and the problem."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


class DataError(ValueError):
    """A rule or lexicon file is malformed; the message reads ``path:line: problem``."""


class _LineLoader(yaml.SafeLoader):
    """A safe loader that remembers the line of every mapping key."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    mapping = LineDict()
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in mapping:
            raise DataError(f"{{path}}:{key_node.start_mark.line + 1}: duplicate key {key!r}")
        mapping[key] = loader.construct_object(value_node, deep=deep)
        mapping.lines[key] = key_node.start_mark.line + 1
    mapping.line = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


class LineDict(dict):
    """A dict from YAML that knows the line of each of its keys (``.lines[key]``)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lines: dict[Any, int] = {}
        self.line = 0


def load_yaml(path: str | Path) -> Any:
    """Load a YAML file, raising :class:`DataError` (``path:line: problem``) when it is malformed."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"{path}:0: cannot read ({exc})") from exc
    try:
        return yaml.load(text, Loader=_LineLoader)
    except DataError as exc:
        raise DataError(str(exc).replace("{path}", str(path))) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        raise DataError(f"{path}:{line}: {exc.problem or exc}") from None
    except yaml.YAMLError as exc:
        raise DataError(f"{path}:0: {exc}") from None


def line_of(data: Any, key: Any) -> int:
    """Return the line of ``key`` in a mapping loaded by :func:`load_yaml` (0 when unknown)."""
    return getattr(data, "lines", {}).get(key, getattr(data, "line", 0))
