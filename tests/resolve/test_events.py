"""Event assembly: duplicates merged, untargeted events folded into targeted ones."""

from __future__ import annotations

from dataclasses import replace

import pytest

from casus.codebook import load_codebook
from casus.models import Actor, Event, Evidence
from casus.resolve.events import _dedupe, merge_untargeted

USA = Actor(
    text="Trump", name="Donald Trump", country="USA", role="GOV", code="USAGOV", kind="person"
)
RUS = Actor(text="Russia", name="Russia", country="RUS", code="RUS", kind="country")
THEIR = Actor(text="sanctions", name="sanctions")


def event(code: str, target: Actor | None, *, mode="asserted", confidence=0.8, start=0) -> Event:
    info = load_codebook().nearest(code)
    return Event(
        id=f"{code}-{start}",
        doc_id="d",
        sentence_index=0,
        evidence=Evidence("Trump threatened Russia.", 0, 24, "threatened", start, start + 10),
        source=USA,
        target=target,
        cameo=info.code,
        cameo_name=info.name,
        plover=info.plover,
        quad_class=info.quad_class,
        goldstein=info.goldstein,
        mode=mode,
        date=None,
        date_text=None,
        date_precision=None,
        location=None,
        confidence=confidence,
    )


def test_an_untargeted_event_folds_into_the_targeted_one_and_lends_its_specific_code():
    merged = merge_untargeted((event("1312", None), event("131", RUS, start=5)), load_codebook())
    assert [(e.cameo, e.target.code, e.plover) for e in merged] == [("1312", "RUS", "THREATEN")]
    assert merged[0].cameo_name == load_codebook()["1312"].name


def test_folding_keeps_apart_other_roots_and_other_modes():
    events = (event("131", RUS), event("163", None, mode="hypothetical"), event("130", THEIR))
    merged = merge_untargeted(events, load_codebook())
    assert [(e.cameo, e.target.code if e.target else None) for e in merged] == [
        ("131", "RUS"),
        ("163", None),
    ]


def test_a_lone_untargeted_event_stays():
    assert [e.cameo for e in merge_untargeted((event("111", None),), load_codebook())] == ["111"]


def test_dedupe_keeps_the_most_confident_of_one_dyad_and_code():
    kept = _dedupe([event("111", RUS, confidence=0.5), event("111", RUS, confidence=0.9, start=3)])
    assert [e.confidence for e in kept] == [0.9]


def test_dedupe_takes_role_groups_of_one_code_as_one_participant_but_not_people():
    women = Actor(text="women", name="women", country="AFG", role="CVL", code="AFGCVL",
                  kind="group")
    girls = replace(women, text="girls", name="girls")
    kept = _dedupe([event("170", women), event("170", girls, start=3)])
    assert len(kept) == 1
    biden = replace(USA, text="Biden", name="Joe Biden")
    assert len(_dedupe([event("042", USA), event("042", biden, start=3)])) == 2


def test_an_institution_acting_on_itself_loses_the_target_but_two_people_do_not():
    from casus.resolve.events import _same

    white_house = Actor(text="The White House", name="government of United States",
                        country="USA", role="GOV", code="USAGOV", kind="organization")
    assert _same(white_house, replace(white_house, text="Washington", name="Washington"))
    vance = replace(USA, text="Vance", name="JD Vance")
    assert not _same(USA, vance)
    republicans = Actor(text="Republicans", name="Republicans", country="USA", role="PTY",
                        code="USAPTY", kind="group")
    assert not _same(republicans, replace(republicans, text="Democrats", name="Democrats"))


def test_refinement_reads_the_not_specified_code_as_its_root():
    from casus.resolve.events import _refines

    assert _refines("1312", "131") and _refines("131", "130") and _refines("144", "140")
    assert not _refines("130", "131") and not _refines("131", "131")
    assert not _refines("1412", "131")


def _dyads(text: str) -> set[tuple]:
    from casus import extract

    return {(e.source.code if e.source else None, e.cameo[:2]) for e in extract(text, published="2025-06-10")}


@pytest.mark.model
def test_a_noun_event_no_one_does_inside_a_named_actors_act_is_its_topic_not_an_event():
    dyads = _dyads("The Indonesian president praised Australia's support for the project during a "
                   "visit to Canberra.")
    assert ("IDNGOV", "05") in dyads
    assert not any(source is None for source, _ in dyads), dyads


@pytest.mark.model
def test_a_noun_event_with_its_own_actor_stays_under_another_act():
    dyads = _dyads("Iran condemned the Israeli strike on its consulate in Damascus.")
    assert {("IRN", "11"), ("ISR", "19")} <= dyads, dyads


@pytest.mark.model
def test_a_sea_or_range_of_no_state_is_no_target():
    from casus import extract

    found = extract("The Houthis fired a missile at a ship in the Red Sea on Saturday.",
                    published="2025-06-10")
    assert [(e.source.code, e.cameo[:2]) for e in found] == [("YEMREB", "19")]
    # The ship is what was fired at, a party of no known state; the sea is only where.
    assert (found[0].target.text, found[0].target.code) == ("a ship", ""), found[0].target
