"""Direct quotations and who said them."""

from __future__ import annotations

import re
from bisect import bisect_right

from casus.extract.lexicon import Lexicon
from casus.extract.mentions import mention
from casus.models import QuoteCandidate
from casus.nlp import doc_text

# Straight or curly double quotes around at least two words.
_QUOTE = re.compile(r"“([^”]{3,}?)”|\"([^\"\n]{3,}?)\"")
_SPEAKER_DEPS = ("nsubj", "nsubjpass")
_SPEECH = frozenset(("say", "tell", "state", "add", "write", "declare", "insist", "warn", "ask",
                     "reply", "respond", "explain", "tweet", "post", "announce", "argue", "note",
                     "claim", "continue", "conclude", "read", "stress", "vow", "urge"))


def find_quotes(doc, doc_id: str, lexicon: Lexicon) -> list[QuoteCandidate]:
    """One QuoteCandidate per quoted passage of two words or more."""
    sentences = list(doc.sents)
    starts = [s.start_char for s in sentences]
    out = []
    for match in _QUOTE.finditer(doc_text(doc)):
        group = 1 if match.group(1) is not None else 2
        start, end = match.start(group), match.end(group)
        if len(match.group(group).split()) < 2:
            continue
        first = max(bisect_right(starts, start) - 1, 0)
        last = max(bisect_right(starts, end) - 1, 0)
        speaker = _speaker(sentences, first, last, match.start(), match.end(), lexicon)
        out.append(QuoteCandidate(
            doc_id=doc_id, sentence_index=first, text=doc_text(doc)[start:end], start=start, end=end,
            speaker=mention(speaker) if speaker is not None else None,
        ))
    return out


def _speaker(sentences, first: int, last: int, qstart: int, qend: int, lexicon: Lexicon):
    """The subject of the speech verb nearest the quote, outside it, in its sentences."""
    best = None
    span = range(first, min(last + 2, len(sentences)))
    for index in span:
        for token in sentences[index]:
            if qstart <= token.idx < qend:
                continue
            lemma = token.lemma_.lower()
            if token.pos_ != "VERB" or (lemma not in _SPEECH and lemma not in lexicon.attribution):
                continue
            subject = next((c for c in token.children if c.dep_ in _SPEAKER_DEPS), None)
            if subject is None:
                continue
            distance = qstart - token.idx if token.idx < qstart else token.idx - qend
            if best is None or distance < best[0]:
                best = (distance, subject)
        if best is not None and index >= last:
            break
    return best[1] if best else None
