"""The report's page shell and the blocks it embeds: the static CSS, script and HTML fragments
(files in pipeline/resources/report), JSON data blocks and inert blocks of ready HTML."""

from __future__ import annotations

import json
from functools import cache
from html import escape
from importlib import resources


@cache
def report_file(name: str) -> str:
    """A file of pipeline/resources/report, without the final newline a text file ends with:
    the page places its own line breaks around it."""
    path = resources.files("pipeline").joinpath(f"resources/report/{name}")
    return path.read_text("utf-8").removesuffix("\n")


def page(body: str) -> str:
    # report.js is the page's one script: pages of articles from their inert blocks, filters
    # and search, the review controls and the decisions file, and evidence links that show
    # their article, scroll its span into view and flash every piece of it (a span cut up by
    # overlaps flashes as one). CSS and script are inline: the report needs no network.
    # Concatenated, not str.format: the CSS and JS are full of braces.
    return (
        '<!DOCTYPE html>\n<html lang="nb">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>Kontroll av uttrekket</title>\n"
        f"<style>\n{report_file('report.css')}\n</style>\n</head>\n<body>\n{body}\n"
        f"<script>\n{report_file('report.js')}\n</script>\n</body>\n</html>\n"
    )


def json_block(element_id: str, data: object) -> str:
    # "<" as \u003c: no "</script>" or "<!--" inside the block, whatever the data holds.
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    return f'<script type="application/json" id="{escape(element_id)}">{text}</script>'


def inert_block(element_id: str, html: str) -> str:
    """Ready HTML the browser keeps as text until the script uses it. Every text and attribute
    value in it was escaped (no "<" but in our own tags, which include no script)."""
    assert "</script" not in html.lower() and "<!--" not in html
    return f'<script type="text/x-article" id="{escape(element_id)}">{html}</script>'
