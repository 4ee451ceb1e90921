"""`mfm terms`: look up clinical terms and see how a query is normalised before retrieval."""

from __future__ import annotations

import json

import typer
from rich.markup import escape
from rich.table import Table

from .common import config_from_flags, console

app = typer.Typer(help="Terminology: ICD-10 codes, Chinese/English names, synonyms and abbreviations.",
                  no_args_is_help=True)


@app.command("lookup")
def lookup(
    term: str = typer.Argument(..., help="A name, synonym, abbreviation or ICD-10 code, in Chinese or English."),
    limit: int = typer.Option(5, help="Show at most this many concepts."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Concepts for a term: ICD-10 codes, names in both languages, synonyms, and their sources.

    Example: mfm terms lookup 心梗
    """
    from ..knowledge.terminology import lookup as find  # deferred: `mfm --help` stays instant

    concepts = find(term, config_from_flags(), limit=limit)
    if as_json:
        console.print_json(json.dumps([c.model_dump() for c in concepts], ensure_ascii=False))
        return
    if not concepts:
        console.print(f"No concept found for {term!r}. Try the full name, the other language, or an ICD-10 code.")
        raise typer.Exit(1)
    for c in concepts:
        table = Table(show_header=False, title=f"{c.id} ({c.kind}; from {', '.join(c.sources)})", title_justify="left")
        table.add_row("English", escape(c.name_en or "-"))
        table.add_row("中文", escape(c.name_zh or "-"))
        if c.icd10:
            table.add_row("ICD-10", escape("; ".join(f"{code} {c.icd10_descriptions.get(code, '')}".strip() for code in c.icd10)))
        if c.abbreviations:
            table.add_row("abbreviations", escape(", ".join(c.abbreviations)))
        if c.synonyms:
            table.add_row("synonyms", escape(", ".join(c.synonyms[:12])))
        console.print(table)


@app.command("normalize")
def normalize(
    query: str = typer.Argument(..., help="A question in Chinese or English."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Show the concepts a query names and the terms retrieval adds for it.

    Example: mfm terms normalize "心梗后阿司匹林吃多少"
    """
    from ..knowledge.terminology import normalize_query  # deferred: `mfm --help` stays instant

    nq = normalize_query(query, config_from_flags())
    if as_json:
        console.print_json(nq.model_dump_json())
        return
    console.print(f"language: {nq.language}")
    for surface, c in zip(nq.matches, nq.concepts):
        console.print(f"  {escape(surface)} -> {escape(c.id)} ({escape(c.name_en or '')} / {escape(c.name_zh or '')}"
                      f"{'; ' + ', '.join(c.icd10) if c.icd10 else ''})")
    console.print(f"expansions: {escape(', '.join(nq.expansions)) or '(none)'}")
