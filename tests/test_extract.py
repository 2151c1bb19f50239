"""Extraction rules on articles the project wrote for the tests: other companies, other
places, nynorsk, and the genre's traps."""

from __future__ import annotations

import pytest

from pipeline.extract import extract
from pipeline.parse import parse_text
from pipeline.run import article_doc

BOKMAL = """Bedrifter i Vestfold går sammen

Tre bedrifter i Vestfold vil samarbeide om bærekraft.

Nettverket består av møbelprodusenten Lindås Møbler (Larvik og Sandefjord), energiselskapet Fjordkraft Vest AS i Tønsberg og Stokke Bakeri på Stokke.

– Vi må samarbeide for å lykkes, sier daglig leder Hanne Lie i Lindås Møbler.

– Ingen klarer dette alene, legger Lie til.

Rådgiver Per Moe i Vestfold fylkeskommune mener nettverket er viktig.

Lindås:

1. Om hovedformålet: Vi vil lære av andre.
2. Om forventninger: Vi forventer konkrete tiltak.
3. Om bærekraftsmål: Vi jobber med bærekraftsmål 12 og 13, ikke med alle de 17 bærekraftsmålene.

Fjordkraft Vest:

Hvorfor ble dere med?
– Vi vil kutte utslipp.

Hvilke mål jobber dere med?
– SDG 7.
"""

NYNORSK = """Verksemder i Sogn satsar på berekraft

Fire verksemder har gått saman i eit nettverk for berekraft.

Med er fiskebedrifta Sognfisk AS (Leikanger), Solvik Kraft AS, eit lite kraftselskap i Lærdal, og Brekke Bryggeri i Sogndal.

– Me vil gjere meir for klimaet, seier dagleg leiar Ola Brekke i Brekke Bryggeri.

Sognfisk:

1. Om hovudføremålet: Me vil lære.
2. Om forventningar: Me ventar oss mykje.
3. Om berekraftsmål: Me jobbar med berekraftsmål nr. 14 og 6.
"""


@pytest.fixture(scope="module", params=["blank:nb", "default"])
def nlp(request):
    from pipeline.nlp import load_pipeline

    return load_pipeline(None if request.param == "default" else request.param)


def _profile(text, nlp):
    article = parse_text(text, source="test.txt")
    return extract(article, nlp(article_doc(article, nlp)), model="test")


def _companies(profile):
    return {o.name: o for o in profile.organisations if o.kind == "company"}


def test_bokmal_companies_places_industries(nlp):
    companies = _companies(_profile(BOKMAL, nlp))
    assert set(companies) == {"Lindås Møbler", "Fjordkraft Vest AS", "Stokke Bakeri"}
    assert {p.name for p in companies["Lindås Møbler"].places} == {"Larvik", "Sandefjord"}
    assert companies["Lindås Møbler"].industry == "møbel"
    assert companies["Fjordkraft Vest AS"].industry == "energi"
    assert {p.name for p in companies["Fjordkraft Vest AS"].places} == {"Tønsberg"}
    assert "Lindås" in companies["Lindås Møbler"].aliases


def test_bokmal_sdgs_statements_and_lookalikes(nlp):
    profile = _profile(BOKMAL, nlp)
    companies = _companies(profile)
    assert {s.number for s in companies["Lindås Møbler"].sdgs if s.method == "explicit"} == {12, 13}
    assert {s.number for s in companies["Fjordkraft Vest AS"].sdgs if s.method == "explicit"} == {7}
    assert 17 not in {s.number for s in profile.sdgs}
    topics = {s.topic for s in companies["Fjordkraft Vest AS"].statements}
    assert {"purpose", "sdgs"} <= topics


def test_bokmal_people(nlp):
    people = {p.name: p for p in _profile(BOKMAL, nlp).people}
    assert people["Hanne Lie"].title == "daglig leder"
    assert people["Hanne Lie"].organisation == "Lindås Møbler"
    assert len(people["Hanne Lie"].quotes) == 2
    assert people["Per Moe"].title == "rådgiver"
    assert people["Per Moe"].organisation == "Vestfold fylkeskommune"


def test_public_body_is_not_a_company(nlp):
    profile = _profile(BOKMAL, nlp)
    kinds = {o.name: o.kind for o in profile.organisations}
    assert kinds["Vestfold fylkeskommune"] == "public_body"


def test_nynorsk(nlp):
    profile = _profile(NYNORSK, nlp)
    assert profile.article.language == "nn"
    companies = _companies(profile)
    assert set(companies) == {"Sognfisk AS", "Solvik Kraft AS", "Brekke Bryggeri"}
    assert companies["Sognfisk AS"].industry == "fiske"
    assert {s.number for s in companies["Sognfisk AS"].sdgs if s.method == "explicit"} == {6, 14}
    assert {p.name for p in companies["Solvik Kraft AS"].places} == {"Lærdal"}
    assert companies["Solvik Kraft AS"].industry == "kraft"
    person = next(p for p in profile.people if p.name == "Ola Brekke")
    assert (person.title, person.organisation) == ("dagleg leiar", "Brekke Bryggeri")


def test_goal_in_an_answer_to_a_goal_question(nlp):
    text = (
        "Tre bedrifter i Sigdal\n\nTre bedrifter har startet et nettverk.\n\n"
        "Eggvik Ull AS, en ullvareprodusent i Sigdal, lager pledd.\n\n"
        "1. Hvilke bærekraftsmål jobber dere med?\n– Først og fremst mål 12. Vi bruker norsk ull.\n"
    )
    companies = _companies(_profile(text, nlp))
    assert {s.number for s in companies["Eggvik Ull AS"].sdgs if s.method == "explicit"} == {12}
    assert companies["Eggvik Ull AS"].industry == "ullvare"
    assert {p.name for p in companies["Eggvik Ull AS"].places} == {"Sigdal"}


FACT_PAGE = """<html lang="nb"><head><title>Nytt nettverk på Romerike</title></head><body>
<article><h1>Nytt nettverk på Romerike</h1>
<p class="lede">Fire bedrifter på Romerike har startet et klimanettverk med støtte fra fylkeskommunen.</p>
<p>Nettverket møttes første gang i Lillestrøm, og flere bedrifter vil bli med etter hvert.</p>
<aside class="factbox"><h2>Medlemmene</h2><ul>
<li><strong>Kjeller Bakeri AS</strong><br>Bransje: bakeri<br>Sted: Lillestrøm og Strømmen<br>Bærekraftsmål: 2 og 12</li>
<li><strong>Hurdal Trehus AS</strong><br>Bransje: trehus<br>Sted: Hurdal<br>Bærekraftsmål: mål 15</li>
</ul></aside>
<aside class="related"><h2>Les også</h2><ul><li><a href="/a">Annen sak om noe helt annet her</a></li></ul></aside>
</article></body></html>"""


def test_fact_box_in_an_aside_gives_companies_places_and_goals(nlp):
    from pipeline.parse import parse_html

    article = parse_html(FACT_PAGE, url="https://avis.example/sak")
    assert article.blocks[0].kind == "title"  # the headline is mined too
    assert article.blocks[1].text.startswith(
        "Fire bedrifter på Romerike"
    )  # the lede opens the text
    assert "Les også" not in article.text
    profile = extract(article, nlp(article_doc(article, nlp)), model="test")
    companies = _companies(profile)
    assert set(companies) == {"Kjeller Bakeri AS", "Hurdal Trehus AS"}
    assert companies["Kjeller Bakeri AS"].industry == "bakeri"
    assert {p.name for p in companies["Kjeller Bakeri AS"].places} == {"Lillestrøm", "Strømmen"}
    assert {s.number for s in companies["Kjeller Bakeri AS"].sdgs if s.method == "explicit"} == {
        2,
        12,
    }
    assert {s.number for s in companies["Hurdal Trehus AS"].sdgs if s.method == "explicit"} == {15}


HOME_PLACES = """Bedrifter på Toten og i Ringsaker deler erfaringer

Fire bedrifter i Innlandet har startet et nettverk for grønn omstilling.

Nettverket består av Gjøvik Glassverk AS i Vestre Toten, Skreia Metall AS – et støperi i Østre Toten, Moelv Gartneri AS og Brumunddal Trevare AS.

Gjøvik Glassverk AS

Glassprodusent på Raufoss. 40 ansatte.

Hvorfor ble dere med?
– Vi vil kutte energibruken i ovnene.

Moelv Gartneri AS

Hvorfor ble dere med?
– Vi vil lære av de andre.
"""


def test_home_places_multi_word_places_and_section_descriptions(nlp):
    companies = _companies(_profile(HOME_PLACES, nlp))
    # "Moelv Gartneri AS og Brumunddal Trevare AS": the first legal suffix ends a name
    assert set(companies) == {
        "Gjøvik Glassverk AS",
        "Skreia Metall AS",
        "Moelv Gartneri AS",
        "Brumunddal Trevare AS",
    }
    places = {name: {p.name for p in org.places} for name, org in companies.items()}
    # "i Vestre Toten": a two-word municipality after the name; "Glassprodusent på Raufoss"
    # opens the company's section; the text's places win over the name's "Gjøvik"
    assert places["Gjøvik Glassverk AS"] == {"Vestre Toten", "Raufoss"}
    # a business noun of the genre ("støperi") carries the description's places
    assert companies["Skreia Metall AS"].industry == "støperi"
    assert places["Skreia Metall AS"] == {"Østre Toten"}
    # no place in the text: the home place that opens the name, with the name as evidence
    assert places["Moelv Gartneri AS"] == {"Moelv"}
    moelv = companies["Moelv Gartneri AS"].places[0]
    assert (moelv.municipality, moelv.county) == ("Ringsaker", "Innlandet")
    assert moelv.evidence.text == "Moelv"
    assert places["Brumunddal Trevare AS"] == {"Brumunddal"}
    # no description anywhere: the trade that ends the name
    assert companies["Brumunddal Trevare AS"].industry == "trevare"


OFFICES = """Kommunen og fylket vil ha flere grønne arbeidsplasser

Lesja kommune og Innlandet fylkeskommune har laget en felles plan for grønn næring.

Planen skal gi flere arbeidsplasser i bygdene. Den ble lagt fram på et møte på Dombås i går, der også flere bedrifter deltok.

Bedriftene fikk god tid til å stille spørsmål, og mange var positive til planen som ble lagt fram.

– Vi må tenke langsiktig, og vi må gjøre det sammen med næringslivet, sier ordfører Eva Lunde.

– Dette er en plan for hele fylket, ikke bare for byene, sier fylkesordfører Tor Bakken.
"""


def test_an_elected_office_guesses_the_only_body_of_its_kind(nlp):
    # the text does not tie the ordfører to the kommune: a guess, not what the text says
    profile = _profile(OFFICES, nlp)
    guess = {p.name: p.organisation_guess for p in profile.people}
    assert guess["Eva Lunde"] == "Lesja kommune"
    assert guess["Tor Bakken"] == "Innlandet fylkeskommune"
    assert {p.name: p.organisation for p in profile.people}["Eva Lunde"] is None
    two_kommuner = OFFICES.replace("Lesja kommune og", "Lesja kommune, Dovre kommune og")
    guess = {p.name: p.organisation_guess for p in _profile(two_kommuner, nlp).people}
    assert guess["Tor Bakken"] == "Innlandet fylkeskommune"
    stated = OFFICES.replace("ordfører Eva Lunde", "ordfører i Lesja kommune, Eva Lunde")
    speaks_for = {p.name: p.organisation for p in _profile(stated, nlp).people}
    assert speaks_for["Eva Lunde"] == "Lesja kommune"  # the text ties them
    candidate = OFFICES.replace("ordfører Eva Lunde", "ordførerkandidat Eva Lunde")
    profile = _profile(candidate, nlp)
    assert {p.name: p.organisation_guess for p in profile.people}["Eva Lunde"] != "Lesja kommune"


BANK = """Banken satsar på berekraft

Sparebanken Sunnfjord skal bidra til ei berekraftig utvikling i regionen. \
Banken har prioritert tre av berekraftsmåla til FN: mål 5 om likestilling, \
mål 8 om anstendig arbeid og mål 13 om klima. Hotellet i sentrum er ein av kundane.

– Me meiner at ein lokal bank har eit særleg ansvar, seier banksjef Ingrid Hope.

– Kundane spør meir enn før, seier rektor Per Lid.
"""


def test_an_office_that_names_its_place_speaks_for_the_only_organisation_so_named(nlp):
    # a banksjef speaks for the bank: the only organisation whose name holds "bank"
    speaks_for = {p.name: p.organisation for p in _profile(BANK, nlp).people}
    assert speaks_for["Ingrid Hope"] == "Sparebanken Sunnfjord"
    assert speaks_for["Per Lid"] is None  # a rektor, and no school is named
    regional = BANK.replace("banksjef Ingrid Hope", "regionbanksjef Ingrid Hope")
    speaks_for = {p.name: p.organisation for p in _profile(regional, nlp).people}
    assert speaks_for["Ingrid Hope"] == "Sparebanken Sunnfjord"  # a compound of the office
    two_banks = BANK.replace("Hotellet i sentrum", "Fjordbanken AS")
    speaks_for = {p.name: p.organisation for p in _profile(two_banks, nlp).people}
    assert speaks_for["Ingrid Hope"] is None  # two banks: no guess


HOTEL = """Ny meny

Fjordtun Hotell har fått ny meny. Planen fekk støtte i bystyret, og Nordvik kommune gav \
tilskot til kjøkkenet.

— Hotellet har fått fleire vegetariske rettar på menyen, seier kjøkkensjef Rasmus Mo.

— Kommunen har vore svært positiv, seier student Kari Lie.
"""


def test_a_persons_own_words_naming_a_bodys_kind_give_the_only_organisation_so_named(nlp):
    # "Hotellet" in the chef's quote: the only organisation whose name holds "hotel"
    speaks_for = {p.name: p.organisation for p in _profile(HOTEL, nlp).people}
    assert speaks_for["Rasmus Mo"] == "Fjordtun Hotell"
    assert speaks_for["Kari Lie"] is None  # everyone speaks of "kommunen"
    two_hotels = HOTEL.replace("Nordvik kommune gav", "Sunnfjord Hotell gav")
    speaks_for = {p.name: p.organisation for p in _profile(two_hotels, nlp).people}
    assert speaks_for["Rasmus Mo"] is None  # two hotels: no guess


def test_staff_of_the_bank_named_with_titles_work_there(nlp):
    if not nlp.has_pipe("ner"):
        pytest.skip("without a model, names with no quote or organisation are not found")
    staff = (
        "Resultat\n\nTysnes Sparebank fekk eit godt resultat i fjor. Banksjef Dag Sandstå, "
        "styreleiar Leif Hovland og økonomisjef Karoline Dalen og andre tilsette i banken jubla."
    )
    speaks_for = {p.name: p.organisation for p in _profile(staff, nlp).people}
    assert speaks_for["Karoline Dalen"] == speaks_for["Leif Hovland"] == "Tysnes Sparebank"
    # "Teatret" of a name the quote says is that name, not a noun pointing back to it
    other = (
        "Teater\n\nNynorsk kultursentrum kjøpte den første stolen i kampanjen til Det Norske "
        "Teatret.\n\n– Det er klart vi skal stille opp. Det Norske Teatret er enormt viktig for "
        "skriftkulturen, sa konstituert direktør Gaute Øvereng."
    )
    speaks_for = {p.name: p.organisation for p in _profile(other, nlp).people}
    assert speaks_for["Gaute Øvereng"] != "Det Norske Teatret"


def test_each_name_in_a_list_of_appositions_holds_the_title_after_it(nlp):
    if not nlp.has_pipe("parser"):
        pytest.skip("the titles are read from the tree")
    text = (
        "Samarbeid\n\nTre sentrale personer i samarbeidet mellom Elkonor og Trefadder: Anders "
        "Kristiansen, daglig leder i Trefadder, Baard-Espen Hansen, daglig leder i Elkonor, og "
        "Lars Kihle, daglig leder i Norgesplanter."
    )
    speaks_for = {p.name: p.organisation for p in _profile(text, nlp).people}
    assert speaks_for["Baard-Espen Hansen"] == "Elkonor"
    assert speaks_for["Anders Kristiansen"] == "Trefadder"


def test_the_organisation_right_after_a_persons_party_is_their_employer(nlp):
    if not nlp.has_pipe("ner"):
        pytest.skip("without a model, a name with no quote is not found")
    text = (
        "Opning\n\nTil stades var mellom anna konsernsjef Auke Lont i Statnett og statssekretær "
        "Kjell Børge Freiberg (Frp) i Olje- og energidepartementet."
    )
    people = {p.name: p for p in _profile(text, nlp).people}
    freiberg = people["Kjell Børge Freiberg"]
    assert (freiberg.party, freiberg.organisation) == ("Frp", "Olje- og energidepartementet")


def test_a_contact_cards_address_names_the_employer(nlp):
    text = (
        "Pressemelding\n\nFjordmat AS har valt berekraftsmål 12. Sandnes Sparebank er "
        "bankforbindelse.\n\nPressekontakt\n\nKari Vik\n\nkommunikasjonssjef\n\n"
        "kari.vik@fjordmat.no"
    )
    people = {p.name: p for p in _profile(text, nlp).people}
    if "Kari Vik" not in people:
        pytest.skip("without a model, a name alone on its line is not found")
    assert (people["Kari Vik"].organisation, people["Kari Vik"].organisation_rule) == (
        "Fjordmat AS",
        "email",
    )
    # a shared box ("post@...") holds no one's name: it says nothing of whom they work for
    shared = {p.name: p for p in _profile(text.replace("kari.vik@", "post@"), nlp).people}
    assert shared["Kari Vik"].organisation_rule != "email"


def test_a_title_after_a_name_and_a_dash_is_that_names(nlp):
    """ "Per Lund – rådgiver i Havbank, professor Eli Moe": the dash opens an apposition to
    the name before it, wherever the parser hung the title."""
    if not nlp.has_pipe("parser"):
        pytest.skip("the titles are read from the tree")
    text = (
        "Konferansen\n\nMed på laget var Per Lund – rådgiver i Havbank, økonomiprofessor Eli "
        "Moe og andre."
    )
    people = {p.name: (p.title, p.organisation) for p in _profile(text, nlp).people}
    assert people["Per Lund"] == ("rådgiver", "Havbank")
    assert people["Eli Moe"] == ("økonomiprofessor", None)


def test_a_title_and_a_colon_opening_the_names_line_is_the_title(nlp):
    """A byline ("Journalist: X | Publisert ...") or a contact list ("Rådmann: X")."""
    if not nlp.has_pipe("parser"):
        pytest.skip("the titles are read from the tree")
    text = (
        "Nett\n\nJournalist: Tove Lindeberg Aas | Oppdatert: 3. mars 2021\n\n"
        "Kontakt\n\nOrdførar: Kari Lund\nRådmann: Per Dahl\n\nFoto: Ola Berg Dal, "
        "Øygarden24"
    )
    people = {p.name: p.title for p in _profile(text, nlp).people}
    assert people["Tove Lindeberg Aas"] == "journalist"
    assert people["Kari Lund"] == "ordførar"
    assert people["Per Dahl"] == "rådmann"
    assert people.get("Ola Berg Dal") is None  # a photo credit names no title
    box = (
        "Hallvik Renovasjon AS\nDaglig leder: Stine Hallvik\nStiftet: 1998\nAntall ansatte: 20"
        "\n\nHallvik Renovasjon AS tømmer søppel i Nordfjord."
    )
    person = _profile(box, nlp).people[0]
    assert (person.title, person.organisation) == ("daglig leder", "Hallvik Renovasjon AS")


def test_a_title_and_a_dash_or_a_label_on_the_line_above_is_the_title(nlp):
    """A board listed "Nestleiar – Elin Vik, Førde" and "1. varamedlem – Olav Tendal", and a
    masthead's "Redaktør:" alone on the line above the name."""
    if not nlp.has_pipe("parser"):
        pytest.skip("the titles are read from the tree")
    text = (
        "Styret\n\nStyret etter årsmøtet:\n\nLeiar – Geir Årstad, Stadlandet.\n\n"
        "Nestleiar – Elin Botnen Vik, Førde.\n\n1. varamedlem – Olav Tendal, Stryn.\n\n"
        "Redaktør:\n\nJan Erik Kårø\n\nTeknisk ansvarlig:\n\nEven Granum"
    )
    people = {p.name: p.title for p in _profile(text, nlp).people}
    assert people["Elin Botnen Vik"] == "nestleiar"
    assert people["Olav Tendal"] == "varamedlem"
    assert people["Jan Erik Kårø"] == "redaktør"
    assert people["Even Granum"] is None  # "ansvarlig" alone is no title


def test_a_title_coordinated_after_a_name_is_the_next_names(nlp):
    """ "dekan A og fagleiar for Sunnhordland, B": the second title opens a new conjunct whose
    name follows the comma; it is not A's."""
    if not nlp.has_pipe("parser"):
        pytest.skip("the titles are read from the tree")
    text = (
        "Avtale\n\nKontrakten vart underskriven av dekan Rune Holt og fagleiar for "
        "Sunnhordland, Live Aarstad Brekke, på fredag."
    )
    people = {p.name: p.title for p in _profile(text, nlp).people}
    assert people == {"Rune Holt": "dekan", "Live Aarstad Brekke": "fagleiar"}


def test_titles_in_a_list_of_names_each_follow_their_name(nlp):
    """ "A, ordførar i Lærdal, B, varaordførar i Vik, C, ordførar i Voss": the parser hangs
    each title on the name after it; each is the name's before it, in apposition. A title
    right before a name stays that name's."""
    if not nlp.has_pipe("parser"):
        pytest.skip("the titles are read from the tree")
    text = (
        "Rådet\n\nFrå venstre: Audun Moe, ordførar i Lærdal kommune, Marta Vange, varaordførar "
        "i Vik kommune, Hans-Erik Ringstad, ordførar i Voss herad."
    )
    people = {p.name: (p.title, p.organisation) for p in _profile(text, nlp).people}
    assert people["Marta Vange"] == ("varaordførar", "Vik kommune")
    assert people["Hans-Erik Ringstad"] == ("ordførar", "Voss herad")
    before = "Rådet\n\nMøtet leia Audun Moe, ordførar Marta Vange og rådmann Per Dal."
    people = {p.name: p.title for p in _profile(before, nlp).people}
    assert people["Marta Vange"] == "ordførar"


def test_a_pronoun_subject_after_a_fronted_phrase_runs_the_firm_the_patterns_found(nlp):
    """ "..., sier rådgiver Trond Lund. Sammen med Per Dal driver han miljøfirmaet Fjordmiljø":
    the firm only the genre's patterns name ("miljøfirmaet X") is the employer of the one
    person the sentence before names."""
    if not nlp.has_pipe("parser"):
        pytest.skip("the employers are read from the tree")
    text = (
        "Miljøfyrtårn\n\nTema som går igjen er avfall og transport, sier rådgiver Trond Lund. "
        "Sammen med Per Dal driver han miljørådgivingsfirmaet Fjordmiljø i Bergen."
    )
    speaks_for = {p.name: p.organisation for p in _profile(text, nlp).people}
    assert speaks_for["Trond Lund"] == "Fjordmiljø"


def test_a_plural_title_whose_e_falls_out_names_each_person_after_it(nlp):
    """ "dei tidlegare ministrane Gudmund Lie og Audun Moe": "ministrane" is the plural of
    "minister" (the "e" of "-er" falls out), so each holds the title; so do occupations."""
    if not nlp.has_pipe("parser"):
        pytest.skip("the titles are read from the tree")
    text = (
        "Jubileum\n\nHer sit statssekretær Per Dahl, dei tidlegare ministrane Gudmund Lie og "
        "Audun Moe, og mange andre. Fysikar Andreas Vik opna vitensenteret."
    )
    titles = {p.name: p.title for p in _profile(text, nlp).people}
    assert titles["Gudmund Lie"] == titles["Audun Moe"] == "tidlegare minister"
    assert titles["Andreas Vik"] == "fysikar"


def test_a_name_a_pattern_finds_inside_a_hyphenated_title_leaves_the_title(nlp):
    """ "sier UiB-rektor Dag Olsen": the public body's pattern finds "UiB" inside the title's
    token; the title stays a title and names the employer."""
    if not nlp.has_pipe("parser"):
        pytest.skip("the titles are read from the tree")
    text = (
        "Havet\n\nUniversitetet i Bergen (UiB) leier arbeidet.\n\n– Vi er stolte, sier "
        "UiB-rektor Dag Olsen."
    )
    people = {p.name: (p.title, p.organisation) for p in _profile(text, nlp).people}
    assert people["Dag Olsen"] == ("UiB-rektor", "Universitetet i Bergen")


def test_a_bank_pointing_back_to_itself_claims_the_goals_of_its_clause(nlp):
    goals = {o.name: {g.number for g in o.sdgs} for o in _profile(BANK, nlp).organisations}
    assert goals["Sparebanken Sunnfjord"] == {5, 8, 13}


def test_a_bodys_noun_points_back_to_the_body_of_that_kind(nlp):
    # "banken" after "mens" is the bank named before, not the first name of its sentence
    text = (
        "Grønt samarbeid\n\nFjordkraft Nett AS og Nordlys Sparebank har inngått en avtale om "
        "grønne lån. Fjordkraft Nett jobber med bærekraftsmål 7 og 9, mens banken har valgt "
        "mål 8 og 13."
    )
    goals = {o.name: {g.number for g in o.sdgs} for o in _profile(text, nlp).organisations}
    assert goals["Nordlys Sparebank"] == {8, 13}
    assert goals["Fjordkraft Nett AS"] == {7, 9}


@pytest.mark.parametrize(
    "text",
    [
        "Samarbeid\n\nHydro, Equinor og Statkraft støtter bærekraftsmål 7 og 13.",
        "Samarbeid\n\nMøtet skulle avklare hvordan Fjordforsk AS og Havlab AS sammen kan bidra til å "
        "nå FNs bærekraftsmål 7 og 13.",
    ],
)
def test_organisations_coordinated_in_the_claiming_subject_each_claim_the_goals(nlp, text):
    # one mention per claimant: the goals are each organisation's
    profile = _profile(text, nlp)
    goals = {o.name: {g.number for g in o.sdgs} for o in profile.organisations}
    assert goals and all(numbers == {7, 13} for numbers in goals.values()), goals
    assert {m.organisation for m in profile.sdgs} == set(goals)


def test_an_acronym_in_brackets_is_the_same_organisation(nlp):
    # News writes the full name once with its acronym in brackets, then the acronym alone.
    text = (
        "Rapport om fiskeriene\n\n"
        "Nye tall fra Havforskningsinstituttets analyseenhet viser lavere fangster i nord, "
        "ifølge Norges Fiskarlag (NFL).\n\n"
        "– Dette bekymrer oss, sier leder Kari Holm i NFL.\n\n"
        "Også NVE (Norges vassdrags- og energidirektorat) har sett på saken, og NVE vil "
        "legge fram en rapport i vår."
    )
    profile = _profile(text, nlp)
    by_name = {o.name: o for o in profile.organisations}
    merged = [
        o for o in profile.organisations if {"Norges Fiskarlag", "NFL"} <= {o.name, *o.aliases}
    ]
    assert len(merged) == 1, sorted(by_name)
    nve = [o for o in profile.organisations if "NVE" in {o.name, *o.aliases}]
    assert len(nve) == 1
    assert not ({"NFL", "Norges Fiskarlag"} <= set(by_name))


def test_an_acronym_with_a_small_letter_in_brackets_is_the_same_organisation(nlp):
    # "UiB", "HiOA": a Norwegian acronym keeps the small "i" of its name
    text = (
        "Havet\n\nNå har Universitetet i Bergen (UiB) jobbet med havet i ett år.\n\n"
        "– Vi er stolte, sier UiB-rektor Kari Holm. UiB vil gjøre mer."
    )
    profile = _profile(text, nlp)
    merged = [
        o
        for o in profile.organisations
        if {"Universitetet i Bergen", "UiB"} <= {o.name, *o.aliases}
    ]
    assert len(merged) == 1, [o.name for o in profile.organisations]


def test_an_organisation_named_for_its_country_keeps_the_country():
    from pipeline.organisations.names import trim_name
    from pipeline.people.speakers import _clean_title
    from pipeline.rules import RuleSet

    rules = RuleSet.default()

    # "Norge" ends many organisations' names ("Energi Norge", read by the model on a real
    # page and cut to "Energi"); inside a name it still stops a name run into the sentence
    assert trim_name("Energi Norge", rules) == "Energi Norge"
    assert trim_name("Tindra Norge Sverige", rules) == "Tindra"
    # an association's kind before its name is no part of it
    assert trim_name("Bransjeforeningen Fornybar Kraft", rules) == "Fornybar Kraft"
    # "og" after a hyphenated first part belongs to the title
    assert _clean_title("olje- og energiminister", rules) == "olje- og energiminister"


def test_a_numbered_goal_list_gives_explicit_goals_and_no_places_from_their_names():
    from pipeline.run import process_text

    profile = process_text(
        "Fjordverk AS fokuserer på følgende bærekraftsmål:\n\n7. Ren energi for alle\n"
        "14. Livet under vann\n\nFeltet ligger i Nordsjøen."
    )
    assert {(m.number, m.method) for m in profile.sdgs} >= {(7, "explicit"), (14, "explicit")}
    assert [p.name for p in profile.places] == ["Nordsjøen"]


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        # a listed company before "og": two companies
        ("Equinor og Lie Bygg AS signerte avtalen i går.", {"Equinor", "Lie Bygg AS"}),
        # a name of several words joined by "og": one company
        ("Stord Sveis og Montasje AS fekk kontrakten i går.", {"Stord Sveis og Montasje AS"}),
    ],
)
def test_a_legal_name_with_og_is_split_only_after_a_name_of_its_own(sentence, names):
    from pipeline.run import process_text

    profile = process_text("Avtale\n\n" + sentence + "\n\nDet er bra for regionen.")
    assert {o.name for o in profile.organisations} == names


def test_an_acronym_spelled_by_a_names_initials_is_that_organisation():
    """ "B&G" of "Bertelsen & Garpestad AS" (the legal form left out) merges as an alias; a
    party's acronym never does, nor a public body's (left to the brackets that declare it),
    and a name of one word spells no acronym."""
    from pipeline.organisations.merge import initialisms, merge_drafts
    from pipeline.organisations.names import OrgDraft
    from pipeline.rules import RuleSet

    drafts = [
        OrgDraft("Fjeldstad & Grande AS", 0, 0, "company"),
        OrgDraft("F&G", 5, 40, "company"),
        OrgDraft("Sparebanken Vest", 0, 60, "company"),
        OrgDraft("SV", 5, 90, "other"),
        OrgDraft("Norsk Vassdragsverk", 0, 95, "public_body"),
        OrgDraft("NV", 5, 96, "public_body"),
        OrgDraft("Equinor", 0, 100, "company"),
        OrgDraft("E", 5, 120, "company"),
    ]
    pairs = initialisms(drafts, RuleSet.default())
    assert pairs == {frozenset(("Fjeldstad & Grande AS", "F&G"))}
    merged = {d.name: d.aliases for d in merge_drafts(drafts, pairs)}
    assert merged["Fjeldstad & Grande AS"] == ["F&G"]
    assert "SV" in merged


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("Den Voss-baserte bedrifta Fjellbrygg AS har fått ny kontrakt.", ["Voss"]),
        ("Det Bergen-baserte selskapet Havlys AS har fått ny kontrakt.", ["Bergen"]),
        ("Fjellbrygg AS holder til i Florø og har 40 tilsette.", ["Florø"]),
        ("Fjellbrygg AS er lokalisert i Florø.", ["Florø"]),
        ("Fjellbrygg AS har investert i Florø.", []),
    ],
)
def test_where_a_company_is_based(text, places):
    from pipeline.run import process_text

    profile = process_text("Nytt\n\n" + text)
    assert [[p.name for p in o.places] for o in profile.organisations] == [places]


def test_a_fields_acronym_after_a_title_is_no_employer(nlp):
    """ "Liv Lund, direktør HR i Felleskjøpet Agri": "HR" is the title's field, and the
    organisation after it employs her."""
    if not nlp.has_pipe("parser"):
        pytest.skip("the titles are read from the tree")
    text = (
        "Korn\n\n– Vi vil vere ein pådrivar for gode løysingar, sier Liv Lund, direktør HR i "
        "Felleskjøpet Agri."
    )
    people = {p.name: (p.title, p.organisation) for p in _profile(text, nlp).people}
    assert people["Liv Lund"] == ("direktør HR", "Felleskjøpet Agri")
