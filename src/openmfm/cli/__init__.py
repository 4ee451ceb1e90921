"""The `mfm` command: a thin shell over the Python API.

Each command group lives in its own module and imports heavy libraries inside its commands, so
`mfm --help` stays instant. User errors (``MFMError``) print as a message plus the next step,
without a traceback.
"""

from __future__ import annotations

import sys

import typer

from ..errors import MFMError
from . import adapt, ask, audit, config, consult, deid, feedback, kb, models, monitor, policy, serve, structure, terms
from . import eval as eval_
from .common import console_err

app = typer.Typer(
    name="mfm",
    help="OpenMFM: evidence-grounded, verifiable medical AI that runs locally.\n\n"
    "Example: mfm ask \"What is the first-line treatment for hypertension?\"",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(config.app, name="config")
app.add_typer(models.app, name="models")
app.add_typer(kb.app, name="kb")
app.add_typer(terms.app, name="terms")
app.add_typer(audit.app, name="audit")
app.add_typer(policy.app, name="policy")
app.add_typer(eval_.app, name="eval")
app.add_typer(monitor.app, name="monitor")
app.add_typer(adapt.app, name="adapt")
ask.register(app)
deid.register(app)
serve.register(app)
feedback.register(app)
consult.register(app)
structure.register(app)


def main() -> None:
    try:
        app()
    except MFMError as e:
        console_err.print(f"[bold red]error:[/] {e.message}")
        if e.hint:
            console_err.print(f"[yellow]next:[/] {e.hint}")
        sys.exit(e.exit_code)
    except KeyboardInterrupt:
        console_err.print("interrupted")
        sys.exit(130)
