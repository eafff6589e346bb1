"""Zip packages of XML parts (DOCX, XLSX): how far one part may unpack before it counts as a zip bomb."""

from __future__ import annotations

import zipfile

_MAX_DOCX_XML = 512 * 1024 * 1024  # a zip bomb guard; real document.xml files are far smaller

# A DOCX is a zip: its document.xml may unpack to far more than the file. Real documents
# compress 5 to 20 times; a zip bomb of empty paragraphs a thousand times. Reading stops
# at this many times the packed size (never less than the floor), which bounds the time.
_DOCX_RATIO = 100
_DOCX_FLOOR = 32 * 1024 * 1024
_XML_CHUNK = 256 * 1024


def _member_limit(info: zipfile.ZipInfo) -> int:
    return min(_MAX_DOCX_XML, max(_DOCX_FLOOR, _DOCX_RATIO * info.compress_size))
