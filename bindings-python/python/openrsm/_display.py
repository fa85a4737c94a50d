"""Rich display for notebooks: objects and lists as HTML tables, the media overview as a DataFrame."""

from __future__ import annotations

import enum
import html
from typing import TYPE_CHECKING, Any, Iterable, List, Mapping, TypeVar

if TYPE_CHECKING:
    from ._native import RsmObject

_T = TypeVar("_T")


class ObjectList(List[_T]):
    """A list of OpenRSM objects that Jupyter renders as a table, one row per object."""

    def _repr_html_(self) -> str:
        return list_html(self)


def _cell(value: Any) -> str:
    if isinstance(value, enum.Enum):
        text = value.name
    elif value is None:
        text = ""
    elif isinstance(value, list):
        text = ", ".join(_cell(v) for v in value)
    else:
        text = str(value)
    return html.escape(text)


def object_html(obj: RsmObject) -> str:
    """One object as a two-column table of its fields."""
    rows = "".join(
        f"<tr><th style='text-align:left'>{html.escape(k)}</th><td style='text-align:left'>{_cell(v)}</td></tr>"
        for k, v in obj.to_dict().items()
    )
    title = html.escape(f"{type(obj).__name__} {obj.name}")
    return f"<table><caption>{title}</caption>{rows}</table>"


def _table(columns: List[str], rows: Iterable[Mapping[str, Any]]) -> str:
    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    body = "".join("<tr>" + "".join(f"<td>{_cell(r.get(c))}</td>" for c in columns) + "</tr>" for r in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def list_html(objects: Iterable[Any]) -> str:
    """Objects as a table: one row each, the columns of every field any of them has."""
    dicts = [o.to_dict() for o in objects]
    columns: List[str] = []
    for d in dicts:
        columns.extend(k for k in d if k not in columns and k not in ("created", "modified", "description"))
    return _table(columns, dicts) if dicts else "<p><em>no objects</em></p>"


INVENTORY_COLUMNS = {
    "library": "library",
    "location_kind": "location",
    "element": "slot",
    "barcode": "barcode",
    "name": "name",
    "media_type": "type",
    "pool": "pool",
    "media_state": "state",
    "sides": "sides",
    "allocated_sides": "allocated",
    "enabled": "enabled",
    "id": "id",
}


def inventory_frame(rows: List[Mapping[str, Any]]) -> Any:
    """The media overview rows as a pandas DataFrame with the columns of `INVENTORY_COLUMNS`."""
    try:
        import pandas  # type: ignore[import-untyped,unused-ignore]
    except ImportError as err:
        raise ImportError(
            "Session.inventory_frame() needs pandas, which is not installed: "
            "pip install pandas (or pip install 'openrsm[notebook]')"
        ) from err
    data = {
        new: [r[old].name if isinstance(r[old], enum.Enum) else r[old] for r in rows]
        for old, new in INVENTORY_COLUMNS.items()
    }
    frame = pandas.DataFrame(data, columns=list(INVENTORY_COLUMNS.values()))
    frame["slot"] = frame["slot"].astype("Int64")
    return frame
