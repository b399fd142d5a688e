"""Small things a reader notices: quotes inside quotes, '1 articles', an empty home page, CLI advice on web pages."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st

import newsgraph
from newsgraph.web import create_app
from newsgraph.web.typography import inner_quotes, without_cli_hints


def test_inner_quotes_become_single() -> None:
    assert inner_quotes("the ferry was a “great success”") == "the ferry was a ‘great success’"
    assert inner_quotes('talks could resume "as early as Friday" if the gates open') == (
        "talks could resume ‘as early as Friday’ if the gates open"
    )
    assert inner_quotes('"We stay," said Ana Ruiz.') == "‘We stay,’ said Ana Ruiz."
    assert inner_quotes("no marks at all, it's fine") == "no marks at all, it's fine"
    assert inner_quotes(None) == ""


def test_cli_advice_is_cut_from_messages() -> None:
    assert without_cli_hints("E041: no entity named 'Quentin'; try `newsgraph search`") == (
        "E041: no entity named 'Quentin'"
    )
    assert (
        without_cli_hints("no entity with id #999; find ids with `newsgraph who NAME`")
        == "no entity with id #999"
    )
    assert without_cli_hints("no entity named 'Ana'; did you mean: Ana Ruiz?") == (
        "no entity named 'Ana'; did you mean: Ana Ruiz?"
    )


@pytest.fixture(scope="module")
def client(examples_db: Path) -> Iterator[TestClient]:
    app = create_app(examples_db)
    with TestClient(app) as c:
        yield c
    app.state.kb.close()


def test_no_doubled_quote_marks(client: TestClient) -> None:
    page = client.get("/quotes", params={"all": "true"}).text
    assert "‘as early as next week’" in page  # the quote's own marks, made single inside ours
    assert not re.search(r"“[\"“]|[\"”]”", page)
    hwa = client.get("/api/who", params={"name": "HWA"}).json()["id"]
    dossier = client.get(f"/entities/{hwa}", params={"all": "true"}).text
    sentences = re.findall(r'<q class="sentence">(.*?)</q>', dossier, re.S)
    assert sentences and not any(re.search(r'["“”]|&#34;|&quot;', s) for s in sentences)
    assert any("‘We are not against machines" in s for s in sentences)


def test_counts_agree_in_number(client: TestClient) -> None:
    names = client.get("/api/entities", params={"q": "", "limit": 50}).json()
    names = names or [
        e for q in "ABCDEFGHIJKLMNOPQRSTUVWXYZ" for e in client.get("/api/entities", params={"q": q}).json()
    ]
    once = next(e for e in names if e["mention_count"] == 1)
    page = " ".join(client.get(f"/entities/{once['id']}").text.split())
    assert "1 mention in 1 article<" in page
    assert not re.search(r"\b1 (articles|mentions|quotes|names|events)\b", page)


def test_web_error_pages_give_no_command_line_advice(client: TestClient) -> None:
    for params in ({"actor": "#999999"}, {"actor": "Quentin Nobody Here"}):
        page = client.get("/events", params=params)
        assert page.status_code == 404
        assert (
            "newsgraph who" not in page.text and "newsgraph search" not in page.text and "`" not in page.text
        )
    page = client.get("/events", params={"actor": "Quentin Nobody Here"}).text
    assert 'href="/search?q=Quentin%20Nobody%20Here"' in page  # the page's own way on
    body = client.get("/api/events", params={"actor": "Quentin Nobody Here"}).json()
    assert "newsgraph search" in body["detail"]  # the JSON contract keeps its text for API clients


def test_an_empty_knowledge_base_says_so(tmp_path: Path) -> None:
    newsgraph.open(tmp_path / "empty.db").close()
    app = create_app(tmp_path / "empty.db")
    with TestClient(app) as c:
        page = " ".join(c.get("/").text.split())
    app.state.kb.close()
    assert "No names yet" in page and '<ol class="rank" id="all-time">' not in page
    assert "<b>0</b><span>articles</span>" in page


def _inner_quotes_by_hand(text: str) -> str:
    """The rule spelled out one character at a time (the filter does the same with two regexes)."""
    out = []
    for i, ch in enumerate(text):
        if ch in "“”":
            out.append("‘" if ch == "“" else "’")
        elif ch == '"':
            out.append("‘" if i == 0 or text[i - 1] in " \t\n([{—–-/" else "’")
        else:
            out.append(ch)
    return "".join(out)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab \"“”\t\n([{—–-/.,'’"))))
def test_inner_quotes_follows_the_rule_for_any_text(text: str) -> None:
    assert inner_quotes(text) == _inner_quotes_by_hand(text)
