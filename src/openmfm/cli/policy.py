"""`mfm policy`: show and check the safety policy, manage API keys."""

from __future__ import annotations

from pathlib import Path
from pathlib import Path as _P

import typer
from rich.table import Table

from ..errors import InvalidInput
from .common import config_from_flags, console

app = typer.Typer(help="Show and check the safety policy; manage API keys.", no_args_is_help=True)
keys = typer.Typer(help="API keys (stored hashed) and the roles they carry.", no_args_is_help=True)
app.add_typer(keys, name="keys")


@app.command("show")
def show(as_json: bool = typer.Option(False, "--json", help="Print the parsed policy as JSON.")) -> None:
    """Print the policy in force (the file named by policy.file in mfm.toml, else the built-in one).

    Example: mfm policy show
    """
    from ..safety.policy import builtin_policy_text, load_policy  # deferred: `mfm --help` stays instant

    pol = load_policy(config_from_flags())
    if as_json:
        console.print_json(pol.model_dump_json())
        return
    console.print(f"# policy {pol.version} (from {pol.source})", style="bold", highlight=False)
    text = builtin_policy_text() if pol.source == "built-in" else _P(pol.source).read_text(encoding="utf-8")
    console.print(text, markup=False, highlight=False)


@app.command("check")
def check(file: Path = typer.Argument(..., help="A policy TOML file.")) -> None:
    """Validate a policy file; errors name each bad key and what is expected.

    Example: mfm policy check my-policy.toml
    """
    from ..safety.policy import check_policy_file  # deferred: `mfm --help` stays instant

    pol = check_policy_file(file)
    console.print(f"[green]ok[/] {file}: policy {pol.version}; roles {', '.join(pol.roles)}; "
                  f"locales {', '.join(pol.locales)}; red-flag categories {len(pol.red_flags.categories)}",
                  highlight=False)


@app.command("train-classifiers")
def train_classifiers(name: list[str] = typer.Argument(None, help="redflag and/or injection (default: both).")) -> None:
    """Refit the learned red-flag and injection classifiers on their example banks.

    Run it in a source checkout after editing src/openmfm/data/safety/*_examples.jsonl; the
    weights are written next to the banks, with the banks' sha256, and shipped with the package.

    Example: mfm policy train-classifiers redflag
    """
    from ..safety import classifier  # deferred: `mfm --help` stays instant

    for n in name or classifier.NAMES:
        if n not in classifier.NAMES:
            raise InvalidInput(f"Unknown classifier '{n}'.", f"Use one of: {', '.join(classifier.NAMES)}.")
        summary = classifier.train(n)
        console.print(f"[green]ok[/] {n}: {summary['examples']} examples ({summary['positive']} positive), "
                      f"categories {', '.join(summary['categories'])}; training accuracy {summary['train_accuracy']}",
                      highlight=False)


@app.command("train-deid")
def train_deid(notes: list[Path] = typer.Option(None, "--notes", help="A hospital's own labelled notes: JSONL, one note a line with its text and spans (start, end, CATEGORY); repeatable."),
               n: int = typer.Option(4000, "--n", min=10, help="Synthetic notes per language."),
               seed: int = typer.Option(13, "--seed", help="Seed of the synthetic notes (and of the order they are fed)."),
               language: list[str] = typer.Option(None, "--language", help="en and/or zh (default: en; Chinese rules did not gain from it)."),
               iterations: int = typer.Option(None, "--iterations", min=1, help="L-BFGS iterations (default: the trainer's, 150)."),
               out: Path = typer.Option(None, "--out", help="Write the model and card here instead of the package's data/deid."),
               check: bool = typer.Option(False, "--check", help="Only verify the shipped model against the sha256 on its card.")) -> None:
    """Retrain the learned PHI recogniser (a CRF behind the de-identification rules) and write its card.

    Synthetic notes from the project's own generators, plus any notes a hospital labelled itself.

    Example: mfm policy train-deid --notes our_notes.jsonl --seed 13
    """
    from ..safety.deid import learned  # deferred: `mfm --help` stays instant

    if check:
        card = learned.verify(out)
        for lang, m in card["models"].items():
            console.print(f"[green]ok[/] {lang}: {m['file']} sha256 {m['sha256'][:16]}… matches its card "
                          f"(trained {card['trained']}, seed {card['seed']}, features v{card['features_version']})", highlight=False)
        return
    langs = tuple(language or ["en"])
    if unknown := sorted(set(langs) - {"en", "zh"}):
        raise InvalidInput(f"Unknown language {', '.join(unknown)}.", "Use en and/or zh.")
    card = learned.train(out, n=n, seed=seed, hospital=list(notes or []), languages=langs, max_iterations=iterations)
    for lang, m in card["models"].items():
        size = card["sizes"][lang]
        console.print(f"[green]ok[/] {lang}: {size['synthetic_notes']} synthetic + {size['hospital_notes']} hospital notes, "
                      f"{size['tokens']:,} tokens; {m['file']} ({m['bytes'] / 1e6:.1f} MB) sha256 {m['sha256'][:16]}…", highlight=False)


@keys.command("add")
def keys_add(name: str = typer.Argument(..., help="Who the key is for."),
             role: str = typer.Option(..., "--role", help="clinician | patient | researcher | privacy_officer | admin")) -> None:
    """Create an API key; it is printed once and only its hash is stored.

    Example: mfm policy keys add alice --role privacy_officer
    """
    from ..safety.access import KeyStore  # deferred: `mfm --help` stays instant

    key = KeyStore(config_from_flags()).add(name, role)
    console.print(key, markup=False, highlight=False)


@keys.command("list")
def keys_list() -> None:
    """List API keys (ids, names, roles; never the keys).

    Example: mfm policy keys list
    """
    from ..safety.access import KeyStore  # deferred: `mfm --help` stays instant

    table = Table()
    for col in ("id", "name", "role", "created", "revoked"):
        table.add_column(col)
    for k in KeyStore(config_from_flags()).list():
        table.add_row(k.key_id, k.name, k.role, k.created[:19], "yes" if k.revoked else "")
    console.print(table)


@keys.command("revoke")
def keys_revoke(key_id: str = typer.Argument(..., help="The key id (the part after mfm_).")) -> None:
    """Revoke an API key.

    Example: mfm policy keys revoke 1a2b3c4d
    """
    from ..safety.access import KeyStore  # deferred: `mfm --help` stays instant

    KeyStore(config_from_flags()).revoke(key_id)
    console.print(f"revoked {key_id}")
