"""The extract stage: event candidates and quotes from a parsed document.

    Extractor()(parsed) -> Extraction
"""

from casus.extract.engine import Extractor

__all__ = ["Extractor"]
