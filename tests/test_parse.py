"""Plain-text parsing: the same structure HTML gives, boilerplate out, language told."""

from __future__ import annotations

import pytest

from pipeline.errors import PipelineError
from pipeline.parse import parse_bytes, parse_text

NYNORSK = """Fjordbedrifter går saman om berekraft

Fire verksemder i Sogn har skipa eit nettverk. Dei vil kutte utslepp og dele kunnskap.

Klikk for stort bilete

Bakgrunn

Nettverket vart starta i vinter, og fylkeskommunen har løyvd pengar. Det er ikkje berre dei store som er med.

Sjå biletgalleri frå bedriftene

Til toppen
"""


def test_title_lead_headings_and_lists():
    text = (
        "Tittel på saken\n\nIngressen forteller hva saken handler om.\n\nMellomtittel\n\n"
        "Brødtekst med et punktum.\n\nSvarene:\n\n 1. Om forventninger: Vi håper mye.\n - Et punkt i en liste\n"
        "– Dette er et sitat, sier Kari Nordmann.\n"
    )
    article = parse_text(text, source="t.txt")
    assert article.title == "Tittel på saken"
    assert article.lead == "Ingressen forteller hva saken handler om."
    kinds = [(b.kind, b.text) for b in article.blocks]
    assert ("heading", "Mellomtittel") in kinds
    assert ("heading", "Svarene:") in kinds
    assert ("list_item", "1. Om forventninger: Vi håper mye.") in kinds  # a number may be content
    assert ("list_item", "Et punkt i en liste") in kinds
    assert ("quote", "– Dette er et sitat, sier Kari Nordmann.") in kinds


def test_a_text_table_laid_out_in_columns_gives_a_block_per_cell():
    """A contact table typed with spaces or tabs between the columns: each cell is a line of
    its own, so the names in one row never run together; spaces inside a sentence stay."""
    text = (
        "Nytt selskap\n\nFor spørsmål, kontakt:\n\n"
        "Tormod Lysne        Randi Vasbotn\tEskil Hjørnevik\n"
        "M: 900 00 001       M: 900 00 002\tM: 900 00 003\n\nDet  er  to  mellomrom her.\n\n"
        "–        Vi er glade, sier Tormod Lysne."
    )
    texts = [block.text for block in parse_text(text, source="t.txt").blocks]
    assert {"Tormod Lysne", "Randi Vasbotn", "Eskil Hjørnevik", "M: 900 00 001"} <= set(texts)
    assert "Det er to mellomrom her." in texts
    assert "– Vi er glade, sier Tormod Lysne." in texts  # a dash opening a quote is no cell


def test_nynorsk_and_its_boilerplate():
    article = parse_text(NYNORSK)
    assert article.language == "nn"
    assert "bilete" not in article.text
    assert "biletgalleri" not in article.text
    assert "Til toppen" not in article.text
    assert [b.kind for b in article.blocks][:3] == ["title", "paragraph", "heading"]
    teaser = parse_text(
        NYNORSK + "\n\nLes òg: Rekordmange søkjarar til Fjordvik vidaregåande skule\n"
    )
    assert "Les òg" not in teaser.text  # a related-article teaser, in nynorsk


def test_stable_id_from_content():
    assert parse_text(NYNORSK, source="a").id == parse_text(NYNORSK, source="b").id
    assert parse_text(NYNORSK).id != parse_text(NYNORSK + "\nEin ny setning her.").id


@pytest.mark.parametrize(
    "data,message",
    [(b"", "empty"), (b"  \n\t", "empty"), (b"\x00\x01\x02PK\x03\x04" * 50, "binary")],
)
def test_bad_bytes_are_clear_errors(data, message):
    with pytest.raises(PipelineError, match=message):
        parse_bytes(data, "input.txt")


def test_only_boilerplate_is_an_error():
    with pytest.raises(PipelineError, match="no text"):
        parse_text("Til toppen\n\nKlikk for stort bilde\n")


def test_latin1_text_file_decodes():
    article = parse_bytes(
        "Kvalitet på Ås\n\nBedriften i Ås er blant de største.".encode("latin-1"), "a.txt"
    )
    assert article.title == "Kvalitet på Ås"


def test_date_and_byline_lines_become_metadata_not_text():
    text = "Tittel her\n\nAv Kari Nordmann og Per Hansen\n\nPublisert 03.11.2026 kl. 14:20\n\nIngress om saken.\n\nTekst."
    article = parse_text(text)
    assert str(article.published) == "2026-11-03"
    assert article.authors == ["Kari Nordmann", "Per Hansen"]
    assert "Publisert" not in article.text and "Nordmann" not in article.text
    assert article.lead == "Ingress om saken."


def test_a_text_without_a_headline_keeps_its_first_paragraph_as_body():
    article = parse_text(
        "Fjordlys Energi AS i Molde har signert en avtale om levering av strøm til hele "
        "regionen. Avtalen gjelder i fem år.\n\nDaglig leder Kari Lie er fornøyd med avtalen."
    )
    assert article.title is None
    assert article.text.startswith("Fjordlys Energi AS i Molde har signert")
    assert [b.kind for b in article.blocks] == ["paragraph", "paragraph"]


def test_press_release_label_and_dateline_are_metadata():
    article = parse_text(
        "PRESSEMELDING\n\nFjordlys Energi får ny kontrakt\n\nLillehammer, 2. september 2025\n\n"
        "Fjordlys Energi AS har signert en avtale med kommunen om levering av strøm."
    )
    assert article.title == "Fjordlys Energi får ny kontrakt"
    assert str(article.published) == "2025-09-02"
    assert "PRESSEMELDING" not in article.text and "Lillehammer, 2." not in article.text


@pytest.mark.parametrize("line", ["2. sep. 2025", "02.09.2025", "Førde, 2. september 2025"])
def test_bare_datelines_give_the_publication_date(line):
    article = parse_text(f"Ny avtale i fjorden\n\n{line}\n\nSelskapet har signert ein avtale.")
    assert str(article.published) == "2025-09-02"
    assert line not in article.text


def test_a_numbered_list_item_keeps_its_number_a_bullet_goes():
    article = parse_text(
        "Våre mål\n\nVi har valgt tre bærekraftsmål:\n\n13) Stoppe klimaendringene\n\n- Et punkt\n",
        source="t.txt",
    )
    kinds = [(b.kind, b.text) for b in article.blocks]
    assert ("list_item", "13) Stoppe klimaendringene") in kinds
    assert ("list_item", "Et punkt") in kinds


def test_a_caption_keeps_its_words_and_loses_its_photo_credit():
    """A caption ending in a photo credit names people, titles and employers: the caption
    stays, the credit goes, and a line that is only a credit goes whole."""
    article = parse_text(
        "Olje\n\nOlje-satsing: Kjell Jenssen, dagleg leiar for klynga Nodum. Foto: Lars Hoel"
        "\n\nFoto: Per Hansen\n\nKlynga vil satse på havvind."
    )
    assert article.text.endswith(
        "Olje-satsing: Kjell Jenssen, dagleg leiar for klynga Nodum.\n\nKlynga vil satse på havvind."
    )
    assert "Foto" not in article.text


def test_a_line_that_is_an_image_file_name_is_furniture():
    """A gallery's picture that did not load leaves its file name on a line of its own."""
    article = parse_text("Skule\n\nElevane vann prisen.\n\nLinda Romøy.jpg\n\nRektor er nøgd.")
    assert "jpg" not in article.text
    assert "Rektor er nøgd." in article.text
