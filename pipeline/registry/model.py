"""What a look-up returns (RegisterLink, RegisterCandidate) and the register record both
back ends read (Unit)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from pipeline.registry.forms import Kind, kind_from_form

LookupStatus = Literal["linked", "ambiguous", "not_found", "not_looked_up", "error"]


@dataclass(frozen=True)
class Unit:
    """One entity (hovedenhet) or sub-unit (underenhet, ``parent`` set) of the register."""

    org_number: str
    name: str
    norm: str = ""
    parent: str | None = None  # overordnetEnhet of a sub-unit
    form: str | None = None
    nace_code: str | None = None
    nace_text: str | None = None
    municipality: str | None = None
    municipality_number: str | None = None
    bankrupt: bool = False
    winding_up: bool = False
    forced_winding_up: bool = False
    deleted: str | None = None  # slettedato, ISO date


@dataclass(frozen=True)
class RegisterCandidate:
    """One of the organisations an ambiguous name could be."""

    org_number: str
    name: str
    municipality: str | None
    score: float


@dataclass(frozen=True)
class RegisterLink:
    """The answer for one name or number. Only ``status_of_lookup == "linked"`` carries an
    organisation number; an ambiguous name carries ``candidates`` instead."""

    status_of_lookup: LookupStatus
    org_number: str | None = None
    name: str | None = None  # the registered name
    form: str | None = None  # organisasjonsform.kode: AS, ASA, ENK, KOMM, STAT, FLI, ...
    nace_code: str | None = None  # naeringskode1.kode
    nace_text: str | None = None  # naeringskode1.beskrivelse
    municipality: str | None = None  # business address, else postal address
    municipality_number: str | None = None
    bankrupt: bool = False  # konkurs
    winding_up: bool = False  # underAvvikling
    forced_winding_up: bool = False  # underTvangsavviklingEllerTvangsopplosning
    deleted: str | None = None  # slettedato
    method: str | None = None  # exact, normalised, branch, fts, org_number
    tie_break: str | None = None  # place or industry, when that chose among same-named units
    score: float = 0.0
    branch_org_number: str | None = None  # the sub-unit whose name matched (method branch)
    candidates: tuple[RegisterCandidate, ...] = field(default_factory=tuple)
    reason: str | None = None  # why not linked: the error, or what was not found

    @property
    def kind(self) -> Kind | None:
        return kind_from_form(self.form)

    @property
    def register_status(self) -> str:
        """deleted, bankrupt, winding_up or active: the gravest first."""
        if self.deleted:
            return "deleted"
        if self.bankrupt:
            return "bankrupt"
        if self.winding_up or self.forced_winding_up:
            return "winding_up"
        return "active"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self) | {"kind": self.kind, "register_status": self.register_status}


def linked(unit: Unit, method: str, score: float, **extra: Any) -> RegisterLink:
    """A link to ``unit`` (a main entity) with its register facts."""
    return RegisterLink(
        status_of_lookup="linked",
        org_number=unit.org_number,
        name=unit.name,
        form=unit.form,
        nace_code=unit.nace_code,
        nace_text=unit.nace_text,
        municipality=unit.municipality,
        municipality_number=unit.municipality_number,
        bankrupt=unit.bankrupt,
        winding_up=unit.winding_up,
        forced_winding_up=unit.forced_winding_up,
        deleted=unit.deleted,
        method=method,
        score=round(score, 3),
        **extra,
    )


def not_linked(status: LookupStatus, reason: str, **extra: Any) -> RegisterLink:
    return RegisterLink(status_of_lookup=status, reason=reason, **extra)
