"""Licences are part of the product: no GPL, AGPL or non-commercial code in the default install."""

from __future__ import annotations

import importlib.metadata as md
import re

from packaging.requirements import Requirement

FORBIDDEN = re.compile(r"(?<![L])\b(A?GPL|GNU General Public|Affero|Non-?Commercial|CC[- ]BY[- ]NC)", re.I)
LESSER = re.compile(r"Lesser|LGPL|Library General", re.I)


def _closure(root: str) -> set[str]:
    seen: set[str] = set()
    todo = [root]
    while todo:
        name = todo.pop()
        key = name.lower().replace("_", "-")
        if key in seen:
            continue
        seen.add(key)
        try:
            reqs = md.requires(name) or []
        except md.PackageNotFoundError:
            continue
        for r in reqs:
            req = Requirement(r)
            if req.marker is not None and not req.marker.evaluate({"extra": ""}):
                continue  # optional extras are allowed to differ
            todo.append(req.name)
    return seen


def _licence_text(name: str) -> str:
    meta = md.metadata(name)
    parts = [meta.get("License-Expression") or "", (meta.get("License") or "").split("\n")[0]]
    parts += [c for c in meta.get_all("Classifier") or [] if c.startswith("License")]
    return " | ".join(p for p in parts if p)


def test_default_install_has_no_copyleft_or_noncommercial_dependency():
    offenders = []
    for name in sorted(_closure("openmfm") - {"openmfm"}):
        try:
            text = _licence_text(name)
        except md.PackageNotFoundError:
            continue
        if FORBIDDEN.search(text) and not LESSER.search(text):
            # dual-licensed packages that offer a permissive option are fine
            if not re.search(r"\b(MIT|BSD|Apache|ISC|MPL|PSF)\b", text):
                offenders.append(f"{name}: {text}")
    assert not offenders, "copyleft/non-commercial packages in the default install:\n" + "\n".join(offenders)


def test_checker_recognises_gpl():
    assert FORBIDDEN.search("License :: OSI Approved :: GNU General Public License v3 (GPLv3)")
    assert FORBIDDEN.search("AGPL-3.0-only")
    assert not FORBIDDEN.search("MIT") and LESSER.search("LGPL-2.1")
