"""Which fields of a JSON record or FHIR resource are identifiers by their position alone.

"Smith" under ``Patient.name[].family`` is a name although no text rule could tell; free text
anywhere else (``note``, ``Narrative.div``, ``valueString``) still goes through the recognizers.
Coding fields (``system``, ``code``, ``resourceType``) are never touched: de-identified FHIR
must still be valid FHIR.
"""

from __future__ import annotations

import re

PEOPLE = {"Patient", "Practitioner", "RelatedPerson", "Person"}
SKIP = {"resourceType", "system", "code", "use", "status", "unit", "url", "reference", "id", "gender", "language",
        "display", "versionId", "lastUpdated", "profile", "fullUrl", "mode", "type", "rank", "div_status"}

# Plain-record keys (lower-cased, non-alphanumerics dropped) whose whole value is an identifier.
_FIELD_TYPES = {
    "PERSON": ("name", "fullname", "patientname", "firstname", "lastname", "givenname", "familyname", "family", "given",
               "姓名", "患者姓名", "病人姓名", "联系人", "家属姓名", "医生", "主治医师"),
    "PHONE_NUMBER": ("phone", "phonenumber", "mobile", "tel", "telephone", "fax", "cell", "电话", "手机", "联系电话", "手机号", "传真"),
    "EMAIL_ADDRESS": ("email", "emailaddress", "mail", "邮箱", "电子邮箱"),
    "ADDRESS": ("address", "streetaddress", "line", "city", "district", "住址", "地址", "家庭住址", "现住址"),
    "ZIP_CODE": ("zip", "zipcode", "postalcode", "postcode", "邮编", "邮政编码"),
    "US_SSN": ("ssn", "socialsecuritynumber"),
    "CN_RESIDENT_ID": ("idcard", "idnumber", "residentid", "身份证", "身份证号", "身份证号码"),
    "MEDICAL_RECORD_NUMBER": ("mrn", "medicalrecordnumber", "住院号", "门诊号", "病案号", "病历号"),
    "HEALTH_PLAN_NUMBER": ("memberid", "policynumber", "insuranceid", "医保号", "医保卡号", "社保卡号"),
    "DATE": ("birthdate", "dob", "dateofbirth", "birthday", "deceaseddatetime", "出生日期", "生日", "入院日期", "出院日期",
             "admissiondate", "dischargedate"),
}
FIELD_TYPES = {k: t for t, keys in _FIELD_TYPES.items() for k in keys}
_FHIR_DATES = {"effectivedatetime", "issued", "authoredon", "recordeddate", "onsetdatetime", "abatementdatetime", "start", "end",
               "date", "occurrencedatetime", "performeddatetime", "period", "created", "sent", "received", "birthdate"}


def field_key(key: str) -> str:
    return re.sub(r"[\W_]+", "", key.lower())


def field_type(path: tuple[str, ...], resource: str | None, value: str) -> str | None:
    """The identifier type of the value at ``path`` (keys from the root), or None for free text."""
    keys = [field_key(p) for p in path if not p.isdigit()]
    if not keys:
        return None
    key = keys[-1]
    if "telecom" in keys and key == "value":
        return "EMAIL_ADDRESS" if "@" in value else "PHONE_NUMBER"
    if "identifier" in keys and key == "value":
        return "MEDICAL_RECORD_NUMBER"
    if "address" in keys and key in ("line", "city", "district", "text"):
        return "ADDRESS"
    if "address" in keys and key == "postalcode":
        return "ZIP_CODE"
    if "address" in keys and key in ("state", "country"):  # state-level geography is allowed
        return "SKIP"
    if "name" in keys and key in ("family", "given", "text") and (resource in PEOPLE or "contact" in keys):
        return "PERSON"
    if key == "name" and resource is not None and resource not in PEOPLE:
        return None  # an Organization's or Medication's name is not PHI
    if resource is not None and key in _FHIR_DATES:
        return "DATE"
    if "photo" in keys and key in ("url", "data"):
        return "URL"
    return FIELD_TYPES.get(key)
