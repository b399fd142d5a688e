"""An events filter naming no entity keeps the page: the form as typed and a line saying what was not found."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

from newsgraph.web import create_app


def _input(html: str, name: str) -> str | None:
    m = re.search(rf'<input name="{name}" value="([^"]*)"', html)
    return m.group(1) if m else None


def test_unknown_actor_keeps_the_form(examples_db: Path) -> None:
    client = TestClient(create_app(examples_db))
    r = client.get("/events", params={"actor": "Quentin Zebedee", "place": "Alder", "from": "2020-01-01"})
    assert r.status_code == 404
    html = r.text
    assert 'id="event-filters"' in html  # the events page, not the error page
    assert "· not found" not in html and "<h1>Events</h1>" in html
    assert _input(html, "actor") == "Quentin Zebedee"
    assert _input(html, "place") == "Alder"
    assert _input(html, "from") == "2020-01-01"
    notice = re.search(r'<div class="filter-notice" id="filter-notice" role="alert">(.*?)</div>', html, re.S)
    assert notice is not None
    assert "Actor:" in notice.group(1) and "Quentin Zebedee" in notice.group(1)
    assert "newsgraph" not in notice.group(1)  # no command-line advice on a web page
    assert "No events match." in html


def test_unknown_recipient_is_named_as_the_recipient(examples_db: Path) -> None:
    client = TestClient(create_app(examples_db))
    r = client.get("/events", params={"recipient": "#99999"})
    assert r.status_code == 404
    assert _input(r.text, "recipient") == "#99999"
    assert "Recipient:" in r.text and "99999" in r.text


def test_json_twin_still_answers_the_error(examples_db: Path) -> None:
    client = TestClient(create_app(examples_db))
    r = client.get("/events", params={"actor": "Quentin Zebedee", "format": "json"})
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("application/json")


def test_a_known_actor_has_no_notice(examples_db: Path) -> None:
    client = TestClient(create_app(examples_db))
    found = client.get("/api/events", params={"all": "true"}).json()
    actor = "#" + str(next(e["actor"] for e in found if e["actor"] is not None))
    r = client.get("/events", params={"actor": actor, "all": "true"})
    assert r.status_code == 200
    assert 'id="filter-notice"' not in r.text
    assert _input(r.text, "actor") == actor


def test_unknown_speaker_keeps_the_quotes_form(examples_db: Path) -> None:
    """The Quotes page does the same for its speaker and "about" filters."""
    client = TestClient(create_app(examples_db))
    r = client.get("/quotes", params={"speaker": "Quentin Zebedee", "q": "cranes"})
    assert r.status_code == 404
    html = r.text
    assert 'id="quote-filters"' in html and "<h1>Quotes</h1>" in html
    assert _input(html, "speaker") == "Quentin Zebedee" and _input(html, "q") == "cranes"
    notice = re.search(r'<div class="filter-notice" id="filter-notice" role="alert">(.*?)</div>', html, re.S)
    assert notice is not None and "Speaker:" in notice.group(1)
    about = client.get("/quotes", params={"about": "#99999"})
    assert about.status_code == 404 and "About:" in about.text
    assert client.get("/quotes", params={"speaker": "Quentin Zebedee", "format": "json"}).status_code == 404
    assert client.get("/quotes", params={"speaker": "Tomas Reyes"}).status_code == 200
