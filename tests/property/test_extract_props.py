"""Properties of the extract stage on arbitrary text and HTML: no crash, offsets always valid."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph.errors import PageError
from newsgraph.extract import extract
from newsgraph.model import Page

_WORDS = [
    "The",
    "union",
    "said",
    "on",
    "Monday",
    "that",
    "workers",
    "will",
    "strike",
    "in",
    "Lisbon",
    "Maria",
    "Reyes",
    "“We",
    "won’t",
    "stop,”",
    "Photo:",
    "Reuters",
    "Share",
    "Subscribe",
    "©",
    "2026",
    "é",
    "日本",
    "\u200b",
    "\t",
    "—",
    "&amp;",
    "<br>",
    ">",
]
_TAGS = [
    "p",
    "div",
    "span",
    "article",
    "h1",
    "h2",
    "figure",
    "figcaption",
    "script",
    "style",
    "nav",
    "footer",
    "li",
    "ul",
    "a",
    "b",
    "table",
    "td",
    "blockquote",
    "time",
    "header",
    "main",
]

words = st.lists(st.sampled_from(_WORDS) | st.text(max_size=12), max_size=40).map(" ".join)


@st.composite
def html_pages(draw: st.DrawFn) -> str:
    """Well-formed-ish and broken HTML built from news-like pieces."""
    parts = []
    for _ in range(draw(st.integers(0, 12))):
        tag = draw(st.sampled_from(_TAGS))
        close = draw(st.booleans())
        parts.append(f"<{tag}>{draw(words)}" + (f"</{tag}>" if close else ""))
    head = f"<title>{draw(words)}</title>" if draw(st.booleans()) else ""
    return f"<html><head>{head}</head><body>{''.join(parts)}</body></html>"


def _check(page: Page) -> None:
    try:
        article = extract(page, published=date(2026, 3, 9))
    except PageError as exc:
        assert exc.reason  # a coded, reasoned failure is fine
        return
    text = article.text
    assert text.strip()
    previous_end = 0
    for start, end in article.paragraphs:
        assert previous_end <= start < end <= len(text)
        assert text[start:end].strip() == text[start:end]
        previous_end = end
    assert "\n\n".join(text[s:e] for s, e in article.paragraphs) == text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(html_pages())
def test_html_extraction_never_crashes_and_offsets_hold(html: str) -> None:
    _check(Page(source="prop.html", kind="html", data=html.encode("utf-8", "surrogatepass")))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(words, max_size=12).map("\n".join))
def test_text_extraction_never_crashes_and_offsets_hold(text: str) -> None:
    _check(Page(source="prop.txt", kind="text", data=text.encode("utf-8", "surrogatepass")))


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000), st.sampled_from(["html", "text"]))
def test_arbitrary_bytes_never_crash(data: bytes, kind: str) -> None:
    _check(Page(source="prop.bin", kind=kind, data=data))  # type: ignore[arg-type]
