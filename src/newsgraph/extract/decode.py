"""Turn a page's raw bytes into text, or say clearly why that cannot be done.

Checks run cheapest first (size, emptiness, NUL bytes) so a huge or binary page fails
before anything tries to parse it.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

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
_UTF16_PAIR = re.compile(rb"(?<=[\x09\x0a\x0d\x20-\x7e])\x00(?=[\x09\x0a\x0d\x20-\x7e\xa0-\xff])")


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
    """Many control characters (NUL included) mean this is not a text page.

    Compressed or image data has about one control byte in nine; a text page with a stray
    UTF-16 fragment (every other byte NUL) has a few, and is decoded best-effort instead.
    """
    if isinstance(sample, str):
        controls = sum(1 for ch in sample if ord(ch) in _CONTROL)
    else:
        controls = sum(1 for b in sample if b in _CONTROL)
        # NULs between ASCII letters are a UTF-16 fragment's, not a binary file's
        controls -= len(_UTF16_PAIR.findall(sample))
    return controls > 0.05 * max(len(sample), 1)


def _mostly_utf8(data: bytes, declared: str | None) -> bool:
    """True for a UTF-8 page with a stray fragment in another encoding (Latin-1, UTF-16).

    It declares UTF-8, or has at least as many valid multi-byte UTF-8 characters as invalid
    sequences; a page written in another charset is invalid wherever it leaves ASCII.
    """
    if declared == "utf-8":
        return True
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
    valid = sum(1 for ch in text if ord(ch) > 0x7F) - bad
    return valid >= bad


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    """Decode each byte UTF-8 refused as Windows-1252 (a superset of printable Latin-1)."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    chunk = error.object[error.start : error.end]
    return chunk.decode("cp1252", errors="replace"), error.end


codecs.register_error("newsgraph_cp1252", _cp1252_fallback)


def _without_controls(text: str) -> str:
    """Drop NUL and other control characters (left by a stray UTF-16 fragment) from decoded text."""
    if not any(ord(ch) in _CONTROL for ch in text):
        return text
    return "".join(ch for ch in text if ord(ch) not in _CONTROL)


def _by_detection(data: bytes) -> str | None:
    """charset-normalizer's best reading of an undeclared non-UTF-8 page, or None if it has none."""
    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding in (None, "utf_8"):
        return None
    try:
        return data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        return None


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
    """Decode a page: a BOM, else UTF-8, else its declared charset, else cp1252 when safe.

    A page that is UTF-8 but for a stray fragment is decoded best-effort (the fragment's bytes
    as Windows-1252, NULs of a UTF-16 fragment dropped); an undeclared page in another charset
    is read by charset-normalizer.
    """
    if isinstance(data, str):
        if _looks_binary(data[:8192]):
            raise PageError("binary", "page text contains mostly control characters; it is not text")
        return _without_controls(data)
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise PageError("encoding", f"page starts with a {codec} byte-order mark but {exc}") from None
    if _looks_binary(data[:8192]):
        raise PageError("binary", "page contains mostly control bytes; it looks like a binary file, not text")
    try:
        return _without_controls(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        utf8_error = exc
    declared = _declared_charset(data)
    if declared and declared != "utf-8":
        try:
            return data.decode(declared)
        except UnicodeDecodeError:
            pass
    if _cp1252_is_safe(data):
        return _without_controls(data.decode("cp1252"))
    if _mostly_utf8(data, declared):
        return _without_controls(data.decode("utf-8", errors="newsgraph_cp1252"))
    if not declared:
        detected = _by_detection(data)
        if detected is not None and not _looks_binary(detected[:8192]):
            return _without_controls(detected)
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
