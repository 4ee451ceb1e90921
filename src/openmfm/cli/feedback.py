"""`mfm feedback`: a clinician rates an audited answer, optionally one statement, with a correction."""

from __future__ import annotations

from typing import Optional

import typer
from rich.markup import escape

from .common import config_from_flags, console


def register(app: typer.Typer) -> None:
    """Add the `feedback` command to the top-level app."""
    @app.command("feedback")
    def feedback_cmd(
        audit_id: str = typer.Argument(..., help="The answer's audit id (or its prefix) from `mfm audit list --action ask`."),
        rating: str = typer.Option(..., "--rating", "-r", help="correct | partly | wrong | unsafe"),
        statement: Optional[int] = typer.Option(None, "--statement", "-s", help="The statement this is about, numbered from 1 as `mfm audit show` lists the claims."),
        correction: Optional[str] = typer.Option(None, "--correction", "-c", help="What the answer should have said."),
        source: Optional[str] = typer.Option(None, "--source", help="Where the correction comes from (guideline, URL, KB source id)."),
        api_key: Optional[str] = typer.Option(None, "--api-key", envvar="MFM_API_KEY",
                                              help="Act with this key's role (or set MFM_API_KEY)."),
    ) -> None:
        """Rate an answer; stored with the answer's audit entry and audited itself.

        Example: mfm feedback 3f9a2c --rating wrong --statement 2 --correction "1 g three times daily" --source "BTS 2019"
        """
        from ..loop import give_feedback  # deferred: `mfm --help` stays instant
        from ..safety.access import request_context  # deferred: as above

        cfg = config_from_flags()
        fb = give_feedback(audit_id, rating, statement=statement, correction=correction, source=source, cfg=cfg,
                           ctx=request_context(cfg, api_key=api_key, channel="cli"))
        about = f" statement {fb.statement} of" if fb.statement else ""
        console.print(f"[green]Recorded[/] feedback {fb.id}: {fb.rating} on{about} answer {fb.audit_id} "
                      f"(role {fb.role}; audit entry {fb.audit_entry})")
        if fb.correction:
            console.print(f"  correction: {escape(fb.correction)}" + (f"  [dim]source: {escape(fb.source)}[/]" if fb.source else ""))
