"""Tokens and CRF features for the learned PHI recogniser (``learned``).

A token is a run of letters and digits, one Han character, or one other non-space character,
with its offsets. Its features say what a rule author would look at, but without the author's
list of phrasings: the word, its shape and affixes, its neighbours, where it sits on its line
(first, last, after a colon), the label that line opens with, and how the line before it
ended (a "Dear"/"Sincerely," line, a "cc:" line). Chinese characters add their neighbours and
whether they can start a surname. ``VERSION`` changes whenever a feature changes: a model
trained on other features would read these wrongly, so the loader refuses the mismatch.
"""

from __future__ import annotations

import re
from functools import lru_cache

VERSION = "1"

TOKEN = re.compile(r"[^\W_\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|\S")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def tokenize(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in TOKEN.finditer(text)]


def _shape(tok: str) -> str:
    out, last, run = [], "", 0
    for ch in tok:
        c = "X" if ch.isupper() else "x" if ch.islower() else "d" if ch.isdigit() else "H" if _HAN.match(ch) else ch
        run = run + 1 if c == last else 1
        last = c
        if run <= 4:
            out.append(c)
    return "".join(out)


def _short(shape: str) -> str:
    return re.sub(r"(.)\1+", r"\1", shape)


@lru_cache(maxsize=1)
def _surnames() -> tuple[frozenset, frozenset]:
    """Chinese surnames (one and two characters) from Faker's zh_CN list: a character that can
    start a name is the strongest single cue a Chinese note gives."""
    from faker.providers.person.zh_CN import Provider  # deferred: only Chinese text needs it

    names = set(Provider.last_names) if isinstance(Provider.last_names, (list, tuple)) else set(Provider.last_names.keys())
    return frozenset(n for n in names if len(n) == 1), frozenset(n for n in names if len(n) == 2)


def _ident(tok: str, low: str) -> str:
    """The word itself, except long numbers and codes, whose digits say nothing a shape does not."""
    return low if sum(ch.isdigit() for ch in tok) <= 2 and len(tok) <= 24 else "#" + _short(_shape(tok))


def features(text: str, spans: list[tuple[int, int]]) -> list[list[str]]:
    toks = [text[s:e] for s, e in spans]
    lows = [t.lower() for t in toks]
    shapes = [_shape(t) for t in toks]
    ids = [_ident(t, low) for t, low in zip(toks, lows)]
    n = len(toks)
    # Line structure: for each token, its position on the line, the line's label (the words
    # before its first colon), how the previous non-empty line ended.
    line_of, first_on_line, labels, prev_end, line_first = [0] * n, [False] * n, [""] * n, [""] * n, [""] * n
    line, lab, colon_seen, first_word, prev_line_end, cur_last = 0, "", False, "", "", ""
    for i, (s, _) in enumerate(spans):
        gap = text[spans[i - 1][1]:s] if i else text[:s]
        if i == 0 or "\n" in gap:
            if i:
                prev_line_end = cur_last + ("|blank" if gap.count("\n") > 1 else "")
            line += 1
            first_on_line[i], lab, colon_seen, first_word = True, "", False, ""
        line_of[i] = line
        tok = toks[i]
        if not first_word and tok.isalpha():
            first_word = lows[i]
        if colon_seen:
            labels[i] = lab
        elif tok in (":", "：") and i and line_of[i - 1] == line:
            colon_seen = True
            j, words = i - 1, []
            while j >= 0 and line_of[j] == line and len(words) < 2:
                if toks[j].isalpha() or _HAN.match(toks[j]):
                    words.append(lows[j])
                j -= 1
            lab = words[0] if words else "?"
            if _HAN.match(toks[i - 1]) and i >= 2 and _HAN.match(toks[i - 2]):
                lab = toks[i - 2] + toks[i - 1]
        prev_end[i], line_first[i] = prev_line_end, first_word
        cur_last = lows[i] if tok.isalnum() else tok
    sur1, sur2 = _surnames() if any(_HAN.match(t) for t in toks[:200]) else (frozenset(), frozenset())
    out = []
    for i in range(n):
        tok, low, sh = toks[i], lows[i], shapes[i]
        f = ["b", "w=" + ids[i], "s=" + sh, "ss=" + _short(sh)]
        if tok.isalpha() and len(tok) >= 4:
            f += ["p3=" + low[:3], "x3=" + low[-3:], "x2=" + low[-2:]]
        if tok.isdigit():
            f.append(f"nd={len(tok)}")
            if len(tok) <= 3 and 90 <= int(tok) <= 120:
                f.append("age90")
        if i and spans[i - 1][1] == spans[i][0]:
            f.append("gl")
        if i + 1 < n and spans[i][1] == spans[i + 1][0]:
            f.append("gr")
        if first_on_line[i]:
            f += ["bol", "pe=" + prev_end[i]]
        elif first_on_line[i - 1] or i >= 2 and first_on_line[i - 2]:
            f.append("pe2=" + prev_end[i])
        if i + 1 == n or first_on_line[i + 1]:
            f.append("eol")
        if labels[i]:
            f.append("lbl=" + labels[i])
            if toks[i - 1] in (":", "："):
                f.append("afc")
        if line_first[i]:
            f.append("lf=" + line_first[i])
        for o in (-2, -1, 1, 2):
            j = i + o
            if 0 <= j < n and line_of[j] == line_of[i]:
                f += [f"{o}w={ids[j]}", f"{o}s={_short(shapes[j])}"]
            elif 0 <= j < n:
                f.append(f"{o}nl")
        if i:
            f.append(f"-1w|w={ids[i - 1]}|{ids[i]}")
        if _HAN.match(tok):
            f.append("han")
            if tok in sur1:
                f.append("sn1")
            if i + 1 < n and tok + toks[i + 1] in sur2:
                f.append("sn2")
            if i + 1 < n:
                f.append(f"w|+1w={tok}{toks[i + 1]}")
        out.append(f)
    return out
