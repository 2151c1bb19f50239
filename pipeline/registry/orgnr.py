"""Organisation numbers: the nine digits of the Central Coordinating Register for Legal
Entities, whose last digit is a mod-11 check digit over the first eight."""

from __future__ import annotations

import re

_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)

# "org.nr. 987 654 321", "orgnr: 987654321", "organisasjonsnummer 987 654 321": the label is
# required, so a phone number or an amount is never read as an organisation number.
_LABELLED_NUMBER = re.compile(
    r"\b(?:org(?:anisasjons)?\.?\s*-?\s*n(?:umme)?r\.?|organisasjonsnummer)\s*:?\s*"
    r"(\d{3}[\s\u00a0.]?\d{3}[\s\u00a0.]?\d{3})(?!\d)",
    re.IGNORECASE,
)


def digits_of(text: str) -> str:
    """The digits of a number as written ("987 654 321" -> "987654321")."""
    return re.sub(r"[\s\u00a0.\-]", "", text)


def check_digit(first_eight: str) -> int | None:
    """The check digit of eight digits, or None where the remainder gives none (such
    numbers are never issued)."""
    remainder = sum(int(d) * w for d, w in zip(first_eight, _WEIGHTS, strict=True)) % 11
    if remainder == 0:
        return 0
    digit = 11 - remainder
    return None if digit == 10 else digit


def valid_org_number(text: str) -> bool:
    """True when ``text`` is nine digits (spaces allowed) whose check digit is right."""
    number = digits_of(text)
    if len(number) != 9 or not number.isdigit():
        return False
    return check_digit(number[:8]) == int(number[8])


def org_numbers_in(text: str) -> list[str]:
    """Valid organisation numbers written with a label in ``text``, in order, as nine
    digits; numbers that fail the check digit are left out (a typo links nothing)."""
    found = []
    for match in _LABELLED_NUMBER.finditer(text):
        number = digits_of(match.group(1))
        if valid_org_number(number) and number not in found:
            found.append(number)
    return found


def labelled_numbers(text: str) -> list[tuple[str, int]]:
    """Each valid labelled organisation number in ``text`` with where its label starts."""
    return [
        (number, match.start())
        for match in _LABELLED_NUMBER.finditer(text)
        if valid_org_number(number := digits_of(match.group(1)))
    ]
