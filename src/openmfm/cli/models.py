"""`mfm models`: the model registry (list, pull, verify, info, remove, register) and a one-shot
generation to check that a model works."""

from __future__ import annotations

import json
from typing import Optional

import typer
from rich.markup import escape
from rich.table import Table

from ..records import Generation, Message
from .common import config_from_flags, console

app = typer.Typer(help="Register, pull, verify and try generative models.", no_args_is_help=True)


def _size(n: int | None) -> str:
    if n is None:
        return "?"
    return f"{n / 1e9:.2f} GB" if n >= 1e9 else f"{n / 1e6:.0f} MB"


@app.command("list")
def list_(as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table.")) -> None:
    """List registered models and whether each is pulled into the data home.

    Example: mfm models list
    """
    from ..models.registry import get_registry, is_pulled  # deferred: `mfm --help` stays instant

    cfg = config_from_flags()
    reg = get_registry(cfg)
    rows = [(e, is_pulled(e.name, cfg)) for e in reg.values()]
    if as_json:
        console.print_json(json.dumps([{**e.model_dump(), "pulled": p} for e, p in rows]))
        return
    table = Table(title=f"Models in {cfg.models_dir}", caption="* the configured default (\\[model] name)")
    table.add_column("name", no_wrap=True)
    for col in ("family", "params", "quant", "size", "pulled"):
        table.add_column(col, no_wrap=True)
    for e, p in rows:
        table.add_row(e.name + (" *" if e.name == cfg.model.name else ""), e.family, e.params,
                      e.quantisation, _size(e.size), "yes" if p else "no")
    console.print(table)


@app.command("pull")
def pull(name: str = typer.Argument(..., help="A registered model name (see `mfm models list`)."),
         force: bool = typer.Option(False, "--force", help="Pull again even if a verified copy exists.")) -> None:
    """Assemble, copy or download a model into the data home, verifying its sha256.

    Example: mfm models pull qwen2.5-coder-1.5b-instruct
    """
    from rich.progress import (  # deferred: progress bars only for long work
        BarColumn,
        DownloadColumn,
        Progress,
        TimeRemainingColumn,
        TransferSpeedColumn,
    )

    from ..models.registry import pull as do_pull  # deferred: `mfm --help` stays instant
    from ..models.registry import pulled_sha256

    cfg = config_from_flags()
    with Progress("[progress.description]{task.description}", BarColumn(), DownloadColumn(),
                  TransferSpeedColumn(), TimeRemainingColumn(), console=console, transient=True) as bar:
        task = bar.add_task(f"pulling {name}", total=None)
        path = do_pull(name, cfg, force=force, progress=lambda done, total: bar.update(task, completed=done, total=total))
    console.print(f"[green]pulled[/] {name} -> {path}\n  sha256 {pulled_sha256(name, cfg)}")


@app.command("verify")
def verify(name: str = typer.Argument(..., help="A pulled model name.")) -> None:
    """Re-hash a pulled model file and compare it with its pinned sha256.

    Example: mfm models verify qwen2.5-coder-1.5b-instruct
    """
    from ..models.registry import verify as do_verify  # deferred: `mfm --help` stays instant

    sha = do_verify(name, config_from_flags())
    console.print(f"[green]ok[/] {name}: sha256 {sha} matches")


@app.command("info")
def info(name: str = typer.Argument(..., help="A registered model name.")) -> None:
    """Show a model's family, size, licence, provenance, sources and local state.

    Example: mfm models info smollm2-135m-instruct
    """
    from ..models.registry import get_entry, is_pulled, pulled_sha256  # deferred: `mfm --help` stays instant

    cfg = config_from_flags()
    e = get_entry(name, cfg)
    pulled = is_pulled(name, cfg)
    table = Table(show_header=False, title=e.name)
    table.add_column("key", no_wrap=True)
    table.add_column("value", overflow="fold")
    rows = [
        ("family", e.family), ("parameters", e.params), ("quantisation", e.quantisation),
        ("licence", e.licence), ("provenance", e.provenance),
        ("sources", "\n".join(s.describe() for s in e.sources)),
        ("install", "\n".join(f"pip install 'openmfm[{s.extra}]'" for s in e.sources if s.extra) or "-"),
        ("sha256 (pinned)", e.sha256 or "not pinned: recorded at first pull"),
        ("size", _size(e.size)), ("built in", "yes" if e.builtin else "no"),
        ("pulled", f"yes, {cfg.models_dir / e.name / e.filename}" if pulled else f"no: mfm models pull {e.name}"),
    ]
    if pulled and not e.sha256:
        rows.append(("sha256 (recorded)", pulled_sha256(name, cfg) or "?"))
    for k, v in rows:
        table.add_row(k, escape(v))
    console.print(table)


@app.command("remove")
def remove(name: str = typer.Argument(..., help="A registered model name."),
           unregister: bool = typer.Option(False, "--unregister", help="Also forget a user-registered model.")) -> None:
    """Delete a model's pulled file from the data home (the registry entry stays unless --unregister).

    Example: mfm models remove qwen2.5-coder-0.5b-instruct
    """
    from ..models.registry import remove as do_remove  # deferred: `mfm --help` stays instant

    removed = do_remove(name, config_from_flags(), unregister=unregister)
    console.print(f"removed {name}" if removed else f"{name} was not pulled; nothing to remove")


@app.command("register")
def register(
    name: str = typer.Argument(..., help="Name to give the model (lowercase, digits, . _ -)."),
    source: str = typer.Argument(..., help="Local .gguf path, http(s):// or file:// URL, or hf:/modelscope: repo id."),
    sha256: Optional[str] = typer.Option(None, help="Pin the file's sha256 (recommended)."),
    file: Optional[str] = typer.Option(None, "--file", help="The .gguf file inside a hub repo."),
    revision: str = typer.Option("main", help="Hub revision (branch, tag or commit)."),
    family: str = typer.Option("unknown", help="Model family, e.g. qwen2, llama."),
    params: str = typer.Option("unknown", help="Parameter count, e.g. 7B."),
    quantisation: str = typer.Option("unknown", help="Quantisation, e.g. Q4_K_M."),
    licence: str = typer.Option("unknown", help="Licence of the weights."),
    overwrite: bool = typer.Option(False, help="Replace an existing user entry of that name."),
) -> None:
    """Register a GGUF model by local path, URL or hub repo id; then `mfm models pull NAME`.

    Example: mfm models register my-qwen hf:Qwen/Qwen2.5-7B-Instruct-GGUF --file qwen2.5-7b-instruct-q4_k_m.gguf
    """
    from ..models.registry import register as do_register  # deferred: `mfm --help` stays instant

    e = do_register(name, source, config_from_flags(), sha256=sha256, filename=file, revision=revision,
                    family=family, params=params, quantisation=quantisation, licence=licence,
                    overwrite=overwrite)
    console.print(f"registered {e.name} from {e.sources[0].describe()}\n  next: mfm models pull {e.name}")


@app.command("generate")
def generate(
    prompt: str = typer.Argument(..., help="The user message."),
    model: Optional[str] = typer.Option(None, "--model", "-m", help="Model name (default: [model] name)."),
    backend: Optional[str] = typer.Option(None, "--backend", "-b", help="llama-cpp | openai | transformers."),
    system: Optional[str] = typer.Option(None, "--system", help="A system message."),
    max_tokens: Optional[int] = typer.Option(None, "--max-tokens", help="Cap on generated tokens."),
    temperature: Optional[float] = typer.Option(None, "--temperature", help="0 = greedy."),
    record: bool = typer.Option(False, "--record", help="Also print the generation record as JSON."),
) -> None:
    """Stream one chat reply from a model: the quickest check that a model and backend work.

    Example: mfm models generate "高血压的一线治疗药物有哪些？" --max-tokens 128
    """
    from ..models import load_model  # deferred: `mfm --help` stays instant

    cfg = config_from_flags(model__name=model, model__backend=backend, model__max_tokens=max_tokens,
                            model__temperature=temperature)
    m = load_model(cfg)
    msgs = ([Message(role="system", content=system)] if system else []) + [Message(role="user", content=prompt)]
    final = None
    for piece in m.stream(msgs):
        if isinstance(piece, Generation):
            final = piece
        else:
            console.out(piece, end="", highlight=False)
    console.out("")
    if final is not None:
        r = final.record
        speed = r.completion_tokens / max(r.latency_s - (r.ttft_s or 0), 1e-9)
        console.print(f"[dim]{r.backend} {r.model} sha256 {(r.model_sha256 or '?')[:12]}  "
                      f"{r.prompt_tokens}+{r.completion_tokens} tokens, ttft {r.ttft_s}s, {speed:.1f} tok/s[/]")
        if record:
            console.print_json(r.model_dump_json())
