"""Turn a page's raw bytes into text, or say clearly why that cannot be done.

Checks run cheapest first (size, emptiness, NUL bytes) so a huge or binary page fails
before anything tries to parse it.
"""

from __future__ import annotations

import codecs
import re

from newsgraph.errors import PageError

__all__ = ["DEFAULT_MAX_BYTES", "check_size", "decode"]

DEFAULT_MAX_BYTES = 20 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9._:-]+)""", re.I)
# Bytes cp1252 leaves undefined: seeing one means the page is not cp1252 either.
_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")
_CONTROL = frozenset(range(32)) - {9, 10, 12, 13}
_HIGH_RUN = re.compile(rb"[\x80-\xff]+")


def check_size(data: bytes | str, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
    """Raise ``PageError('too_large')`` or ``PageError('empty')`` before any parsing."""
    # len() is O(1) on both types; a str's length in characters is a lower bound on its bytes.
    size = len(data)
    if size > max_bytes:
        raise PageError(
            "too_large",
            f"page is {size:,} {'bytes' if isinstance(data, bytes) else 'characters'}, over the "
            f"limit of {max_bytes:,} bytes; raise max_bytes if this page is really an article",
        )
    if not data or not (data.strip() if isinstance(data, str) else data.strip()):
        raise PageError("empty", "page is empty (no content, or only whitespace)")


def _declared_charset(data: bytes) -> str | None:
    """The charset an HTML/XML page declares for itself in its first 4 KB, if any known one."""
    head = data[:4096]
    match = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    if not match:
        return None
    name = match.group(1).decode("ascii", "ignore")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _looks_binary(sample: bytes | str) -> bool:
    """NUL bytes, or many control characters, mean this is not a text page."""
    if isinstance(sample, str):
        if "\x00" in sample:
            return True
        controls = sum(1 for ch in sample if ord(ch) in _CONTROL)
    else:
        if b"\x00" in sample:
            return True
        controls = sum(1 for b in sample if b in _CONTROL)
    return controls > 0.05 * max(len(sample), 1)


def _cp1252_is_safe(data: bytes) -> bool:
    """cp1252 is a safe guess only for mostly-ASCII text whose non-ASCII bytes stand alone.

    Real Windows-1252 prose has isolated accented letters and smart quotes; runs of high bytes
    are the mark of another multi-byte encoding (or garbage), where guessing would corrupt text.
    """
    high = 0
    for run in _HIGH_RUN.finditer(data):
        chunk = run.group()
        if len(chunk) > 1 or chunk[0] in _CP1252_UNDEFINED:
            return False
        high += 1
    return high <= 0.05 * len(data)


def decode(data: bytes | str) -> str:
    """Decode a page: a BOM, else UTF-8, else its declared charset, else cp1252 when safe."""
    if isinstance(data, str):
        if _looks_binary(data[:8192]):
            raise PageError("binary", "page text contains NUL or control characters; it is not text")
        return data
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise PageError("encoding", f"page starts with a {codec} byte-order mark but {exc}") from None
    if _looks_binary(data[:8192]):
        raise PageError(
            "binary", "page contains NUL bytes or mostly control bytes; it looks like a binary file, not text"
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    declared = _declared_charset(data)
    if declared and declared != "utf-8":
        try:
            return data.decode(declared)
        except UnicodeDecodeError:
            pass
    if _cp1252_is_safe(data):
        return data.decode("cp1252")
    bad = data[utf8_error.start : utf8_error.start + 4]
    raise PageError(
        "encoding",
        f"invalid UTF-8 at byte {utf8_error.start} ({bad!r}: {utf8_error.reason})"
        + (
            f", and not valid {declared} either"
            if declared and declared != "utf-8"
            else ", no charset declared"
        )
        + "; re-encode the page as UTF-8 or declare its charset",
    )
