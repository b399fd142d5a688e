"""Pages from URLs the user names explicitly, fetched with ``httpx`` under strict limits.

Each hop (the URL and every redirect) is resolved first and refused when any address is
loopback, private, link-local or otherwise not public, unless ``allow_private``; the request
then goes to the checked address itself (Host header and TLS name kept), so a second DNS
answer cannot swap in an internal one. Bodies are streamed and inflated by us, within the page
size limit, and the whole fetch has a wall-clock deadline.
"""

from __future__ import annotations

import ipaddress
import socket
import time
import zlib
from typing import Any

import httpx

from newsgraph.ingest.files import sniff_kind
from newsgraph.ingest.limits import Limits, error_page, too_large_message
from newsgraph.ingest.warc import kind_for_content_type
from newsgraph.model import Page, PageKind

__all__ = ["fetch_page", "is_public_address"]

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_USER_AGENT = "newsgraph/0.1 (+https://github.com/newsgraph)"


class _Failed(Exception):
    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


def is_public_address(address: str) -> bool:
    """True when an IP address is globally routable (not loopback, private, link-local, ...)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone id
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def _resolve(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise _Failed("unreachable", f"cannot resolve host {host!r} ({error})") from error
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    if not addresses:
        raise _Failed("unreachable", f"host {host!r} has no address")
    return addresses


def _checked_addresses(url: httpx.URL, allow_private: bool) -> list[str]:
    """The addresses a URL's host resolves to, after refusing schemes and non-public addresses."""
    if url.scheme not in ("http", "https"):
        raise _Failed("blocked", f"refusing to fetch {url}: only http and https URLs are fetched")
    if not url.host:
        raise _Failed("blocked", f"refusing to fetch {url}: no host")
    port = url.port or (443 if url.scheme == "https" else 80)
    addresses = _resolve(url.host, port)
    if not allow_private:
        internal = [a for a in addresses if not is_public_address(a)]
        if internal:
            raise _Failed(
                "blocked",
                f"refusing to fetch {url}: {url.host} resolves to a non-public address ({internal[0]}); "
                f"pass allow_private=True (--allow-private) to fetch from your own network",
            )
    return addresses


def _open(client: httpx.Client, url: httpx.URL, allow_private: bool) -> httpx.Response:
    """Send a GET to the checked addresses in turn (as a normal connect would), streaming the reply."""
    addresses = _checked_addresses(url, allow_private)
    # The request names the checked address itself; Host and the TLS name keep the real host.
    headers = {"Host": url.netloc.decode("ascii")}
    extensions: dict[str, Any] = {"sni_hostname": url.host} if url.scheme == "https" else {}
    for number, address in enumerate(addresses, 1):
        pinned = url.copy_with(host=address.split("%", 1)[0])
        request = client.build_request("GET", pinned, headers=headers, extensions=extensions)
        try:
            return client.send(request, stream=True)
        except httpx.ConnectError:
            if number == len(addresses):
                raise
    raise AssertionError("unreachable: _resolve never returns an empty list")


def _inflater(encoding: str) -> Any:
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return None
    if encoding in ("gzip", "x-gzip"):
        return zlib.decompressobj(16 + zlib.MAX_WBITS)
    if encoding == "deflate":
        return zlib.decompressobj()
    raise _Failed("unreadable", f"unsupported Content-Encoding {encoding!r}")


def _read_body(response: httpx.Response, limits: Limits, deadline: float, what: str) -> bytes:
    """Stream the body, inflating it ourselves so no chunk can expand past the page limit."""
    limit = limits.max_page_bytes
    declared = response.headers.get("content-length", "")
    if declared.isascii() and declared.isdigit() and int(declared) > limit:
        raise _Failed("too_large", too_large_message(what, limits))
    inflater = _inflater(response.headers.get("content-encoding", ""))
    body = bytearray()
    for chunk in response.iter_raw(64 * 1024):
        if inflater is not None:
            try:
                chunk = inflater.decompress(chunk, limit + 1 - len(body))
            except zlib.error as error:
                raise _Failed("unreadable", f"{what}: body is not valid compressed data ({error})") from error
        body += chunk
        if len(body) > limit:
            raise _Failed("too_large", too_large_message(what, limits))
        if time.monotonic() > deadline:
            raise _Failed("timeout", f"{what} took longer than {limits.fetch_timeout:g} s to download")
    if inflater is not None and not inflater.eof:
        raise _Failed("truncated", f"{what}: compressed body ends early")
    return bytes(body)


def _fetch(source: str, limits: Limits, allow_private: bool) -> Page:
    deadline = time.monotonic() + limits.fetch_timeout
    timeout = httpx.Timeout(limits.connect_timeout)
    headers = {
        "User-Agent": _USER_AGENT,
        "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1",
        "Accept-Encoding": "gzip, deflate",
    }
    try:
        url = httpx.URL(source)
    except httpx.InvalidURL as error:
        raise _Failed("blocked", f"not a valid URL: {source} ({error})") from error
    # trust_env=False: a proxy from the environment would resolve hosts where we cannot check them.
    with httpx.Client(timeout=timeout, follow_redirects=False, trust_env=False, headers=headers) as client:
        for _ in range(limits.max_redirects + 1):
            response = _open(client, url, allow_private)
            try:
                location = response.headers.get("location")
                if response.status_code in _REDIRECTS and location:
                    url = url.join(location)
                    continue
                if response.status_code != 200:
                    raise _Failed("http_error", f"{url} answered HTTP {response.status_code}")
                content_type = response.headers.get("content-type")
                kind: PageKind | None = kind_for_content_type(content_type)
                if content_type and kind is None:
                    raise _Failed(
                        "unsupported_type", f"{url} is {content_type.split(';')[0]}, not an HTML or text page"
                    )
                data = _read_body(response, limits, deadline, str(url))
                return Page(source=source, kind=kind or sniff_kind(data), data=data, url=str(url))
            finally:
                response.close()
    raise _Failed("too_many_redirects", f"{source} redirects more than {limits.max_redirects} times")


def fetch_page(url: str, limits: Limits, *, allow_private: bool = False) -> Page:
    """Fetch one URL as a Page; any failure becomes an error Page with a reason."""
    try:
        return _fetch(url, limits, allow_private)
    except _Failed as error:
        return error_page(url, error.reason, str(error), url=url)
    except httpx.TimeoutException as error:
        return error_page(url, "timeout", f"{url} timed out ({type(error).__name__})", url=url)
    except httpx.HTTPError as error:
        return error_page(
            url, "unreachable", f"cannot fetch {url} ({type(error).__name__}: {error})", url=url
        )
