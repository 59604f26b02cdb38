"""The two parties a group such as "the two leaders" stands for (extract/pairs.py)."""

from __future__ import annotations

import pytest

from casus.extract.pairs import pair_group


@pytest.mark.model
@pytest.mark.parametrize("text, group, expected", [
    ("The two leaders signed a deal.", "leaders", True),
    ("Both sides agreed to a truce.", "sides", True),
    ("Both countries recalled their envoys.", "countries", True),
    ("Two leaders of the party resigned.", "leaders", False),  # no "the": not the two named
    ("The leaders signed a deal.", "leaders", False),
    ("The two soldiers were freed.", "soldiers", False),  # not a party noun
])
def test_pair_group(parsed, extractor, text, group, expected):
    doc = parsed(text).doc
    [head] = [t for t in doc if t.text == group]
    assert pair_group(head, extractor.lexicon) is expected


@pytest.mark.model
def test_the_parties_come_from_the_three_sentences_before_only(run):
    def dyads(text):
        return sorted((c.source and c.source.text, c.target and c.target.text, c.cameo)
                      for c in run(text).candidates if c.cameo == "057")

    both = [("Lula", "Xi", "057"), ("Xi", "Lula", "057")]
    assert dyads("Xi hosted Lula in Beijing. The two leaders signed a trade agreement.") == both
    near = "Xi hosted Lula in Beijing. Markets rose. Rain fell. The two leaders signed a trade agreement."
    assert dyads(near) == both
    far = ("Xi hosted Lula in Beijing. Markets rose. Rain fell. Schools closed. Trains ran late. "
           "The two leaders signed a trade agreement.")
    assert dyads(far) == [("The two leaders", None, "057")]


@pytest.mark.model
def test_a_host_of_others_talks_is_no_party(run):
    text = ("Qatar will host talks between Congo and Rwanda. The two sides signed a declaration "
            "of principles in April.")
    signed = [c for c in run(text).candidates if c.cameo == "057"]
    assert all(c.source.text != "Qatar" for c in signed)
