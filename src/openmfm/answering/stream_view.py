"""What the terminal shows while the model writes JSON: the sentences and their [n] markers.

The model streams ``{"sentences": [{"text": "...", "citations": [1]}, ...]}``; a reader wants the
prose, not the braces. ``StreamView`` re-reads the growing buffer and returns only the newly
readable prose, so the view is always a prefix of the final rendering.
"""

from __future__ import annotations

import json
import re

_ITEM = re.compile(r'"text"\s*:\s*"((?:[^"\\]|\\.)*)("?)(?:\s*,\s*"citations"\s*:\s*\[([^\]]*)(\]?))?')


def _decode(fragment: str) -> str:
    fragment = re.sub(r"\\u[0-9a-fA-F]{0,3}$|\\$", "", fragment)  # an escape cut in half waits
    try:
        return json.loads(f'"{fragment}"')
    except json.JSONDecodeError:
        return fragment


class StreamView:
    def __init__(self) -> None:
        self.buffer = ""
        self.shown = ""

    def render(self) -> str:
        out = []
        for m in _ITEM.finditer(self.buffer):
            text, closed, cites, cites_closed = m.group(1), m.group(2), m.group(3), m.group(4)
            piece = _decode(text)
            if closed and cites_closed:
                nums = [c.strip() for c in cites.split(",") if c.strip().isdigit()]
                piece += "".join(f" [{n}]" for n in nums[:1]) + "".join(f"[{n}]" for n in nums[1:])
                piece += " "
            out.append(piece)
            if not (closed and cites_closed):
                break
        return "".join(out)

    def feed(self, piece: str) -> str:
        self.buffer += piece
        view = self.render()
        if not view.startswith(self.shown):
            return ""
        new, self.shown = view[len(self.shown):], view
        return new
