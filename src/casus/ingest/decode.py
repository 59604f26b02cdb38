"""Bytes to text: refuse binary data, decode UTF-8 (or a BOM-marked UTF-16), say exactly why not.

casus never guesses a character set: a wrong guess would silently corrupt names and offsets.
"""

from __future__ import annotations

import codecs

from casus.errors import BinaryInputError, EmptyInputError, EncodingError

# Share of control bytes in the sample above which the data is not text.
_BINARY_SHARE = 0.1
_SAMPLE = 8192
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\b\x1b")
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def decode(origin: str, data: bytes) -> str:
    """Decode the whole input ``data`` read from ``origin``.

    Raises EmptyInputError, BinaryInputError or EncodingError.
    """
    if not data.strip():
        reason = "empty: nothing to read" if not data else "nothing to read: only whitespace"
        raise EmptyInputError(origin, reason)
    if data.startswith(_UTF16_BOMS):
        return _decode_utf16(origin, data)
    check_not_binary(origin, data)
    return decode_utf8(origin, data)


def decode_utf8(origin: str, data: bytes, offset: int = 0) -> str:
    """UTF-8 with an optional BOM, or EncodingError naming the first bad byte and its offset."""
    if data.startswith(codecs.BOM_UTF8):
        data, offset = data[len(codecs.BOM_UTF8) :], offset + len(codecs.BOM_UTF8)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        byte = data[exc.start]
        reason = f"not valid UTF-8 (byte 0x{byte:02x} at offset {offset + exc.start})"
        raise EncodingError(origin, reason) from None


def too_large(size: int | None, max_bytes: int) -> str:
    """The reason given for an input over the size limit (``size`` None: a stream, size unknown)."""
    amount = f"{size} bytes is" if size is not None else f"more than {max_bytes} bytes is"
    return f"{amount} over the limit of {max_bytes} bytes (max_bytes)"


def check_not_binary(origin: str, data: bytes) -> None:
    sample = data[:_SAMPLE]
    if b"\x00" in sample:
        raise BinaryInputError(origin, "binary data, not text (contains NUL bytes)")
    controls = sum(1 for byte in sample if _is_control(byte))
    if controls > _BINARY_SHARE * len(sample):
        raise BinaryInputError(origin, "binary data, not text (mostly control bytes)")


def _is_control(byte: int) -> bool:
    return (byte < 0x20 or byte == 0x7F) and byte not in _TEXT_CONTROLS


def _decode_utf16(origin: str, data: bytes) -> str:
    try:
        return data.decode("utf-16")
    except UnicodeDecodeError as exc:
        reason = f"not valid UTF-16 after its byte-order mark (offset {exc.start})"
        raise EncodingError(origin, reason) from None
