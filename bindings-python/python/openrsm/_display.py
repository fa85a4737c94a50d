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


class SlotMap:
    """What a library holds, element by element (from `Session.slot_map(library)`): Jupyter draws
    it as an SVG map (drives, IE ports, then the storage slots in rows of ten); `str()` gives text.

    `cells` holds `(kind, number, element_address, state, barcode, cleaner)` tuples, kind being
    `"drive"`, `"port"` or `"slot"`."""

    COLUMNS = 10
    _W, _H, _GAP = 86, 34, 6

    def __init__(self, library: str, library_id: Any, cells: List[Any]) -> None:
        self.library = library
        self.library_id = library_id
        self.cells = [tuple(c) for c in cells]

    def _of(self, kind: str) -> List[Any]:
        return sorted((c for c in self.cells if c[0] == kind), key=lambda c: c[1])

    @property
    def drives(self) -> List[Any]:
        return self._of("drive")

    @property
    def ports(self) -> List[Any]:
        return self._of("port")

    @property
    def slots(self) -> List[Any]:
        return self._of("slot")

    def __repr__(self) -> str:
        return f"<SlotMap {self.library!r}: {len(self.drives)} drives, {len(self.ports)} ports, {len(self.slots)} slots>"

    def __str__(self) -> str:
        def label(c: Any) -> str:
            return c[4] or ("CLEANER" if c[5] else "(full)" if c[3] == "FULL" else "·")

        lines = [f"{self.library} — slot map"]
        lines.append("  drives  " + " ".join(f"[{c[1]}: {label(c)} {c[3].lower()}]" for c in self.drives))
        if self.ports:
            lines.append("  ports   " + " ".join(f"[{c[1]}: {label(c)} {c[3].lower()}]" for c in self.ports))
        slots = self.slots
        for row in range(0, len(slots), self.COLUMNS):
            lines.append(f"  {row:>6}  " + " ".join(f"{label(c):<9}" for c in slots[row : row + self.COLUMNS]).rstrip())
        return "\n".join(lines)

    def _box(self, x: int, y: int, cell: Any, title: str) -> str:
        kind, number, address, state, barcode, cleaner = cell
        fill = "#9ad0f5" if barcode else "#ffe08a" if cleaner else "#f4f4f4"
        if kind == "drive" and barcode:
            fill = "#8fd694"
        text = html.escape(barcode or ("CLEANER" if cleaner else ""))
        tip = html.escape(f"{title} {number}" + (f" (element {address})" if address is not None else "") + f": {state}")
        return (
            f"<g><title>{tip}</title>"
            f"<rect x='{x}' y='{y}' width='{self._W}' height='{self._H}' rx='4' fill='{fill}' stroke='#555'/>"
            f"<text x='{x + 4}' y='{y + 12}' font-size='9' fill='#555'>{html.escape(title)} {number}</text>"
            f"<text x='{x + 4}' y='{y + 27}' font-size='11' font-family='monospace'>{text}</text></g>"
        )

    def _repr_svg_(self) -> str:
        w, h, gap = self._W, self._H, self._GAP
        parts: List[str] = []
        y = 22
        parts.append(f"<text x='0' y='14' font-size='13' font-weight='bold'>{html.escape(self.library)}</text>")
        for title, cells in (("drive", self.drives), ("port", self.ports)):
            for i, cell in enumerate(cells):
                parts.append(self._box(i * (w + gap), y, cell, title))
            if cells:
                y += h + gap * 2
        slots = self.slots
        for i, cell in enumerate(slots):
            parts.append(self._box((i % self.COLUMNS) * (w + gap), y + (i // self.COLUMNS) * (h + gap), cell, "slot"))
        rows = (len(slots) + self.COLUMNS - 1) // self.COLUMNS
        height = y + rows * (h + gap)
        width = self.COLUMNS * (w + gap)
        body = "".join(parts)
        return (
            f"<svg xmlns='http://www.w3.org/2000/svg' width='{width}' height='{height}' "
            f"viewBox='0 0 {width} {height}' font-family='sans-serif'>{body}</svg>"
        )
