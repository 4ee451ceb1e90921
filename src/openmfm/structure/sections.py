"""Note sections from their headings (主诉, 既往史, 过敏史 ... / HPI, PMH, Allergies ...).

A heading counts at the start of a line, or after a sentence end in a one-line note, and only when a
colon (or a line break, or 【】 brackets) follows it: "plan" inside a sentence is not a heading.
"""

from __future__ import annotations

import re
from functools import cache

from .lexicon import alternation, sections
from .records import Section


@cache
def _pattern() -> tuple[re.Pattern, dict[str, dict]]:
    names: dict[str, dict] = {}
    for s in sections():
        for h in s.get("zh", []) + s.get("en", []):
            names[h.casefold()] = s
    alt = alternation(names, latin_bounds=False)
    pat = re.compile(rf"(?:^|(?<=[\n。；;.!?]))[ \t#>*\-•]*(?:[【\[]\s*)?(?P<h>{alt})(?:\s*[】\]])?"
                     r"(?:\s*[:：]|[ \t]*(?=\n)|(?<=[】\]]))", re.IGNORECASE | re.MULTILINE)
    return pat, names


def find_sections(text: str) -> list[Section]:
    pat, names = _pattern()
    found = []
    for m in pat.finditer(text):
        spec = names[m.group("h").casefold()]
        found.append((m.start("h"), spec["name"], m.group("h")))
    out = []
    for i, (s, name, heading) in enumerate(found):
        end = found[i + 1][0] if i + 1 < len(found) else len(text)
        out.append(Section(name=name, heading=heading, start=s, end=end))
    return out


def implies(section_name: str | None) -> str | None:
    for s in sections():
        if s["name"] == section_name:
            return s.get("implies")
    return None


def section_at(secs: list[Section], pos: int) -> Section | None:
    for s in secs:
        if s.start <= pos < s.end:
            return s
    return None
