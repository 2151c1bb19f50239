"""Shared model configuration: strict, closed, documented."""

from pydantic import BaseModel, ConfigDict


class ContractModel(BaseModel):
    """Base of every contract model.

    ``extra="forbid"`` so a typo in a producer fails loudly instead of
    silently adding a field; ``strict=True`` so no value is coerced behind
    the reader's back (JSON input still parses ISO dates, as pydantic allows
    in strict JSON mode).
    """

    model_config = ConfigDict(extra="forbid", strict=True, frozen=False)
