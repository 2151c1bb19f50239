"""Goal forms of issue 25 on text the project wrote: "FNs mål nr. N" followed by the goal's
UN statement in English, which pages quote instead of a Norwegian name."""

from __future__ import annotations

import pytest

from pipeline.nlp import shipped_model_path
from pipeline.run import process_text

pytestmark = pytest.mark.skipif(shipped_model_path() is None, reason="no shipped model here")


@pytest.mark.parametrize(
    ("statement", "goal"),
    [
        ("«Ensure healthy lives and promote well-being for all at all ages»", 3),
        ("«Take urgent action to combat climate change and its impacts»", 13),
        (
            '"Build resilient infrastructure, promote inclusive and sustainable industrialization"',
            9,
        ),
    ],
)
def test_a_goal_number_followed_by_its_un_statement_is_that_goal(statement, goal):
    text = f"Våre mål\n\nHavkraft AS jobber med FNs mål nr. {goal}: {statement}."
    profile = process_text(text)
    assert [(m.number, m.method) for m in profile.sdgs] == [(goal, "explicit")]
    assert [m.number for m in profile.organisations[0].sdgs] == [goal]


def test_a_goal_number_followed_by_another_goals_statement_is_not_confirmed():
    text = (
        "Våre mål\n\nHavkraft AS jobber med mål 4: «Take urgent action to combat climate change»."
    )
    assert 4 not in {m.number for m in process_text(text).sdgs}


def _explicit_owners(text: str) -> set[tuple[int, str | None]]:
    """(goal, owner) of each goal the text names explicitly."""
    return {(m.number, m.organisation) for m in process_text(text).sdgs if m.method == "explicit"}


def _explicit(text: str) -> set[int]:
    return {m.number for m in process_text(text).sdgs if m.method == "explicit"}


def _owners(text: str) -> dict[int, set[str | None]]:
    owners: dict[int, set[str | None]] = {}
    for mention in process_text(text).sdgs:
        owners.setdefault(mention.number, set()).add(mention.organisation)
    return owners


def test_a_self_presenting_page_owns_the_goals_no_sentence_gives_away():
    text = (
        "Slik jobber vi\n\nVi i Nordkyst Sparebank har vært en lokal bank i hundre år. "
        "Vi samarbeider med Vadsø kommune.\n\nSatsingen mot bedriftsmarkedet er knyttet "
        "til bærekraftsmål 8 og 9."
    )
    assert _owners(text) == {8: {"Nordkyst Sparebank"}, 9: {"Nordkyst Sparebank"}}


def test_goals_listed_under_an_introduction_with_descriptions_between_share_its_owner():
    text = (
        "Våre mål\n\nHavnett Helgeland har ambisjoner om å bidra til disse av FNs "
        "bærekraftsmål:\n\nMål 8:\n\nAnstendig arbeid og økonomisk vekst\nFremme varig vekst "
        "for alle.\n\nMål 14:\n\nLivet i havet\nBevare havet og de marine ressursene."
    )
    assert _owners(text) == {8: {"Havnett Helgeland"}, 14: {"Havnett Helgeland"}}


def test_a_subject_name_the_parser_split_still_owns_the_goal():
    text = (
        "Strategi\n\nBasert på FNs bærekraftsmål 8 og 12 har Sparebanken Nordvest følgende "
        "strategiske mål for perioden:"
    )
    assert _owners(text) == {8: {"Sparebanken Nordvest"}, 12: {"Sparebanken Nordvest"}}


def test_each_owner_and_title_says_which_rule_gave_it():
    profile = process_text(
        "Nytt i Nordkyst\n\nGrønnbygg AS bidrar til bærekraftsmål 12. Ifølge ordfører i "
        "Vadsø kommune, Per Moe, er dette viktig."
    )
    goal = next(m for m in profile.sdgs if m.number == 12)
    assert (goal.organisation, goal.owner_rule) == ("Grønnbygg AS", "claim_subject")
    person = next(p for p in profile.people if p.name == "Per Moe")
    assert (person.title, person.title_rule) == ("ordfører", "title_in_apposition")


def test_a_page_declares_its_publisher():
    from pipeline.nlp import load_pipeline
    from pipeline.parse import parse_bytes
    from pipeline.run import profile_article

    page = (
        "<html><head><title>Bærekraft</title>"
        '<meta property="og:site_name" content="Fjellbakst"></head><body><article>'
        "<h1>Bærekraft</h1><p>Fjellbakst AS baker brød i Bergen, og kundene er Norsk Mel AS "
        "og Bergen kommune sine kantiner.</p><p>Vi har valgt å jobbe med bærekraftsmål 2 og "
        "bærekraftsmål 12.</p></article></body></html>"
    ).encode()
    article = parse_bytes(page, "fjellbakst.html", content_type="text/html")
    assert article.publisher == "Fjellbakst"
    assert profile_article(article, load_pipeline()).article.publisher == "Fjellbakst"


def test_a_pages_we_is_its_declared_publisher_unless_the_page_is_news():
    from pipeline.nlp import load_pipeline
    from pipeline.parse import parse_bytes
    from pipeline.run import profile_article

    def owners(site: str, news: bool = False) -> set[tuple[int, str | None]]:
        ld = (
            '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "B"}</script>'
            if news
            else ""
        )
        page = (
            f'<html><head><title>Bærekraft</title><meta property="og:site_name" content="{site}">'
            f"{ld}</head><body><article><h1>Bærekraft</h1><p>Norsk Mel AS leverer melet vårt, "
            "og Bergen kommune kjøper brødet til kantinene.</p><h2>FNs bærekraftsmål</h2><p>Vi "
            "har valgt å jobbe med bærekraftsmål 2 og bærekraftsmål 12.</p><p>Ta kontakt med "
            "Fjellbakst på telefon for å høre mer.</p></article></body></html>"
        ).encode()
        article = parse_bytes(page, "fjellbakst.html", content_type="text/html")
        profile = profile_article(article, load_pipeline())
        return {(m.number, m.organisation) for m in profile.sdgs if m.method == "explicit"}

    assert owners("Fjellbakst") == {(2, "Fjellbakst"), (12, "Fjellbakst")}
    # a news article's publisher is its newsroom; a publisher the text never names is no voice
    assert "Fjellbakst" not in {owner for _, owner in owners("Fjellbakst", news=True)}
    assert "Kornbakst" not in {owner for _, owner in owners("Kornbakst")}


def test_a_list_of_goal_names_with_their_numbers_in_brackets():
    text = (
        "Rapporten\n\nBystyret i Fjellvik har valgt ut tre bærekraftsmål:\n\n"
        "• God utdanning (mål 4)\n• Livet på land ( mål 15)\n• Samarbeid for å nå målene (17)\n"
    )
    explicit = _explicit(text)
    assert explicit == {4, 15, 17}


def test_a_page_that_names_itself_in_camel_case_owns_its_goals():
    text = (
        "Om oss\n\nVi i HusVerk bygger boliger av tre, og vi samarbeider med Bergen "
        "Gjenvinning AS.\n\nVi har valgt bærekraftsmål 12 og bærekraftsmål 15."
    )
    owners = {(m.number, m.organisation) for m in process_text(text).sdgs}
    assert owners == {(12, "HusVerk"), (15, "HusVerk")}


def test_a_campaign_is_no_match_a_plain_goal_number_in_it_counts():
    text = (
        "Kampanje\n\nNettverket jobber for alle bærekraftsmålene. I kampanjen vil vi "
        "framheve mål 17 om samarbeid for å nå målene."
    )
    assert 17 in _explicit(text)


def test_numbered_goal_lines_in_the_pages_own_words_count_beside_named_ones():
    text = (
        "Våre mål\n\nVi i Veiteam AS har valgt disse bærekraftsmålene:\n\n"
        "3 – God helse og livskvalitet\n\n4 – God opplæring for alle\n\n"
        "10 – Mindre forskjeller\n\n11 – Bærekraftige byer og lokalsamfunn\n"
    )
    profile = process_text(text)
    assert sorted({m.number for m in profile.sdgs if m.method == "explicit"}) == [3, 4, 10, 11]


def test_a_numbered_plan_without_named_goals_has_no_goals():
    text = "Plan for 2026\n\n1. Innledning\n\n2. Bakgrunn for planen\n\n3. Tiltak for bedre helse\n"
    assert [m.number for m in process_text(text).sdgs if m.method == "explicit"] == []


def test_a_sentence_about_the_un_goals_between_claim_and_list_passes_the_owner_on():
    text = (
        "Våre bærekraftsmål\n\nTrebygg har valgt ut tre bærekraftsmål for vår virksomhet. "
        "FNs bærekraftsmål utgjør et rammeverk med 17 mål og 169 delmål fram mot 2030.\n\n"
        "Våre tre bærekraftsmål er følgende:\n\n"
        "  • Stoppe klimaendringene (bærekraftsmål 13)\n"
        "  • Ansvarlig forbruk og produksjon (bærekraftsmål 12)\n"
        "  • Likestilling mellom kjønnene (bærekraftsmål 5)\n"
    )
    explicit = {m.number: m.organisation for m in process_text(text).sdgs if m.method == "explicit"}
    assert explicit == {13: "Trebygg", 12: "Trebygg", 5: "Trebygg"}


def test_a_page_that_names_itself_twice_with_vi_paa_owns_its_goals():
    text = (
        "Miljø\n\nVi på Fjelltorget er opptatt av miljø.\n\n• Sertifisering\n• Energi\n\n"
        "Vi på Fjelltorget er opptatt av vårt ansvar. Vi ønsker å bidra til FNs bærekraftsmål "
        "nr. 4 – God utdanning, og har et samarbeid med Nordbank AS."
    )
    profile = process_text(text)
    assert [m.organisation for m in profile.sdgs if m.method == "explicit"] == ["Fjelltorget"]


def test_three_goal_names_listed_in_lower_case_are_named_goals():
    text = (
        "Nytt prosjekt\n\nGrønnprosjektet skal bidra til anstendig arbeid og økonomisk vekst, "
        "ansvarlig forbruk og produksjon, samt stoppe klimaendringene."
    )
    explicit = _explicit(text)
    assert explicit == {8, 12, 13}
    one = "Nytt prosjekt\n\nVi vil gjerne bidra til ansvarlig forbruk og produksjon i byen."
    assert not _explicit(one)


def test_a_goal_number_followed_by_its_official_norwegian_statement():
    text = (
        "Våre mål\n\nMuseet har valgt disse målene:\n\n"
        "Mål 9: Bygge robust infrastruktur og bidra til innovasjon.\n\n"
        "Mål 13: Handle umiddelbart for å bekjempe klimaendringene og konsekvensene av dem."
    )
    explicit = _explicit(text)
    assert explicit == {9, 13}


def test_each_organisation_and_employer_says_which_rule_found_it():
    text = (
        "Grønnbygg AS i Drammen bidrar til bærekraftsmål 7.\n\n– Vi kutter utslippene, sier "
        "daglig leder Kari Hansen i Grønnbygg AS.\n\nVi i Fjelltorp har valgt mål 12."
    )
    profile = process_text(text)
    assert {o.name: o.found_by for o in profile.organisations} == {
        "Grønnbygg AS": "legal",
        "Fjelltorp": "relation_proposal",
    }
    assert [(p.organisation, p.organisation_rule) for p in profile.people] == [
        ("Grønnbygg AS", "stated")
    ]
    assert profile.organisations[0].kind_rule == "legal"  # the candidate rule typed it
    typed = process_text("Ny avtale\n\nStatkraft og Fotballklubben Stjerne har signert.")
    assert {o.name: o.kind_rule for o in typed.organisations}.get("Statkraft") == "default_company"


def test_steps_numbered_inside_a_paragraph_are_no_goals():
    text = (
        "Slik gjør du det\n\nNår dere har valgt ut bærekraftsmålene, er det viktig å: "
        "1. Definere ambisjon og prioritere. 2. Implementere målene i organisasjonen. "
        "3. Bygge kompetanse."
    )
    assert [m.number for m in process_text(text).sdgs if m.method == "explicit"] == []
    goals = "Våre mål\n\nVi har valgt ut bærekraftsmål 1. Det er viktig. Og mål 2. Det er bra."
    assert _explicit(goals) == {1, 2}


def test_items_numbered_with_a_bracket_inside_a_paragraph_are_no_goals():
    """ "Klubbens 10 bærekraftsmål er: 1) Godt samhold, 2) trygg økonomi ...": the club's own
    list, numbered 1), 2), ...; only the UN goals named after it are goals."""
    text = (
        "Klubbens mål\n\nKlubbens 10 bærekraftsmål er: 1) Godt samhold, 2) trygg økonomi, "
        "3) frivillighet og 4) gode anlegg.\n\nVi har også valgt FNs mål 13, stoppe "
        "klimaendringene."
    )
    assert _explicit(text) == {13}
    listed = "Våre mål\n\nVåre bærekraftsmål er 3) God helse og 7) Ren energi for alle."
    assert _explicit(listed) == {3, 7}


def test_a_page_in_the_first_person_speaks_for_the_name_it_tells_acting_twice():
    """ "Hva gjør vi: • Kloke Hender jobber for ... • Kloke Hender tar ikke ...": a page that
    says "vi" and names one actor again and again is that actor's; the name is proposed."""
    text = (
        "Anstendig arbeid\n\nVi har valgt å jobbe med bærekraftsmål 8.\n\nHva gjør vi:\n\n"
        "• Kloke Hender jobber for like rettigheter for kjønnene.\n"
        "• Kloke Hender tar ikke oppdrag som går på tvers av anstendig arbeid."
    )
    profile = process_text(text)
    assert [(o.name, o.found_by) for o in profile.organisations] == [
        ("Kloke Hender", "relation_proposal")
    ]
    assert [(g.number, g.organisation) for g in profile.sdgs if g.method == "explicit"] == [
        (8, "Kloke Hender")
    ]


def test_a_page_that_introduces_itself_before_its_first_vi_speaks_for_it():
    text = (
        "Miljø og bærekraft\n\nNordvik Eiendom AS er opptatt av miljø og bærekraft! Vi har lagt "
        "FNs bærekraftsmål til grunn for arbeidet vårt.\n\nI Norge kastes mye inventar hvert år, "
        "viser tall fra NRK. Gjennom FNs bærekraftsmål nr. 12, Ansvarlig forbruk og produksjon, "
        "er målet å sikre bærekraftige forbruksmønstre. Vi håper du er med og støtter dette."
    )
    goals = [(g.number, g.organisation) for g in process_text(text).sdgs if g.method == "explicit"]
    assert goals == [(12, "Nordvik Eiendom AS")]


def test_a_goal_name_with_its_own_number_in_brackets_is_explicit():
    """ "likestilling mellom kjønnene (nr. 5)": lower case, but its number names it."""
    text = (
        "Våre mål\n\nSelskapet trekker frem tre av målene: God utdanning (nr. 4), likestilling "
        "mellom kjønnene (nr. 5) og stoppe klimaendringene (mål 13)."
    )
    assert _explicit(text) == {4, 5, 13}
    other = "Tiltak\n\nVi kutter utslipp (nr. 5 på lista) og sparer energi (7)."
    assert _explicit(other) == set()


def test_goal_words_each_with_a_number_list_goals_they_do_not_count_them():
    """ "Bærekraftsmål 8 Bærekraftsmål 11": a row of labels; "12 bærekraftsmål" is a count."""
    labels = "Samfunnsansvar\n\nBærekraftsmål 8 Bærekraftsmål 11 Bærekraftsmål 17\n\nMer tekst."
    assert _explicit(labels) == {8, 11, 17}
    count = "Samfunnsansvar\n\nVi har laget 12 bærekraftsmål for studentene."
    assert _explicit(count) == set()


def test_a_quote_closed_by_a_confirming_verb_is_attributed():
    """ "..., stadfestar Øyvind Ohr, salsjef i Istad kraft.": a speech verb of its own."""
    text = (
        "Straum\n\nFyllinga i magasina går ned. – Konsekvensen er at prisane blir svært høge, "
        "stadfestar Øyvind Ohr, salsjef i Istad Kraft AS."
    )
    people = process_text(text).people
    assert [(p.name, [q.text for q in p.quotes]) for p in people] == [
        ("Øyvind Ohr", ["Konsekvensen er at prisane blir svært høge"])
    ]


def test_goals_headed_with_their_author_still_go_to_the_page_that_chose_them():
    """ "FN bærekraftsmål 8: ..." as a heading names who wrote the goal, not who claims it;
    the page that says it chose them ("Derfor har vi valgt ut ...") owns them."""
    text = (
        "Bærekraft\n\nSom en av de største aktørene er Snøfonn Drift AS sitt ansvar bevisst. I 40 år "
        "har vi jobbet tett på kundene. Derfor har vi valgt ut to av FN sine bærekraftsmål.\n\n"
        "FN bærekraftsmål 8: anstendig arbeid og økonomisk vekst\n\nVi skaper gode jobber.\n\n"
        "FN bærekraftsmål 9: industri, innovasjon og infrastruktur\n\nVi bygger nytt."
    )
    owners = {m.number: m.organisation for m in process_text(text).sdgs if m.method == "explicit"}
    assert owners == {8: "Snøfonn Drift AS", 9: "Snøfonn Drift AS"}


def test_plain_goal_numbers_in_the_paragraph_after_a_list_of_goals_are_goals():
    """ "... FNs 17 bærekraftsmål. Vi satser på mål 9 og 11." then "I tillegg har vi valt
    fire mål ... Dette er mål 4, 5, 8 og 16.": the list goes on without a goal word."""
    text = (
        "Bærekraft\n\nVi berører mange av FNs 17 bærekraftsmål. Vi satser på mål 9 og 11.\n\n"
        "I tillegg har vi valgt fire mål som viser verdiene våre. Dette er mål 4, 5, 8 og 16."
    )
    found = _explicit(text)
    assert found == {4, 5, 8, 9, 11, 16}
    match = "Cup\n\nVi støtter FNs bærekraftsmål.\n\nLaget vant. Vi scoret mål 3 i andre omgang."
    assert _explicit(match) == set()


def test_a_list_introduced_by_an_organisations_judgement_in_the_genitive_is_its():
    text = (
        "Verdensmålene\n\nVi har sett på hvilke mål vi kan påvirke mest, sammen med Grønn "
        "Logistikk AS. Etter FjordPosts "
        "vurdering er de viktigste målene:\n\nfjordpost-ikon.png\n\n"
        "Mål 5: Likestilling mellom kjønnene\n\nVi ansetter bredt.\n\n"
        "Mål 8: Anstendig arbeid og økonomisk vekst\n\nVi betaler tariff."
    )
    owners = _explicit_owners(text)
    assert owners == {(5, "FjordPost"), (8, "FjordPost")}


def test_a_name_in_the_genitive_owning_the_introduction_is_proposed_even_if_read_as_a_place():
    text = (
        "Om oss\n\nGeolabens konsept bygger på geologi. Som et museum skal vi ha fokus på "
        "følgende mål:\n\nMål 9: Bygge robust infrastruktur. Fremme innovasjon.\n\n"
        "Mål 13: Handle umiddelbart for å bekjempe klimaendringene og konsekvensene av dem."
        "\n\nVi har åpent i Geolaben hver dag."
    )
    profile = process_text(text)
    owners = {(m.number, m.organisation) for m in profile.sdgs if m.method == "explicit"}
    assert owners == {(9, "Geolaben"), (13, "Geolaben")}
    assert "Geolaben" not in {p.name for p in profile.places}


def test_goal_headings_in_the_pages_own_words_count_beside_two_named_ones():
    text = (
        "Slik bidrar vi\n\nMål 5: Likestilling mellom kjønnene\n\nVi ansetter bredt.\n\n"
        "Mål 7: Bærekraftig energi\n\nVi bruker solkraft.\n\n"
        "Mål 8: Anstendig arbeid og økonomisk vekst\n\nVi betaler tariff.\n\nMål 11:\n\n"
        "Vi bygger i byen."
    )
    explicit = _explicit(text)
    assert explicit == {5, 7, 8, 11}
    one = "Slik bidrar vi\n\nMål 5: Likestilling mellom kjønnene\n\nMål 7: Bærekraftig energi"
    assert _explicit(one) == {5}


def test_a_page_headed_by_a_goal_belongs_to_the_one_organisation_it_tells_acting():
    text = (
        "Bærekraftsmål 12 - Ansvarlig forbruk og produksjon\n\nIKM vil bidra til FNs "
        "bærekraftsmål mot 2030.\n\nIKM har innført kildesortering og gjenbruk. IKM "
        "samarbeider med Frelsesarmeen om mat."
    )
    owners = _explicit_owners(text)
    assert owners == {(12, "IKM")}


def test_on_a_page_in_the_first_person_the_only_organisation_that_acts_is_its_voice():
    text = (
        "FN's bærekraftsmål, nr 3: helse\n\nFNs bærekraftsmål består av 17 mål.\n\n"
        "Fordi ikke alle kan sykle, gjør vi kollektivtilbudet bedre.\n\n"
        "Akershus KollektivTerminaler FKF har overtatt 900 holdeplasser. Bussene går til "
        "Oslo Bussterminal."
    )
    owners = _explicit_owners(text)
    assert owners == {(3, "Akershus KollektivTerminaler")}


def test_plain_goal_numbers_listed_right_after_a_paragraph_about_sustainability_are_goals():
    text = (
        "Klubben\n\nVi vil gjøre bærekraft til en naturlig del av driften.\n\n"
        "Vi i Fjellby FK vil de nærmeste årene legge fokus på målene 3, 5 og 12."
    )
    assert _explicit(text) == {3, 5, 12}
    one = "Klubben\n\nVi vil gjøre bærekraft til en del av driften.\n\nVi nådde målet 3 i fjor."
    assert not _explicit(one)


def test_a_goal_heading_with_its_name_on_the_next_line_heads_the_page():
    text = (
        "Berekraftsmål 17\n\nSamarbeid for å nå måla\n\nHelse Fonna HF samarbeider med mange "
        "aktørar.\n\nBergens Næringsråd arrangerer møta.\n\nHelse Fonna HF leier eit nettverk "
        "for klima. Helse Fonna HF er også med i Klimapartnere Vestland."
    )
    owners = _explicit_owners(text)
    assert owners == {(17, "Helse Fonna HF")}


def test_a_goal_number_with_a_hash_and_its_name_as_an_infinitive_is_that_goal():
    profile = process_text(
        "Mål\n\nSamarbeidet berører to av FNs bærekraftsmål som vi har valgt å fokusere på: "
        "#1 å utrydde fattigdom, og #13 å stoppe klimaendringene."
    )
    assert [(m.number, m.method) for m in profile.sdgs if m.method == "explicit"] == [
        (1, "explicit"),
        (13, "explicit"),
    ]


def test_a_goal_under_the_pages_own_possessive_is_the_pages_voices():
    profile = process_text(
        "Policy for mangfold i Fjordnett Norge\n\n"
        "1. Sikre at Fjordnett følger lovene og Norsk Standard sine krav.\n\n"
        "2. Synliggjøre våre intensjoner om å jobbe med FNs bærekraftsmål nr 5, "
        "likestilling mellom kjønnene og mål 8, anstendig arbeid og økonomisk vekst.\n\n"
        "3. Være signatar på Global Compacts prinsipper."
    )
    goals = {
        o.name: [g.number for g in o.sdgs if g.method == "explicit"] for o in profile.organisations
    }
    rules = {g.owner_rule for o in profile.organisations for g in o.sdgs if g.method == "explicit"}
    assert goals.get("Fjordnett Norge", goals.get("Fjordnett")) == [5, 8]
    assert rules == {"first_person_possessor"}


def test_a_ranking_of_goals_goes_on_after_etterfulgt_av():
    text = (
        "Rapport\n\nAv prosjektene våre har Havforsk mest aktivitet mot bærekraftsmål 9, 11 og "
        "14 etterfulgt av 12 og 13."
    )
    assert _explicit(text) == {9, 11, 12, 13, 14}


def test_goals_listed_before_any_other_organisation_is_named_are_the_opening_ones():
    """The page opens with one organisation, lists goals no sentence gives to anyone, and
    names its adviser only after the list."""
    text = (
        "Grønne obligasjoner\n\nNordkyst Sparebank har utarbeidet et rammeverk for grønne "
        "obligasjoner. Rammeverket støtter opp om FNs bærekraftsmål.\n\nAlle kvalifiserte "
        "utlån kan relateres til ett eller flere av følgende bærekraftsmål:\n\n7. Ren energi "
        "for alle\n\n13. Stoppe klimaendringene\n\nFjordrådgivning AS er bankens rådgiver."
    )
    assert _explicit_owners(text) == {(7, "Nordkyst Sparebank"), (13, "Nordkyst Sparebank")}


def test_the_goals_author_acting_in_a_sentence_is_no_other_organisation_before_a_goal():
    """ "FN forventer ..." between the goals: the UN acts, but never owns a goal, so the page
    still names one organisation before each of them."""
    text = (
        "Havet\n\nEt av målene til Havtek AS er å gjøre mer av havet tilgjengelig.\n\n"
        "Bærekraftsmål\n\n14 Liv under vann\n\nNye skånsomme metoder må utvikles.\n\n"
        "2 Utrydde sult\n\nFN forventer en befolkningsvekst på 30 prosent fram mot 2050.\n\n"
        "13 Stoppe klimaendringene\n\nUtslippene fra tråling må kraftig ned."
    )
    assert _explicit_owners(text) == {(2, "Havtek AS"), (13, "Havtek AS"), (14, "Havtek AS")}


def test_the_genitive_of_a_definite_compound_is_proposed_as_no_organisation():
    text = (
        "Havet\n\nVi har forelsket oss i havbunnen. Et av målene til Havtek AS er å gjøre mer "
        "av havet tilgjengelig.\n\nFNs bærekraftsmål\n\nDette gjør oss nært knyttet til FNs "
        "bærekraftsmål.\n\n14 Liv under vann\n\nFN forventer en befolkningsvekst på 30 "
        "prosent.\n\n13 Stoppe klimaendringene\n\nFiskerinæringens klimagassutslipp må "
        "kraftig ned. Tråling langs havets bunn er energikrevende."
    )
    profile = process_text(text)
    assert {o.name for o in profile.organisations} == {"Havtek AS", "FN"}
    assert _explicit_owners(text) == {(13, "Havtek AS"), (14, "Havtek AS")}


def test_a_determiner_before_a_plural_that_names_no_group_leaves_the_goals_to_the_page():
    projects = (
        "Bærekraft\n\nNordvik kommune har laget en plan for bærekraft. De ulike prosjektene "
        "langs elva retter seg spesielt inn mot bærekraftsmål 6 og 14."
    )
    assert _explicit_owners(projects) == {(6, "Nordvik kommune"), (14, "Nordvik kommune")}
    group = projects.replace(
        "De ulike prosjektene langs elva retter seg spesielt inn mot",
        "De fem bedriftene i nettverket jobber med",
    )
    assert "Nordvik kommune" not in {owner for _, owner in _explicit_owners(group)}


def test_a_goal_number_right_after_the_stop_of_nr_is_that_goal():
    assert _explicit("Mål\n\nOrkla jobber med bærekraftsmål nr.12 og nr.13.") == {12, 13}
    assert _explicit("Mål\n\nOrkla har 1.12 millioner kunder og bærekraftsmål 7.") == {7}


def test_a_goal_chosen_after_a_fronted_phrase_is_read_where_the_goals_were_spoken_of():
    text = (
        "Mål\n\nFNs bærekraftsmål handler om hele verden.\n\nI Fjordmat jobber de med mål nr. 12 "
        "ved å utvikle gode produkter."
    )
    assert _explicit_owners(text) == {(12, "Fjordmat")}


def test_goals_under_a_heading_about_the_goals_and_a_name_in_brackets_after_one():
    text = (
        "Bærekraftsmål som er mest relevante for Ruter\n\nRuter jobber med å nå alle målene. "
        "Dette har de valgt å legge under mål 3 (God Helse). Ruter har også peilet seg inn på "
        "mål 13 som angår å stoppe klimaendringene."
    )
    profile = process_text(text)
    assert "God Helse" not in {o.name for o in profile.organisations}  # the goal's name
    assert _explicit_owners(text) == {(3, "Ruter"), (13, "Ruter")}
    # short lines under such a heading may list goals of the page's own
    own = (
        "Fakta\n\nStudentenes bærekraftsmål\n\nMÅL 1 – SOSIAL TILHØRIGHET\n\nMÅL 2 – TRYGG ØKONOMI"
    )
    assert _explicit(own) == set()


def test_goal_names_followed_by_their_main_goal_number_are_those_goals():
    listed = (
        "Mål\n\nFor næringshagen er det naturlig å prioritere disse bærekraftsmålene:\n\n"
        "• Innovasjon og infrastruktur, hovedmål 9\n"
        "• Sikre bærekraftige forbruks- og produksjonsmønstre, hovedmål 12\n"
        "• Samarbeid for å nå målene, hovedmål 17\n"
    )
    assert _explicit(listed) == {9, 12, 17}


def test_goal_names_in_lower_case_one_a_line_under_a_goal_word_are_goals():
    listed = (
        "Bærekraft\n\nAv FNs 17 bærekraftsmål har Nordkyst Forsikring definert disse som mest "
        "relevante:\n\n• god helse og livskvalitet\n• anstendig arbeid og økonomisk vekst\n"
        "• stoppe klimaendringene"
    )
    assert _explicit(listed) == {3, 8, 13}
    two = listed.replace("\n• stoppe klimaendringene", "")
    assert 8 not in _explicit(two)  # two lines might be any list's items
    no_goal_word = listed.replace("Av FNs 17 bærekraftsmål har", "I år har")
    assert _explicit(no_goal_word) == set()


@pytest.mark.parametrize(
    ("text", "goals"),
    [
        ("Fjordbygg AS bidrar til FNs bærekraftsmål 3,7,12.", [3, 7, 12]),
        (
            "Fjordbygg AS har fokus på berekraftsmåla (Måla 6,7,11,12,15 og 17).",
            [6, 7, 11, 12, 15, 17],
        ),
    ],
)
def test_numbers_joined_by_bare_commas_after_a_goal_word_are_a_list(text, goals):
    profile = process_text(f"Mål\n\n{text}")
    assert sorted(m.number for m in profile.sdgs if m.method == "explicit") == goals


def test_one_bare_comma_makes_a_decimal_number_not_a_list():
    profile = process_text("Mål\n\nFjordbygg AS har bærekraftsmål 3,7 prosent høgare enn i fjor.")
    assert 7 not in {m.number for m in profile.sdgs}


def test_a_range_of_days_after_a_goal_word_is_a_date_not_goals():
    text = "Møte\n\nKari Lie deltar på FNs møte om bærekraftsmålene 9.-19. juli i New York."
    assert not _explicit(text)
    assert _explicit("Møte\n\nVi jobber med bærekraftsmålene 9-11 og 13.") == {9, 10, 11, 13}


def test_goals_a_page_counts_and_then_lists_by_short_names_are_its_named_goals():
    text = (
        "Bærekraft\n\nI år har LO valgt ut fire av bærekraftsmålene for arbeidet sitt. Det er "
        "klima, likestilling, et anstendig arbeidsliv og mindre ulikhet."
    )
    assert _explicit_owners(text) == {(8, "LO"), (13, "LO"), (10, "LO"), (5, "LO")}
    colon = "Bærekraft\n\nNordvik Sparebank har prioritert tre bærekraftsmål: god helse, god utdanning og likestilling."
    assert _explicit_owners(colon) == {
        (3, "Nordvik Sparebank"),
        (4, "Nordvik Sparebank"),
        (5, "Nordvik Sparebank"),
    }
    nynorsk = "Berekraft\n\nFjordkraft AS har valt ut to av berekraftsmåla. Dei er rein energi og klimaendringane."
    assert _explicit(nynorsk) == {7, 13}


def test_a_list_whose_count_differs_from_the_announced_one_names_no_goals():
    four_for_three = (
        "Bærekraft\n\nNordvik Sparebank har prioritert tre bærekraftsmål: god helse, god utdanning, "
        "likestilling og klima."
    )
    assert not _explicit(four_for_three)
    unnamed = (
        "Bærekraft\n\nVi har valgt ut to av bærekraftsmålene. Det er viktig for oss og for kundene."
    )
    assert not _explicit(unnamed)
