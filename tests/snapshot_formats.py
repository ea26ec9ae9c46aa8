"""syrupy snapshot formats that keep one rendering per file, exactly as rendered (the corpus and
13G/HTML snapshot tests)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from syrupy.data import SnapshotCollection
from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode


class RenderedSnapshot(SingleFileSnapshotExtension):
    """The exact text of one rendering, one UTF-8 file per snapshot, line ends untouched (CSV's
    CRLF included: syrupy's text mode would translate them when reading back)."""

    _write_mode = WriteMode.TEXT

    def read_snapshot_data_from_location(
        self, *, snapshot_location: str, snapshot_name: str, session_id: str
    ) -> str | None:
        try:
            with open(snapshot_location, encoding="utf-8", newline="") as file:
                return file.read()
        except FileNotFoundError:
            return None

    @classmethod
    def write_snapshot_collection(
        cls, *, snapshot_collection: SnapshotCollection, name_order: Any = None
    ) -> None:
        data = next(iter(snapshot_collection)).data
        assert isinstance(data, str)
        Path(snapshot_collection.location).write_text(data, encoding="utf-8", newline="")


class JsonSnapshot(RenderedSnapshot):
    file_extension = "json"


class CsvSnapshot(RenderedSnapshot):
    file_extension = "csv"


class TextSnapshot(RenderedSnapshot):
    file_extension = "txt"
