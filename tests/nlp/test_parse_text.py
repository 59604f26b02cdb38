"""The parser reads the document's text with a wire dateline blanked, offsets unchanged."""

from casus.models import Document
from casus.nlp import parse_text


def test_a_dateline_is_blanked_with_spaces_of_its_own_length():
    text = "GAZA CITY, Jan 29 (Reuters) - Egyptian mediators met Hamas officials."
    read = parse_text(Document(id="d", text=text))
    assert len(read) == len(text)
    assert read.lstrip().startswith("Egyptian mediators")
    start = text.index("Egyptian")
    assert read[start:] == text[start:]


def test_text_without_a_dateline_is_read_as_it_is():
    text = "Egyptian mediators met Hamas officials in Cairo."
    assert parse_text(Document(id="d", text=text)) == text
