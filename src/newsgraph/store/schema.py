"""The knowledge base schema (SQLAlchemy Core), portable between SQLite and PostgreSQL.

Article-level facts keep the article-local entity ids of the JSON record (``local_id``) and the
knowledge-base entity they resolved to (``entity_id``), so re-resolution never loses provenance.
Every fact row keeps its character span and its sentence span in the article text.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
    func,
)

__all__ = ["metadata", "SCHEMA_VERSION"]

SCHEMA_VERSION = 6

metadata = MetaData()


def _span_columns() -> list[Column]:
    return [
        Column("start", Integer, nullable=False),
        Column("end", Integer, nullable=False),
        Column("sent_start", Integer, nullable=False),
        Column("sent_end", Integer, nullable=False),
    ]


def _article_fk() -> Column:
    return Column(
        "article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True
    )


def _entity_fk(name: str, nullable: bool = True) -> Column:
    return Column(
        name, Integer, ForeignKey("entities.id", ondelete="SET NULL"), nullable=nullable, index=True
    )


articles = Table(
    "articles",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("url", Text),
    Column("source", Text, nullable=False),
    Column("title", Text),
    Column("published", String(10), index=True),
    Column("site", Text),
    Column("language", String(16)),
    Column("text", Text, nullable=False),
    Column("record", JSON, nullable=False),
    Column("duplicate_of", String(64), ForeignKey("articles.id", ondelete="SET NULL"), index=True),
    Column("ingested_at", DateTime(timezone=True), server_default=func.now(), nullable=False),
)

article_sources = Table(
    "article_sources",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _article_fk(),
    Column("source", Text, nullable=False),
    Column("url", Text),
    UniqueConstraint("article_id", "source", name="uq_article_source"),
)

entities = Table(
    "entities",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", Text, nullable=False),
    Column("type", String(32), nullable=False),
    Column("mention_count", Integer, nullable=False, default=0),
    Column("article_count", Integer, nullable=False, default=0),
    # ids are never reused, so a correction that names an entity by id cannot hit a newer one
    sqlite_autoincrement=True,
)

aliases = Table(
    "aliases",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("entity_id", Integer, ForeignKey("entities.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("alias", Text, nullable=False),
    Column("norm", String(255), nullable=False, index=True),
    Column("origin", String(16), nullable=False, default="auto"),
    UniqueConstraint("entity_id", "norm", name="uq_alias"),
)

mentions = Table(
    "mentions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _article_fk(),
    _entity_fk("entity_id"),
    Column("local_id", String(16), nullable=False),
    Column("text", Text, nullable=False),
    Column("kind", String(16), nullable=False, default="name"),
    *_span_columns(),
)
Index("ix_mentions_sentence", mentions.c.article_id, mentions.c.sent_start)

timexes = Table(
    "timexes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _article_fk(),
    Column("text", Text, nullable=False),
    Column("type", String(16), nullable=False),
    Column("value", String(64), index=True),
    *_span_columns(),
    # how far to trust the value as the time of what its sentence reports (nlp.timex_confidence)
    Column("confidence", Float, nullable=False, default=1.0, server_default="1.0"),
)
Index("ix_timexes_sentence", timexes.c.article_id, timexes.c.sent_start)

quotes = Table(
    "quotes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _article_fk(),
    _entity_fk("speaker_id"),
    Column("speaker_local", String(16)),
    Column("speaker_text", Text),
    Column("text", Text, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("cue", Text),
    Column("date", String(32), index=True),
    Column("confidence", Float, nullable=False, default=1.0),
    *_span_columns(),
)

descriptions = Table(
    "descriptions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _article_fk(),
    _entity_fk("entity_id"),
    Column("local_id", String(16), nullable=False),
    Column("text", Text, nullable=False),
    Column("kind", String(16)),
    Column("confidence", Float, nullable=False, default=1.0),
    *_span_columns(),
)

relations = Table(
    "relations",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _article_fk(),
    _entity_fk("subject_id"),
    _entity_fk("object_id"),
    Column("subject_local", String(16), nullable=False),
    Column("object_local", String(16), nullable=False),
    Column("relation", String(32), nullable=False, index=True),
    Column("confidence", Float, nullable=False, default=1.0),
    Column("negated", Boolean, nullable=False, default=False),
    Column("date", String(32)),
    *_span_columns(),
    # a tie the text says is over ("former chairman of Y"): shown as such, never as current
    Column("former", Boolean, nullable=False, default=False, server_default=false()),
)

events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _article_fk(),
    Column("type", String(32), nullable=False, index=True),
    Column("mode", String(32)),
    _entity_fk("actor_id"),
    _entity_fk("recipient_id"),
    Column("actor_local", String(16)),
    Column("recipient_local", String(16)),
    Column("actor_text", Text),
    Column("recipient_text", Text),
    Column("place", Text, index=True),
    Column("country_code", String(8)),
    Column("lat", Float),
    Column("lon", Float),
    # whether the event's sentence names the place ("sentence") or the article does, as a fallback
    # ("article"), and where it came from (text, coref, dateline, headline)
    Column("place_precision", String(16)),
    Column("place_source", String(16)),
    # schema 5: the place's administrative level (0 country, 1 first-order division, NULL a town) and
    # geo precision (place, region, country; article for a fallback); people killed and injured as the
    # sentence states them; the actor's and recipient's sectors where their words say them
    Column("admin_level", Integer),
    Column("geo_precision", String(16)),
    Column("fatalities", Integer),
    Column("injured", Integer),
    Column("actor_sector", String(32)),
    Column("recipient_sector", String(32)),
    Column("date", String(32), index=True),
    Column("date_source", String(16)),
    Column("trigger", Text),
    Column("confidence", Float, nullable=False, default=1.0),
    Column("negated", Boolean, nullable=False, default=False),
    Column("hypothetical", Boolean, nullable=False, default=False),
    *_span_columns(),
)

errors = Table(
    "errors",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source", Text, nullable=False),
    Column("reason", String(32), nullable=False, index=True),
    Column("code", String(8)),
    Column("message", Text, nullable=False),
    Column("content_hash", String(64)),
    Column("at", DateTime(timezone=True), server_default=func.now(), nullable=False),
)

corrections = Table(
    "corrections",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("op", String(16), nullable=False),
    Column("args", JSON, nullable=False),
    Column("at", DateTime(timezone=True), server_default=func.now(), nullable=False),
)

# -- version 2: resolution keys and near-duplicate signatures ---------------------------------

entity_keys = Table(
    "entity_keys",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("entity_id", Integer, ForeignKey("entities.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("key", String(255), nullable=False, index=True),
    # ``initials`` (of a multi-word name, to meet its acronym), ``surname`` (of a person),
    # ``token`` (first and last words of a multi-word name, to find spelling variants)
    Column("kind", String(16), nullable=False),
    UniqueConstraint("entity_id", "key", "kind", name="uq_entity_key"),
)
"""Lookup keys that are not names a reader would search for, used only to find link candidates."""

minhash_signatures = Table(
    "minhash_signatures",
    metadata,
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("shingles", Integer, nullable=False),
    Column("signature", LargeBinary, nullable=False),
)
"""The MinHash signature of each article's clean text (uint64 values), to verify LSH candidates."""

minhash_bands = Table(
    "minhash_bands",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _article_fk(),
    Column("band", Integer, nullable=False),
    Column("hash", BigInteger, nullable=False),
)
Index("ix_minhash_band_hash", minhash_bands.c.band, minhash_bands.c.hash)
"""LSH bands: articles sharing one (band, hash) pair are near-duplicate candidates."""

meta = Table(
    "meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)
