"""A claims store on DuckDB: analyses added once, in whole batches, queried as DataFrames.

Each document is stored under a *content hash* of its text and metadata, so adding a document a
second time changes nothing. :meth:`Store.add` writes one batch in one transaction: the batch's
``documents`` rows and all their figures, entities, roles, events and errors are committed together
or not at all, so a process killed at any moment leaves whole documents only. Its tables have the
columns and dtypes of :func:`claimkit.frames` (plus ``content_hash``).

Examples:
    >>> import claimkit
    >>> from claimkit.store import Store
    >>> store = Store(":memory:")
    >>> a = claimkit.analyze("At least 304 people were killed.", source="Harbor Wire")
    >>> store.add([a]), store.add([a]), len(store.figures())
    (1, 0, 1)
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
import pyarrow as pa

from claimkit.analysis import TABLES, Analysis
from claimkit.export import TABLE_COLUMNS, _typed, rows
from claimkit.records import NO_CATEGORY

if TYPE_CHECKING:
    import duckdb

__all__ = [
    "STORE_TABLES",
    "Store",
    "analysis_hash",
    "comparison_rows",
    "content_hash",
    "item_hash",
    "records",
    "store_error",
]

STORE_TABLES = ("documents", *TABLES, "errors")
"""Tables of a store; every table but ``documents`` has a ``content_hash`` column pointing to it."""

_DOC_COLUMNS = ["content_hash", "doc_id", "source", "published", "title", "url", "path", "text"]
_COUNTS = [f"n_{t}" for t in (*TABLES, "errors")]
_FLOATS = {"value", "low", "high"}
_INTS = {"start_char", "end_char", "sentence_id", *_COUNTS}
_TAG = "substr(sha256(concat_ws(chr(31), {})), 1, 8)"
_BACKFILL = {  # row ids of rows stored before the tables had them (as claimkit.ids computes them)
    "figures": ("figure_id", "doc_id || ':' || start_char"),
    "entities": ("mention_id", "doc_id || ':' || start_char || '-' || end_char"),
    "roles": ("role_id", "doc_id || ':' || start_char || '-' || end_char || ':' || "
              + _TAG.format("coalesce(person, ''), coalesce(role, ''), coalesce(organization, '')")),
    "events": ("event_row_id", "doc_id || ':' || event_id"),
    "links": ("link_id", "doc_id || ':' || start_char || '-' || end_char || ':' || "
              + _TAG.format("coalesce(person, ''), coalesce(event_id, ''), coalesce(relation, '')")),
}  # fmt: skip


_META = ("doc_id", "source", "published", "title", "url")


def content_hash(text: str, **meta: str | None) -> str:
    """The SHA-256 (64 hex digits) of a document's text and its ``doc_id``, ``source``,
    ``published``, ``title`` and ``url``.

    Examples:
        >>> content_hash("Ten died.", source="X") == content_hash("Ten died.", source="Y")
        False
    """
    payload = json.dumps([text, *(meta.get(k) for k in _META)], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8", "surrogatepass")).hexdigest()


def analysis_hash(analysis: Analysis) -> str:
    """The content hash of an analysed document.

    Examples:
        >>> import claimkit
        >>> len(analysis_hash(claimkit.analyze("Ten died.")))
        64
    """
    return content_hash(analysis.text, **{k: getattr(analysis, k) for k in _META})


def item_hash(item: Mapping[str, Any]) -> str | None:
    """The content hash an input item (``{"text": ..., "source": ...}``) will have once analysed.

    Lets a run skip documents already stored without analysing them. ``None`` when the item
    cannot be prepared (its analysis reports why).

    Examples:
        >>> import claimkit
        >>> item_hash({"text": "Ten died.", "published": "16 December 2019"}) == analysis_hash(
        ...     claimkit.analyze("Ten died.", published="2019-12-16"))
        True
    """
    from claimkit.extract.dates import parse_published
    from claimkit.ids import doc_id_for
    from claimkit.text import prepare_text

    text, meta = item.get("text"), {k: item.get(k) or None for k in _META if k != "published"}
    if not isinstance(text, str) or any(not isinstance(v, str | None) for v in meta.values()):
        return None
    try:
        meta["published"] = parse_published(item.get("published"))
    except ValueError:
        return None
    clean = prepare_text(text)
    return content_hash(clean, **(meta | {"doc_id": meta["doc_id"] or doc_id_for(clean)}))


def _value(x: object) -> Any:
    """A cell as a plain Python value: missing -> ``None``, timestamps -> ISO dates."""
    if isinstance(x, pd.Timestamp):
        return x.date().isoformat()
    if x is None or (isinstance(x, float | type(pd.NA) | type(pd.NaT)) and pd.isna(x)):
        return None
    return x.item() if hasattr(x, "item") else x


def records(df: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows of a frame as dicts of plain Python values (missing: ``None``; dates: ISO text).

    Examples:
        >>> records(pd.DataFrame({"a": [1.5, None], "d": pd.to_datetime(["2019-12-16", None])}))
        [{'a': 1.5, 'd': '2019-12-16'}, {'a': None, 'd': None}]
    """
    return [{str(k): _value(v) for k, v in rec.items()} for rec in df.to_dict("records")]


def store_error(path: str | Path, exc: BaseException) -> str:
    """One line saying why the store at ``path`` cannot be used, for an error DuckDB raised.

    Examples:
        >>> store_error("claims.duckdb", OSError('Could not set lock on file "claims.duckdb": '
        ...             "Conflicting lock is held in /usr/bin/python3 (PID 4242)"))
        'the store claims.duckdb is locked by another process (PID 4242); wait for it to finish or use another --db file'
    """
    text = " ".join(str(exc).split()) or type(exc).__name__
    if "Could not set lock" in text:
        pid = re.search(r"\(PID (\d+)\)", text)
        by = f" (PID {pid.group(1)})" if pid else ""
        return (
            f"the store {path} is locked by another process{by}; "
            "wait for it to finish or use another --db file"
        )
    if "not a valid DuckDB database" in text:
        return f"{path} is not a DuckDB database file"
    damaged = ("Corrupt database", "Could not read enough bytes", "checksum", "invalidated")
    if type(exc).__name__ == "FatalException" or any(d in text for d in damaged):
        return f"the store {path} is damaged (corrupt or truncated): {text[:200]}"
    return f"cannot use the store {path}: {text[:200]}"


def comparison_rows(
    data: pd.DataFrame | Iterable[Analysis],
    events: pd.DataFrame | None = None,
    documents: pd.DataFrame | None = None,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Figure rows (plain values, document ``title``/``url`` filled in, the figure's ``event`` and
    ``event_id`` renamed ``event_mention`` and ``event_mention_id``, no category as ``"other"``) and
    event rows, from analyses or from figures/events tables.

    Examples:
        >>> import claimkit
        >>> figures, events = comparison_rows([claimkit.analyze("Ten died.", url="https://x.org")])
        >>> figures[0]["url"], figures[0]["value"], events
        ('https://x.org', 10.0, [])
    """
    if not isinstance(data, pd.DataFrame):
        from claimkit.export import frames

        analyses = list(data)
        tables = frames(analyses)
        meta = [{"doc_id": a.doc_id, "title": a.title, "url": a.url} for a in analyses]
        documents = pd.DataFrame(meta) if documents is None and meta else documents
        data, events = tables["figures"], tables["events"] if events is None else events
    meta_of = {str(d["doc_id"]): d for d in records(documents)} if documents is not None else {}
    rows = records(data)
    for r in rows:
        doc = meta_of.get(str(r["doc_id"]), {})
        r.update({c: r.get(c) or doc.get(c) for c in ("title", "url", "source", "published")})
        r.update(doc_id=str(r["doc_id"]), event_mention=r.pop("event", None))
        r.update(
            event_mention_id=r.pop("event_id", None), category=r.get("category") or NO_CATEGORY
        )
        r["published"] = str(r["published"])[:10] if r["published"] else None
        r.update({c: None if r.get(c) is None else int(r[c]) for c in ("start_char", "end_char")})
        r.update({c: None if r.get(c) is None else float(r[c]) for c in ("value", "low", "high")})
    return rows, records(events) if events is not None else []


def _sql_type(col: str) -> str:
    return "DOUBLE" if col in _FLOATS else "BIGINT" if col in _INTS else "VARCHAR"


def _arrow(columns: list[str], records: list[dict[str, Any]]) -> pa.Table:
    types = {"DOUBLE": pa.float64(), "BIGINT": pa.int64(), "VARCHAR": pa.string()}
    schema = pa.schema([(c, types[_sql_type(c)]) for c in columns])
    return pa.Table.from_pydict({c: [r.get(c) for r in records] for c in columns}, schema=schema)


class Store:
    """Analyses kept in a DuckDB database file (or ``":memory:"``), each document once.

    Args:
        path: Database file (created with its folder if missing) or ``":memory:"``.
        read_only: Open an existing file for reading only.

    Examples:
        >>> import claimkit, tempfile, pathlib
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "claims.duckdb"
        >>> with Store(path) as store:
        ...     _ = store.add([claimkit.analyze("Hundreds were arrested.", doc_id="d1")])
        >>> Store(path, read_only=True).documents()["doc_id"].tolist()
        ['d1']
    """

    def __init__(self, path: str | Path = ":memory:", *, read_only: bool = False) -> None:
        self.path = str(path)
        if self.path != ":memory:" and not read_only:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        import duckdb

        self._con: duckdb.DuckDBPyConnection = duckdb.connect(self.path, read_only=read_only)
        if not read_only:
            try:
                self._create()
            except BaseException:
                self.close()
                raise

    def _create(self) -> None:
        doc_cols = [f"{c} VARCHAR" for c in _DOC_COLUMNS[1:]] + [f"{c} BIGINT" for c in _COUNTS]
        self._con.execute(
            "CREATE TABLE IF NOT EXISTS documents (content_hash VARCHAR PRIMARY KEY, "
            + ", ".join(doc_cols)
            + ", added_at TIMESTAMP DEFAULT current_timestamp)"
        )
        for table in (*TABLES, "errors"):
            cols = ", ".join(f"{c} {_sql_type(c)}" for c in TABLE_COLUMNS[table])
            self._con.execute(
                f"CREATE TABLE IF NOT EXISTS {table} ({cols}, "
                "content_hash VARCHAR NOT NULL REFERENCES documents (content_hash))"
            )
            self._upgrade(table)

    def _columns(self, table: str) -> list[str]:
        """The columns of a stored table: those of :func:`claimkit.frames` first, in their order."""
        found = self._con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
            "ORDER BY ordinal_position",
            [table],
        ).fetchall()
        names = [str(n) for (n,) in found]
        first = [c for c in TABLE_COLUMNS.get(table, []) if c in names]
        return first + [c for c in names if c not in first]

    def _upgrade(self, table: str) -> None:
        """Add the columns a store written by an older claimkit lacks, and fill in row ids."""
        present = set(self._columns(table))
        missing = [c for c in TABLE_COLUMNS[table] if c not in present]
        for col in missing:
            self._con.execute(f"ALTER TABLE {table} ADD COLUMN {col} {_sql_type(col)}")
        id_col, expr = _BACKFILL.get(table, ("", ""))
        if id_col in missing:
            self._con.execute(f"UPDATE {table} SET {id_col} = {expr}")
        if table == "figures" and "event_id" in missing:  # the document's event of that name
            self._con.execute(
                "UPDATE figures f SET event_id = (SELECT min(e.event_id) FROM events e "
                "WHERE e.content_hash = f.content_hash AND e.name = f.event)"
            )

    def hashes(self) -> set[str]:
        """Content hashes of every stored document.

        Examples:
            >>> Store().hashes()
            set()
        """
        found = self._con.execute("SELECT content_hash FROM documents").fetchall()
        return {str(h) for (h,) in found}

    def add(self, analyses: Iterable[Analysis]) -> int:
        """Store a batch of analyses in one transaction; documents already stored are skipped.

        Analyses without text (inputs that could not be read) are not stored.

        Args:
            analyses: The batch.

        Returns:
            The number of documents added.

        Raises:
            TypeError: If an item is not an :class:`~claimkit.analysis.Analysis`.
            duckdb.Error: If writing fails; nothing of the batch is stored then.

        Examples:
            >>> import claimkit
            >>> s = Store()
            >>> s.add([claimkit.analyze("Ten died."), claimkit.analyze("Ten died.")])
            1
        """
        items = list(analyses)
        for i, a in enumerate(items):
            if not isinstance(a, Analysis):
                raise TypeError(
                    "Store.add takes analyses (from claimkit.analyze or claimkit.analyze_many); "
                    f"item {i} is {'None' if a is None else 'a ' + type(a).__name__}"
                )
        batch = {analysis_hash(a): a for a in items if a.text}
        if not batch:
            return 0
        con = self._con
        con.begin()
        try:
            present = con.execute(
                "SELECT content_hash FROM documents WHERE list_contains(?, content_hash)",
                [list(batch)],
            ).fetchall()
            new = {h: a for h, a in batch.items() if h not in {str(p) for (p,) in present}}
            docs: list[dict[str, Any]] = []
            tables: dict[str, list[dict[str, Any]]] = {t: [] for t in (*TABLES, "errors")}
            for h, a in new.items():
                doc = {c: getattr(a, c, None) for c in _DOC_COLUMNS[1:]}
                for t in tables:
                    found = [{**r, "content_hash": h} for r in rows(a, t)]
                    doc[f"n_{t}"] = len(found)
                    tables[t].extend(found)
                docs.append({"content_hash": h, **doc})
            self._insert("documents", _DOC_COLUMNS + _COUNTS, docs)
            for t, records in tables.items():
                self._insert(t, [*TABLE_COLUMNS[t], "content_hash"], records)
            con.commit()
        except BaseException:
            import duckdb

            with contextlib.suppress(duckdb.Error):  # a damaged database cannot roll back either
                con.rollback()
            raise
        return len(new)

    def _insert(self, table: str, columns: list[str], records: list[dict[str, Any]]) -> None:
        if not records:
            return
        name = f"_claimkit_batch_{table}"
        self._con.register(name, _arrow(columns, records))
        try:
            cols = ", ".join(columns)
            self._con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM {name}")
        finally:
            self._con.unregister(name)

    def table(self, name: str) -> pd.DataFrame:
        """One table as a DataFrame, with the columns and dtypes of :func:`claimkit.frames`
        (``documents``: ``string`` text, ``Int64`` counts, ``datetime64[us]`` dates).

        Examples:
            >>> list(Store().table("events").columns)[:3]
            ['event_row_id', 'doc_id', 'event_id']
            >>> str(Store().table("figures")["published"].dtype)
            'datetime64[us]'
        """
        if name not in STORE_TABLES:
            raise ValueError(f"no table {name!r}; tables are {', '.join(STORE_TABLES)}")
        df = self._con.execute(f"SELECT * FROM {name} ORDER BY rowid").df()
        if name != "documents":  # a store of an older claimkit, opened read-only, lacks new columns
            df = df.reindex(columns=[*TABLE_COLUMNS[name], "content_hash"])
        return _typed(df)

    def documents(self) -> pd.DataFrame:
        """Stored documents: hash, id, metadata, text and row counts per table.

        Examples:
            >>> import claimkit
            >>> store = Store()
            >>> _ = store.add([claimkit.analyze("In 1988, Ruhollah Khomeini ordered the executions of 4,000 prisoners.", doc_id="d1")])
            >>> list(store.documents()["doc_id"])
            ['d1']
        """
        return self.table("documents")

    def figures(self) -> pd.DataFrame:
        """Every stored figure (the columns of ``claimkit.frames`` plus ``content_hash``).

        Examples:
            >>> import claimkit
            >>> store = Store()
            >>> _ = store.add([claimkit.analyze("In 1988, Ruhollah Khomeini ordered the executions of 4,000 prisoners.", doc_id="d1")])
            >>> list(store.figures()["text"])
            ['4,000']
        """
        return self.table("figures")

    def entities(self) -> pd.DataFrame:
        """Every stored entity mention.

        Examples:
            >>> import claimkit
            >>> store = Store()
            >>> _ = store.add([claimkit.analyze("In 1988, Ruhollah Khomeini ordered the executions of 4,000 prisoners.", doc_id="d1")])
            >>> list(store.entities()["canonical"])
            ['Ruhollah Khomeini']
        """
        return self.table("entities")

    def roles(self) -> pd.DataFrame:
        """Every stored role.

        Examples:
            >>> import claimkit
            >>> store = Store()
            >>> _ = store.add([claimkit.analyze("In 1988, Ruhollah Khomeini ordered the executions of 4,000 prisoners.", doc_id="d1")])
            >>> len(store.roles())
            0
        """
        return self.table("roles")

    def events(self) -> pd.DataFrame:
        """Every stored event.

        Examples:
            >>> import claimkit
            >>> store = Store()
            >>> _ = store.add([claimkit.analyze("In 1988, Ruhollah Khomeini ordered the executions of 4,000 prisoners.", doc_id="d1")])
            >>> list(store.events()["kind"])
            ['execution']
        """
        return self.table("events")

    def links(self) -> pd.DataFrame:
        """Every stored person–event link.

        Examples:
            >>> import claimkit
            >>> store = Store()
            >>> _ = store.add([claimkit.analyze("In 1988, Ruhollah Khomeini ordered the executions of 4,000 prisoners.", doc_id="d1")])
            >>> store.links()[["person", "person_id", "event_id"]].values.tolist()
            [['Ruhollah Khomeini', 'PERSON:ruhollah-khomeini', 'massacre:1988']]
        """
        return self.table("links")

    def errors(self) -> pd.DataFrame:
        """Errors of stored analyses.

        Examples:
            >>> import claimkit
            >>> store = Store()
            >>> _ = store.add([claimkit.analyze("In 1988, Ruhollah Khomeini ordered the executions of 4,000 prisoners.", doc_id="d1")])
            >>> len(store.errors())
            0
        """
        return self.table("errors")

    def compare(self) -> pd.DataFrame:
        """:func:`claimkit.compare.compare` over every stored document.

        Examples:
            >>> Store().compare().empty
            True
        """
        from claimkit.compare import compare

        docs = self.documents()[["doc_id", "title", "url"]]
        return compare(self.figures(), events=self.events(), documents=docs)

    def verify(self) -> list[str]:
        """Integrity problems: rows without their document, or documents missing rows.

        Returns:
            One line per problem; empty when every document is stored whole.

        Examples:
            >>> Store().verify()
            []
        """
        problems = []
        for t in (*TABLES, "errors"):
            orphans, short = self._con.execute(
                f"SELECT (SELECT count(*) FROM {t} WHERE content_hash NOT IN "
                f"(SELECT content_hash FROM documents)), (SELECT count(*) FROM documents d WHERE "
                f"n_{t} <> (SELECT count(*) FROM {t} x WHERE x.content_hash = d.content_hash))"
            ).fetchone() or (0, 0)
            if orphans:
                problems.append(f"{t}: {orphans} rows without their document")
            if short:
                problems.append(f"{t}: {short} documents whose row count does not match")
        return problems

    def export_parquet(self, out_dir: str | Path) -> list[Path]:
        """Write every table to ``out_dir/<table>.parquet``.

        Examples:
            >>> import tempfile
            >>> [p.name for p in Store().export_parquet(tempfile.mkdtemp())][:2]
            ['documents.parquet', 'figures.parquet']
        """
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        paths = []
        for t in STORE_TABLES:
            path = out / f"{t}.parquet"
            target = str(path).replace("'", "''")
            cols = ", ".join(self._columns(t))
            self._con.execute(f"COPY (SELECT {cols} FROM {t}) TO '{target}' (FORMAT parquet)")
            paths.append(path)
        return paths

    def close(self) -> None:
        """Close the database (also when it was found damaged).

        Examples:
            >>> store = Store()
            >>> store.close()
        """
        import duckdb

        with contextlib.suppress(duckdb.Error):
            self._con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.path!r})"
