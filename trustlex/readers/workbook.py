"""Excel workbooks (``.xlsx``): the parts around the sheets, read with expat, and which sheets hold data.

A workbook is a zip of XML parts: ``xl/workbook.xml`` lists the sheets (in
tab order, hidden ones too), ``xl/_rels/workbook.xml.rels`` names each
sheet's part, ``xl/sharedStrings.xml`` holds the strings cells point to and
``xl/styles.xml`` tells which number formats show dates. Every part is
unpacked under the zip-bomb limit of :mod:`trustlex.readers.zipparts`; the
rows of a sheet are read by :mod:`trustlex.readers.xlsx`.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import IO, Any, NamedTuple

from trustlex.errors import ReadError
from trustlex.readers.files import _corrupt, open_regular
from trustlex.readers.zipparts import _XML_CHUNK, _member_limit

_X = "http://schemas.openxmlformats.org/spreadsheetml/2006/main}"  # expat: "uri}name"
_X_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships}"
# Excel's built-in number formats that show a date or time (ECMA-376 18.8.30)
_DATE_FORMAT_IDS = frozenset({14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 30, 36, 45, 46, 47, 50, 57})
_DATE_CODE = re.compile(r"[dmyhs]", re.IGNORECASE)
_CODE_NOISE = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.|_.|\*.')


def _is_date_code(code: str) -> bool:
    """Whether a custom number format shows a date or time (quoted text and [colours] aside)."""
    return bool(_DATE_CODE.search(_CODE_NOISE.sub("", code.split(";")[0])))


def _read_member(archive: zipfile.ZipFile, name: str, display: str) -> Iterator[bytes]:
    """Stream one part of an XLSX, refusing one that unpacks far beyond its packed size."""
    info = archive.getinfo(name)
    limit = _member_limit(info)
    read = 0
    with archive.open(info) as stream:
        while chunk := stream.read(_XML_CHUNK):
            read += len(chunk)
            if read > limit:
                msg = f"XLSX part {name} unpacks to more than {limit:,} bytes: a zip bomb?"
                raise ReadError(msg, path=display, kind="too-large")
            yield chunk


def _parse_part(
    archive: zipfile.ZipFile, name: str, display: str, start: Any, end: Any, data: Any = None
) -> None:
    """Run expat over one XML part with the given handlers; a DTD is refused."""
    import xml.parsers.expat

    parser = xml.parsers.expat.ParserCreate(namespace_separator="}")
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    if data is not None:
        parser.CharacterDataHandler = data

    def refuse(*_args: object) -> None:
        msg = f"corrupt XLSX: {name} declares a DTD"
        raise ReadError(msg, path=display, kind="corrupt")

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    for chunk in _read_member(archive, name, display):
        parser.Parse(chunk, False)
    parser.Parse(b"", True)


class _Sheet(NamedTuple):
    """A sheet as the workbook lists it: its name as Excel shows it, and its part (``""``: none named)."""

    name: str
    part: str


def _sheets(archive: zipfile.ZipFile, display: str) -> tuple[list[_Sheet], bool]:
    """The sheets of a workbook in tab order (hidden ones too), and whether it counts dates from 1904."""
    listed: list[tuple[str, str]] = []
    flags = {"date1904": False}

    def start(name: str, attrs: dict[str, str]) -> None:
        if name == _X + "sheet":
            listed.append((attrs.get("name", ""), attrs.get(_X_REL + "id", "")))
        elif name == _X + "workbookPr":
            flags["date1904"] = attrs.get("date1904", "0").lower() in ("1", "true")

    _parse_part(archive, "xl/workbook.xml", display, start, lambda _n: None)
    if not listed:
        return [], flags["date1904"]
    targets: dict[str, str] = {}

    def rel(name: str, attrs: dict[str, str]) -> None:
        if name == _PKG_REL + "Relationship":
            targets[attrs.get("Id", "")] = attrs.get("Target", "")

    _parse_part(archive, "xl/_rels/workbook.xml.rels", display, rel, lambda _n: None)
    sheets = []
    for name, rid in listed:
        target = targets.get(rid, "")
        part = "" if not target else target.lstrip("/") if target.startswith("/") else "xl/" + target
        sheets.append(_Sheet(name, str(PurePosixPath(part)) if part else ""))
    return sheets, flags["date1904"]


def _sheet_part(sheets: list[_Sheet], sheet: str | None, display: str) -> str | None:
    """The part of the sheet named ``sheet`` (``None``: the first); ``None`` for a workbook without sheets."""
    if sheet is None:
        if not sheets:
            return None
        chosen = sheets[0]
    else:
        found = [s for s in sheets if s.name == sheet]
        if not found:
            names = ", ".join(repr(s.name) for s in sheets) or "none"
            msg = f"no sheet named {sheet!r} (the workbook's sheets: {names})"
            raise ReadError(msg, path=display, kind="missing-sheet")
        chosen = found[0]
    if not chosen.part:
        msg = f"corrupt XLSX: sheet {chosen.name!r} has no part"
        raise ReadError(msg, path=display, kind="corrupt")
    return chosen.part


class _HoldsDataError(Exception):
    """Raised inside expat to stop reading a sheet at its first value."""


def _holds_data(archive: zipfile.ZipFile, part: str, display: str) -> bool:
    """Whether a sheet part has a cell with a value; stops at the first one found.

    A sheet that cannot be read this far (its part missing, broken XML, a zip
    bomb) counts as holding data: reading it reports the problem with the
    sheet's name, and the other sheets are still read.
    """
    depth = {"c": 0, "value": 0}

    def start(name: str, _attrs: dict[str, str]) -> None:
        if name == _X + "c":
            depth["c"] += 1
        elif depth["c"] and name in (_X + "v", _X + "t"):
            depth["value"] += 1

    def end(name: str) -> None:
        if name == _X + "c":
            depth["c"] -= 1
        elif depth["c"] and name in (_X + "v", _X + "t"):
            depth["value"] -= 1

    def data(text: str) -> None:
        if depth["value"] and text:
            raise _HoldsDataError

    try:
        _parse_part(archive, part, display, start, end, data)
    except Exception:  # _HoldsDataError, or a sheet that reading will report
        return True
    return False


@contextmanager
def _archive(handle: IO[bytes], display: str) -> Iterator[zipfile.ZipFile]:
    """Open a workbook's zip from an open file; any failure of an untrusted file is ``corrupt``."""
    try:
        archive = zipfile.ZipFile(handle)
    except Exception as exc:  # not a zip at all
        raise _corrupt(display, "XLSX", exc) from exc
    with archive:
        try:
            yield archive
        except ReadError:
            raise
        except Exception as exc:  # an untrusted file can break a parser in any way
            raise _corrupt(display, "XLSX", exc) from exc


def xlsx_sheets(path: Path, display: str) -> list[str]:
    """Return the names of the sheets of an XLSX workbook that hold data, in tab order.

    A sheet holds data when one of its cells has a value; a sheet without
    any (a fresh workbook's empty tabs, a chart sheet) is left out. Hidden
    sheets are listed like the others. Each sheet is read only up to its
    first value.

    Parameters
    ----------
    path : Path
        The workbook.
    display : str
        The name errors give as their ``path``.

    Returns
    -------
    list of str
        Sheet names as Excel shows them; empty for a workbook without data.

    Raises
    ------
    ReadError
        ``corrupt`` for a file that is no workbook (or names two sheets the
        same), ``too-large`` for a list of sheets that unpacks like a zip
        bomb. A sheet that cannot be read is listed: reading it reports it.
    """
    with open_regular(path, display) as handle, _archive(handle, display) as archive:
        sheets, _date1904 = _sheets(archive, display)
        names = [s.name for s in sheets]
        for name in names:
            if names.count(name) > 1:
                msg = f"corrupt XLSX: two sheets are named {name!r}"
                raise ReadError(msg, path=display, kind="corrupt")
        return [s.name for s in sheets if not s.part or _holds_data(archive, s.part, display)]


class _Workbook:
    """What reading one sheet of an XLSX needs: its part, shared strings, date styles, epoch."""

    def __init__(self, archive: zipfile.ZipFile, display: str, sheet: str | None = None) -> None:
        self.archive = archive
        self.display = display
        sheets, self.date1904 = _sheets(archive, display)
        self.sheet = _sheet_part(sheets, sheet, display)
        self.shared = self._shared_strings()
        self.date_styles = self._date_styles()

    def _shared_strings(self) -> list[str]:
        if "xl/sharedStrings.xml" not in self.archive.namelist():
            return []
        strings: list[str] = []
        parts: list[str] = []
        state = {"t": 0, "phonetic": 0}

        def start(name: str, _attrs: dict[str, str]) -> None:
            if name == _X + "si":
                parts.clear()
            elif name == _X + "t":
                state["t"] += 1
            elif name == _X + "rPh":  # phonetic guide text is not part of the string
                state["phonetic"] += 1

        def end(name: str) -> None:
            if name == _X + "si":
                strings.append("".join(parts))
            elif name == _X + "t":
                state["t"] -= 1
            elif name == _X + "rPh":
                state["phonetic"] -= 1

        def data(text: str) -> None:
            if state["t"] and not state["phonetic"]:
                parts.append(text)

        _parse_part(self.archive, "xl/sharedStrings.xml", self.display, start, end, data)
        return strings

    def _date_styles(self) -> frozenset[int]:
        if "xl/styles.xml" not in self.archive.namelist():
            return frozenset()
        custom: dict[int, str] = {}
        formats: list[int] = []
        state = {"xfs": 0}

        def start(name: str, attrs: dict[str, str]) -> None:
            if name == _X + "numFmt":
                custom[int(attrs.get("numFmtId", "0"))] = attrs.get("formatCode", "")
            elif name == _X + "cellXfs":
                state["xfs"] += 1
            elif name == _X + "xf" and state["xfs"]:
                formats.append(int(attrs.get("numFmtId", "0")))

        def end(name: str) -> None:
            if name == _X + "cellXfs":
                state["xfs"] -= 1

        _parse_part(self.archive, "xl/styles.xml", self.display, start, end)
        return frozenset(
            i
            for i, fmt in enumerate(formats)
            if fmt in _DATE_FORMAT_IDS or (fmt in custom and _is_date_code(custom[fmt]))
        )

    def number(self, text: str, style: int) -> Any:
        """A numeric cell's value: int, float, or a datetime where its style shows a date."""
        value: Any = float(text) if any(c in text for c in ".eE") else int(text)
        if style in self.date_styles:
            return _excel_date(float(value), self.date1904)
        return value


def _excel_date(serial: float, date1904: bool) -> Any:
    """An Excel serial date as a datetime, to the millisecond (a time of day below 1), as openpyxl does."""
    import datetime as dt

    days, fraction = divmod(serial, 1)
    diff = dt.timedelta(milliseconds=round(fraction * 86_400_000))
    if 0 <= serial < 1 and diff.days == 0:
        return (dt.datetime.min + diff).time()
    base = dt.datetime(1904, 1, 1) if date1904 else dt.datetime(1899, 12, 30)
    if 0 < serial < 60 and not date1904:
        days += 1  # Excel counts a 29 February 1900 that never was
    return base + dt.timedelta(days=days) + diff
