"""Shared model configuration: strict, closed, documented."""

import json
from typing import Any, Self

from pydantic import BaseModel, ConfigDict

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_BASE_ID = "https://nyhetsprofil.example/schema/"


class ContractModel(BaseModel):
    """Base of every contract model.

    ``extra="forbid"`` so a typo in a producer fails loudly instead of
    silently adding a field; ``strict=True`` so no value is coerced behind
    the reader's back (JSON input still parses ISO dates, as pydantic allows
    in strict JSON mode).
    """

    model_config = ConfigDict(extra="forbid", strict=True, frozen=False)

    @classmethod
    def from_json_data(cls, data: Any) -> Self:
        """Validate data as ``json.load`` gives it (dates as ISO strings), with the same
        rules as ``model_validate_json``: ``Profile.from_json_data(json.load(f))``.
        ``model_validate`` on such data fails in strict mode, which takes no strings for dates."""
        return cls.model_validate_json(json.dumps(data))

    @classmethod
    def json_schema(cls, file_name: str) -> dict[str, Any]:
        """The model's JSON Schema with ``$schema`` (draft 2020-12) and a stable ``$id``."""
        schema = cls.model_json_schema()
        return {"$schema": SCHEMA_DIALECT, "$id": SCHEMA_BASE_ID + file_name, **schema}
