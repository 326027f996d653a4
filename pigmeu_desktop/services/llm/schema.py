"""Content-schema validation of a draft (jsonschema) and the reduced schema sent to providers.

jsonschema is the reference JSON Schema implementation for Python; schemas are editable data, so a
real validator (not hand-written checks) is what keeps an edited schema meaning what it says.
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError
from jsonschema.validators import validator_for

from pigmeu_desktop.services.llm.prompts import Section

# Keywords OpenAI's strict structured outputs accept everywhere; the rest (lengths, patterns) are checked
# here after the answer arrives, and shown to the model in the repair message when they fail.
WIRE_KEYWORDS = {"type", "properties", "required", "additionalProperties", "items", "description", "enum"}
DOC_KEYS = {"_id", "name", "version", "kind"}


def json_schema_of(schema_doc: dict[str, Any]) -> dict[str, Any]:
    """The schema itself: a content_schemas document is a JSON Schema plus _id/name/version."""
    return {k: v for k, v in schema_doc.items() if k not in DOC_KEYS}


def wire_schema(schema_doc: dict[str, Any]) -> dict[str, Any]:
    def reduce(node: Any) -> Any:
        if isinstance(node, dict):
            out = {}
            for key, value in node.items():
                if key == "properties" and isinstance(value, dict):
                    out[key] = {name: reduce(sub) for name, sub in value.items()}
                elif key in WIRE_KEYWORDS:
                    out[key] = reduce(value)
            return out
        if isinstance(node, list):
            return [reduce(v) for v in node]
        return node

    return reduce(json_schema_of(schema_doc))


def response_format(
    mode: str, schema_doc: dict[str, Any], name: str = "book_review"
) -> dict[str, Any] | None:
    """The `response_format` for a provider's JSON mode: json_schema (strict), json_object, or none."""
    if mode == "json_schema":
        return {
            "type": "json_schema",
            "json_schema": {"name": name, "schema": wire_schema(schema_doc), "strict": True},
        }
    if mode == "json_object":
        return {"type": "json_object"}
    return None


SECTION_SCHEMA = {
    "_id": "section",
    "type": "object",
    "additionalProperties": False,
    "required": ["markdown"],
    "properties": {
        "markdown": {"type": "string", "minLength": 1, "description": "The new text, no heading."}
    },
}

_validators: dict[str, Draft202012Validator] = {}


def _validator(schema_doc: dict[str, Any]) -> Draft202012Validator:
    schema = json_schema_of(schema_doc)
    slot = json.dumps(schema, sort_keys=True)
    validator = _validators.get(slot)
    if validator is None:
        cls = validator_for(schema, default=Draft202012Validator)
        validator = _validators[slot] = cls(schema)
    return validator


def _describe(error: ValidationError) -> str:
    where = ".".join(str(p) for p in error.absolute_path) or "the answer"
    value = error.instance
    if error.validator in ("maxLength", "minLength"):
        bound = "maximum" if error.validator == "maxLength" else "minimum"
        return f"{where} has {len(value)} characters; the {bound} is {error.validator_value}"
    if error.validator == "required":
        return f"{where} lacks a required field: {error.message.split(' ')[0]}"
    if error.validator == "additionalProperties":
        return f"{where} has fields that are not allowed"
    if error.validator == "type":
        return f"{where} must be of type {error.validator_value}"
    if error.validator == "pattern":
        return f"{where} does not match the pattern {error.validator_value}"
    return f"{where}: {error.message[:160]}"


def schema_errors(data: Any, schema_doc: dict[str, Any]) -> list[str]:
    errors = sorted(_validator(schema_doc).iter_errors(data), key=lambda e: list(e.absolute_path))
    return [_describe(e) for e in errors]


def heading_key(text: str) -> str:
    """Headings compare without case, accents, trailing punctuation or extra spaces."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def section_errors(body: str, sections: tuple[Section, ...]) -> list[str]:
    """Every required `## heading` must be present, in order."""
    found = [heading_key(h) for h in re.findall(r"^##[ \t]+(.+?)[ \t#]*$", body, re.MULTILINE)]
    errors, position = [], 0
    for section in sections:
        key = heading_key(section.heading)
        try:
            position = found.index(key, position) + 1
        except ValueError:
            where = "is missing" if key not in found else "is out of order"
            errors.append(f"body_markdown: the section '## {section.heading}' {where}")
    return errors


def draft_errors(data: Any, schema_doc: dict[str, Any], sections: tuple[Section, ...]) -> list[str]:
    errors = schema_errors(data, schema_doc)
    if isinstance(data, dict) and isinstance(data.get("body_markdown"), str):
        errors += section_errors(data["body_markdown"], sections)
    return errors
