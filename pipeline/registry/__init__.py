"""Organisation numbers for the profile's organisations, from the Central Coordinating
Register for Legal Entities (Enhetsregisteret).

    reg = open_registry("register.db")            # the offline index (pipeline registry import)
    reg = open_registry("online", cache=Path("cache.db"))   # the open API, opt-in
    reg.link("Fjordlys Energi", places=["Bergen"], industry="energi") -> RegisterLink
    reg.by_number("987 654 321") -> RegisterLink
"""

from __future__ import annotations

from pathlib import Path

from pipeline.registry.bulk import BulkFileError, ImportStats, import_register
from pipeline.registry.forms import kind_from_form
from pipeline.registry.model import RegisterCandidate, RegisterLink
from pipeline.registry.names import normalise_name
from pipeline.registry.offline import OfflineRegistry, RegistryError
from pipeline.registry.online import BASE_URL_ENV, OnlineRegistry, OnlineSettings
from pipeline.registry.orgnr import org_numbers_in, valid_org_number

ONLINE = "online"

__all__ = [
    "BASE_URL_ENV",
    "BulkFileError",
    "ImportStats",
    "OfflineRegistry",
    "OnlineRegistry",
    "OnlineSettings",
    "RegisterCandidate",
    "RegisterLink",
    "RegistryError",
    "import_register",
    "kind_from_form",
    "normalise_name",
    "open_registry",
    "org_numbers_in",
    "valid_org_number",
]


def open_registry(
    where: str | Path,
    cache: Path | None = None,
    base_url: str | None = None,
    settings: OnlineSettings | None = None,
) -> OfflineRegistry | OnlineRegistry:
    """The offline index at path ``where``, or the online API for ``where == "online"``
    (answers cached in the SQLite file ``cache``; the base URL from ``base_url``, else the
    environment variable NYHETSPROFIL_BRREG_URL, else https://data.brreg.no). Raises
    RegistryError for a missing or incomplete index."""
    if str(where) == ONLINE:
        return OnlineRegistry(cache=cache, base_url=base_url, settings=settings)
    return OfflineRegistry(where)
