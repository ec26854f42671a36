"""A minimal FIT file writer for tests (fitdecode only reads FIT files).

FIT, in short: a 14-byte header (size, protocol version, profile version, data size, ".FIT",
header CRC), then records, then a CRC-16 of everything before it. Each record starts with a
header byte: 0x40 | local type for a *definition* (which global message and which fields, with
their sizes and base types), or just the local type for a *data* record laid out as defined.
Times are seconds since 1989-12-31 00:00 UTC; distances are centimetres, times milliseconds
(the profile's scales for session fields). Only what the importer reads is written.
"""

from __future__ import annotations

import struct
from datetime import UTC, datetime

FIT_EPOCH = datetime(1989, 12, 31, tzinfo=UTC)
CRC_TABLE = (
    0x0000,
    0xCC01,
    0xD801,
    0x1400,
    0xF001,
    0x3C00,
    0x2800,
    0xE401,
    0xA001,
    0x6C00,
    0x7800,
    0xB401,
    0x5000,
    0x9C01,
    0x8801,
    0x4400,
)

ENUM, UINT16, UINT32 = 0x00, 0x84, 0x86
FILE_ID, SESSION, RECORD = 0, 18, 20


def crc16(data: bytes, crc: int = 0) -> int:
    """The FIT SDK's CRC: two table look-ups per byte, low nibble first."""
    for byte in data:
        tmp = CRC_TABLE[crc & 0xF]
        crc = (crc >> 4) & 0x0FFF
        crc = crc ^ tmp ^ CRC_TABLE[byte & 0xF]
        tmp = CRC_TABLE[crc & 0xF]
        crc = (crc >> 4) & 0x0FFF
        crc = crc ^ tmp ^ CRC_TABLE[(byte >> 4) & 0xF]
    return crc


def fit_time(moment: datetime) -> int:
    return int((moment - FIT_EPOCH).total_seconds())


def _definition(local: int, global_number: int, fields: list[tuple[int, int, int]]) -> bytes:
    body = struct.pack("<BBHB", 0, 0, global_number, len(fields))
    body += b"".join(struct.pack("<BBB", number, size, base) for number, size, base in fields)
    return bytes([0x40 | local]) + body


def _data(local: int, fmt: str, *values: int) -> bytes:
    return bytes([local]) + struct.pack("<" + fmt, *values)


def fit_file(*, start: datetime, distance_m: float, seconds: float, sessions: int = 1) -> bytes:
    """A valid FIT activity with a file_id message and `sessions` session messages."""
    created = fit_time(start)
    records = _definition(0, FILE_ID, [(0, 1, ENUM), (1, 2, UINT16), (4, 4, UINT32)])
    records += _data(0, "BHI", 4, 255, created)  # activity file, "development" manufacturer
    session_fields = [
        (253, 4, UINT32),
        (2, 4, UINT32),
        (7, 4, UINT32),
        (8, 4, UINT32),
        (9, 4, UINT32),
        (5, 1, ENUM),
    ]
    records += _definition(1, SESSION, session_fields)
    for index in range(sessions):
        begin = created + index * 86400
        end = begin + round(seconds)
        millis, centimetres = round(seconds * 1000), round(distance_m * 100)
        records += _data(1, "IIIIIB", end, begin, millis, millis, centimetres, 1)
    return _wrap(records)


def fit_records_only(*, start: datetime, points: list[tuple[int, float]]) -> bytes:
    """A FIT file with only `record` messages: (seconds after start, metres so far)."""
    records = _definition(0, RECORD, [(253, 4, UINT32), (5, 4, UINT32)])
    for offset, metres in points:
        records += _data(0, "II", fit_time(start) + offset, round(metres * 100))
    return _wrap(records)


def _wrap(records: bytes) -> bytes:
    header = struct.pack("<BBHI4s", 14, 0x20, 2132, len(records), b".FIT")
    header += struct.pack("<H", crc16(header))
    body = header + records
    return body + struct.pack("<H", crc16(body))
