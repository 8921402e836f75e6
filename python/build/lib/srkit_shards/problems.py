"""What verification reports."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional


@dataclass(frozen=True)
class Problem:
    """A defect found by verification: file, record number inside that shard (None = whole file),
    message. ``str()`` gives ``FILE record N: …`` or ``FILE: …`` as ``prep verify`` prints."""

    file: str
    record: Optional[int]
    message: str

    def __str__(self) -> str:
        return f"{self.file} record {self.record}: {self.message}" if self.record is not None else f"{self.file}: {self.message}"
