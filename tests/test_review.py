"""pipeline/review.py: the HTML report, parsed with BeautifulSoup and opened in Chromium."""

from __future__ import annotations

import importlib.util
import shutil
from itertools import pairwise
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from pipeline.review import Highlight, segments, write_report
from pipeline.run import run_batch
from pipeline.write import iter_profiles
from tests.conftest import CORPUS, ROOT

AGGREGATE_CASE = ROOT / "tests" / "data" / "aggregate"
CHROMIUM = Path("/usr/bin/chromium")
# Flags for a sandboxed CI container: no GPU, no sandbox, nothing that phones home.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
HOSTILE_NAME = '<b onmouseover="x">missing</b>.txt'  # a failed input whose name is markup


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("review-out")
    hostile = out.parent / HOSTILE_NAME
    result = run_batch([str(AGGREGATE_CASE), str(hostile)], out, report=lambda line: None)
    assert len(result.errors) == 1  # the missing file, shown in the report's error table
    return out


@pytest.fixture(scope="module")
def soup(out_dir) -> BeautifulSoup:
    path = write_report(out_dir, out_dir / "report.html")
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


def test_text_is_highlighted_by_kind(soup):
    orgs = {s.get_text() for s in soup.select("span.hl.hl-org")}
    assert {"Brekkvold Kraft AS", "Tindvik Mekaniske"} <= orgs
    assert soup.select("span.hl.hl-place") and soup.select("span.hl.hl-person")
    # an evidence span may be cut into several flat pieces where other highlights overlap it
    explicit = "".join(s.get_text() for s in soup.select("span.hl-sdg-explicit"))
    assert "14, Livet i havet" in explicit


def test_highlights_are_flat_and_keep_the_text_intact(out_dir, soup):
    for profile in iter_profiles(out_dir):
        text = soup.select_one(f"#article-{profile.article.id} .article-text")
        assert text.get_text() == profile.text  # escaped and unescaped back, nothing lost
        spans = text.select("span.hl")
        assert not any(s.select("span.hl") for s in spans), "highlights must not nest"
        bounds = [(int(s["data-start"]), int(s["data-end"])) for s in spans]
        assert all(end <= start for (_, end), (start, _) in pairwise(bounds))


def test_every_card_link_points_at_a_highlight(soup):
    links = soup.select(".cards a.ev, .sdg-matrix a.ev")
    assert links
    for link in links:
        target = soup.find(id=link["href"][1:])
        assert target is not None and "hl" in target["class"], link
        assert int(target["data-start"]) == int(link["data-start"])


def test_explicit_and_theme_goals_look_different(soup):
    assert soup.select(".cards a.sdg-chip.sdg-explicit")
    assert soup.select_one(".legend .hl-sdg-explicit") and soup.select_one(".legend .hl-sdg-theme")


def test_matrix_has_a_row_per_merged_company_and_17_goals(soup):
    matrix = soup.select_one("table.sdg-matrix")
    assert [th.get_text() for th in matrix.select("thead th")][1:] == [str(n) for n in range(1, 18)]
    rows = {tr.th.get_text().split(" (")[0]: tr for tr in matrix.select("tbody tr")}
    assert set(rows) == {"Brekkvold Kraft AS", "Tindvik Fisk", "Tindvik Mekaniske"}
    cells = rows["Brekkvold Kraft AS"].select("td")
    assert "cell-explicit" in cells[7 - 1]["class"] and "cell-none" in cells[1 - 1]["class"]


def test_overview_counts_and_escaped_errors(soup):
    counts = {tr.th.get_text(): tr.td.get_text() for tr in soup.select("table.counts tr")}
    assert counts["Articles"] == "3"
    assert counts["Companies (merged across articles)"] == "3"
    assert counts["Failed inputs"] == "1"
    error_cells = [td.get_text() for td in soup.select("table.errors td")]
    assert any(HOSTILE_NAME in cell for cell in error_cells)
    assert not soup.find("b", attrs={"onmouseover": True}), "markup in data must be escaped"


def test_report_is_self_contained(soup):
    assert not soup.select("link, img, iframe, script[src]")
    assert len(soup.select("script")) == 1 and soup.select("style")


def test_overlapping_spans_are_cut_into_segments_with_all_their_kinds():
    spans = [
        Highlight(0, 10, "sdg-theme", "outer"),
        Highlight(0, 5, "sdg-theme", "inner"),
        Highlight(3, 8, "org", "crossing"),
    ]
    found = [(s.start, s.end, {h.label for h in s.covering}) for s in segments(12, spans)]
    assert found == [
        (0, 3, {"outer", "inner"}),
        (3, 5, {"outer", "inner", "crossing"}),
        (5, 8, {"outer", "crossing"}),
        (8, 10, {"outer"}),
    ]


# --- in a real browser ----------------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists() or shutil.which(str(CHROMIUM)) is None:
        pytest.skip(f"{CHROMIUM} is absent: apt-get install -y chromium")
    if importlib.util.find_spec("playwright") is None:
        pytest.skip("playwright is not installed: pip install playwright")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def test_corpus_report_in_chromium(browser, tmp_path):
    out = tmp_path / "out"
    run_batch([str(CORPUS)], out, report=lambda line: None)
    report = write_report(out, tmp_path / "report.html")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page_errors: list[str] = []
    page.on("pageerror", lambda err: page_errors.append(str(err)))
    page.goto(report.as_uri())

    assert page.locator("table.sdg-matrix").is_visible()
    assert page.locator("table.sdg-matrix tbody tr").count() >= 10
    assert page.locator("span.hl-org").first.is_visible()
    assert page.locator("span.hl-sdg-explicit").count() > 0

    # A link far down the page: its target must end up in view (in its scrolling pane) and flash.
    link = page.locator(".article").last.locator(".org-card a.sdg-chip").first
    target_id = link.get_attribute("href")[1:]
    link.click()
    page.wait_for_function(_IN_VIEW_AND_FLASHING, arg=target_id, timeout=5000)
    page.screenshot(path=str(tmp_path / "report.png"))
    assert (tmp_path / "report.png").stat().st_size > 0
    assert page_errors == []


# True when the element is flashing and visible both in the window and in its scrolling pane.
_IN_VIEW_AND_FLASHING = """(id) => {
  const el = document.getElementById(id);
  if (!el || !el.classList.contains('flash')) return false;
  const box = el.getBoundingClientRect();
  const pane = el.closest('.text-pane').getBoundingClientRect();
  return box.top >= Math.max(0, pane.top) && box.bottom <= Math.min(window.innerHeight, pane.bottom);
}"""
