"""The readable outpatient record in the clinician's language, every line carrying the turns
it came from: zh headings follow 病历书写基本规范 (主诉 / 现病史 / 既往史 / 过敏史 / 个人史 /
家族史), en the usual CC / HPI / PMH / Meds / Allergies / SH / FH / ROS."""

from __future__ import annotations

from ..text import has_han
from .records import ConsultSession, RecordLine, SlotValue
from .slots import label

HEADINGS = {
    "zh": {"urgent": "紧急", "cc": "主诉", "hpi": "现病史", "pmh": "既往史", "meds": "既往史", "allergies": "过敏史",
           "sh": "个人史", "fh": "家族史", "ros": "现病史", "verify": "待核实", "requests": "患者提问",
           "possible": "待排除危险信号"},
    "en": {"urgent": "URGENT", "cc": "CC", "hpi": "HPI", "pmh": "PMH", "meds": "Meds", "allergies": "Allergies",
           "sh": "SH", "fh": "FH", "ros": "ROS", "verify": "To verify", "requests": "Patient asked",
           "possible": "Possible red flag"},
}
_WORDS = {
    "zh": {"unknown": "患者不清楚", "declined": "患者未回答", "denies": "否认", "none": "无", "nka": "否认药物及食物过敏史",
           "no_meds": "未服药", "sep": "；", "list": "、", "vs": " 与 "},
    "en": {"unknown": "patient unsure", "declined": "patient declined to say", "denies": "Denies", "none": "none",
           "nka": "No known allergies", "no_meds": "No regular medicines", "sep": "; ", "list": ", ", "vs": " vs "},
}
_HPI = ("onset", "site", "character", "radiation", "severity", "timing", "aggravating", "relieving", "associated")


def shown(v: SlotValue, lang: str) -> str:
    """A value as the clinician reads it: the patient's words, plus the normalised term and code."""
    w = _WORDS[lang]
    if v.status in ("unknown", "declined"):
        return w[v.status]
    text = v.value
    if v.dose and v.dose not in text:
        text = f"{text} {v.dose}"
    extra = [x for x in (v.term if v.term and v.term.casefold() not in text.casefold() and v.slot != "duration" else None,
                         v.code) if x]
    return f"{text} ({', '.join(extra)})" if extra else text


def _name(v: SlotValue, lang: str) -> str:
    """The patient's word when it is in the record's language, else the normalised term."""
    return v.value if has_han(v.value) == (lang == "zh") else (v.term or v.value)


def _line(lines: list[RecordLine], lang: str, section: str, text: str, values: list[SlotValue]) -> None:
    lines.append(RecordLine(section=section, heading=HEADINGS[lang][section], text=text,
                            turns=sorted({v.turn for v in values})))


def render(s: ConsultSession, lang: str) -> list[RecordLine]:
    w = _WORDS[lang]
    lines: list[RecordLine] = []
    by = {slot: [v for v in s.values if v.slot == slot] for slot in {v.slot for v in s.values}}
    if s.urgent and s.escalation is not None:
        red_turn = next((t for t in s.turns if any(f.kind == "red_flag" for f in t.flags)), s.turns[-1])
        lines.append(RecordLine(section="urgent", heading=HEADINGS[lang]["urgent"], turns=[red_turn.index],
                                text=f"{', '.join(s.escalation.details.get('categories', []))}: {red_turn.reply}"))
    for t in s.turns:  # the classifier's leanings below escalation: for the clinician to rule out
        for f in t.flags:
            if f.kind == "triage_question":
                lines.append(RecordLine(section="possible", heading=HEADINGS[lang]["possible"], turns=[t.index],
                                        text=f"{f.details.get('category')}: {t.reply}"))
    cc = by.get("chief_complaint", [])
    dur = [v for v in by.get("duration", []) if v.status == "present"]
    cc_text = cc[0].value if cc else ""
    if dur and dur[0].value not in cc_text:
        cc_text += dur[0].value if lang == "zh" else f" for {dur[0].value}"
    _line(lines, lang, "cc", cc_text, cc + dur[:1])
    for slot in _HPI:
        vals = by.get(slot, [])
        if slot == "associated":
            vals = [v for v in vals if v.status != "absent"]
        if vals:
            _line(lines, lang, "hpi", f"{label(slot, lang)}: {w['list'].join(dict.fromkeys(shown(v, lang) for v in vals))}", vals)
    neg = [v for v in by.get("negatives", []) + by.get("review_of_systems", []) + by.get("associated", [])
           if v.status == "absent"]
    if neg:
        _line(lines, lang, "ros", f"{w['denies']}: {w['list'].join(dict.fromkeys(_name(v, lang) for v in neg))}", neg)
    ros_pos = [v for v in by.get("review_of_systems", []) + by.get("negatives", []) if v.status == "present"]
    if ros_pos:
        _line(lines, lang, "ros", w["list"].join(shown(v, lang) for v in ros_pos), ros_pos)
    for slot, section in (("past_history", "pmh"), ("medications", "meds"), ("allergies", "allergies"),
                          ("smoking", "sh"), ("alcohol", "sh"), ("occupation", "sh"), ("pregnancy", "sh"),
                          ("family_history", "fh")):
        vals = by.get(slot, [])
        if not vals:
            continue
        present = [v for v in vals if v.status != "absent"]
        if slot == "allergies" and not present:
            text = w["nka"]
        elif slot == "medications" and not present:
            text = w["no_meds"]
        elif not present:
            text = f"{w['denies']} ({w['none']})" if slot in ("past_history", "family_history") else w["none"]
        else:
            text = w["list"].join(dict.fromkeys(shown(v, lang) for v in present))
            denied = [v for v in vals if v.status == "absent" and v.term not in ("no", None)]
            if denied:
                text += f"{w['sep']}{w['denies']}: {w['list'].join(_name(v, lang) for v in denied)}"
        _line(lines, lang, section, f"{label(slot, lang)}: {text}", vals)
    for c in s.contradictions:
        lines.append(RecordLine(section="verify", heading=HEADINGS[lang]["verify"], turns=sorted(set(c.turns)),
                                text=f"{c.slot}: {w['vs'].join(c.values)}"))
    for t in s.turns:
        if t.reply in s.patient_requests:
            lines.append(RecordLine(section="requests", heading=HEADINGS[lang]["requests"], turns=[t.index], text=t.reply))
    return lines


def as_text(lines: list[RecordLine]) -> str:
    return "\n".join(f"{ln.heading}: {ln.text}  [T{', T'.join(map(str, ln.turns))}]" for ln in lines)
