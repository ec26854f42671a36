"""Stop reading an upload at the size limit, instead of spooling any size to disk first.

Django keeps non-file form data under DATA_UPLOAD_MAX_MEMORY_SIZE but streams files of any
size to a temporary file before a view can look at them. This handler, first in
FILE_UPLOAD_HANDLERS, refuses a multipart body over UPLOAD_MAX_BYTES as soon as it is
announced (Content-Length) or, failing that, as soon as that many bytes have arrived. The
refusal is Django's `RequestDataTooBig`: a 413 in the API's error shape, or the friendly
413 page for a form (see `stridewell.core.views.bad_request`).
"""

from __future__ import annotations

from typing import IO

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadhandler import FileUploadHandler

MESSAGE = "The upload is over settings.UPLOAD_MAX_BYTES."


class CappedUploadHandler(FileUploadHandler):
    def handle_raw_input(
        self,
        input_data: IO[bytes],
        META: dict[str, str],  # noqa: N803 - Django's argument name
        content_length: int,
        boundary: str,
        encoding: str | None = None,
    ) -> None:
        self.limit = int(settings.UPLOAD_MAX_BYTES)
        self.received = 0
        if content_length and content_length > self.limit:
            raise RequestDataTooBig(MESSAGE)

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > self.limit:
            raise RequestDataTooBig(MESSAGE)
        return raw_data  # the next handler stores it

    def file_complete(self, file_size: int) -> None:
        return None
