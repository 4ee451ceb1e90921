"""JSON output repair and validation: mechanical damage is repaired, anything else fails clearly."""

from __future__ import annotations

import pytest
from pydantic import BaseModel

from openmfm.errors import OutputFormatError
from openmfm.models.json_output import parse_json_output

SCHEMA = {"type": "object", "properties": {"drug": {"type": "string"}, "dose_mg": {"type": "number"}},
          "required": ["drug", "dose_mg"]}


class Dose(BaseModel):
    drug: str
    dose_mg: float


@pytest.mark.parametrize("text", [
    '{"drug": "amlodipine", "dose_mg": 5}',
    '```json\n{"drug": "amlodipine", "dose_mg": 5}\n```',
    'Here is the answer: {"drug": "amlodipine", "dose_mg": 5} Hope this helps.',
    '{"drug": "amlodipine", "dose_mg": 5,}',
])
def test_mechanical_damage_is_repaired(text):
    assert parse_json_output(text, SCHEMA) == {"drug": "amlodipine", "dose_mg": 5}


def test_chinese_values_and_pydantic_models():
    out = parse_json_output('{"drug": "氨氯地平", "dose_mg": 5}', Dose)
    assert isinstance(out, Dose) and out.drug == "氨氯地平"


def test_braces_inside_strings_do_not_confuse_extraction():
    text = 'Result: {"drug": "x {not a brace}", "dose_mg": 1.5} end'
    assert parse_json_output(text, SCHEMA)["drug"] == "x {not a brace}"


@pytest.mark.parametrize("text, reason", [
    ('{"drug": "amlodipine"}', "dose_mg"),
    ('{"drug": "amlodipine", "dose_mg": "five"}', "dose_mg"),
    ('{"drug": "amlodipine", "dose', "invalid JSON"),
    ("I cannot answer that.", "no JSON"),
])
def test_unrepairable_output_fails_with_the_reason(text, reason):
    with pytest.raises(OutputFormatError) as e:
        parse_json_output(text, SCHEMA)
    assert reason in e.value.message and e.value.hint
