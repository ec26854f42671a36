"""Parsing XML safely: no DTDs, no entity expansion, no external references."""

from __future__ import annotations

from xml.etree.ElementTree import Element

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring

from .common import RunFileError


def safe_root(data: bytes, kind: str) -> Element:
    try:
        return fromstring(data, forbid_dtd=True)
    except DefusedXmlException as error:
        raise RunFileError(
            f"This {kind} file contains XML features we do not accept (a DTD or entities)."
        ) from error
    except ParseError as error:
        raise RunFileError(
            f"This {kind} file is damaged: it is not valid XML ({error}). Export it again from "
            "your watch or app."
        ) from error
