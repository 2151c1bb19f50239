"""The register's organisation forms (organisasjonsform.kode) sorted into the profile's
three kinds of organisation.

company: forms for running a business, owned privately or mutually (AS, ASA, ENK, ...).
public_body: the state, counties, municipalities and the bodies and enterprises they own
under public law (STAT, FYLK, KOMM, ORGL, SF, KF, FKF, IKS, KIRK, ADOS, SÆR).
other: associations, foundations, housing co-operatives and estates, and the register's
technical forms (FLI, STI, BRL, ESEK, KBO, BEDR, ...).

SF (statsforetak) and KF/FKF (municipal and county enterprises) run businesses but are
owned and steered under public law, so they count as public bodies, as IKS does. SÆR
("annet foretak iflg. særskilt lov") holds the health trusts and other bodies set up by a
special act: public. PK (pension funds), SPA (savings banks) and GFS (mutual insurers) are
financial businesses: company.
"""

from __future__ import annotations

from typing import Literal

Kind = Literal["company", "public_body", "other"]

_COMPANY = frozenset(
    "AS ASA ANS DA ENK NUF SA BA KS SE SPA GFS PK PRE EOFG BBL UTLA TVAM OPMV".split()
)
_PUBLIC_BODY = frozenset("STAT FYLK KOMM ORGL SF KF FKF IKS KIRK ADOS SÆR".split())
_OTHER = frozenset("FLI STI FORE BRL ESEK SAM ANNA KBO BO IKJP PERS VPFO KTRF BEDR AAFY".split())


def kind_from_form(form: str | None) -> Kind | None:
    """company, public_body or other for an organisation form code; None when the form is
    unknown or missing (the caller keeps its own guess then)."""
    code = (form or "").strip().upper()
    if code in _COMPANY:
        return "company"
    if code in _PUBLIC_BODY:
        return "public_body"
    if code in _OTHER:
        return "other"
    return None
