"""When an event happened: the date expression attached to its clause, resolved against the
document's publication date.

Three steps. ``expressions`` finds date phrases in the event's sentence (spaCy DATE/TIME
entities, plus relative words the tagger misses). ``attach`` (from ``clauses``) keeps the ones
whose syntactic head path reaches the event's clause, nearest first. ``read_expression`` turns
the words into a date, a precision and a confidence: our own code for the forms news uses
(weekdays read by the clause's tense, named dates, "last week", durations that are not dates),
dateparser for whatever else carries a month or a number.

Conventions (documented in docs and pinned by tests/resolve/date_cases.jsonl):
- week precision dates the Monday of that week; month the 1st; year 1 January;
- "overnight" is the publication day, at lower confidence: a story filed in the morning reports
  a night that mostly falls after midnight of that day; "over the weekend" is the Saturday of
  the weekend just past (ahead in a future clause), at lower confidence;
- a bare weekday or day-month looks back from the publication date in a past-tense clause and
  forward in a future one (will, modals, to-infinitives, "scheduled for", present tense), but a
  bare weekday that would date an act told as done in the past tense after the day of writing
  looks back ("ordered the Red Cross to leave on Monday"); the
  purpose of a past act looks back with it ("used water cannon to disperse them on Saturday");
- a bare gerund or participle has the tense of the verb it hangs from ("accused them of
  attacking a hotel on Monday" looks back); a planned or hypothetical act looks forward to a
  date after it ("threatened stoppages in June"), unless it is a past modal ("may have") or
  what a past attempt aimed at ("tried to seize power on Monday");
- a clause with no date of its own takes the date of the clause that governs it: what is
  reported "on Sunday" happened by then, a conjoined or participle clause happened that day;
  a "when" clause goes on at its governor's time, an "after" or "before" clause that counts
  days ("a day after", "two weeks before") lies that far from it; failing that, an undated
  past act continues
  the day the last sentence before it that gives one (up to three back) dates its story to;
- a date that names an event ("the 7 October raid") is always in the past; one before a noun
  other than the trigger dates that noun, so another expression dates the act first ("on
  Monday disqualified him from the August race");
- durations ("for three days", "more than 15 months", "the past week", "a 27-year sentence")
  are not dates.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from casus.document import MONTHS, dateline_date, dateline_end
from casus.extract.coding import purpose_clause
from casus.extract.modality import SCHEDULING_PREPS, STARTING
from casus.models import EventCandidate, EventDate, Parsed
from casus.nlp import entities, sentence_starts, span_text
from casus.resolve.clauses import MEANWHILE, VERBAL, Attachment, attach, head_path

FALLBACK_CONFIDENCE = 0.5
LONE_DATE_CONFIDENCE = 0.8
INHERITED_CONFIDENCE = 0.7  # the day of the clause that governs the event's own
STORY_CONFIDENCE = 0.6  # the day an earlier sentence dates its story to
SCHEDULED_DISTANCE = 2  # how near a day set for an act hangs, wherever the parser put it
STORY_REACH = 3  # sentences back a story's day is carried over sentences that give none
# Modes of acts that have not happened: their dates look forward, whatever the tense of
# the clause that announces them.
AHEAD_MODES = frozenset({"planned", "hypothetical"})
# Clause links across which an undated clause shares its governor's day.
INHERITING_DEPS = frozenset({"ccomp", "conj", "advcl"})
PAST, FUTURE = "past", "future"

WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}
UNITS = {"day": "day", "week": "week", "month": "month", "year": "year"}
REPORTING = frozenset({
    "say", "tell", "announce", "report", "claim", "state", "confirm", "deny", "add", "write",
    "declare", "insist", "warn", "note",
})
# A verb like these puts what it governs in the future: "scheduled for", "due on", "set for".
SCHEDULING = frozenset({"schedule", "plan", "set", "due", "slate", "expect", "intend"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo", "would", "could", "may", "might", "can",
                        "should", "must"})
NAMED_DATE_DEPS = frozenset({"compound", "nmod", "amod", "nummod"})

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_WEEKDAY = r"(?P<weekday>" + "|".join(WEEKDAYS) + r")"
_NUMBER = r"(?P<n>\d+|" + "|".join(NUMBERS) + r")"
_UNIT = r"(?P<unit>day|week|month|year)s?"

_ISO = re.compile(r"\b" + _YEAR + r"-(?P<m>\d{2})-(?P<d>\d{2})\b")
_DAY_MONTH = re.compile(r"\b" + _DAY + r"(?: of)? " + _MONTH + r"(?:,? " + _YEAR + r")?\b")
_MONTH_DAY = re.compile(r"\b" + _MONTH + r" " + _DAY + r"(?:,? " + _YEAR + r")?\b")
_MONTH_YEAR = re.compile(r"^(?:(?:early|mid|late|the (?:end|start|beginning|middle) of)[ -])?"
                         + _MONTH + r"(?:,? (?:of )?" + _YEAR + r")?$")
_YEAR_ONLY = re.compile(r"^(?:(?:early|mid|late|the (?:end|start|beginning|middle) of)[ -])?"
                        + _YEAR + r"$")
# "July last year", "in March next year": a month of the year named relative to this one.
_MONTH_OF_YEAR = re.compile(r"^" + _MONTH + r",? (?P<which>last|this|next) year$")
_AGO = re.compile(r"^(?:about |some |nearly |almost |more than )?" + _NUMBER + " " + _UNIT
                  + r" ago$")
_RELATIVE_UNIT = re.compile(r"^(?P<which>last|next|this|previous|coming|earlier this|later this"
                            r"|early this|late last|earlier last|late this)"
                            r" (?P<unit>week|month|year|weekend)$")
_WEEKDAY_FORM = re.compile(r"^(?:(?P<which>last|next|this|coming|past) )?" + _WEEKDAY
                           + r"(?:'s)?(?: (?:morning|afternoon|evening|night))?$")
_DURATION = re.compile(r"\b(?:days|weeks|months|years|hours|decades|centuries|minutes)\b"
                       # "a 27-year sentence", "a three-day visit", "a 12-hour curfew"
                       r"|\b\w+-(?:day|week|month|year|hour|minute|decade)\b"
                       r"|\b(?:past|recent|coming|next|last|previous) (?:few|several|\w+) "
                       r"(?:day|week|month|year)s?\b"
                       r"|^(?:the )?(?:past|previous) (?:day|week|month|year)$")
_LEADING = re.compile(r"^(?:(?:on|in|at|by|during|over|since|until|from|as of|as early as|"
                      r"earlier on|later on|early on|late on|early|late|the|of)\s+)+")
_DECADE = re.compile(r"\b(?:19|20)\d0s\b")
SAME_DAY = {
    "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
    "earlier today": 0, "later today": 0, "yesterday": -1, "yesterday morning": -1,
    "yesterday afternoon": -1, "yesterday evening": -1, "last night": -1, "tomorrow": 1,
    "tomorrow morning": 1,
}
# Words the NER often leaves untagged but that date a clause on their own.
_FIND = re.compile(
    r"\b(?:yesterday|today|tonight|tomorrow|overnight|last night|"
    r"(?:last|next|this|earlier this|later this) (?:week|month|year|weekend)|"
    r"(?:over|at|during) the weekend|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|"
    r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) "
    r"(?:days?|weeks?|months?|years?) ago)\b",
    re.IGNORECASE,
)
# Every match of ``_FIND`` holds one of these once lower-cased ("ght" for "night": the
# regex's case folding also lets a dotless "ı" match "i"). Most sentences hold none, and this
# test is far cheaper than the regex.
_FIND_HINTS = ("day", "ght", "tomorrow", "week", "month", "year", "ago")


_YEAR_TOKEN = re.compile(r"^(?:19|20)\d{2}$")
# Words a time phrase opens with, after a name the tagger took into it ("Kyiv overnight").
_TIME_OPENERS = frozenset({"overnight", "today", "tonight", "yesterday", "tomorrow", "this",
                           "last", "next", "early", "late", "on", "in", *WEEKDAYS})
_FUTURE_WORDS = re.compile(r"\b(?:next|coming|upcoming)\b")
_PAST_WORDS = re.compile(r"\b(?:last|past|previous|ago)\b")


def _pieces(span) -> list:
    """A DATE entity split at its commas: the tagger joins "on Sunday, days after" into one.
    The comma before a year stays ("Feb. 4, 2025")."""
    pieces, start = [], span.start
    for token in span:
        following = span.doc[token.i + 1] if token.i + 1 < len(span.doc) else None
        if token.text == "," and not (following is not None and (
                _YEAR_TOKEN.match(following.text) or following.lower_[:3] in MONTHS)):
            # "Feb. 4, 2025" and "Tuesday, May 12" are one date each.
            if token.i > start:
                pieces.append(span.doc[start : token.i])
            start = token.i + 1
    if span.end > start:
        pieces.append(span.doc[start : span.end])
    # "an attack on Kyiv overnight": the tagger can take a place into the time after it.
    return [_without_leading_name(piece) for piece in pieces]


def _without_leading_name(piece):
    start = piece.start
    while (start < piece.end - 1 and piece.doc[start].pos_ == "PROPN"
           and piece.doc[start].text[:1].isupper()
           and piece.doc[start].lower_ not in WEEKDAYS and piece.doc[start].lower_[:3] not in MONTHS):
        start += 1
    if start == piece.start or piece.doc[start].lower_ not in _TIME_OPENERS:
        return piece
    return piece.doc[start : piece.end]


@dataclass(frozen=True, slots=True)
class Reading:
    """What a date expression says, once anchored: the day it starts, its precision, trust."""

    date: date
    precision: str
    confidence: float


def resolve_date(parsed: Parsed, candidate: EventCandidate) -> EventDate | None:
    """The date of the candidate's event: attached expression, else the lone date in the
    sentence, else the publication day at confidence 0.5, else None. Relative expressions count
    from the reporting day (``reporting_day``)."""
    doc = parsed.doc
    published = reporting_day(parsed)
    anchor = doc[candidate.anchor]
    found = list(_readings(parsed, candidate, anchor))
    # "praised the candidates ahead of the May 31 election": the day of what lies ahead dates
    # that, not the act; "against the 2026 finance bill": a year in a name is part of it.
    attached = [(a, span, r) for a, span, r in found if a is not None
                and not _dates_what_lies_ahead(span, anchor)
                and not (r.precision == "year" and _names_other_noun(span, candidate))]
    if attached:
        # A date that names a noun other than the trigger ("disqualified him from the August
        # race") dates that noun: any other attached expression dates the act first.
        _, span, reading = min(attached, key=lambda item: (
            _names_other_noun(item[1], candidate), item[0].distance, -item[1].start))
        return EventDate(reading.date, _text(span), reading.precision, reading.confidence)
    if (len(found) == 1 and not _owned_by_other_verb(found[0][1], anchor)
            and not _names_other_noun(found[0][1], candidate)
            and not _dates_what_lies_ahead(found[0][1], anchor)):
        _, span, reading = found[0]
        confidence = min(reading.confidence, LONE_DATE_CONFIDENCE)
        return EventDate(reading.date, _text(span), reading.precision, confidence)
    inherited = (_when_date(parsed, candidate, anchor) or _offset_date(parsed, candidate, anchor)
                 or _governor_date(parsed, candidate, anchor)
                 or _story_date(parsed, candidate, anchor))
    if inherited is not None:
        return inherited
    if published is not None:
        return EventDate(published, None, "day", FALLBACK_CONFIDENCE)
    return None


def _when_date(parsed: Parsed, candidate: EventCandidate, anchor) -> EventDate | None:
    """"closed since March, when a Russian missile struck it", "collapsed in 2023, when Russia
    walked out": a "when" clause that describes a date happened then."""
    top = head_path(anchor)[-1]
    if top.dep_ != "relcl" or not any(c.dep_ == "advmod" and c.lower_ == "when"
                                      for c in top.children):
        return None
    for span in expressions(parsed, candidate.sentence_start, candidate.sentence_end):
        if span.start <= top.head.i < span.end:
            reading = read_expression(span_text(span), reporting_day(parsed), tense(span, top))
            if reading is not None:
                return EventDate(reading.date, _text(span), reading.precision,
                                 min(reading.confidence, INHERITED_CONFIDENCE))
    return None


def _offset_date(parsed: Parsed, candidate: EventCandidate, anchor) -> EventDate | None:
    """"withdrew its ambassador on Tuesday, a day after Croatia expelled two diplomats": an
    "after" or "before" clause that counts days or weeks from its governor's day."""
    top = head_path(anchor)[-1]
    mark = next((c.lower_ for c in top.children if c.dep_ == "mark"), None)
    if top.dep_ != "advcl" or mark not in ("after", "before"):
        return None
    counted = next((c for c in top.children if c.dep_ == "npadvmod"
                    and _counted_days(c) is not None), None)
    if counted is None:
        return None
    spans = expressions(parsed, candidate.sentence_start, candidate.sentence_end)
    best = min(_dated_on(parsed, spans, top.head), key=lambda item: item[0], default=None)
    if best is None or best[2].precision != "day":
        return None
    _, span, reading = best
    days = _counted_days(counted)
    shifted = reading.date - timedelta(days=days if mark == "after" else -days)
    said = f"{span_text(parsed.doc[counted.left_edge.i : counted.i + 1])} {mark} {_text(span)}"
    return EventDate(shifted, said, "day", min(reading.confidence, INHERITED_CONFIDENCE))


def _counted_days(noun) -> int | None:
    """"a day", "three days", "two weeks": how many days a counted unit spans."""
    unit = {"day": 1, "week": 7}.get(noun.lemma_.lower())
    count = next((c.lower_ for c in noun.children if c.dep_ in ("det", "nummod")), None)
    if unit is None or count is None:
        return None
    number = int(count) if count.isdigit() else NUMBERS.get(count)
    return number * unit if number is not None else None


def _governor_date(parsed: Parsed, candidate: EventCandidate, anchor) -> EventDate | None:
    """A clause with no date of its own that a dated clause governs shares its day: what
    "the army said on Sunday" it had done was done by then, and "arrested him on Monday and
    charged him", "launched drills on Monday, deploying warships" happened that day. A clause
    opened by a subordinator ("after", "before", "because") sets its own time."""
    top = head_path(anchor)[-1]
    if top.dep_ not in INHERITING_DEPS or top.head.i == top.i:
        return None
    governor = top.head
    if top.dep_ == "ccomp" and governor.lemma_ not in REPORTING:
        return None
    # "travelled to Beijing in May 2025, when he met Xi": "when" as the clause's adverb
    # marks it as much as a subordinator does.
    marks = [c.lower_ for c in top.children
             if c.dep_ == "mark" or (c.dep_ == "advmod" and c.lower_ == "when")]
    meanwhile = bool(marks) and all(m in MEANWHILE for m in marks)
    if top.dep_ == "advcl" and not meanwhile and (top.tag_ != "VBG" or marks):
        # "as thousands marched", "while police looked on" go on at the same time; "after" or
        # "before" clauses set their own.
        return None
    spans = expressions(parsed, candidate.sentence_start, candidate.sentence_end)
    best = min(_dated_on(parsed, spans, governor), key=lambda item: item[0], default=None)
    if best is None:
        return None
    _, span, reading = best
    return EventDate(reading.date, _text(span), reading.precision,
                     min(reading.confidence, INHERITED_CONFIDENCE))


def _story_date(parsed: Parsed, candidate: EventCandidate, anchor) -> EventDate | None:
    """A past act in a sentence that names no date continues the story of the last sentence
    before it that does, up to ``STORY_REACH`` back, when that one dates its main clause to
    the day ("Protesters clashed with police on Tuesday. Police fired tear gas ...")."""
    if _readable(parsed, expressions(parsed, candidate.sentence_start, candidate.sentence_end)):
        return None
    verb = head_path(anchor)[-1]
    if verb.pos_ not in VERBAL or _verb_tense(verb) != PAST:
        return None
    doc = parsed.doc
    starts = sentence_starts(doc)  # token.sent walks the boundaries on every access
    start = starts[anchor.i]
    for _ in range(STORY_REACH):
        # Back over sentences that give no day ("Gunfire was heard for hours.") to the last
        # one that does.
        if start == 0:
            return None
        before = doc[starts[start - 1] : start]
        spans = expressions(parsed, before.start_char, doc[start - 1].idx + len(doc[start - 1]))
        if _readable(parsed, spans):
            for _, span, reading in _dated_on(parsed, spans, before.root):
                if reading.precision == "day":
                    return EventDate(reading.date, _text(span), reading.precision,
                                     STORY_CONFIDENCE)
            return None
        start = before.start
    return None


def _readable(parsed: Parsed, spans: list) -> bool:
    """Whether any of the expressions reads as a date ("for several hours" does not); asked
    once per sentence."""
    if not spans:
        return False
    found = parsed.doc.user_data.setdefault("casus.readable_dates", {})
    day = reporting_day(parsed)
    key = (spans[0].start, day)
    if key not in found:
        found[key] = any(read_expression(span_text(s), day, None) is not None for s in spans)
    return found[key]


def _dated_on(parsed: Parsed, spans: list, verb) -> Iterator[tuple[int, object, Reading]]:
    """The readings of the expressions that hang straight on ``verb``'s clause, with how far."""
    published = reporting_day(parsed)
    for span in spans:
        head = _reporting_head(span)
        found = attach(span.root, verb, head)
        if found is None or not found.direct:
            continue
        reading = read_expression(span_text(span), published, tense(span, verb, head))
        if reading is not None:
            yield found.distance, span, reading


def _names_other_noun(span, candidate: EventCandidate) -> bool:
    """A date before a noun that is not the trigger ("the August race"); one after a noun is
    the parser hanging the clause's date on it ("people from the community Monday evening")."""
    root = span.root
    return (root.dep_ in NAMED_DATE_DEPS and root.head.pos_ in {"NOUN", "PROPN"}
            and root.i < root.head.i and root.head.ent_type_ not in {"DATE", "TIME"}
            and not candidate.trigger_start <= root.head.idx < candidate.trigger_end)


def _dates_what_lies_ahead(span, anchor) -> bool:
    """Does the date belong to a noun the act comes before ("ahead of the May 31 election",
    "ahead of a planned rally on Friday")?"""
    node = span.root
    while node.i != anchor.i and node.head.i != node.i:
        if node.pos_ in ("NOUN", "PROPN") and node.ent_type_ not in ("DATE", "TIME") and _ahead(node):
            return True
        node = node.head
    return False


def _ahead(noun) -> bool:
    """Is the noun what an act comes ahead of ("ahead of the election")? "Hours before
    Saturday's announcement" puts the act by that day, so only "ahead of" counts."""
    prep = noun.head
    return noun.dep_ == "pobj" and prep.lower_ == "of" and prep.head.lower_ == "ahead"


def _scheduled(span, anchor) -> bool:
    """Is the date the day an act is set for ("called a strike for Monday", "from Monday",
    "starting Monday"), on the act's verb or its object?"""
    link = span.root.head
    fixes = ((link.dep_ == "prep" and link.lower_ in SCHEDULING_PREPS)
             or link.lemma_.lower() in STARTING)
    return fixes and anchor.i in (link.head.i, link.head.head.i)


def reporting_day(parsed: Parsed) -> date | None:
    """The day relative dates count from: the day of a wire dateline ("KHARTOUM, Feb 10
    (Reuters) -"), which is when the story was written, else the publication day."""
    document = parsed.document
    cached = parsed.doc.user_data.get("casus.reporting_day")  # every candidate asks
    if cached is None or cached[0] is not document:
        cached = (document, dateline_date(document.text, document.published)
                  or document.published)
        parsed.doc.user_data["casus.reporting_day"] = cached
    return cached[1]


def _readings(parsed: Parsed, candidate: EventCandidate, anchor) -> Iterator[tuple]:
    published = reporting_day(parsed)
    for span in expressions(parsed, candidate.sentence_start, candidate.sentence_end):
        head = _reporting_head(span)
        direction = tense(span, anchor, head)
        scheduled = candidate.mode in AHEAD_MODES and _scheduled(span, anchor)
        if (candidate.mode in AHEAD_MODES and head is None and span.start > anchor.i
                and (not _perfect(anchor) or scheduled) and not _attempted(anchor)
                and not _PAST_WORDS.search(span_text(span).lower())):
            # "threatened stoppages in June": a date after what is planned lies ahead; one
            # before it ("decided on Thursday to ease sanctions") dates the deciding; but
            # "have called a strike for Monday" has set a day to come.
            direction = FUTURE
        reading = read_expression(span_text(span), published, direction)
        if (reading is not None and direction == FUTURE and published is not None
                and reading.date > published and candidate.mode not in AHEAD_MODES
                and anchor.tag_ == "VBD" and _bare_weekday(span)):
            # "ordered the Red Cross to leave the country on Monday": an act told as done, in
            # the past tense, was done by the day of writing, and a bare weekday in its
            # sentence is the last one ("vowed to hold an election in December" still names
            # the election's month).
            reading = read_expression(span_text(span), published, PAST)
        if reading is not None:
            attachment = attach(span.root, anchor, head)
            if attachment is None and scheduled:
                attachment = Attachment(distance=SCHEDULED_DISTANCE, direct=False)
            yield attachment, span, reading


def _bare_weekday(span) -> bool:
    return all(t.lower_ in WEEKDAYS or t.lower_ in ("on", "this") for t in span)


def _attempted(anchor) -> bool:
    """"tried to seize power on Monday": an act a past attempt aimed at, whatever became of
    it, was attempted on the day the sentence gives."""
    return (anchor.dep_ == "xcomp" and anchor.head.lemma_ in ATTEMPTS
            and anchor.head.tag_ == "VBD")


def expressions(parsed: Parsed, start: int, end: int) -> list:
    """Date phrases in ``[start, end)`` of the document: DATE/TIME entities, then the relative
    words the entity tagger missed; never inside a wire dateline. Found once per sentence of
    a document (every candidate of the sentence asks)."""
    found = parsed.doc.user_data.setdefault("casus.date_expressions", {})
    if (start, end) not in found:
        found[(start, end)] = tuple(_expressions(parsed, start, end))
    return list(found[(start, end)])


def _expressions(parsed: Parsed, start: int, end: int) -> list:
    doc = parsed.doc
    floor = max(start, dateline_end(parsed.document.text))
    spans = [piece for first, last, pieces in _date_entities(doc)
             if first >= floor and last <= end for piece in pieces]
    taken = {i for span in spans for i in range(span.start, span.end)}
    sentence = parsed.document.text[floor:end]
    lowered = sentence.lower()
    matches = _FIND.finditer(sentence) if any(h in lowered for h in _FIND_HINTS) else ()
    for match in matches:
        span = doc.char_span(floor + match.start(), floor + match.end(), alignment_mode="expand")
        if span is not None and taken.isdisjoint(range(span.start, span.end)):
            spans.append(span)
            taken.update(range(span.start, span.end))
    return sorted(spans, key=lambda s: s.start)


def _date_entities(doc) -> tuple[tuple[int, int, tuple], ...]:
    """The DATE/TIME entities of a document as (start_char, end_char, pieces), split once:
    every sentence with a candidate asks for its own."""
    cached = doc.user_data.get("casus.date_entities")
    if cached is None:
        cached = doc.user_data["casus.date_entities"] = tuple(
            (e.start_char, e.end_char, tuple(_pieces(e))) for e in entities(doc)
            if e.label_ in {"DATE", "TIME"})
    return cached


def _reporting_head(span):
    """The reporting verb right before the expression, if any. "X said on Monday (that) ..." is
    the wire's way of dating the statement, though parsers often hang "on Monday" on the
    reported verb; such a date belongs to the reporting verb."""
    doc = span.doc
    before = span.start - 1
    if before >= 0 and doc[before].tag_ == "IN" and doc[before].lower_ in {"on", "in", "at"}:
        before -= 1
    if before >= 0 and doc[before].lemma_ in REPORTING and doc[before].pos_ in VERBAL:
        return doc[before]
    return None


def _owned_by_other_verb(span, anchor) -> bool:
    top = head_path(span.root, _reporting_head(span))[-1]
    own = head_path(anchor)[-1]
    for _ in range(3):
        if top.i == own.i:
            break
        if top.dep_ in ("acl", "pcomp") and top.tag_ == "VBG":
            # "fired tear gas at protesters marching on parliament on Tuesday", "blocked a
            # convoy from entering Gaza on Monday": the parser hangs the sentence's last date
            # on the participle or gerund nearest to it; it shares its clause's time.
            top = head_path(top.head)[-1]
        elif _purpose(top):
            # "fired tear gas to disperse people protesting on Tuesday": so does a purpose.
            top = head_path(top.head)[-1]
        else:
            break
    return top.pos_ in VERBAL and top.i != own.i


def _purpose(clause) -> bool:
    """What a use of force was done for (``PURPOSE_HEADS``): "fired tear gas to disperse",
    not "announced a suspension to take effect on March 27"."""
    return clause.head.lemma_ in PURPOSE_HEADS and purpose_clause(clause)


def _text(span) -> str:
    """The words: the expression, with its governing preposition ("on Tuesday")."""
    doc = span.doc
    start = span.start
    prev = doc[start - 1] if start > 0 else None
    if prev is not None and prev.dep_ == "prep" and span.root.head.i == prev.i:
        start -= 1
    return doc[start:span.end].text


# Verbs whose infinitive says what they were done for, not what was agreed or planned: "used
# water cannon to disperse", "sent troops to secure".
PURPOSE_HEADS = frozenset({"use", "employ", "deploy", "send", "dispatch", "fire", "open"})
# Verbs of attempting: what a past attempt aimed at was attempted then.
ATTEMPTS = frozenset({"try", "attempt"})


def tense(span, anchor, head=None) -> str | None:
    """Whether the clause the expression sits in looks back (past) or forward (future)."""
    root = span.root
    words = span_text(span).lower()
    if _FUTURE_WORDS.search(words):
        return FUTURE
    if _PAST_WORDS.search(words):
        return PAST
    if head is None and root.dep_ in NAMED_DATE_DEPS and root.head.pos_ in {"NOUN", "PROPN"}:
        return PAST  # "the 7 October raid": a date that names an event names a past one
    for token in head_path(root, head)[1:] or [anchor]:
        if token.pos_ in VERBAL or token.tag_ == "JJ" and token.lemma_ in SCHEDULING:
            found = _verb_tense(token)
            if found is not None:
                return found
    return _verb_tense(anchor) if anchor.pos_ in VERBAL else None


def _perfect(verb) -> bool:
    """"may have executed", "could have launched": a modal of the past."""
    return any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)


def _verb_tense(verb) -> str | None:
    aux = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    aux_words = {a.lower_ for a in aux} | {a.lemma_ for a in aux}
    if _perfect(verb) and verb.tag_ == "VBN" and not aux_words & {"will", "shall", "'ll"}:
        return PAST
    if aux_words & FUTURE_AUX or _going_to(verb):
        return FUTURE
    if verb.tag_ == "VB" and "to" in aux_words:
        if verb.head.tag_ == "VBD" and (verb.dep_ == "advcl" or (
                verb.dep_ == "xcomp" and verb.head.lemma_ in PURPOSE_HEADS | ATTEMPTS)):
            # "used water cannon to disperse protesters on Saturday": a purpose is done when
            # the past act it serves was; "tried to seize power on Monday" was tried then.
            return PAST
        return FUTURE  # "invited him to visit", "agreed to meet": the infinitive looks ahead
    if verb.lemma_ in SCHEDULING and verb.tag_ in {"VBN", "JJ"}:
        return FUTURE
    if verb.tag_ in {"VBD", "VBN"}:
        return PAST
    if verb.tag_ == "VBG" and not aux:
        # "of attacking a hotel on Monday", "protesters marching on Tuesday": a bare participle
        # or gerund has the time of the verb it hangs from.
        governor = next((t for t in verb.ancestors if t.pos_ in VERBAL), None)
        if governor is not None:
            return _verb_tense(governor)
    if verb.tag_ in {"VBZ", "VBP", "VBG"}:
        return PAST if verb.lemma_ in REPORTING else FUTURE
    return None


def _going_to(verb) -> bool:
    head = verb.head
    return verb.dep_ == "xcomp" and head.lemma_ == "go" and head.tag_ == "VBG"


def read_expression(text: str, published: date | None, direction: str | None) -> Reading | None:
    """Read a date expression against the publication date; None for durations and unknowns."""
    return _read(_normalise(text), published, direction)


def _normalise(text: str) -> str:
    words = " ".join(text.lower().replace("’", "'").split()).strip(" ,.;:")
    return _LEADING.sub("", words)


@lru_cache(maxsize=4096)
def _read(text: str, published: date | None, direction: str | None) -> Reading | None:
    if not text or _DECADE.search(text):
        return None
    for reader in (_absolute, _relative, _month_or_year):
        reading = reader(text, published, direction)
        if reading is not None:
            return reading
    if _DURATION.search(text) or not re.search(r"\d|" + _MONTH, text):
        return None
    if published is None and not re.search(_YEAR, text):
        return None  # dateparser would fill the gaps from today's date: not reproducible
    return _dateparser(text, published, direction)


def _absolute(text: str, published: date | None, direction: str | None) -> Reading | None:
    match = _ISO.search(text)
    if match:
        return _day(int(match["year"]), int(match["m"]), int(match["d"]), 1.0)
    match = _DAY_MONTH.search(text) or _MONTH_DAY.search(text)
    if match is None:
        return None
    month, day = MONTHS[match["month"]], int(match["day"])
    if match["year"]:
        return _day(int(match["year"]), month, day, 1.0)
    if published is None:
        return None
    year = _pick_year(published, direction, lambda y: _safe_date(y, month, day))
    return _day(year, month, day, 0.9) if year else None


def _relative(text: str, published: date | None, direction: str | None) -> Reading | None:
    if published is None:
        return None
    if text in SAME_DAY:
        return Reading(published + timedelta(days=SAME_DAY[text]), "day", 0.95)
    if text == "overnight":
        return Reading(published, "day", 0.8)
    match = _AGO.match(text)
    if match:
        n = int(match["n"]) if match["n"].isdigit() else NUMBERS[match["n"]]
        if UNITS[match["unit"]] == "week":
            # "a week ago" counts back from the day of writing, not to a calendar week's Monday.
            return Reading(published - timedelta(weeks=n), "week", 0.9)
        return _shift(published, UNITS[match["unit"]], -n, 0.9)
    match = _RELATIVE_UNIT.match(text)
    if match:
        return _relative_unit(published, match["which"], match["unit"])
    if text == "weekend":
        # "clashed over the weekend": the Saturday of the weekend just past (or under way), or
        # of the coming one.
        if direction == FUTURE:
            return Reading(published + timedelta(days=(5 - published.weekday()) % 7), "day", 0.7)
        return Reading(published - timedelta(days=(published.weekday() - 5) % 7), "day", 0.7)
    match = _WEEKDAY_FORM.match(text)
    if match:
        return _weekday(published, WEEKDAYS[match["weekday"]], match["which"], direction)
    return None


def _relative_unit(published: date, which: str, unit: str) -> Reading:
    step = {"last": -1, "previous": -1, "next": 1, "coming": 1, "late last": -1,
            "earlier last": -1}.get(which, 0)
    if unit == "weekend":
        saturday = published + timedelta(days=(5 - published.weekday()) % 7)
        if step < 0 or (step == 0 and published.weekday() < 5 and which != "this"):
            saturday -= timedelta(days=7)
        return Reading(saturday + timedelta(days=7 * max(step, 0)), "day", 0.8)
    return _shift(published, unit, step, 0.9)


def _shift(published: date, unit: str, n: int, confidence: float) -> Reading:
    if unit == "day":
        return Reading(published + timedelta(days=n), "day", confidence)
    if unit == "week":
        monday = published - timedelta(days=published.weekday())
        return Reading(monday + timedelta(weeks=n), "week", confidence)
    if unit == "month":
        index = published.year * 12 + published.month - 1 + n
        return Reading(date(index // 12, index % 12 + 1, 1), "month", confidence)
    return Reading(date(published.year + n, 1, 1), "year", confidence)


def _weekday(published: date, weekday: int, which: str | None, direction: str | None) -> Reading:
    back = (published.weekday() - weekday) % 7
    ahead = (weekday - published.weekday()) % 7
    if which in {"last", "past"}:
        return Reading(published - timedelta(days=back or 7), "day", 0.9)
    if which in {"next", "coming"}:
        return Reading(published + timedelta(days=ahead or 7), "day", 0.9)
    if direction == FUTURE:
        return Reading(published + timedelta(days=ahead), "day", 0.9)
    return Reading(published - timedelta(days=back), "day", 0.9)


def _month_or_year(text: str, published: date | None, direction: str | None) -> Reading | None:
    match = _MONTH_YEAR.match(text)
    if match:
        month = MONTHS[match["month"]]
        if match["year"]:
            return Reading(date(int(match["year"]), month, 1), "month", 1.0)
        if published is None:
            return None
        year = _pick_year(published.replace(day=1), direction, lambda y: date(y, month, 1))
        return Reading(date(year, month, 1), "month", 0.9)
    match = _YEAR_ONLY.match(text)
    if match:
        return Reading(date(int(match["year"]), 1, 1), "year", 1.0)
    match = _MONTH_OF_YEAR.match(text)
    if match and published is not None:
        year = published.year + {"last": -1, "this": 0, "next": 1}[match["which"]]
        return Reading(date(year, MONTHS[match["month"]], 1), "month", 0.95)
    return None


def _pick_year(published: date, direction: str | None, make) -> int | None:
    """The year that puts month/day on the right side of the publication date: the latest on
    or before it in the past, the earliest on or after it in the future, else the nearest."""
    options = [(y, make(y)) for y in (published.year - 1, published.year, published.year + 1)]
    options = [(y, d) for y, d in options if d is not None]
    if direction == PAST:
        options = [(y, d) for y, d in options if d <= published] or options
        return max(options, key=lambda o: o[1])[0] if options else None
    if direction == FUTURE:
        options = [(y, d) for y, d in options if d >= published] or options
        return min(options, key=lambda o: o[1])[0] if options else None
    return min(options, key=lambda o: abs((o[1] - published).days))[0] if options else None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _day(year: int, month: int, day: int, confidence: float) -> Reading | None:
    when = _safe_date(year, month, day)
    return Reading(when, "day", confidence) if when else None


def _dateparser(text: str, published: date | None, direction: str | None) -> Reading | None:
    """What our own forms do not cover ("04/02/2025", "Tuesday, the fourth of February")."""
    try:
        data = _date_parser(published, direction).get_date_data(text)
    except (ValueError, OverflowError, TypeError):
        return None
    if data is None or data.date_obj is None:
        return None
    precision = data.period if data.period in {"day", "week", "month", "year"} else "day"
    return Reading(data.date_obj.date(), precision, 0.8)


@lru_cache(maxsize=64)
def _date_parser(published: date | None, direction: str | None):
    """One parser per (publication day, direction): dateparser's settings are per parser, and
    building one costs more than a parse."""
    from dateparser.date import DateDataParser

    settings = {"PREFER_DATES_FROM": direction or "current_period", "PREFER_DAY_OF_MONTH": "first"}
    if published is not None:
        settings["RELATIVE_BASE"] = datetime(published.year, published.month, published.day)
    return DateDataParser(languages=["en"], settings=settings)
