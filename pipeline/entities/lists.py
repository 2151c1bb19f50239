"""Lists of names in the text ("Elvia, Glitre Nett, Lede og BKK"): the token ranges of
listed names, the runs of mentions joined by a comma or "og", and when a list is mostly
organisations."""

from __future__ import annotations

from itertools import pairwise

from spacy.tokens import Doc, Span

from pipeline.entities.labels import ORG, PLACE

_LIST_LINKS = {",", "og", "eller"}


def listed_names(doc: Doc) -> list[list[tuple[int, int]]]:
    """Lists of three or more capitalised names with a comma among their links, "A, B, C og
    D", as token ranges. A name is a run of capitalised words (with "&", "-", a bracketed
    acronym or an "og" inside); "og"/"eller" closes a list after one more name."""
    lists, i = [], 0
    while i < len(doc):
        items = _list_from(doc, i)
        if len(items) >= 3 and any(doc[start - 1].text == "," for start, _ in items[1:]):
            lists.append(items)
        i = items[-1][1] if items else i + 1
    return lists


def _list_from(doc: Doc, i: int) -> list[tuple[int, int]]:
    items: list[tuple[int, int]] = []
    while (end := _end_of_name(doc, i)) > i:
        items.append((i, end))
        link = doc[end] if end < len(doc) else None
        if link is None or link.lower_ not in _LIST_LINKS or "\n" in link.whitespace_:
            break
        i = end + 1
        if i + 1 < len(doc) and doc[i].text.endswith("ske") and doc[i].is_lower:
            i += 1  # "WM-data, TietoEnator, norske Ementor og EDB": an adjective of origin
        if link.lower_ != ",":  # "og"/"eller": the last name
            if (last := _end_of_name(doc, i)) > i:
                items.append((i, last))
            break
    return items


def _end_of_name(doc: Doc, i: int) -> int:
    j = i
    while j < len(doc):
        token = doc[j]
        if token.text[:1].isupper() and not token.is_punct:
            j += 1
        elif (
            token.text in ("&", "-")
            and j > i
            and j + 1 < len(doc)
            and doc[j + 1].text[:1].isupper()
        ):
            j += 1
        elif token.text == "(" and j > i and j + 2 < len(doc) and doc[j + 2].text == ")":
            j += 3  # "Sogn og Fjordane Energi (SFE)"
        elif token.lower_ == "og" and j > i and j + 1 < len(doc) and _inside_a_name(doc, j):
            j += 1  # "Sogn og Fjordane Energi"
        else:
            break
        if "\n" in doc[j - 1].whitespace_:
            break
    return j


def _inside_a_name(doc: Doc, og: int) -> bool:
    """ "Sogn og Fjordane Energi": an "og" between capitalised words that go on after the
    next word ("Statkraft og Statnett" is two names)."""
    return og + 2 < len(doc) and doc[og + 1].text[:1].isupper() and doc[og + 2].text[:1].isupper()


def lists_of_names(spans: list[Span]) -> list[list[Span]]:
    """Runs of names joined by a comma, "og" or "eller" and nothing else."""
    chains: list[list[Span]] = []
    for span in sorted(spans, key=lambda s: s.start):
        last = chains[-1][-1] if chains else None
        if (
            last is not None
            and span.start == last.end + 1
            and span.doc[last.end].lower_ in (",", "og", "eller")
        ):
            chains[-1].append(span)
        else:
            chains.append([span])
    return chains


def split_across_items(spans: list[Span], items: list[tuple[int, int]]) -> list[Span]:
    """ "Å Energi, Skeiegruppen og Universitetet i Agder": an organisation the model ran
    across the link between two listed names is one organisation per name; the last part
    keeps the model's end ("Universitetet i Agder")."""
    parts: list[Span] = []
    # the token between one listed name and the next: "," / "og" / "eller"
    links = [end for (_, end), (start, _) in pairwise(items) if start == end + 1]
    for span in spans:
        inside = [k for k in links if span.start < k < span.end - 1]
        if span.label_ != ORG or not inside:
            continue
        bounds = [span.start, *(b for k in inside for b in (k, k + 1)), span.end]
        parts += [
            Span(span.doc, a, b, label=ORG)
            for a, b in zip(bounds[::2], bounds[1::2], strict=True)
            if b > a
        ]
    return parts


def mostly_organisations(n_org: int, n_items: int, people_or_places: bool = True) -> bool:
    """Three or more organisations and at least half of the list, or two of three; two of
    four when the other two are neither people nor places ("WM-data, TietoEnator, norske
    Ementor og EDB": the model read the other two as a product and a derived word)."""
    if n_org >= 3:
        return 2 * n_org >= n_items
    return n_org == 2 and (n_items == 3 or (n_items == 4 and not people_or_places))


def split_listed_places(span: Span) -> list[Span]:
    """ "Tyskland og Storbritannia" read as one organisation or place is two places: every name
    in it is in the place-name gazetteer."""
    names = [t for t in span if t.lower_ not in ("og", "eller", ",", "&")]
    if (
        len(span) < 3
        or len(names) == len(span)
        or not all(t.norm_.startswith("gaz_") for t in names)
    ):
        return [span]
    return [Span(span.doc, t.i, t.i + 1, label=PLACE) for t in names]
