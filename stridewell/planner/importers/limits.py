"""Counting what a run file holds, cheaply, so a file over a limit is refused at once.

The readers (csv, gpxpy, ElementTree, fitdecode) spend their time on every row, point or
message: a file of 700,000 CSV rows or a million FIT records kept a worker busy for minutes
before the run limit refused it. These counts stop at the limit, so refusing costs at most
the work of reading `limit` items, and the readers only ever see files within the limits.

- XML (GPX, TCX): a regular expression over the bytes counts start tags. Every element has
  a start tag, so the count is never below the true number (a tag quoted in a comment can
  only make it higher): a file it passes is within the limit.
- FIT: the record headers are walked without decoding any field, counting data messages by
  global message number. A damaged file stops the walk; fitdecode then says what is wrong.
"""

from __future__ import annotations

import re
import struct
from collections import Counter
from dataclasses import dataclass

FIT_SESSION = 18
FIT_RECORD = 20


def xml_start_tags(name: str) -> re.Pattern[bytes]:
    """Start tags `<name …>`, `<name/>` or `<prefix:name …>`, for a local element name."""
    return re.compile(rb"<(?:[A-Za-z_][\w.\-]*:)?(?:" + name.encode() + rb")[\s/>]")


def count_upto(pattern: re.Pattern[bytes], data: bytes, limit: int) -> int:
    """How many times `pattern` occurs in `data`, counting no further than limit + 1."""
    found = 0
    for _ in pattern.finditer(data):
        found += 1
        if found > limit:
            break
    return found


@dataclass(frozen=True, slots=True)
class FitCounts:
    messages: int  # data messages of any kind, counted up to the limit + 1
    sessions: int
    records: int


def fit_count(data: bytes, *, message_limit: int) -> FitCounts:
    """Count a FIT file's data messages (all, sessions, records) without decoding them."""
    counts: Counter[int] = Counter()
    try:
        total = _fit_walk(data, counts, message_limit)
    except (IndexError, struct.error):  # truncated inside a record header: damaged
        total = counts.total()
    return FitCounts(total, counts[FIT_SESSION], counts[FIT_RECORD])


def _fit_walk(data: bytes, counts: Counter[int], message_limit: int) -> int:
    total = 0
    sizes: dict[int, int] = {}  # local message type -> data size
    globals_: dict[int, int] = {}  # local message type -> global message number
    offset = 0
    end = len(data)
    while offset + 12 <= end and total <= message_limit:  # one file of a chain at a time
        header_size = data[offset]
        if header_size < 12 or data[offset + 8 : offset + 12] != b".FIT":
            break
        (data_size,) = struct.unpack_from("<I", data, offset + 4)
        position = offset + header_size
        stop = min(position + data_size, end)
        sizes.clear()
        globals_.clear()
        while position < stop and total <= message_limit:
            record_header = data[position]
            position += 1
            if record_header & 0x80:  # compressed timestamp: a data message, local type 0-3
                local = (record_header >> 5) & 0x03
            elif record_header & 0x40:  # definition message
                if position + 5 > stop:
                    break
                local = record_header & 0x0F
                is_big_endian = data[position + 1] == 1
                (number,) = struct.unpack_from(">H" if is_big_endian else "<H", data, position + 2)
                field_count = data[position + 4]
                position += 5
                size = sum(data[position + 3 * i + 1] for i in range(field_count))
                position += 3 * field_count
                if record_header & 0x20 and position < stop:  # developer fields follow
                    developer_count = data[position]
                    position += 1
                    size += sum(data[position + 3 * i + 1] for i in range(developer_count))
                    position += 3 * developer_count
                sizes[local] = size
                globals_[local] = number
                continue
            else:
                local = record_header & 0x0F
            if local not in sizes:
                return total  # a data message before its definition: damaged
            position += sizes[local]
            total += 1
            counts[globals_[local]] += 1
        offset = stop + 2  # the file's CRC; a chained file may follow
    return total
