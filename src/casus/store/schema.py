"""The store's tables, as an ordered list of migrations.

Migration N (1-based) takes a database from schema version N-1 to N; the store applies the ones a
database lacks when it opens it and records each in ``schema_version``. Never edit a migration
that has shipped: append a new one.

The ``events`` table holds one row per event with every CONTRACT.md field flattened
(``source_name``, ``location_lat``, ...) so that it is easy to query from SQL; the
``events_contract`` view puts the nested CONTRACT record back together (``source``, ``target``,
``location`` and ``evidence`` as structs).
"""

from __future__ import annotations

from casus.store.rows import ACTOR_FIELDS, PLACE_FIELDS

_V1_TABLES = """
CREATE TABLE documents (
    id VARCHAR PRIMARY KEY,
    text VARCHAR NOT NULL,
    published DATE,
    title VARCHAR,
    url VARCHAR,
    source VARCHAR,
    language VARCHAR,
    origin VARCHAR,
    meta JSON,
    ingested_at TIMESTAMP DEFAULT current_timestamp
);

CREATE TABLE events (
    id VARCHAR PRIMARY KEY,
    doc_id VARCHAR NOT NULL,
    sentence_index INTEGER NOT NULL,
    evidence_text VARCHAR NOT NULL,
    evidence_start INTEGER NOT NULL,
    evidence_end INTEGER NOT NULL,
    trigger VARCHAR NOT NULL,
    trigger_start INTEGER NOT NULL,
    trigger_end INTEGER NOT NULL,
    source_text VARCHAR, source_name VARCHAR, source_country VARCHAR, source_role VARCHAR,
    source_code VARCHAR, source_kind VARCHAR, source_wikidata VARCHAR,
    target_text VARCHAR, target_name VARCHAR, target_country VARCHAR, target_role VARCHAR,
    target_code VARCHAR, target_kind VARCHAR, target_wikidata VARCHAR,
    cameo VARCHAR NOT NULL,
    cameo_name VARCHAR NOT NULL,
    root VARCHAR NOT NULL,
    plover VARCHAR NOT NULL,
    quad_class INTEGER NOT NULL,
    goldstein DOUBLE NOT NULL,
    mode VARCHAR NOT NULL,
    date DATE,
    date_text VARCHAR,
    date_precision VARCHAR,
    location_name VARCHAR, location_country VARCHAR, location_lat DOUBLE, location_lon DOUBLE,
    location_feature VARCHAR, location_geonameid BIGINT,
    confidence DOUBLE NOT NULL,
    rules JSON
);

CREATE INDEX events_doc ON events (doc_id);
CREATE INDEX events_date ON events (date);

CREATE TABLE quotes (
    id VARCHAR PRIMARY KEY,
    doc_id VARCHAR NOT NULL,
    sentence_index INTEGER NOT NULL,
    text VARCHAR NOT NULL,
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    speaker_text VARCHAR, speaker_name VARCHAR, speaker_country VARCHAR, speaker_role VARCHAR,
    speaker_code VARCHAR, speaker_kind VARCHAR, speaker_wikidata VARCHAR
);

CREATE INDEX quotes_doc ON quotes (doc_id);

CREATE TABLE rejects (
    id VARCHAR PRIMARY KEY,
    origin VARCHAR NOT NULL,
    stage VARCHAR NOT NULL,
    error VARCHAR NOT NULL,
    message VARCHAR NOT NULL,
    doc_id VARCHAR,
    recorded_at TIMESTAMP DEFAULT current_timestamp
);
"""


def _struct(prefix: str, names: tuple[str, ...]) -> str:
    fields = ", ".join(f"{name} := {prefix}_{name}" for name in names)
    return f"CASE WHEN {prefix}_name IS NULL THEN NULL ELSE struct_pack({fields}) END"


_V1_VIEW = f"""
CREATE VIEW events_contract AS
SELECT
    id, doc_id, sentence_index,
    struct_pack(text := evidence_text, start := evidence_start, "end" := evidence_end,
                trigger := trigger, trigger_start := trigger_start,
                trigger_end := trigger_end) AS evidence,
    {_struct("source", ACTOR_FIELDS)} AS source,
    {_struct("target", ACTOR_FIELDS)} AS target,
    cameo, cameo_name, plover, quad_class, goldstein, mode,
    strftime(date, '%Y-%m-%d') AS date, date_text, date_precision,
    {_struct("location", PLACE_FIELDS)} AS location,
    confidence, rules
FROM events;
"""

MIGRATIONS: tuple[str, ...] = (_V1_TABLES + _V1_VIEW,)
SCHEMA_VERSION = len(MIGRATIONS)
