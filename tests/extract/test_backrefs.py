"""Acts named again (extract/backrefs.py)."""

from __future__ import annotations

import pytest


def _condemnations(run, text):
    return [(c.source and c.source.text, c.target and c.target.text)
            for c in run(text).candidates if c.cameo.startswith("11")]


@pytest.mark.model
def test_the_strike_is_the_act_told_before(run):
    text = ("Israeli jets struck a building in southern Beirut on Sunday. Lebanon's government "
            "condemned the strike as a violation of the ceasefire.")
    assert _condemnations(run, text) == [("Lebanon's government", "Israeli jets")]


@pytest.mark.model
def test_only_the_same_word_links_an_act(run):
    text = ("Israeli jets struck a building in southern Beirut on Sunday. Hezbollah fired rockets "
            "at an army post. Lebanon's government condemned the attack.")
    assert _condemnations(run, text) == [("Lebanon's government", None)]


@pytest.mark.model
def test_an_act_too_far_back_is_not_named(run):
    text = ("Israeli jets struck a building in Beirut. Markets fell. Rain fell. Schools closed. "
            "Flights resumed. Shops opened. Lebanon's government condemned the strike.")
    assert _condemnations(run, text) == [("Lebanon's government", None)]
