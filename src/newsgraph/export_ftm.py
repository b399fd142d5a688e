"""The knowledge base as FollowTheMoney entities (for Aleph and the ``ftm`` tools), one JSON object a line.

Built with the ``followthemoney`` library (the optional extra ``newsgraph[ftm]``), so every record is
an entity proxy of the FtM model, not hand-written JSON:

* each article (reprints left out) is an ``Article`` with its title, URL, publication date,
  publisher and text;
* each person and organisation is a ``Person``, ``Organization``, ``PublicBody`` or ``Company``
  (``data/ftm_schemata.toml`` says which) with its name and aliases;
* each (entity, article) pair gives a ``Mention`` (the name as the article writes it, resolved to the
  entity) and a ``Documentation`` link;
* each relation statement becomes the FtM relationship its ``data/ftm_schemata.toml`` row names
  (``Membership``, ``Employment``, ``Directorship``, ``Associate``), or an ``UnknownLink`` with our
  relation as its role when no schema fits; its ``proof`` is the article, its ``summary`` the sentence.

Only confirmed relations (``newsgraph.trust``) unless ``include_unconfirmed``; negated statements never.
Entity ids are stable hashes of our ids (``make_id``), so two exports of one base agree.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from sqlalchemy import Connection, select

from .errors import NewsgraphError
from .query.confirmed import confirmed_clause
from .query.dossier import relation_select
from .store.schema import aliases, articles, entities, mentions, relations

__all__ = ["ftm_entities", "FtmCount", "FtmMissing"]

_NS = "newsgraph"


class FtmMissing(NewsgraphError):
    """The ``followthemoney`` library is not installed."""

    code = "E051"


@dataclass
class FtmCount:
    """What an FtM export wrote, by schema, and which of our entities it left out, by type."""

    written: dict[str, int] = field(default_factory=dict)
    left_out: dict[str, int] = field(default_factory=dict)


@lru_cache(maxsize=1)
def _config() -> dict[str, Any]:
    text = resources.files("newsgraph").joinpath("data/ftm_schemata.toml").read_text("utf-8")
    return tomllib.loads(text)


def _model() -> Any:
    try:
        from followthemoney import model
    except ImportError as exc:
        raise FtmMissing(
            "--format ftm needs the followthemoney library: pip install 'newsgraph[ftm]'"
        ) from exc
    return model


def _words(name: str) -> str:
    return " " + re.sub(r"[^\w.&]+", " ", name.lower()).strip() + " "


def entity_schema(type: str, name: str) -> str | None:
    """The FtM schema for one of our entities, or None when FtM has none for its type."""
    schema = _config()["entities"].get(type)
    if schema != "Organization":
        return schema
    words = _words(name)
    for target in ("PublicBody", "Company"):  # a ministry's "Company" in a name is rarer than not
        if any(f" {cue} " in words for cue in _config()["organisation_cues"][target]):
            return target
    return schema


def _id(kind: str, key: Any) -> str:
    from followthemoney.util import make_entity_id

    return make_entity_id(_NS, kind, str(key))


def _emit(count: FtmCount, proxy: Any) -> dict[str, Any]:
    count.written[proxy.schema.name] = count.written.get(proxy.schema.name, 0) + 1
    return proxy.to_dict()


def _articles(conn: Connection, model: Any, count: FtmCount) -> Iterator[dict[str, Any]]:
    stmt = (
        select(
            articles.c.id,
            articles.c.url,
            articles.c.title,
            articles.c.published,
            articles.c.site,
            articles.c.language,
            articles.c.text,
        )  # fmt: skip
        .where(articles.c.duplicate_of.is_(None))
        .order_by(articles.c.published.asc().nulls_last(), articles.c.id)
    )
    for r in conn.execute(stmt):
        doc = model.make_entity("Article")
        doc.id = _id("article", r.id)
        doc.add("title", r.title)
        doc.add("sourceUrl", r.url)
        doc.add("publishedAt", r.published)
        doc.add("publisher", r.site)
        doc.add("language", r.language)
        doc.add("bodyText", r.text)
        yield _emit(count, doc)


def _entities(conn: Connection, model: Any, count: FtmCount) -> tuple[dict[int, Any], list[dict[str, Any]]]:
    names: dict[int, list[str]] = {}
    for eid, alias in conn.execute(select(aliases.c.entity_id, aliases.c.alias).order_by(aliases.c.id)):
        names.setdefault(eid, []).append(alias)
    proxies: dict[int, Any] = {}
    out = []
    for r in conn.execute(select(entities.c.id, entities.c.name, entities.c.type).order_by(entities.c.id)):
        schema = entity_schema(r.type, r.name)
        if schema is None:
            count.left_out[r.type] = count.left_out.get(r.type, 0) + 1
            continue
        proxy = model.make_entity(schema)
        proxy.id = _id("entity", r.id)
        proxy.add("name", r.name)
        proxy.add("alias", [a for a in names.get(r.id, []) if a != r.name])
        proxies[r.id] = proxy
        out.append(_emit(count, proxy))
    return proxies, out


def _mentions(
    conn: Connection, model: Any, count: FtmCount, proxies: dict[int, Any]
) -> Iterator[dict[str, Any]]:
    """One Mention and one Documentation per (entity, article): the first name the article writes."""
    stmt = (
        select(mentions.c.entity_id, mentions.c.article_id, mentions.c.text)
        .join(articles, articles.c.id == mentions.c.article_id)
        .where(mentions.c.entity_id.is_not(None), articles.c.duplicate_of.is_(None))
        .where(mentions.c.kind == "name")  # a pronoun resolved by coreference is no name to show
        .order_by(mentions.c.article_id, mentions.c.entity_id, mentions.c.start)
    )
    seen: set[tuple[int, str]] = set()
    for eid, article_id, text in conn.execute(stmt):
        proxy = proxies.get(eid)
        if proxy is None or (eid, article_id) in seen:
            continue
        seen.add((eid, article_id))
        doc_id = _id("article", article_id)
        mention = model.make_entity("Mention")
        mention.id = _id("mention", f"{eid}:{article_id}")
        mention.add("document", doc_id)
        mention.add("name", text)
        mention.add("resolved", proxy.id)
        mention.add("detectedSchema", proxy.schema.name)
        yield _emit(count, mention)
        link = model.make_entity("Documentation")
        link.id = _id("documentation", f"{eid}:{article_id}")
        link.add("document", doc_id)
        link.add("entity", proxy.id)
        link.add("role", "named in the article")
        yield _emit(count, link)


def _fits(model: Any, schema: str, prop: str, proxy: Any) -> bool:
    """Whether ``proxy``'s schema may fill ``schema``'s entity property ``prop``."""
    target = model.get(schema).get(prop).range
    return proxy.schema.is_a(target)


def _relations(
    conn: Connection, model: Any, count: FtmCount, proxies: dict[int, Any], include_unconfirmed: bool
) -> Iterator[dict[str, Any]]:
    rows = _config()["relations"]
    stmt = (
        relation_select()
        .where(relations.c.negated.is_(False), articles.c.duplicate_of.is_(None))
        .where(relations.c.subject_id.is_not(None), relations.c.object_id.is_not(None))
        .order_by(relations.c.id)
    )
    if not include_unconfirmed:
        stmt = stmt.where(confirmed_clause("relation"))
    for r in conn.execute(stmt):
        subj, obj = proxies.get(r.subject_id), proxies.get(r.object_id)
        if subj is None or obj is None or subj.id == obj.id:
            continue
        row = rows.get(r.relation)
        if (
            row
            and _fits(model, row["schema"], row["subject"], subj)
            and _fits(model, row["schema"], row["object"], obj)
        ):
            link = model.make_entity(row["schema"])
            link.add(row["subject"], subj.id)
            link.add(row["object"], obj.id)
            if "role" in row:
                link.add("role", row["role"])
            if "relationship" in row:
                link.add("relationship", row["relationship"])
        else:
            link = model.make_entity("UnknownLink")
            link.add("subject", subj.id)
            link.add("object", obj.id)
            link.add("role", r.relation.replace("_", " "))
        link.id = _id("relation", r.id)
        link.add("proof", _id("article", r.article_id))
        link.add("summary", r.sentence)
        link.add("sourceUrl", r.url)
        link.add("date", r.date if r.date and re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", r.date) else None)
        if r.former:
            link.add("status", "former")  # the text says the tie is over; when it ended, it does not say
        link.add("recordId", str(r.id))
        yield _emit(count, link)


def ftm_entities(
    conn: Connection, count: FtmCount | None = None, *, include_unconfirmed: bool = False
) -> Iterator[dict[str, Any]]:
    """Every FtM entity of the knowledge base as a dict (``EntityProxy.to_dict()``), articles first."""
    model = _model()
    count = count if count is not None else FtmCount()
    yield from _articles(conn, model, count)
    proxies, people = _entities(conn, model, count)
    yield from people
    yield from _mentions(conn, model, count, proxies)
    yield from _relations(conn, model, count, proxies, include_unconfirmed)
