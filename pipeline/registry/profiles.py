"""The register's entries on a finished profile: each organisation linked to
Enhetsregisteret, and the facts the register adds where the text gives none.

Called by the one wiring (``pipeline.run.profile_doc``) when ``RunOptions.registry`` is
set; the registry is opened once per process. A number written in the text after an
organisation's name ("Fjordlys AS (org.nr. 987 654 321)") links by number; every other
organisation is looked up by its name, its places and its industry breaking ties, and an
ambiguous name gets no number.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from models import Organisation, Profile
from models.profile import RegisterCandidate, RegisterEntry
from pipeline.registry.model import RegisterLink
from pipeline.registry.orgnr import labelled_numbers

#: How far after an organisation's mention a written number still belongs to it.
_NUMBER_REACH = 80


@lru_cache(maxsize=2)
def registry_for(where: str, cache: str | None):
    """The registry at ``where`` (an index file or "online"), opened once per process."""
    from pipeline.registry import open_registry

    return open_registry(where, cache=Path(cache) if cache else None)


def registry_name(where: str) -> str:
    """What the profile records as the register it was linked against."""
    if where == "online":
        import os

        from pipeline.registry.online import BASE_URL_ENV, DEFAULT_BASE_URL

        return os.environ.get(BASE_URL_ENV) or DEFAULT_BASE_URL
    return Path(where).name


def link_profile(profile: Profile, registry, name: str) -> Profile:
    """``profile`` with every organisation's register entry (in place, and returned)."""
    written = _written_numbers(profile)
    for org in profile.organisations:
        number = written.get(org.name)
        link = registry.by_number(number) if number else _link_by_name(registry, org)
        org.register_entry = _entry(link)
        _take_register_facts(org)
    profile.registry = name
    return profile


def _link_by_name(registry, org: Organisation) -> RegisterLink:
    places = [p.municipality or p.name for p in org.places]
    link = registry.link(org.name, places=places, industry=org.industry)
    if link.status_of_lookup == "not_found":  # the full name may be unregistered, an alias not
        for alias in sorted(org.aliases, key=len, reverse=True):
            found = registry.link(alias, places=places, industry=org.industry)
            if found.status_of_lookup != "not_found":
                return found
    return link


def _written_numbers(profile: Profile) -> dict[str, str]:
    """Organisation name -> the number written right after one of its mentions."""
    found: dict[str, str] = {}
    for number, at in labelled_numbers(profile.text):
        before = [
            (m.end, org.name)
            for org in profile.organisations
            for m in org.mentions
            if m.end <= at <= m.end + _NUMBER_REACH and "\n" not in profile.text[m.end : at]
        ]
        if before:
            found.setdefault(max(before)[1], number)
    return found


def _entry(link: RegisterLink) -> RegisterEntry:
    lookup = "not_found" if link.status_of_lookup == "not_looked_up" else link.status_of_lookup
    linked = lookup == "linked"
    return RegisterEntry(
        lookup=lookup,
        org_number=link.org_number if linked else None,
        name=link.name if linked else None,
        form=link.form,
        nace_code=link.nace_code,
        nace_text=link.nace_text,
        municipality=link.municipality,
        status=link.register_status if linked else None,
        method=link.method,
        score=float(link.score) if linked else None,
        candidates=[
            RegisterCandidate(
                org_number=c.org_number,
                name=c.name,
                municipality=c.municipality,
                score=float(min(max(c.score, 0.0), 1.0)),
            )
            for c in link.candidates
        ],
        reason=link.reason,
    )


def _take_register_facts(org: Organisation) -> None:
    """A linked organisation's kind comes from its organisation form, and its industry from
    the NACE code when the text names none; the entry says which facts it gave."""
    from pipeline.registry.forms import kind_from_form

    entry = org.register_entry
    if entry is None or entry.lookup != "linked":
        return
    kind = kind_from_form(entry.form)
    if kind is not None and kind != org.kind:
        org.kind = kind
        entry.gave.append("kind")
    if org.industry is None and entry.nace_text:
        org.industry = entry.nace_text.lower()
        entry.gave.append("industry")
