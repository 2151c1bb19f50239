"""Quotes and the people behind them in the forms Norwegian news writes them (issue 25), and
a party in brackets after a name, on text the project wrote."""

from __future__ import annotations

import pytest

from pipeline.nlp import shipped_model_path
from pipeline.run import process_text

pytestmark = pytest.mark.skipif(shipped_model_path() is None, reason="no shipped model here")


def _quotes(text: str) -> dict[str, list[str]]:
    return {p.name: [q.text for q in p.quotes] for p in process_text(text).people}


@pytest.mark.parametrize(
    ("text", "speaker", "quote"),
    [
        pytest.param(
            "Grønnbygg AS satsar på sol.\n\n- Vi bidrar til bærekraftsmål 7 og 13, sier "
            "daglig leder Kari Hansen.",
            "Kari Hansen",
            "Vi bidrar til bærekraftsmål 7 og 13",
            id="hyphen-for-dash",
        ),
        pytest.param(
            'Olsen Bygg AS vil vokse.\n\n"Dette gir arbeidsplasser", sier Per Olsen.',
            "Per Olsen",
            "Dette gir arbeidsplasser",
            id="straight-quotes",
        ),
        pytest.param(
            "Moe Trykk AS flyttar.\n\n“Vi er klare”, sier Anne Moe, daglig leder i Moe Trykk AS.",
            "Anne Moe",
            "Vi er klare",
            id="curly-quotes",
        ),
        pytest.param(
            "Konsernsjef Ola Berg i Statkraft sier: «Vi støtter prosjektet.»",
            "Ola Berg",
            "Vi støtter prosjektet.",
            id="colon-after-verb",
        ),
        pytest.param(
            "Bjørk Eide driv Eide Rør AS.\n\n– Vi har nok å gjere, seier Eide. Han meiner "
            "marknaden er god.",
            "Bjørk Eide",
            "Vi har nok å gjere",
            id="paragraph-goes-on",
        ),
        pytest.param(
            "Kari Lie er dagleg leiar i Lie Mat AS.\n\n– Vi vil vekse, seier ho.",
            "Kari Lie",
            "Vi vil vekse",
            id="nynorsk-pronoun",
        ),
        pytest.param(
            "Samarbeid\n\nPolar Vind og Nordlandsløpet har startet et samarbeid.\n\n--Vi er svært "
            "fornøyde med avtalen, sier Kari Dahl, daglig leder i Nordlandsløpet.",
            "Kari Dahl",
            "Vi er svært fornøyde med avtalen",
            id="double-hyphen",
        ),
        pytest.param(
            "Senteret\n\n– Målet med senteret er å informere om havbruk, har dagleg leiar Kari "
            "Vik tidlegare uttalt.",
            "Kari Vik",
            "Målet med senteret er å informere om havbruk",
            id="perfect-tense",
        ),
    ],
)
def test_a_quote_goes_to_its_speaker(text, speaker, quote):
    assert _quotes(text).get(speaker) == [quote]


def test_an_attribution_with_nothing_quoted_before_it_is_no_quote():
    # hypothesis found "– sier Aa Aa0" failing the profile's validation (an empty quote)
    assert _quotes("– sier Kari Lie").get("Kari Lie", []) == []
    text = "Nytt\n\n– sier Kari Lie.\n\n– Vi er glade, sier Kari Lie."
    assert _quotes(text)["Kari Lie"] == ["Vi er glade"]


def test_a_hyphen_list_stays_a_list():
    text = "Bedrifta tilbyr:\n\n- sveising av stål\n- montering av anlegg\n- service, sier dei"
    assert all(not quotes for quotes in _quotes(text).values())


def test_a_party_in_brackets_is_the_persons_party_not_an_organisation():
    text = (
        "Ordfører i Harstad kommune, Per Olsen (Sp), er fornøyd.\n\n"
        "– Dette er bra for byen, sier Olsen."
    )
    profile = process_text(text)
    person = next(p for p in profile.people if p.name == "Per Olsen")
    assert (person.party, person.title, person.organisation) == (
        "Sp",
        "ordfører",
        "Harstad kommune",
    )
    # named only as his party: no organisation of the article, nobody's employer
    assert "Sp" not in {o.name for o in profile.organisations}
    assert [q.text for q in person.quotes] == ["Dette er bra for byen"]


def test_a_party_named_elsewhere_stays_an_organisation():
    text = "Senterpartiet vil ha ny veg. Kari Vik (Sp) seier at vegen hastar."
    profile = process_text(text)
    assert "Senterpartiet" in {o.name for o in profile.organisations}
    assert next(p for p in profile.people if p.name == "Kari Vik").party == "Sp"


@pytest.mark.parametrize(
    ("text", "speaker", "quote"),
    [
        pytest.param(
            "Fjordbakst AS opnar nytt bakeri.\n\n−Vi gler oss til å opne, seier dagleg leiar "
            "Siv Lunde.",
            "Siv Lunde",
            "Vi gler oss til å opne",
            id="minus-sign-without-space",
        ),
        pytest.param(
            "Havlys AS har signert avtalen med kommunen. – Det er viktig at vi tek ansvar, "
            "seier administrerande direktør Trond Vik.",
            "Trond Vik",
            "Det er viktig at vi tek ansvar",
            id="dash-after-a-sentence",
        ),
        pytest.param(
            "Kornmølla AS vil vokse.\n\nVi må tørre å satse mer. Vi må ha fokus på kvalitet, "
            "sa Odd Nilsen fra Kornmølla under et seminar torsdag.",
            "Odd Nilsen",
            "Vi må tørre å satse mer",
            id="undashed-speech-in-the-first-person",
        ),
        pytest.param(
            "Teatret\n\nTeatersjef Per Moe er fornøgd.\n\nKari Lie er òg der.\n\n– Det er "
            "viktig for nynorsken, sa teatersjefen då han lanserte kampanjen.",
            "Per Moe",
            "Det er viktig for nynorsken",
            id="definite-title-then-when",
        ),
        pytest.param(
            "Året\n\nKonsernsjef Per Moe i Fjordkraft AS er fornøyd.\n\n– Vi har aldri "
            "tjent mer, sa konsernsjefen til avisa.",
            "Per Moe",
            "Vi har aldri tjent mer",
            id="definite-title-then-to-whom",
        ),
        pytest.param(
            "Havet\n\nRektor Kari Lie ved Universitetet i Nordland er glad.\n\nPer Dal er "
            "også der.\n\n– Vi har tett dialog med næringslivet, sier UiNs rektor.",
            "Kari Lie",
            "Vi har tett dialog med næringslivet",
            id="title-in-the-genitive",
        ),
        pytest.param(
            "Samfunnsansvar\n\n– Vi har valt ut fire mål som er relevante for oss.\n\nDet er "
            "leder for miljø, Kari Lie, som sier dette til Byggavisa.",
            "Kari Lie",
            "Vi har valt ut fire mål som er relevante for oss.",
            id="cleft-after-the-quote",
        ),
        pytest.param(
            "Sertifisert\n\n– Vi er glade, sier Per Dal.\n\nArbeidet har vært ledet av "
            "bærekraftsansvarlig Kari Lie, og mye av jobben har handlet om dokumentasjon.\n\n"
            "– I begynnelsen "
            "ble jeg overrasket over hvor mye vi gjør.",
            "Kari Lie",
            "I begynnelsen ble jeg overrasket over hvor mye vi gjør.",
            id="first-person-singular-after-the-one-named",
        ),
        pytest.param(
            "Revy\n\n– Eg er rørt og glad, takka revysjef Anniken Bru frå scena etter premieren.",
            "Anniken Bru",
            "Eg er rørt og glad",
            id="thanks-as-the-speech-verb",
        ),
        pytest.param(
            "Kraft\n\n– Kommunane må få meir att, seier leiar i Vestland KrF, Morten Hella.",
            "Morten Hella",
            "Kommunane må få meir att",
            id="title-in-an-organisation-with-an-inner-capital-then-the-name",
        ),
        pytest.param(
            "Festspel\n\n– Vi er veldig godt fornøgde med festivalen, seier produsent Kim Åge "
            "Furuhaug.",
            "Kim Åge Furuhaug",
            "Vi er veldig godt fornøgde",
            id="a-title-that-also-introduces-companies-after-the-speech-verb",
        ),
    ],
)
def test_more_quote_forms(text, speaker, quote):
    quotes = _quotes(text)
    assert any(q.startswith(quote) for q in quotes.get(speaker, [])), quotes


def test_a_dash_paragraph_without_attribution_continues_the_last_quote():
    text = (
        "Brødrene Dahl AS bygger ut.\n\n– Vi har hatt et godt år, sier Kari Dahl.\n\n"
        "– Nå investerer vi i en ny fabrikk."
    )
    assert _quotes(text)["Kari Dahl"] == [
        "Vi har hatt et godt år",
        "Nå investerer vi i en ny fabrikk.",
    ]


def test_a_dash_paragraph_takes_the_attribution_of_the_next_paragraph():
    text = (
        "Daglig leder Cato Lie i Torvmyr AS er fornøyd.\n\n– Vi har gode marginer.\n\n"
        "Eierne har tro på oss, og vi investerer seks millioner, opplyser Lie."
    )
    assert any(q.startswith("Vi har gode marginer") for q in _quotes(text)["Cato Lie"])


def test_third_person_reporting_without_a_dash_is_no_quote():
    text = "Torvmyr AS vokser.\n\nSelskapet leverte 1,5 millioner sekker i fjor, sa Cato Lie."
    assert _quotes(text).get("Cato Lie", []) == []


@pytest.mark.parametrize(
    ("text", "speaker", "quote"),
    [
        pytest.param(
            "Straumen AS la fram tala i dag.\n\nAdministrerande direktør Eli Nes seier året "
            "har vore tungt.\n\n– Vi hadde eit første halvår utan overskot.",
            "Eli Nes",
            "Vi hadde eit første halvår",
            id="speech-verb-in-the-paragraph-before",
        ),
        pytest.param(
            "Dette seier selskapa.\n\nOla Rud, pressetalsperson i Fjellkraft AS:\n\n"
            "– Vi tek klimaet på alvor.",
            "Ola Rud",
            "Vi tek klimaet på alvor",
            id="name-and-title-with-a-colon",
        ),
    ],
)
def test_a_dash_paragraph_goes_to_the_speaker_the_paragraph_before_introduces(text, speaker, quote):
    quotes = _quotes(text)
    assert any(q.startswith(quote) for q in quotes.get(speaker, [])), quotes


def test_a_new_speaker_introduced_between_quotes_takes_the_next_dash_paragraph():
    text = (
        "Dette seier selskapa.\n\nKari Lund, rådgivar i Havkraft AS.\n\n– Vi må sjå det store "
        "biletet.\n\nOla Rud, pressetalsperson i Fjellkraft AS:\n\n– Vi tek klimaet på alvor."
    )
    quotes = _quotes(text)
    assert quotes["Ola Rud"] == ["Vi tek klimaet på alvor."]
    assert quotes["Kari Lund"] == ["Vi må sjå det store biletet."]


def test_an_interviewers_question_is_no_quote():
    text = (
        "Banksjef Siri Dal i Dalbanken svarte på spørsmål.\n\n– Hva håper dere å oppnå med "
        "dette?\n\n– Vi vil bli bedre på bærekraft, sier Dal."
    )
    quotes = _quotes(text)
    assert quotes["Siri Dal"] == ["Vi vil bli bedre på bærekraft"]


def test_a_dash_quote_after_a_sentence_with_more_sentences_after_the_attribution():
    text = (
        "Regjeringen legger fram en plan til våren. – Vår bransje har stor innvirkning, sier "
        "fagsjef Nina Berg i Eiendomsforbundet. Hun ønsker innspill fra medlemmene."
    )
    assert any(q.startswith("Vår bransje har stor") for q in _quotes(text)["Nina Berg"])


@pytest.mark.parametrize(
    ("text", "speaker", "quote"),
    [
        pytest.param(
            "Banken satsar.\n\n– Banken arbeider med berekraft, seier regionbanksjef Marit "
            "Lie.\n\nHo fortel at lokalsamfunnet eig banken.\n\n– Konsernet har gjort aktive "
            "val, og det gir kraft til arbeidet vårt.",
            "Marit Lie",
            "Konsernet har gjort aktive val",
            id="pronoun-opens-the-paragraph-before",
        ),
        pytest.param(
            "Asker satsar.\n\n– Det traff ein nerve, sier ordfører Lene Berg.\n\nOrdføreren "
            "mener det er viktig at kommunene er med.\n\n– Bærekraftsmålene er mål vi "
            "forplikter oss til.",
            "Lene Berg",
            "Bærekraftsmålene er mål vi",
            id="definite-title-opens-the-paragraph-before",
        ),
        pytest.param(
            "Laks\n\nPer Grieg er styreformann i Fjordlaks.\n\n– Det å ha ein kontrakt med "
            "samfunnet er viktig, seier Grieg.\n\nHan viser til tala frå i fjor.\n\n– Vi må "
            "forstå tida vi lever i.",
            "Per Grieg",
            "Vi må forstå tida",
            id="one-sentence-opening-with-a-pronoun-whatever-its-verb",
        ),
        pytest.param(
            "Betong\n\n– Vi skal gjøre vårt for å kutte utslippene, sier daglig leder Tore Mo "
            "i Fjordbetong.\n\nDet jobbes på flere måter. En viktig del er å hente råvarene "
            "lokalt.\n\n– Jo nærmere, jo bedre.",
            "Tore Mo",
            "Jo nærmere, jo bedre",
            id="a-paragraph-of-narrative-that-names-no-one",
        ),
    ],
)
def test_a_dash_paragraph_after_narration_about_the_last_speaker(text, speaker, quote):
    quotes = _quotes(text)
    assert any(q.startswith(quote) for q in quotes.get(speaker, [])), quotes


@pytest.mark.parametrize(
    "between",
    [
        "Rapporten er skrevet av Kari Lie ved Nordlandsforskning.",  # someone else is named
        "Det jobbes på flere måter.\n\nRåvarene hentes lokalt.",  # more than one aside
    ],
)
def test_a_dash_paragraph_after_narration_about_others_or_at_length_is_not_the_last_speakers(
    between,
):
    text = (
        "Betong\n\n– Vi skal gjøre vårt for å kutte utslippene, sier daglig leder Tore Mo i "
        f"Fjordbetong.\n\n{between}\n\n– Jo nærmere, jo bedre."
    )
    assert _quotes(text)["Tore Mo"] == ["Vi skal gjøre vårt for å kutte utslippene"]


def test_a_pronoun_goes_to_the_last_person_the_text_calls_by_it():
    told = (
        "Lie Mat AS veks.\n\nKari Lie leier Lie Mat AS. Ho starta bedrifta i 2001.\n\n"
        "Ola Berg er ny styreleiar. Han kom frå Fjordkraft AS.\n\n"
        "– Vi vil vekse i heile landet, seier ho."
    )
    assert _quotes(told)["Kari Lie"] == ["Vi vil vekse i heile landet"]
    # the given names tell when the text does not: "Ola" is no "ho"
    named = (
        "Lie Mat AS veks.\n\nKari Lie leier Lie Mat AS.\n\nOla Berg er ny styreleiar.\n\n"
        "– Vi vil vekse i heile landet, seier ho."
    )
    assert _quotes(named)["Kari Lie"] == ["Vi vil vekse i heile landet"]
    untold = (
        "Lie Mat AS veks.\n\nKim Lie leier Lie Mat AS.\n\nAlex Berg er ny styreleiar.\n\n"
        "– Vi vil vekse i heile landet, seier ho."
    )
    assert _quotes(untold)["Alex Berg"] == ["Vi vil vekse i heile landet"]  # the last named


@pytest.mark.parametrize(
    ("verb"), ["fortalte", "understreket", "tilføyer", "meinte", "la til", "lovar", "påpeikar"]
)
def test_a_quote_attributed_in_the_past_tense_or_with_an_added_word(verb):
    text = f"Advokatfirma går saman.\n\n– Vi vil gå sammen om grønne tiltak, {verb} Ingjerd Moe."
    assert _quotes(text)["Ingjerd Moe"] == ["Vi vil gå sammen om grønne tiltak"]


@pytest.mark.parametrize(
    ("text", "speaker", "quote"),
    [
        pytest.param(
            "Remøy AS har ny avtale.\n\n– Vi er nøgde med løysinga, seier adm. dir. Kari "
            "Bakke i ei pressemelding.",
            "Kari Bakke",
            "Vi er nøgde med løysinga",
            id="abbreviated-title",
        ),
        pytest.param(
            "Nortura har ny avtale.\n\n– Ambisjonen vår er stor, seier Kjell S. Lie som er "
            "konserndirektør.",
            "Kjell S. Lie",
            "Ambisjonen vår er stor",
            id="initial-in-the-name",
        ),
        pytest.param(
            "Bakeriet fikk bestillingen.\n\n– Ryktene sier at bakeriet vet alt, sier "
            "konserndirektør Kari Lie etter signeringen.",
            "Kari Lie",
            "Ryktene sier at bakeriet vet alt",
            id="speech-verb-inside-the-quote",
        ),
        pytest.param(
            "Flagget er heist ved rådhuset. –Ein avtale som betyr mykje, seier ordførar Kari Lie.",
            "Kari Lie",
            "Ein avtale som betyr mykje",
            id="dash-without-a-space-after-a-sentence",
        ),
        pytest.param(
            "Konsernsjef i Kleven, Kari Lie, seier at dei har jobba for avtalen.\n\n"
            "- Dette skal vi få til i lag!",
            "Kari Lie",
            "Dette skal vi få til i lag!",
            id="lone-hyphen-paragraph-after-the-speaker",
        ),
        pytest.param(
            "Festival\n\nBERGEN (NTB) – Det er helt fantastisk, sier markedsansvarlig Rita Nord.",
            "Rita Nord",
            "Det er helt fantastisk",
            id="dateline-before-the-dash",
        ),
        pytest.param(
            "Klubben\n\n– Rikard har vært vårt klare førstevalg til jobben som ny hovedtrener, og "
            "navnet hans sto på toppen av ønskelisten vår hele veien, sier styreleder Mette "
            "Sætre. (©NTB)",
            "Mette Sætre",
            "Rikard har vært vårt klare førstevalg til jobben som ny hovedtrener, og navnet hans "
            "sto på toppen av ønskelisten vår hele veien",
            id="agency-credit-after-the-stop",
        ),
    ],
)
def test_attributions_with_dots_inner_verbs_and_typed_dashes(text, speaker, quote):
    assert _quotes(text).get(speaker) == [quote]


def test_a_later_verb_without_a_comma_does_not_close_the_quote():
    text = "Ny leiar.\n\n– Vi må byggje vegar, sier Kari Lie og legger til:\n\n– Vi lyttar."
    assert _quotes(text)["Kari Lie"][0] == "Vi må byggje vegar"


def test_hyphen_lines_beside_each_other_stay_a_list():
    from pipeline.parse import parse_text

    article = parse_text("Tiltak\n\n- Vi kutter utslipp i år.\n- Vi bytter til elbiler i år.")
    assert [b.kind for b in article.blocks[1:]] == ["list_item", "list_item"]


@pytest.mark.parametrize(
    ("text", "speaker", "quote"),
    [
        pytest.param(
            "Ny pris\n\nVinn AS vann prisen. Leiar Kari Lie tok imot prisen. - Stort, sa Lie.",
            "Kari Lie",
            "Stort",
            id="hyphen-quote-after-a-sentence",
        ),
        pytest.param(
            "Ny plan\n\nSamfunnskontrakt\n– Det å ha ein kontrakt er viktig, sier Per Lie.",
            "Per Lie",
            "Det å ha ein kontrakt er viktig",
            id="dash-on-a-new-line-under-a-run-in-heading",
        ),
        pytest.param(
            "Ny plan\n\nRegiondirektør Kari Lie i NHO Trøndelag er imponert over arbeidet som "
            'er gjort i kommunen.\n\n"Det er tydelig at kommunen har lyktes godt."',
            "Kari Lie",
            "Det er tydelig at kommunen har lyktes godt.",
            id="one-sentence-about-the-speaker-before",
        ),
    ],
)
def test_quotes_after_a_sentence_a_run_in_heading_or_a_sentence_about_the_speaker(
    text, speaker, quote
):
    assert _quotes(text).get(speaker) == [quote]


def test_a_hyphen_line_after_a_hyphen_quote_goes_on_with_it():
    text = (
        "Ny plan\n\nDagleg leiar Kari Lie i Vekst AS meiner banken blir ein partnar:\n\n"
        "- Dei vil bidra med kompetanse, seier ho.\n- Det skal bli spennande å sjå korleis."
    )
    assert _quotes(text)["Kari Lie"] == [
        "Dei vil bidra med kompetanse",
        "Det skal bli spennande å sjå korleis.",
    ]


def test_an_interviewers_question_hands_the_word_back_to_the_last_speaker():
    text = (
        "Ny plan\n\n– Vi er heldige, sier bærekraftsansvarlig Kari Lie i Vekst AS.\n\n"
        "Hvordan jobber dere for å nå målene?\n\n– Vi har valgt ut sju av bærekraftsmålene."
    )
    assert _quotes(text)["Kari Lie"] == [
        "Vi er heldige",
        "Vi har valgt ut sju av bærekraftsmålene.",
    ]


def test_a_quotation_after_sa_at_is_the_speakers():
    text = (
        "Ny aksjon\n\nSveio-ordførar Kari Lie var nøgd med at Bremnes Fisk deltok og sa at "
        "«Bremnes Fisk går føre med eit godt eksempel»."
    )
    assert _quotes(text)["Kari Lie"] == ["Bremnes Fisk går føre med eit godt eksempel"]


def test_an_attribution_by_the_given_name_alone():
    text = (
        "Ny butikk\n\nLisa Maria Hansen og Per Olsen starta butikken i fjor.\n\n"
        "– Eg hadde ikkje høyrt om dette før, forklarar Lisa."
    )
    quotes = _quotes(text)
    assert quotes["Lisa Maria Hansen"] == ["Eg hadde ikkje høyrt om dette før"]
    assert quotes["Per Olsen"] == []


def test_a_quotation_signed_on_the_line_under_it():
    text = (
        "Program for Sunnfjord\n\n«Sunnfjord skal ha eit næringsliv for framtida.»\n"
        "– ordførarkandidat Kari Lie\n\nSunnfjord skal by på dei beste stadane."
    )
    assert _quotes(text)["Kari Lie"] == ["Sunnfjord skal ha eit næringsliv for framtida."]


def test_a_short_dash_line_about_someone_is_no_signature():
    text = "Ny avtale\n\n– Vi er glade, sier Kari Lie.\n\n– Per Olsen er også med\n\nMer tekst."
    assert _quotes(text)["Per Olsen"] == []


def test_a_pronoun_after_a_dash_inside_a_paragraph_is_the_one_person_named_before_it():
    """ "Kari Lie leier X. – ..., seier ho.": the paragraph names one person before the dash;
    with two named there, the pronoun tells whose the quote is only when their given names
    tell them apart."""
    one = "Nytt\n\nKari Lie er dagleg leiar i Fjordbrygg AS. – Vi bidreg til dette, seier ho."
    assert _quotes(one)["Kari Lie"] == ["Vi bidreg til dette"]
    two = (
        "Nytt\n\nPer Moe og Kari Lie møttest. Kari Lie er dagleg leiar i Fjordbrygg AS. "
        "– Vi bidreg til dette, seier han."
    )
    assert _quotes(two) == {"Per Moe": ["Vi bidreg til dette"], "Kari Lie": []}
    same = (
        "Nytt\n\nPer Moe og Ola Lie møttest. Ola Lie er dagleg leiar i Fjordbrygg AS. "
        "– Vi bidreg til dette, seier han."
    )
    assert _quotes(same) == {"Per Moe": [], "Ola Lie": []}


@pytest.mark.parametrize(
    ("text", "speaker", "quote"),
    [
        (  # a verb of manner attributes as a speech verb does
            "Butikken\n\nKari Lie driv butikken i Førde.\n\n"
            "– Eg likar best kundane som impulshandlar, smiler Kari Lie.",
            "Kari Lie",
            "Eg likar best kundane som impulshandlar",
        ),
        (
            "Butikken\n\n– Vi skal investere i nytt utstyr, oppsummerer Kari Lie, "
            "dagleg leiar i Fjordis AS, til avisa.",
            "Kari Lie",
            "Vi skal investere i nytt utstyr",
        ),
        (  # a hyphen typed against the quote's first word, after a sentence
            "Rapport\n\nSkipsforbundet har skrevet en rapport. -Havet er avgjørende for velstand, "
            "sier Per Holm, direktør i Skipsforbundet. Vi må vite mer om havet.",
            "Per Holm",
            "Havet er avgjørende for velstand",
        ),
    ],
)
def test_more_attribution_forms(text, speaker, quote):
    assert _quotes(text)[speaker] == [quote]


def test_a_hyphen_before_a_number_after_a_sentence_opens_no_quote():
    text = "Vær\n\nDet var kaldt i natt, sier Per Holm. -5 grader ble målt på Røros."
    assert _quotes(text)["Per Holm"] == []


def test_a_paragraph_whose_last_sentence_hands_over_by_pronoun_gives_the_next_quote():
    """ "Ho er butikksjef i Førde. Ho seier at ..." then a dash quote: the pronoun's person;
    a last sentence about something else hands over to no one."""
    hands_over = (
        "Butikken\n\n– Ein plan for veka er lurt, smiler Kari Lie.\n\n"
        "Ho er butikksjef i Førde og engasjert mot matsvinn. Ho seier at forbrukarane kan "
        "gjere mykje.\n\n– Eg trur butikkane må ta ansvar."
    )
    assert len(_quotes(hands_over)["Kari Lie"]) == 2
    moves_on = hands_over.replace(
        "Ho seier at forbrukarane kan gjere mykje.",
        "Ho meiner forbrukarane kan gjere mykje. Butikken har opna ei ny avdeling.",
    )
    assert len(_quotes(moves_on)["Kari Lie"]) == 1


def test_an_attribution_that_opens_its_own_sentence_after_the_quote():
    """ "... mobilisering. Sier Kim Bråten, avdelingsleder i Hallingplast.": the stop the
    quote ends with comes before the speech verb."""
    text = (
        "Plan\n\n-For å få dette til må vi bygge ut ladenettet. Det kreves en bred mobilisering. "
        "Sier Kim Bråten, avdelingsleder i Hallingplast."
    )
    assert _quotes(text)["Kim Bråten"] == [
        "For å få dette til må vi bygge ut ladenettet. Det kreves en bred mobilisering."
    ]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Nytt\n\nOrdførar Kari Lie og rådmann Per Moe var til stades.\n\n"
            "– Dette er ein stor dag, seier ordføraren.",
            "Kari Lie",
        ),
        (
            "Nytt kontor\n\nRådmann Helge Tor flyttar inn i det nye kontoret.\n\n"
            "— Ordføraren sitt kontor er større enn mitt, poengterer den påtroppande rådmannen.",
            "Helge Tor",
        ),
        (
            "Butikk\n\nKjøpmann Dag Lundeby og ordførar Kari Moen opna butikken.\n\n"
            "– Mange trudde ikkje dette var mogleg, seier kjøpmannen stolt.",
            "Dag Lundeby",
        ),
        (
            "Årsmøte\n\nAstrid Heggem er attvald som leiar i Fjordmållaget, og Per Bø er kasserar."
            "\n\n– Vi har fått fleire medlemmar, slår leiaren fast.",
            "Astrid Heggem",
        ),
        (
            "Skule\n\nRektor Geir Nesheim ved Fjellvik skule og ordførar Kari Moen opna hallen.\n\n"
            "– Her får elevane utlevert hammar og spikar kvar vår, fortel rektor.",
            "Geir Nesheim",
        ),
    ],
)
def test_an_attribution_by_a_definite_title_is_the_person_named_with_it(text, speaker):
    quotes = _quotes(text)
    assert len(quotes[speaker]) == 1
    assert sum(len(q) for q in quotes.values()) == 1


def test_an_attribution_passes_over_the_stop_of_a_generation_suffix():
    """ "seier Finn Lie jr. som er nestleiar i X": "jr." ends no sentence."""
    text = (
        "Streik\n\n– Det gjekk litt fort, seier Finn Lie jr. som er nestleiar i Fjordverft AS.\n\n"
        "– Vi er glade, sier Kari Holm sr., daglig leder i Holm Bygg AS."
    )
    found = {p.name: [q.text for q in p.quotes] for p in process_text(text).people}
    assert found == {"Finn Lie": ["Det gjekk litt fort"], "Kari Holm": ["Vi er glade"]}


def test_an_attribution_passes_over_the_stop_of_an_ordinal_before_a_title():
    """ "seier Hallvard Skei, 1. nestleiar i X.": "1." ends no sentence."""
    text = (
        "Fagskule\n\nRegjeringa kom med gode nyheiter i dag. – Dette har vi venta på lenge, "
        "seier Hallvard Skei, 1. nestleiar i Fagforbundet Nord.\n\nPer Olsen er glad."
    )
    assert _quotes(text)["Hallvard Skei"] == ["Dette har vi venta på lenge"]


def test_an_attribution_passes_over_a_time_and_a_two_letter_initial():
    """ "... klokka 07.00." and "styreleder Tom Kj. Hartvik": neither stop ends the
    attribution; "skreiv" attributes a quotation."""
    text = (
        "Kiosk\n\n– Eg er den som hadde ideen, sa utbyggar Per Tore Teigen til applaus frå dei "
        "som møtte fram klokka 07.00.\n\nOrdførar Kari Moen var òg der.\n\n"
        "– Styret er fornøyd, sier styreleder Tom Kj. Hartvik ifølge pressemeldingen.\n\n"
        "«Kiosken er ein vinst for bygda», skreiv kommentator Jens Kiil i Vestavisa."
    )
    quotes = _quotes(text)
    assert quotes["Per Tore Teigen"] == ["Eg er den som hadde ideen"]
    assert quotes["Jens Kiil"] == ["Kiosken er ein vinst for bygda"]
    assert ["Styret er fornøyd"] in quotes.values()


def test_a_vox_pop_gives_each_quote_to_the_name_above_its_title_line():
    """A vox pop's layout: a name on a line, the title on the next, then the quote with no
    attribution; a listed union's branch after the title is no person."""
    text = (
        "Kutt i kommunane\n\nVi har spurt tillitsvalde om økonomien.\n\nPrivat\n\n"
        "Eirik Hamre\n\nLeder i Fagforbundet Fjellby\n\n– Det er ikke foretatt kutt enda.\n\n"
        "Privat\n\nKari Nordvik\n\nLeder og hovedtillitsvalgt Fagforbundet Kristiansund\n\n"
        "– Vi er i sparemodus her, og det har vi vært siden i fjor."
    )
    profile = process_text(text)
    quotes = {p.name: [q.text for q in p.quotes] for p in profile.people}
    assert quotes["Eirik Hamre"] == ["Det er ikke foretatt kutt enda."]
    assert quotes["Kari Nordvik"] == ["Vi er i sparemodus her, og det har vi vært siden i fjor."]
    assert "Fagforbundet Kristiansund" in {o.name for o in profile.organisations}


def test_dash_quotes_after_a_sentence_of_narrative_in_the_same_paragraph():
    """ "-A, sier Lie. Narrative. -B, sier Lie og fortsetter. -C.": each dash quote of the
    paragraph is Lie's."""
    text = (
        "Årsmøte\n\nLeder av idrettsrådet, Lise Arnesen, er fornøyd. -Vi hadde mange på "
        "årsmøtet, sier Arnesen. Få idrettsråd lykkes så godt. -Årsmøtet er blitt en "
        "møteplass, sier Arnesen og fortsetter. -Også ordføreren kommer."
    )
    assert _quotes(text)["Lise Arnesen"] == [
        "Vi hadde mange på årsmøtet",
        "Årsmøtet er blitt en møteplass",
        "Også ordføreren kommer.",
    ]


def test_a_shared_surname_goes_to_the_one_named_by_it_before_the_quote():
    """Three Iversbys: "fortel Iversby" after only Kari Iversby is named by her surname is
    hers, though her husband, named in full later, has a title ("ektemannen Einar" names
    him by the given name only). Nynorsk "seir" attributes too."""
    text = (
        "Butikken stenger\n\nKari Iversby og ektemannen Einar har drive butikken i 19 år.\n\n"
        "– No må vi få tømt hyllene, fortel Iversby.\n\nDotter Stine Iversby (30) voks opp "
        "i butikken.\n\nDagleg leiar Einar Iversby set pris på støtta.\n\n– Takk til alle, "
        "seir Einar Iversby."
    )
    quotes = _quotes(text)
    assert quotes["Kari Iversby"] == ["No må vi få tømt hyllene"]
    assert quotes["Einar Iversby"] == ["Takk til alle"]


def test_a_pronoun_speaker_with_how_it_was_said_after_it():
    """ "..., tilføyer hun spøkefullt om «søringene».": the pronoun speaks, the words after
    it say how."""
    text = (
        "Berlevåg\n\nRandi Karsten driv butikken i Berlevåg, og Per Moe er ordførar.\n\n– Dei "
        "skulle prøvd å bu her med ein familie på fire, tilføyer hun spøkefullt om «søringene»."
    )
    assert _quotes(text)["Randi Karsten"] == ["Dei skulle prøvd å bu her med ein familie på fire"]


def test_a_quotation_after_a_colon_ending_a_sentence_about_one_person_with_no_speech_verb():
    """ "Ordførar Kari Lie var klar i talen sin: «...»": the sentence names one person and hands
    over with a colon; with two people named, the text does not say whose words they are."""
    one = (
        "Skule\n\nKommunen har bestemt seg. Ordførar Kari Lie var klar i talen sin: «Vi skal "
        "byggje skulen i år.» Så gjekk ho."
    )
    assert _quotes(one)["Kari Lie"] == ["Vi skal byggje skulen i år."]
    two = "Møte\n\nKari Lie og Per Dal var samde: «Dette er ein god dag.»"
    assert not any(_quotes(two).values())


def test_a_paragraph_opening_with_det_seier_names_the_speaker_of_the_quote_before():
    """ "– ..." then "Det seier Oddgeir Lie, som jobbar ved Brødrene Aa.": the speaker comes
    after the quote, in a paragraph of their own; a second quote goes to the next one named."""
    text = (
        "Lønn\n\n– Vi er ikkje heilt nøgde, men begge sider har strekt seg langt.\n\n"
        "Det seier Oddgeir Lie, som jobbar ved Brødrene Aa i Hyen.\n\n"
        "– Dette er bra for bygda.\n\nDet sier daglig leder Kari Holm i Holm Bygg AS til avisa."
    )
    found = {
        p.name: (p.organisation, [q.text for q in p.quotes]) for p in process_text(text).people
    }
    assert found == {
        "Oddgeir Lie": (
            "Brødrene Aa",
            ["Vi er ikkje heilt nøgde, men begge sider har strekt seg langt."],
        ),
        "Kari Holm": ("Holm Bygg AS", ["Dette er bra for bygda."]),
    }


def test_continuing_and_grinning_attribute_a_quote():
    """ "..., fortsetter konsernsjefen" / "..., gliser Nørvåg": verbs of speech too."""
    text = (
        "Bank\n\n– Vi må begynne med oss selv, fortsetter konsernsjef Jan Kjerpe.\n\n"
        "– Denne tildelinga var veldig viktig, gliser Martin Nørvåg."
    )
    found = {p.name: len(p.quotes) for p in process_text(text).people}
    assert found == {"Jan Kjerpe": 1, "Martin Nørvåg": 1}


def test_a_word_of_an_organisations_name_is_handed_no_quote_by_a_pronoun():
    """ "..., sier han." after a paragraph on "Veidekke Sirkulær AS": "Sirkulær" is no man."""
    text = (
        "Sirkulært\n\nI fjor ble Veidekke Sirkulær AS opprettet av Veidekke Entreprenør AS.\n\n"
        "– Det er viktig for oss, sier daglig leder i Veidekke Sirkulær AS, Erik Nilsen.\n\n"
        "Veidekke Sirkulær AS er etablert for å håndtere sirkulære prosjekter. De ønsker å "
        "opplyse markedet om betong.\n\n– Vi mener at det er bærekraft, sier han."
    )
    found = {p.name: len(p.quotes) for p in process_text(text).people}
    assert found == {"Erik Nilsen": 2}


def test_a_lead_naming_one_person_then_a_colon_and_a_dash_is_their_quote():
    """ "Syklisten Tord Lie skal importere stativ: – Det må vere enkelt ...": a lead's form."""
    text = (
        "Sykkel\n\nSyklisten Tord Lie skal importere smarte stativ: – Det må vere enkelt.\n\n"
        "Kari Dal og Per Ek er samde: – Vi må sykle meir."
    )
    found = {p.name: [q.text for q in p.quotes] for p in process_text(text).people}
    assert found["Tord Lie"] == ["Det må vere enkelt."]
    assert found.get("Kari Dal", []) == [] and found.get("Per Ek", []) == []


def test_a_paragraph_that_names_no_one_and_ends_in_a_colon_hands_back_to_the_last_speaker():
    """ "Etter å ha granska litt fann folkehøgskulelæraren ut at ...:" then "– Eg tok ..."."""
    text = (
        "Sykkel\n\n– Eg hadde ein idé, fortel Tord Lie.\n\nEtter å ha granska litt fann "
        "læraren ut at ei estisk bedrift hadde kome han i forkjøpet:\n\n– Eg tok kontakt med dei."
    )
    found = {p.name: [q.text for q in p.quotes] for p in process_text(text).people}
    assert found == {"Tord Lie": ["Eg hadde ein idé", "Eg tok kontakt med dei."]}


def test_a_question_or_a_cry_attributed_with_its_verb_is_a_quote():
    """ "– Kva skal vi gjere no? spør Kari Lie.": the question mark closes the quote, the
    verb attributes it."""
    asked = "Fjordlaks\n\n– Kva skal vi gjere no? spør Kari Lie."
    assert _quotes(asked)["Kari Lie"] == ["Kva skal vi gjere no?"]
    cried = "Fjordlaks\n\n– Dette er fantastisk! ropar Kari Lie."
    assert _quotes(cried)["Kari Lie"] == ["Dette er fantastisk!"]


def test_an_article_before_the_name_describes_the_speaker_and_is_no_title():
    text = "Fjordlaks\n\n– Vi er svært nøgde med avtalen, seier ein nøgd Kari Lie."
    person = process_text(text).people[0]
    assert (person.name, person.title) == ("Kari Lie", None)


def test_a_lead_with_a_colon_after_other_sentences_of_its_paragraph():
    """ "... Det skriv avisa. Kommunikasjonsdirektør i X, Hege Aksel, seier til NRK at ...:
    – Den betyr ...": the lead that names one person need not open the paragraph."""
    text = (
        "Verft\n\nKontrakten kom i fjor. Det skriv Sunnmørsposten. Kommunikasjonsdirektør i "
        "Fjordverft, Hege Aksel, seier til NRK at kontrakten er viktig: – Den betyr mykje for oss."
    )
    assert _quotes(text)["Hege Aksel"] == ["Den betyr mykje for oss."]


def test_a_source_in_brackets_may_open_a_quote_paragraph():
    text = (
        "Fabrikk\n\n(Driva.no) – I dag er eg stolt og audmjuk. Avgjerda sikrar drifta ved "
        "fabrikken, seier fabrikksjef Roar Ørn."
    )
    assert _quotes(text)["Roar Ørn"][0].startswith("I dag er eg stolt")


def test_a_speaker_called_by_the_given_names_of_a_full_name_is_that_person():
    text = (
        "Stiftelsen\n\nPer Richard Johansen og Roar Snippen står bak stiftelsen.\n\n"
        "– Det har kome inn meir pengar enn eg trudde var mogleg, seier Per Richard."
    )
    assert _quotes(text)["Per Richard Johansen"] == [
        "Det har kome inn meir pengar enn eg trudde var mogleg"
    ]


def test_a_hyphen_quote_that_goes_on_after_its_attribution_in_the_same_paragraph():
    text = (
        "Pris\n\nFjordkraft vann prisen. - Vi vil løfte fram gode bedrifter, seier direktør "
        "Marit Vang. - Her er Fjordkraft eit godt døme."
    )
    assert _quotes(text)["Marit Vang"][0] == "Vi vil løfte fram gode bedrifter"


def test_a_paragraph_naming_one_person_that_ends_on_them_by_pronoun_gives_the_next_quote():
    ends_on_her = (
        "Miljø\n\n– Vi kastar for mykje, seier Kari Ulla.\n\nSå lenge ho kan hugse har Ulla "
        "vore oppteken av miljøet. Ho lever sjølv utan avfall.\n\n– Då eg flytta til London, "
        "oppdaga eg at sentrum var utan bosspann."
    )
    assert len(_quotes(ends_on_her)["Kari Ulla"]) == 2
    moves_on = ends_on_her.replace(
        "Ho lever sjølv utan avfall.", "Butikken har opna ei ny avdeling."
    )
    assert len(_quotes(moves_on)["Kari Ulla"]) == 1


def test_an_attribution_passes_over_the_stop_of_a_web_address():
    text = "Laks\n\n– Vi er svært godt nøgde med resultatet, seier dagleg leiar Ingrid Kassen til NRK.no."
    assert _quotes(text)["Ingrid Kassen"] == ["Vi er svært godt nøgde med resultatet"]


def test_the_person_who_is_the_subject_of_the_paragraph_before_a_dash_quote_says_it():
    text = (
        "Vindkraft\n\n– Vi har ikkje følgt opp avtalen, seier ordførar Ola Bakken i Fjellvik "
        "kommune.\n\nSjølv om utbyggjaren har vore lite synleg, trekkjer Bakken fram at "
        "Vindkraft AS har følgt opp grunneigarane.\n\n– Dei har vore flinke til å gå i dialog "
        "med reindrifta.\n\nRedaktør i Fjellposten, Kari Sætre, er nøgd med å få inn Per Dal "
        "som styreleiar.\n\n– Per har ein svært spennande bakgrunn frå næringslivet."
    )
    quotes = _quotes(text)
    assert quotes["Ola Bakken"][-1].startswith("Dei har vore flinke")
    assert quotes["Kari Sætre"] == ["Per har ein svært spennande bakgrunn frå næringslivet."]
    assert not quotes.get("Per Dal")


def test_hyphen_sentences_in_a_run_with_a_hyphen_quote_go_on_with_it():
    text = (
        "Fisk\n\nDirektør Kari Vik sa dette i høyringa:\n\n- Vi har 500 arbeidsplassar langs "
        "kysten. Vi kjøper frå 600 båtar, sa direktøren.\n\n- Verdikjeda for sjømat må henge "
        "godt saman, og det må vere mindre styring.\n\n- Når det gjeld leveringsplikta er det "
        "positivt, for då kan fisken landast der verdien er størst."
    )
    assert len(_quotes(text)["Kari Vik"]) == 3
    a_list = (
        "Tiltak\n\nKommunen vil gjere dette:\n\n- Kutte utslepp.\n\n- Byggje fleire sykkelvegar."
    )
    assert not any(_quotes(a_list).values())


def test_a_definite_title_as_the_subject_before_a_dash_quote_is_the_person_so_titled():
    text = (
        "Møte\n\nOrdførar Kari Svinvik opna møtet.\n\nEtter ei innleiing frå rådgjevar Ola "
        "Haugen slo ordføraren fast at saka er viktig.\n\n– Vi må tenkje globalt og handle "
        "lokalt."
    )
    assert _quotes(text)["Kari Svinvik"] == ["Vi må tenkje globalt og handle lokalt."]
    caption = text.replace(
        "– Vi må tenkje globalt og handle lokalt.", "- MØTTE: Ordførar Kari Svinvik."
    )
    assert not _quotes(caption).get("Kari Svinvik")


def test_an_attribution_inside_a_paragraph_passes_the_stops_of_an_abbreviated_title():
    text = (
        "Pris\n\nFjordlaks vann prisen. - Vi vil løfte fram gode bedrifter, sier adm. direktør "
        "i Vestkysten Næringsråd Mari Vang. - Her er Fjordlaks eit forbilde."
    )
    assert _quotes(text)["Mari Vang"][0] == "Vi vil løfte fram gode bedrifter"


def test_sier_han_after_a_paragraph_where_someone_speaks_is_theirs_not_the_last_named():
    profile = process_text(
        "Media\n\nStyreleder Jon Hippe sier styret vil takke Per Nordstrøm for en lang innsats "
        "for A-pressen.\n\n– I hans periode som konsernsjef har A-pressen gjennomgått store "
        "omstillinger, sier han."
    )
    people = {p.name: p for p in profile.people}
    assert [q.text for q in people["Jon Hippe"].quotes] == [
        "I hans periode som konsernsjef har A-pressen gjennomgått store omstillinger"
    ]
    assert people["Per Nordstrøm"].quotes == []
    assert people["Per Nordstrøm"].title is None  # "sier styret vil takke": no title


@pytest.mark.parametrize(
    "between",
    [
        "Men ifølge han betyr ikke det at bedriften priser seg lavere enn før.",
        "Ifølgje henne har prisane halde seg stabile.",
    ],
)
def test_a_paragraph_of_what_someone_says_by_ifolge_gives_the_next_quote(between):
    """ "Men ifølge han betyr ikke det ..." reports the last speaker's words; the dash quote
    after it is theirs too."""
    text = (
        "Pris\n\n- Vi merker det gjennom usikkerhet, svarer Per Mork.\n\n"
        f"{between}\n\n- Vi forsøker å prise riktig."
    )
    if "henne" in between:
        text = text.replace("Per Mork", "Kari Mork")
    assert len(next(iter(_quotes(text).values()))) == 2


def test_a_speaker_goes_on_after_a_colon_and_a_dash():
    text = (
        "MOT\n\nDirektør for kvalitet i Fjordbåt ASA, May Kristin Salberg, er fornøyd.\n\n"
        "– Vi tar samfunnsansvaret på alvor, understreker Salberg: – Etter hvert kommer de ut "
        "i arbeidslivet."
    )
    assert _quotes(text)["May Kristin Salberg"] == [
        "Vi tar samfunnsansvaret på alvor",
        "Etter hvert kommer de ut i arbeidslivet.",
    ]


def test_a_dash_after_the_attribution_in_the_same_paragraph_opens_the_next_quote():
    """ "– A, sier Olsen. – B.": B is Olsen's too; "– A, sier Olsen. – B, sier Hansen.": A is
    Olsen's and B is Hansen's, not both Hansen's."""
    same = (
        "Ny plattform i Molde\n\n– Det å hjelpe andre gjer oss glade, sier rådgiver Anne Olsen. "
        "– God helse er meir enn fråvær av sjukdom."
    )
    assert _quotes(same)["Anne Olsen"] == [
        "Det å hjelpe andre gjer oss glade",
        "God helse er meir enn fråvær av sjukdom.",
    ]
    two = (
        "Ny plattform i Molde\n\n– Det å hjelpe andre gjer oss glade, sier rådgiver Anne Olsen. "
        "– God helse er viktig, sier lege Per Hansen."
    )
    assert _quotes(two) == {
        "Anne Olsen": ["Det å hjelpe andre gjer oss glade"],
        "Per Hansen": ["God helse er viktig"],
    }


def test_a_hyphen_quote_handed_on_with_a_colon_goes_on_past_a_short_subheading():
    """ "- ..., seier Lunde og legg til:" then "- Det trur eg ...": the next hyphen paragraph
    is the same speaker's, though a short hyphen subheading follows it (no list)."""
    text = (
        "Verftet tapte kontrakten\n\nKonsernsjef Gunn Lunde i Fjordverft AS er likevel nøgd.\n\n"
        "- Eg meiner det er bra for regionen at kontrakten blei her, seier Lunde og legg til:\n\n"
        "- Det trur eg alle dei tilsette gler seg over.\n\n- Tenkje på heile regionen\n\n"
        "Lunde meiner klynga står sterkt."
    )
    assert _quotes(text)["Gunn Lunde"] == [
        "Eg meiner det er bra for regionen at kontrakten blei her",
        "Det trur eg alle dei tilsette gler seg over.",
    ]


def test_an_interviewers_questions_in_one_dash_paragraph_are_no_quote():
    """ "– Hva synes du om tiltakene? Har alle noe å gå på?" asks twice: the interviewer's, and
    the answer after it is the interviewee's."""
    text = (
        "Rangeringa\n\nPoengsystemet er laget av Håkon Lind i Miljøforum.\n\n"
        "– Hva synes du om tiltakene? Har alle noe å gå på?\n\n"
        "– Ja, alle kan bli bedre. Skolen har mye å hente på energi, sier Lind."
    )
    assert _quotes(text)["Håkon Lind"] == [
        "Ja, alle kan bli bedre. Skolen har mye å hente på energi"
    ]


def test_the_subject_of_the_paragraph_that_hands_over_with_a_colon_speaks():
    """ "Kari Lund, konsernsjef i X, delte ut prisen til Per Dahl, med følgende begrunnelse:"
    then "– ...": the subject speaks, not the other person named; and "meieriet" ending the
    headline opens no name on the next line."""
    text = (
        "Pris til meieriet\n\nKari Lund, konsernsjef i Fjordgruppen, delte ut prisen til "
        "meieribestyrer Per Dahl, med følgende begrunnelse:\n\n"
        "– Prisen går i år til en leverandør som tar vare på gamle mattradisjoner."
    )
    assert _quotes(text) == {
        "Kari Lund": ["Prisen går i år til en leverandør som tar vare på gamle mattradisjoner."],
        "Per Dahl": [],
    }


def test_an_attribution_with_a_comma_typed_against_the_verb_or_a_clause_after_it():
    """ "...kompetanse,seier X." (no space after the comma) and "..., sa fylkesordføraren, før
    han klipte snora 11. november." (a clause after the attribution) are attributions."""
    typed = "Skulen\n\n– Vi blir heile tida utfordra på kompetansen,seier rektor Bjørn Tveit."
    assert _quotes(typed)["Bjørn Tveit"] == ["Vi blir heile tida utfordra på kompetansen"]
    clause = (
        "Nytt bygg\n\nSaksa var bytta ut med eld då fylkesordførar Jon Lie opna nybygget. "
        "Fysikar Per Dal opna vitensenteret.\n\n– Vi er i det beste bygget i fylket, sa "
        "fylkesordføraren, før han klipte snora 11. november."
    )
    assert _quotes(clause) == {"Jon Lie": ["Vi er i det beste bygget i fylket"], "Per Dal": []}
    opened = (
        "Møtet\n\nKronprins Haakon opna møtet i Oslo. «Eg vel mål nummer 1», innleidde "
        "kronprinsen etter at han var beden om å velje eit mål."
    )
    assert _quotes(opened)["Haakon"] == ["Eg vel mål nummer 1"]


def test_a_stop_typed_twice_and_a_caption_label_before_the_dash():
    """ "..., sier Thorsrud. ." (a stop typed twice) and "Målblomen til X: - Selskapet er ...,
    seier Y." (a caption's label hands over to the dash) are quotes."""
    twice = "Kundar\n\n– Dei fleste kundane våre jobbar seriøst med prinsippa, sier Tor Thorsrud. ."
    assert _quotes(twice)["Tor Thorsrud"] == [
        "Dei fleste kundane våre jobbar seriøst med prinsippa"
    ]
    label = (
        "Pris\n\nMålblomen til Runde Miljøsenter: - Selskapet er ein viktig språkaktør, seier "
        "mållagsleiar Kari Vik. Frå venstre Per Dal og Kari Vik."
    )
    assert _quotes(label)["Kari Vik"] == ["Selskapet er ein viktig språkaktør"]


def test_a_definite_title_and_whose_it_is_names_the_speaker():
    """ "..., påpeikar leiaren av Solkraft.": the definite title, then whose, is the person
    named last with that title, not the one named last."""
    text = (
        "Straum\n\nPer Dal, leiar av Solkraft, har lagt fram ein plan. Direktør Kari Vik i "
        "Fjordkraft meiner planen kjem i tide. Planen har fått mykje merksemd.\n\n"
        "– Solceller og varmepumper gjer huset til ein energiprodusent, påpeikar leiaren av "
        "Solkraft."
    )
    quotes = _quotes(text)
    assert quotes["Per Dal"] == ["Solceller og varmepumper gjer huset til ein energiprodusent"]


def test_a_pronoun_before_a_speech_verb_and_a_colon_is_the_person_it_refers_to():
    text = (
        "Rapport\n\nElisabeth Wang er rådgiver i Fjordsoft, og Per Dahl leder styret.\n\n"
        "Hun sier: «Rapporten er en start.»"
    )
    quotes = _quotes(text)
    assert quotes["Elisabeth Wang"] == ["Rapporten er en start."]
    assert quotes["Per Dahl"] == []


@pytest.mark.parametrize("opening", ["«Vi er stolte av dette.»", "– Vi er stolte av dette"])
def test_a_line_opening_with_the_speech_verb_attributes_the_quotation_above_it(opening):
    text = f"Reiseliv\n\n{opening}\nsier en fornøyd ordfører Hilde Nes i Nordfjell kommune."
    assert _quotes(text)["Hilde Nes"][0].startswith("Vi er stolte av dette")


def test_an_interviews_answers_are_the_person_its_fact_box_presents():
    text = (
        "Fem spørsmål\n\nNavn: Erlend Berg\nStilling: Konserndirektør\nArbeidsgiver: "
        "Fjordkraftverk AS\n\n– Korleis har våren vore?\n– Det har vore ein krevjande vår.\n\n"
        "– Kva trur du om framtida?\n– Eg trur det blir meir fornybar energi."
    )
    assert _quotes(text)["Erlend Berg"] == [
        "Det har vore ein krevjande vår.",
        "Eg trur det blir meir fornybar energi.",
    ]
    company = text.replace("Stilling: Konserndirektør\nArbeidsgiver: Fjordkraftverk AS", "")
    assert _quotes(company).get("Erlend Berg", []) == []  # no box of a person: no subject


@pytest.mark.parametrize(
    ("text", "speaker", "quotes"),
    [
        pytest.param(
            "Hotell\n\n– Heilt fantastisk besøk, stråler Knut Lid, eigar av Fjordhotellet.",
            "Knut Lid",
            ["Heilt fantastisk besøk"],
            id="a-verb-of-delight",
        ),
        pytest.param(
            "Rapport\n\n“Skipsfarten kan bidra,” sier Dr. Maria Lie, prosjektleder for "
            "rapporten. “Det er ingen tid å miste.”",
            "Maria Lie",
            ["Skipsfarten kan bidra", "Det er ingen tid å miste."],
            id="an-abbreviated-title-then-a-second-quotation",
        ),
        pytest.param(
            "Kyst\n\nDet er utenfor ring to at verdiskapingen i Norge skjer, mener Kari "
            "Rokkan.\n\n– Man kan "
            "se på forsøplingen som en stein som ruller ned igjen.",
            "Kari Rokkan",
            ["Man kan se på forsøplingen som en stein som ruller ned igjen."],
            id="a-paragraph-attributed-to-them-hands-over",
        ),
        pytest.param(
            "Kraft\n\nAnders Moll leier Luster Energi.\n\nUtsiktene for 2014 er ikkje like "
            "gode. Dei gode inntektene som mange kraftselskap hadde i 2013 vil gå noko ned i "
            "år, trur Moll.\n\n– Generelt blir inntektene lågare i år.",
            "Anders Moll",
            ["Generelt blir inntektene lågare i år."],
            id="a-paragraph-attributed-to-them-by-surname-hands-over",
        ),
        pytest.param(
            "Prisen\n\n– Eg har berre gjort mitt beste, svara Jarle Vik.",
            "Jarle Vik",
            ["Eg har berre gjort mitt beste"],
            id="answered-in-nynorsk",
        ),
        pytest.param(
            "Kraftlag\n\n– Jo mindre, jo betre, sa dagleg leiar Kristoffer Vannes på eit møte.",
            "Kristoffer Vannes",
            ["Jo mindre, jo betre"],
            id="a-given-name-that-ends-in-a-common-word",
        ),
        pytest.param(
            "Ny tråler\n\nBåten skal eigast av Sindre Hovda, som er dagleg leiar, og av "
            "brørne Atle Hovda og Jon Hovda.\n\n– Vi skal på makrellfiske i haust, seier Hovda.",
            "Sindre Hovda",
            ["Vi skal på makrellfiske i haust"],
            id="a-surname-several-share-is-the-one-introduced-first",
        ),
        pytest.param(
            "Avtale\n\n– Dette samarbeidet gir oss mykje! seier Marte Vollan, leiar for "
            "Fagrådet. No startar arbeidet med planen.",
            "Marte Vollan",
            ["Dette samarbeidet gir oss mykje!"],
            id="an-exclamation-for-the-comma-and-the-paragraph-goes-on",
        ),
        pytest.param(
            "Kafé\n\nPetter Lund driv kafeen på kaia.\n\n– Eg har aldri sett så mange gjester "
            "ein laurdag, seier Lund, og prøver å minnast kva Kari Holm spelte på opninga.",
            "Petter Lund",
            ["Eg har aldri sett så mange gjester ein laurdag"],
            id="the-name-the-attribution-gives-first-speaks",
        ),
        pytest.param(
            "Vegvedtak\n\nEtter ein lang debatt vann forslaget. – Vi har framleis mykje arbeid "
            "att, seier ordføraren.\n\nHeradsstyret møttest i går.\n\n– No må vi sjå "
            "framover, seier ordførar Jon Lid (Sp).",
            "Jon Lid",
            ["Vi har framleis mykje arbeid att", "No må vi sjå framover"],
            id="a-definite-title-before-its-holder-is-named",
        ),
    ],
)
def test_attributions_read_on_real_pages(text, speaker, quotes):
    assert _quotes(text).get(speaker) == quotes


def test_a_colon_paragraph_about_her_hands_the_word_to_her_not_to_the_last_speaker():
    text = (
        "Hotell\n\n– Heilt fantastisk besøk, seier Knut Lid, eigar av Fjordhotellet.\n\n"
        "Sol var det også der hotelleigar Iris Fjell var i juli.\n\n"
        "Men no er ho heime att og har fått ei oppsummering av sommaren:\n\n"
        "– Det har vore hektiske dagar på hotellet."
    )
    quotes = _quotes(text)
    assert quotes["Iris Fjell"] == ["Det har vore hektiske dagar på hotellet."]
    assert quotes["Knut Lid"] == ["Heilt fantastisk besøk"]


def test_an_attribution_never_runs_across_a_blank_line():
    # a heading that ends in a speech verb and its subject, then a paragraph that opens
    # with a name: no speaker
    text = (
        "Nettverket\n\nDette svarte bedriftene\n\nFjordposten Nord stilte alle fem de samme "
        "spørsmålene.\n\n– Vi kutter utslippene, svarte Kari Lie."
    )
    quotes = _quotes(text)
    assert "Fjordposten Nord" not in quotes
    assert quotes["Kari Lie"] == ["Vi kutter utslippene"]


def test_a_name_with_an_initial_is_the_person_named_in_full():
    text = (
        "Bygg\n\n– Vi må rehabilitere mer, sier Bård S. Lien i Norconsult.\n\n"
        "Bård Sverre Lien har jobbet med bygg i tjue år.\n\n"
        "– Bransjen står for mye av utslippene, sier Lien."
    )
    quotes = _quotes(text)
    assert "Bård S. Lien" not in quotes
    assert quotes["Bård Sverre Lien"] == [
        "Vi må rehabilitere mer",
        "Bransjen står for mye av utslippene",
    ]


def test_abbreviations_in_a_list_of_party_brackets_are_parties():
    text = (
        "Bystyret\n\nDesse sit i formannskapet: Kari Brekke (Sp), Ola Vinje (A), Berit Sand (A), "
        "Trond Moe (MDG), Liv Eik (H), Jan Foss (BL) og Per Rustad (BL)."
    )
    profile = process_text(text)
    parties = {p.name: (p.party, p.organisation) for p in profile.people}
    assert parties["Ola Vinje"] == ("A", None)
    assert parties["Jan Foss"] == ("BL", None)
    assert not profile.organisations
    # one known party on the line: a bracket after another name is what it says
    alone = process_text("Møte\n\nOrdførar Per Olsen (Sp) og professor Kari Lie (NTNU) var der.")
    assert {p.name: p.party for p in alone.people} == {"Per Olsen": "Sp", "Kari Lie": None}


def test_a_local_party_heading_a_section_employs_no_one():
    text = (
        "Nytt bygg\n\nSykkylven Venstre\n\nLokallaget i Sykkylven jubla då løyvinga kom.\n\n"
        "– Dette er ein god dag for bygda, seier ordførarkandidat Hallvard Berg.\n\n"
        "Rektor Odd Rune Holm er også glad."
    )
    people = {p.name: p.organisation for p in process_text(text).people}
    assert people["Hallvard Berg"] is None  # his party, not whom he speaks for
    assert people["Odd Rune Holm"] is None


def test_two_people_named_with_the_speech_verb_both_say_the_quote():
    text = (
        "Kyststi\n\nPlanen kom frå Marit Sæbø i Florø og Geir Tangen i Bodø.\n\n"
        "– Vi trur stien blir brukt av mange, konstaterer Sæbø og Tangen."
    )
    quotes = _quotes(text)
    said = ["Vi trur stien blir brukt av mange"]
    assert quotes["Marit Sæbø"] == said
    assert quotes["Geir Tangen"] == said
    # "og" and a verb after the speaker names no second speaker
    alone = _quotes(
        "Bank\n\nKari Lie leder banken.\n\n– Vi er klare, sier Kari Lie og legger til mer."
    )
    assert alone == {"Kari Lie": ["Vi er klare"]}


def test_a_capitalised_hyphenated_word_or_an_acronym_before_a_dash_is_no_dateline():
    """ "BERGEN (NTB) – ..." opens a quote after its dateline; a name in capitals with a
    hyphen, or an acronym and a dash before a title, opens none."""
    quotes = _quotes(
        "Plakaten\n\nFUTURE-PROOF plakaten er ein avtale mellom bedrifter, sier Olav Pedersen.\n\n"
        "ERC – Integrering av vaksne innvandrarar, sier Kari Lie."
    )
    assert quotes.get("Olav Pedersen", []) == []
    assert quotes.get("Kari Lie", []) == []


def test_a_photos_caption_between_a_quote_and_its_continuation_keeps_the_speaker():
    """A caption long enough to stay in the text, with its photo credit, stands where the
    photo stands; the dash paragraph after it goes on with the quote before it."""
    quotes = _quotes(
        "Skulen\n\n– Elevane har fått ein ny plass å vere, seier rektor Nina Bø.\n\n"
        "Rektor Nina Bø i skulegarden saman med elevrådet, som har vore med på å planleggje "
        "den nye uteplassen sidan i haust, og som no gler seg til sommaren. Foto: Per Dal\n\n"
        "– Samstundes er det viktig at dei har ei fritid også."
    )
    assert quotes["Nina Bø"] == [
        "Elevane har fått ein ny plass å vere",
        "Samstundes er det viktig at dei har ei fritid også.",
    ]


def test_an_interviewers_dash_question_hands_the_word_to_the_last_one_quoted():
    """An interview's question in a dash paragraph after two paragraphs of narrative: the
    answer is the last speaker's; a question without a dash (a section's, as a company's
    page asks it) hands the word to no one."""
    story = (
        "Festivalen\n\n– Det er helt fantastisk, sier markedsansvarlig Rita Nord.\n\n"
        "Festivalen har solgt 20 000 billetter i år.\n\n"
        "Arrangøren venter fullt hus på fredag, og vaktene er klare.\n\n"
        "{}Hva betyr salget for festivalen?\n\n– Det gir oss trygghet fremover."
    )
    asked = _quotes(story.format("– "))
    assert asked["Rita Nord"] == ["Det er helt fantastisk", "Det gir oss trygghet fremover."]
    undashed = _quotes(story.format(""))
    assert undashed["Rita Nord"] == ["Det er helt fantastisk"]


def test_words_in_guillemets_after_said_that_are_the_one_named_speakers():
    """ "Kari Lie, leiar i X, uttalte til avisa fredag at «...»": a partial quotation in
    reported speech is the one person named before the verb's; with two named, no one's."""
    one = _quotes(
        "Politiet\n\nKari Lie, leiar i Vest politidistrikt, uttalte til Fjordingen fredag at "
        "«det ikkje er vanleg å sende patruljer til slike hendingar»."
    )
    assert one["Kari Lie"] == ["det ikkje er vanleg å sende patruljer til slike hendingar"]
    two = _quotes(
        "Politiet\n\nKari Lie og Per Dal sa til Fjordingen fredag at «dette er ikkje vanleg»."
    )
    assert all(quotes == [] for quotes in two.values())


def test_a_short_dash_line_without_a_stop_is_a_subheading_not_a_quote():
    """ "– Ta skulen i bruk" between paragraphs: a subheading quoting the story, not a quote
    going on from the last speaker; the same words with the attribution on the next line are
    a quote."""
    quotes = _quotes(
        "Skulen\n\n– Vi er glade for den nye skulen, seier rektor Kari Dal.\n\n– Ta skulen i bruk"
        "\n\nElevane har flytta inn i dei nye klasseromma."
    )
    assert quotes["Kari Dal"] == ["Vi er glade for den nye skulen"]


def test_the_one_told_after_til_is_no_speaker():
    """ "seier han til Neste Klikk": the name after "til" is the paper told, not someone
    speaking; the quote is the one "han" points back to."""
    quotes = _quotes(
        "Butikk\n\nBirger Lunde er butikksjef i Volda.\n\nHan meiner at skilta skal vere på "
        "nynorsk.\n\n- Nynorsk er språket vårt, seier han til Neste Klikk."
    )
    assert quotes == {"Birger Lunde": ["Nynorsk er språket vårt"]}


def test_a_figure_dash_or_a_horizontal_bar_opens_a_quote():
    """ "‒ Det var i pinsa, fortel X." (U+2012) and "― ..." (U+2015): rare dashes pages use
    for the quote dash read as the en and em dash, in plain text and in HTML."""
    from pipeline.html.text import normalise

    quotes = _quotes(
        "Laks\n\nØyvind Lerø er serviceleiar i Lingalaks.\n\n\u2012 Det var i pinsa vi fekk "
        "påvist sjukdomen, fortel serviceleiar Øyvind Lerø.\n\n\u2015 Som menneskemat er det "
        "ufarleg, fortel han."
    )
    assert quotes["Øyvind Lerø"] == [
        "Det var i pinsa vi fekk påvist sjukdomen",
        "Som menneskemat er det ufarleg",
    ]
    assert normalise("\u2012 Ja,  sa han.") == "\u2013 Ja, sa han."


def test_a_note_in_brackets_after_the_attribution_keeps_the_quote():
    """ "..., seier X til Grenda. (Artikkelen er berre publisert på papir.)": the paragraph
    goes on after the attribution with a note in brackets."""
    quotes = _quotes(
        "Laks\n\n– Dette er det tredje anlegget vi opnar, seier Willy Berg, administrerande "
        "direktør i Lerøy Sjøtroll til Grenda. (Artikkelen er berre publisert på papir.)"
    )
    assert quotes == {"Willy Berg": ["Dette er det tredje anlegget vi opnar"]}


def test_two_speakers_with_titles_and_parties_both_say_the_quote():
    """ "seier ordførar X (Sp) og kommunestyremedlem Y (Ap).": a title before and a party
    after each name; a verb before the second name ("og takker Per Dal") names no speaker."""
    quotes = _quotes(
        "Kommune\n\n– Me er svært glade for pengane, seier ordførar Siri Dyrlie (Sp) og "
        "kommunestyremedlem Karin Haug (Ap)."
    )
    assert quotes["Siri Dyrlie"] == quotes["Karin Haug"] == ["Me er svært glade for pengane"]
    alone = _quotes(
        "Bank\n\nKari Lie leder banken. Per Dal er kunde.\n\n– Vi er klare, sier Kari Lie og "
        "takker Per Dal."
    )
    assert alone["Kari Lie"] == ["Vi er klare"] and alone["Per Dal"] == []


def test_one_word_in_quotation_marks_after_a_colon_is_no_quote():
    """ "for prosjektet: «Venteromskultur»": a single word in marks after a colon names a
    project or a title; it is nobody's statement."""
    quotes = _quotes(
        "Pris\n\nÅrets vinnar ble William Tomas Midtun ved Randaberg vidaregåande skole for "
        "prosjektet: «Venteromskultur». Prosjektet handlar om venterom."
    )
    assert not quotes.get("William Tomas Midtun")


def test_a_speech_patterns_name_that_opens_with_a_place_is_the_person_named_after_it():
    import spacy
    from spacy.tokens import Span

    from pipeline.entities import PERSON_SPANS
    from pipeline.people.speakers import _named_after_a_place

    doc = spacy.blank("nb")("– Vi er nøgde, sa fylkesordførar i Hordaland Kari Lie Vangen.")
    doc.spans[PERSON_SPANS] = [Span(doc, 9, 12, label="PER")]  # "Kari Lie Vangen"
    start = doc.text.index("Hordaland")
    assert _named_after_a_place(doc, "Hordaland Kari Lie Vangen", start) == (
        "Kari Lie Vangen",
        doc.text.index("Kari"),
    )
    # words before the name that are no place's keep the pattern's name
    other = doc.text.index("i Hordaland")
    assert _named_after_a_place(doc, "i Hordaland Kari Lie Vangen", other) is None


def test_a_speaker_named_by_their_age_is_the_person_named_before_the_quote():
    quotes = _quotes(
        "Rektorval\n\nMasterstudent Morten Svinland ved Høgskolen i Molde er ein av to søkjarar "
        "til jobben. – Eg er realistisk, men det kan bli spennande, seier 28-åringen."
    )
    assert quotes["Morten Svinland"] == ["Eg er realistisk, men det kan bli spennande"]
