"""The public surface is pinned: a change to it is a decision, not an accident."""

import casus


def test_all_is_pinned():
    assert casus.__all__ == [
        "Actor",
        "Document",
        "Event",
        "EventDate",
        "Evidence",
        "Pipeline",
        "Place",
        "Quote",
        "RawItem",
        "Reject",
        "Result",
        "__version__",
        "extract",
    ]


def test_extract_is_the_function_even_after_the_subpackage_is_imported():
    import importlib

    stage = importlib.import_module("casus.extract")
    assert callable(casus.extract)
    assert casus.extract is not stage
    assert casus.extract.__module__ == "casus.pipeline"
