"""Where results and rejects are kept: the ``Store`` protocol and its DuckDB implementation."""

from casus.store.base import Store
from casus.store.duckdb import DuckDBStore
from casus.store.schema import SCHEMA_VERSION

__all__ = ["SCHEMA_VERSION", "DuckDBStore", "Store"]
