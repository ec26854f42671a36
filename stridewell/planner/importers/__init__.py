"""Reading runs out of GPX, TCX, FIT and CSV files. No Django: bytes in, runs out.

Every reader raises `RunFileError` with a sentence the runner can act on; nothing is stored
until a whole file has been read without error.
"""

from __future__ import annotations

from .common import (
    MAX_FILE_BYTES,
    MAX_FIT_MESSAGES,
    MAX_RUNS_PER_FILE,
    MAX_TRACK_POINTS,
    ParsedRun,
    RunFileError,
    runs_parse,
)

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_FIT_MESSAGES",
    "MAX_RUNS_PER_FILE",
    "MAX_TRACK_POINTS",
    "ParsedRun",
    "RunFileError",
    "runs_parse",
]
