"""Property-based: arbitrary text and HTML through parse and extract never crash.

Either a valid profile comes out or a clean PipelineError; nothing else.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models import Profile
from pipeline.errors import PipelineError
from pipeline.extract import extract
from pipeline.parse import parse_bytes, parse_html, parse_text
from pipeline.run import article_doc

NORWEGIAN_WORDS = [
    "bedriften",
    "Fjordlys",
    "Energi",
    "AS",
    "mål",
    "7",
    "13",
    "bærekraftsmål",
    "nr.",
    "–",
    "sier",
    "daglig",
    "leder",
    "Kari",
    "Nordmann",
    "i",
    "på",
    "Hamar",
    "Om",
    "forventninger:",
    "1.",
    "\n",
    "\n\n",
    "(",
    ")",
    ",",
    "og",
    "fylkeskommune",
    "SDG",
    "12–13",
    "berekraftsmål",
    "«",
    "»",
    ":",
    "Klikk for stort bilde",
    "Viken",
    "kommune",
    "Statsforvalteren",
    "17",
    "2030",
    "prosent",
]
texts = st.one_of(
    st.text(max_size=400),
    st.lists(st.sampled_from(NORWEGIAN_WORDS), max_size=120).map(" ".join),
)
TAGS = [
    "p",
    "div",
    "article",
    "h1",
    "h2",
    "li",
    "ul",
    "figure",
    "figcaption",
    "nav",
    "script",
    "span",
]


@st.composite
def html_pages(draw):
    parts = []
    for _ in range(draw(st.integers(0, 25))):
        tag = draw(st.sampled_from(TAGS))
        body = draw(texts)
        closed = draw(st.booleans())
        parts.append(f"<{tag}>{body}" + (f"</{tag}>" if closed else ""))
    return "<html><body>" + "".join(parts) + draw(st.sampled_from(["</body></html>", "", "<p"]))


def _profile_or_clean_error(make_article, blank_nlp):
    try:
        article = make_article()
    except PipelineError:
        return
    profile = extract(article, blank_nlp(article_doc(article, blank_nlp)), model="blank")
    Profile.model_validate_json(profile.model_dump_json())


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=texts)
def test_any_text(text, blank_nlp):
    _profile_or_clean_error(lambda: parse_text(text), blank_nlp)


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(page=html_pages())
def test_any_html(page, blank_nlp):
    _profile_or_clean_error(lambda: parse_html(page), blank_nlp)


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=600), name=st.sampled_from(["a.txt", "a.html", "a"]))
def test_any_bytes(data, name, blank_nlp):
    _profile_or_clean_error(lambda: parse_bytes(data, name), blank_nlp)
