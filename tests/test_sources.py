"""Following news sources (feeds, sitemaps, discovery, incremental runs) against a local
server that serves them in the shapes Norwegian sites use. Every text here is invented."""

from __future__ import annotations

import gzip
import hashlib
import json
import threading
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from pipeline.cli import main
from pipeline.options import FetchOptions
from pipeline.sources import canonical_url, follow

# slug -> (headline, byline, date, paragraphs): invented local news
ARTICLES = {
    "havvind-utenfor-karmoy": (
        "Havbris Kraft vil bygge havvind utenfor Karmøy",
        "Kari Nordmann",
        "2026-11-02",
        [
            "Energiselskapet Havbris Kraft AS i Haugesund søker om å bygge en flytende havvindpark vest for Karmøy.",
            "– Vi vil bidra til bærekraftsmål 7 om ren energi, sier daglig leder Ingrid Solheim i Havbris Kraft.",
            "Kommunen skal behandle søknaden før jul, og fiskerne i området er bekymret for feltene sine.",
        ],
    ),
    "ny-fabrikk-i-mo": (
        "Nordlys Batteri åpner fabrikk i Mo i Rana",
        "Ola Hansen",
        "2026-11-03",
        [
            "Batteriprodusenten Nordlys Batteri AS åpner en ny fabrikk i Mo i Rana til våren.",
            "– Dette gir over hundre nye arbeidsplasser i regionen, sier styreleder Per Olsen.",
            "Fabrikken skal lage battericeller til ferger og hurtigbåter langs kysten.",
        ],
    ),
    "fjordbuss-bytter-til-el": (
        "Fjordbuss bytter til elektriske busser i Molde",
        "Siri Berg",
        "2026-11-04",
        [
            "Busselskapet Fjordbuss AS skal bytte ut hele dieselparken i Molde med elektriske busser.",
            "– Vi kutter utslippene med nesten to tusen tonn i året, sier administrerende direktør Lars Myklebust.",
            "Fylkeskommunen betaler en del av ladeanleggene ved bussdepotet på Årø.",
        ],
    ),
    "kommunen-kutter-matsvinn": (
        "Bodø kommune kutter matsvinnet i skolene",
        "Anne Lie",
        "2026-11-05",
        [
            "Bodø kommune har halvert matsvinnet i skolekantinene på ett år.",
            "– Elevene har vært med på å planlegge menyene, sier rektor Marte Johansen ved Saltvern skole.",
            "Kommunen vil nå prøve det samme i sykehjemmene.",
        ],
    ),
    "laks-fra-land": (
        "Kystlaks satser på oppdrett på land i Florø",
        "Eirik Dahl",
        "2026-11-06",
        [
            "Oppdrettsselskapet Kystlaks AS bygger et landbasert anlegg for laks i Florø.",
            "– Vi slipper lakselus og rømming når fisken står på land, sier driftsleder Hanne Vik.",
            "Anlegget skal stå ferdig om to år og gi tretti nye jobber.",
        ],
    ),
}
NEW_ARTICLES = ["fjordbuss-bytter-til-el", "kommunen-kutter-matsvinn"]
BARE_PAGE = (  # no title, no date, no byline: the feed's metadata fills them
    "<html><body><div class='innhold'>"
    "<p>Kraftselskapet Elvekraft AS i Skien har fått konsesjon til å bygge et nytt kraftverk i Telemark.</p>"
    "<p>– Vi skal produsere fornybar strøm til over fire tusen husstander, sier daglig leder Nina Strand.</p>"
    "<p>Arbeidet starter i vår, og kraftverket skal stå ferdig om tre år.</p>"
    "</div></body></html>"
)


def article_page(slug: str) -> bytes:
    title, author, day, paragraphs = ARTICLES[slug]
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!doctype html><html lang='nb'><head><meta charset='utf-8'><title>{title} – Fjordavisa</title>"
        f"<meta name='author' content='{author}'>"
        f"<meta property='article:published_time' content='{day}T08:15:00+01:00'></head>"
        "<body><header><nav><a href='/'>Forsiden</a> <a href='/sport'>Sport</a></nav></header>"
        f"<article><h1>{title}</h1>{body}</article>"
        "<footer>Fjordavisa – ansvarlig redaktør Ola Redaktør</footer></body></html>"
    ).encode()


def rss(base: str, slugs: list[str]) -> bytes:
    items = "".join(
        f"<item><title>{ARTICLES[s][0]}</title>"
        f"<link>{base}/sak/{s}?utm_source=rss&amp;utm_medium=feed</link>"
        f"<guid isPermaLink='false'>fjordavisa-{s}</guid>"
        f"<pubDate>{_rfc822(ARTICLES[s][2])}</pubDate>"
        f"<dc:creator>{ARTICLES[s][1]}</dc:creator></item>"
        for s in slugs
    )
    return (
        "<?xml version='1.0' encoding='UTF-8'?>"
        "<rss version='2.0' xmlns:dc='http://purl.org/dc/elements/1.1/'><channel>"
        f"<title>Fjordavisa – nyheter</title><link>{base}/</link>"
        f"<description>Siste nytt fra Fjordavisa</description>{items}</channel></rss>"
    ).encode()


def _rfc822(day: str) -> str:
    d = date.fromisoformat(day)
    return d.strftime("%a, %d %b %Y 07:30:00 +0100")


def atom(base: str) -> bytes:
    return (
        "<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
        f"<title>Fjordavisa – pressemeldinger</title><id>{base}/atom.xml</id>"
        "<updated>2026-11-07T09:00:00+01:00</updated>"
        "<entry><title>Elvekraft får konsesjon i Telemark</title>"
        f"<link rel='alternate' href='{base}/sak/uten-metadata'/><id>urn:fjordavisa:1</id>"
        f"<updated>{NewsSite.atom_updated}</updated><published>2026-11-07T00:30:00+01:00</published>"
        "<author><name>NTB Pressemelding</name></author></entry>"
        "<entry><title>En annen tittel i feeden</title>"
        f"<link rel='alternate' href='{base}/sak/laks-fra-land'/><id>urn:fjordavisa:2</id>"
        "<updated>2026-11-06T09:00:00+01:00</updated>"
        "<author><name>Feed Forfatter</name></author></entry></feed>"
    ).encode()


def urlset(entries: list[str], news: bool = False) -> bytes:
    xmlns = "xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'"
    if news:
        xmlns += " xmlns:news='http://www.google.com/schemas/sitemap-news/0.9'"
    return f"<?xml version='1.0' encoding='UTF-8'?><urlset {xmlns}>{''.join(entries)}</urlset>".encode()


def news_entry(base: str, slug: str) -> str:
    title, _, day, _ = ARTICLES[slug]
    return (
        f"<url><loc>{base}/sak/{slug}</loc><news:news><news:publication>"
        "<news:name>Fjordavisa</news:name><news:language>no</news:language></news:publication>"
        f"<news:publication_date>{day}T07:30:00+01:00</news:publication_date>"
        f"<news:title>{title}</news:title></news:news></url>"
    )


def sitemap_index(base: str, locs: list[str]) -> bytes:
    entries = "".join(
        f"<sitemap><loc>{base}{loc}</loc><lastmod>2026-11-0{i + 6}</lastmod></sitemap>"
        for i, loc in enumerate(locs)
    )
    return (
        "<?xml version='1.0' encoding='UTF-8'?>"
        f"<sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>{entries}</sitemapindex>"
    ).encode()


def rss_items(items: list[str]) -> bytes:
    return (
        "<?xml version='1.0' encoding='UTF-8'?><rss version='2.0'><channel><title>Kommunen</title>"
        f"<link>http://kommune.example/</link><description>Nytt</description>{''.join(items)}"
        "</channel></rss>"
    ).encode()


class NewsSite(BaseHTTPRequestHandler):
    feed_slugs: list[str] = []
    robots_lists_sitemaps = True
    atom_updated = "2026-11-07T09:00:00+01:00"  # the Atom entry of the bare page
    log: list[tuple[str, dict]] = []

    def log_message(self, *args):
        pass

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def _send(self, body: bytes, content_type="text/html; charset=utf-8", status=200, etag=None):
        if etag and self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.end_headers()
            return
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        if etag:
            self.send_header("ETag", etag)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):  # noqa: C901 - one route table
        self.log.append((self.path, dict(self.headers)))
        path, base = self.path.split("?")[0], self.base
        xml = "application/xml"
        if path == "/robots.txt":
            lines = "User-agent: *\nDisallow: /privat\n"
            if self.robots_lists_sitemaps:
                lines += f"Sitemap: {base}/sitemap_index.xml\n"
            return self._send(lines.encode(), "text/plain")
        if path == "/":
            return self._send(
                b"<html><head><title>Fjordavisa</title>"
                b"<link rel='alternate' type='application/rss+xml' title='Nyheter' href='/rss.xml'>"
                b"<link rel='alternate' type='application/atom+xml' href='/atom.xml'>"
                b"</head><body><h1>Fjordavisa</h1></body></html>"
            )
        if path == "/rss.xml":
            body = rss(base, self.feed_slugs)
            etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
            return self._send(body, "application/rss+xml; charset=utf-8", etag=etag)
        if path == "/atom.xml":
            return self._send(atom(base), "application/atom+xml")
        if path.startswith("/sak/"):
            slug = path.removeprefix("/sak/")
            if slug == "uten-metadata":
                return self._send(BARE_PAGE.encode())
            if slug in ARTICLES:
                return self._send(article_page(slug), etag=f'"{slug}"')
        if path == "/sitemap_index.xml":
            body = sitemap_index(base, ["/sitemap-news.xml", "/sitemap-arkiv.xml.gz"])
            return self._send(body, xml)
        if path in ("/sitemap-news.xml", "/sitemap.xml"):
            entries = [news_entry(base, s) for s in ("ny-fabrikk-i-mo", "laks-fra-land")]
            return self._send(urlset(entries, news=True), xml)
        if path == "/sitemap-arkiv.xml.gz":
            entries = [
                f"<url><loc>{base}/sak/havvind-utenfor-karmoy</loc><lastmod>2026-11-02</lastmod></url>",
                f"<url><loc>{base}/sak/kommunen-kutter-matsvinn</loc></url>",
            ]
            return self._send(gzip.compress(urlset(entries)), "application/x-gzip")
        return self._bad(path, base)

    def _bad(self, path: str, base: str):
        rss_type = "application/rss+xml"
        if path == "/privat/rss.xml":
            return self._send(rss(base, ["laks-fra-land"]), rss_type)
        if path == "/sitemap-media.xml":  # served as text/html, with image and video tags
            entry = (
                f"<url><image:image><image:loc>{base}/bilde.jpg</image:loc></image:image>"
                f"<loc>{base}/sak/laks-fra-land</loc><video:video><video:title>Video fra anlegget"
                "</video:title></video:video></url>"
            )
            media = (
                "xmlns='http://www.sitemaps.org/schemas/sitemap/0.9' "
                "xmlns:image='http://www.google.com/schemas/sitemap-image/1.1' "
                "xmlns:video='http://www.google.com/schemas/sitemap-video/1.1'"
            )
            body = f"<?xml version='1.0' encoding='UTF-8'?><urlset {media}>{entry}</urlset>"
            return self._send(body.encode(), "text/html")
        if path == "/sitemap-bom.xml":
            entries = [news_entry(base, "laks-fra-land")]
            return self._send(b"\xef\xbb\xbf" + urlset(entries, news=True), "application/xml")
        if path == "/sitemap.txt":
            return self._send(
                f"{base}/sak/ny-fabrikk-i-mo\n\n{base}/sak/laks-fra-land\n".encode(), "text/plain"
            )
        if path == "/bad/bomb.xml.gz":  # 60 MB of nothing in 60 kB
            return self._send(gzip.compress(b" " * 60_000_000, 1), "application/gzip")
        if path == "/bad/malformed.xml":  # cut off in the middle of an item
            return self._send(rss(base, ["ny-fabrikk-i-mo"])[:-60], rss_type)
        if path == "/bad/not-xml.xml":
            return self._send(b"<<<< dette er ikke XML &&& <rss", rss_type)
        if path == "/bad/html-feed":
            return self._send(
                b"<!doctype html><html><head><title>Nyheter</title>"
                b"<link rel='alternate' type='application/rss+xml' href='/rss.xml'></head>"
                b"<body><p>Velkommen</p></body></html>",
                "text/html",
            )
        if path == "/bad/huge.xml":
            items = [
                f"<item><title>Melding {n}</title><link>{base}/sak/melding-{n}</link></item>"
                for n in range(10_000)
            ]
            return self._send(rss_items(items), rss_type)
        if path == "/bad/nolinks.xml":
            items = [
                "<item><title>Møte i kommunestyret</title><description>Uten lenke</description></item>",
                "<item><title>Vegarbeid på E39</title></item>",
                f"<item><title>Ny fabrikk</title><link>{base}/sak/ny-fabrikk-i-mo</link></item>",
            ]
            return self._send(rss_items(items), rss_type)
        if path == "/bad/relative.xml":
            items = [
                "<item><title>Laks</title><link>/sak/laks-fra-land?utm_campaign=x</link></item>"
            ]
            return self._send(rss_items(items), rss_type)
        if path == "/bad/loop.xml":
            return self._send(sitemap_index(base, ["/bad/loop.xml", "/bad/loop2.xml"]), "text/xml")
        if path == "/bad/loop2.xml":
            body = sitemap_index(base, ["/bad/loop.xml", "/sitemap-news.xml"])
            return self._send(body, "text/xml")
        return self._send(b"finnes ikke", status=404)


@pytest.fixture()
def site():
    NewsSite.feed_slugs = ["havvind-utenfor-karmoy", "ny-fabrikk-i-mo", "laks-fra-land"]
    NewsSite.robots_lists_sitemaps = True
    NewsSite.atom_updated = "2026-11-07T09:00:00+01:00"
    NewsSite.log = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), NewsSite)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def article_requests() -> list[str]:
    return [path for path, _ in NewsSite.log if path.startswith("/sak/")]


def run(out, *args) -> int:
    argv = ["run", "-o", str(out), "--model", "blank:nb", "--host-delay", "0", "-q", *args]
    return main(argv)


def options(tmp_path) -> FetchOptions:
    return FetchOptions(retries=0, host_delay=0.0, cache_dir=tmp_path / "cache")


def profiles(out) -> dict[str, dict]:
    return {
        p["article"]["source"]: p
        for p in map(json.loads, (out / "profiles.jsonl").read_text("utf-8").splitlines())
    }


# --- feeds -------------------------------------------------------------------------------


def test_an_rss_feed_is_followed_with_canonical_urls(site, tmp_path):
    out = tmp_path / "out"
    assert run(out, "--feed", f"{site}/rss.xml") == 0
    found = profiles(out)
    assert set(found) == {f"{site}/sak/{s}" for s in NewsSite.feed_slugs}  # utm_* stripped
    karmoy = found[f"{site}/sak/havvind-utenfor-karmoy"]["article"]
    assert karmoy["authors"] == ["Kari Nordmann"] and karmoy["published"] == "2026-11-02"


def test_a_second_run_fetches_only_the_new_items(site, tmp_path):
    out = tmp_path / "out"
    assert run(out, "--feed", f"{site}/rss.xml") == 0
    assert len(article_requests()) == 3
    NewsSite.feed_slugs = NEW_ARTICLES + NewsSite.feed_slugs  # two new items on top
    NewsSite.log = []
    assert run(out, "--feed", f"{site}/rss.xml") == 0
    assert sorted(article_requests()) == sorted(f"/sak/{s}" for s in NEW_ARTICLES)
    feed_request = next(h for p, h in NewsSite.log if p == "/rss.xml")
    assert feed_request.get("If-None-Match")  # the feed itself is asked for conditionally
    assert len(profiles(out)) == 5
    NewsSite.log = []  # third run, nothing new: the feed answers 304, no article is fetched
    assert run(out, "--feed", f"{site}/rss.xml") == 0
    assert article_requests() == []
    state = json.loads((out / ".sources-state.json").read_text("utf-8"))["articles"]
    assert state[f"{site}/sak/ny-fabrikk-i-mo"]["etag"] == '"ny-fabrikk-i-mo"'


def test_force_fetches_the_listed_articles_again(site, tmp_path):
    out = tmp_path / "out"
    assert run(out, "--feed", f"{site}/rss.xml") == 0
    NewsSite.log = []
    assert run(out, "--feed", f"{site}/rss.xml", "--force") == 0
    assert len(article_requests()) == 3


def test_profiles_from_a_feed_are_byte_identical_to_profiles_from_urls(site, tmp_path):
    by_feed, by_url = tmp_path / "feed", tmp_path / "urls"
    assert run(by_feed, "--feed", f"{site}/rss.xml", "--feed", f"{site}/atom.xml") == 0
    urls = [f"{site}/sak/{s}" for s in NewsSite.feed_slugs]
    assert run(by_url, *urls) == 0
    files = sorted(p.name for p in by_url.glob("*.json") if p.name != "profile.schema.json")
    assert len(files) == 3
    for name in files:
        assert (by_feed / name).read_bytes() == (by_url / name).read_bytes()


def test_an_atom_feed_fills_only_the_metadata_a_page_lacks(site, tmp_path):
    out = tmp_path / "out"
    assert run(out, "--feed", f"{site}/atom.xml") == 0
    found = profiles(out)
    bare = found[f"{site}/sak/uten-metadata"]["article"]
    assert bare["title"] == "Elvekraft får konsesjon i Telemark"
    assert bare["authors"] == ["NTB Pressemelding"]
    assert bare["published"] == "2026-11-07"  # the publisher's day, not the UTC day before
    assert "Elvekraft får konsesjon" not in found[f"{site}/sak/uten-metadata"]["text"]
    own = found[f"{site}/sak/laks-fra-land"]["article"]  # the page's own metadata wins
    assert own["title"] == ARTICLES["laks-fra-land"][0] and own["authors"] == ["Eirik Dahl"]


# --- sitemaps ------------------------------------------------------------------------------


def test_a_sitemap_index_with_a_news_sitemap_and_gzip(site, tmp_path):
    notes: list[str] = []
    followed = follow(
        tmp_path / "out",
        options(tmp_path),
        sitemaps=[f"{site}/sitemap_index.xml"],
        note=notes.append,
    )
    assert not followed.errors
    by_url = {item.url: item for item in followed.items}
    assert set(by_url) == {
        f"{site}/sak/{s}"
        for s in (
            "ny-fabrikk-i-mo",
            "laks-fra-land",
            "havvind-utenfor-karmoy",
            "kommunen-kutter-matsvinn",
        )
    }
    news = by_url[f"{site}/sak/laks-fra-land"].meta
    assert news.published == date(2026, 11, 6) and news.title == ARTICLES["laks-fra-land"][0]
    assert by_url[f"{site}/sak/havvind-utenfor-karmoy"].stamp == "2026-11-02"  # from the .gz


def test_since_and_max_articles_bound_the_run(site, tmp_path):
    index = [f"{site}/sitemap_index.xml"]
    recent = follow(tmp_path / "a", options(tmp_path), sitemaps=index, since=date(2026, 11, 3))
    urls = {item.url.rsplit("/", 1)[1] for item in recent.items}
    # dated before the 3rd: left out; without a date (matsvinn in the archive): kept
    assert urls == {"ny-fabrikk-i-mo", "laks-fra-land", "kommunen-kutter-matsvinn"}
    assert recent.too_old == 1
    NewsSite.log = []  # sub-sitemaps last changed before --since are not read at all
    follow(tmp_path / "c", options(tmp_path), sitemaps=index, since=date(2026, 11, 8))
    assert [p for p, _ in NewsSite.log if p.startswith("/sitemap")] == ["/sitemap_index.xml"]
    capped = follow(tmp_path / "b", options(tmp_path), sitemaps=index, max_articles=2)
    assert [i.url.rsplit("/", 1)[1] for i in capped.items] == ["laks-fra-land", "ny-fabrikk-i-mo"]
    assert capped.pending == 2


def test_sitemaps_as_text_html_with_media_tags_and_as_plain_text(site, tmp_path):
    followed = follow(
        tmp_path / "out",
        options(tmp_path),
        sitemaps=[f"{site}/sitemap-media.xml", f"{site}/sitemap.txt", f"{site}/sitemap-bom.xml"],
        note=lambda _: None,
    )
    assert not followed.errors
    by_url = {item.url: item for item in followed.items}
    assert set(by_url) == {f"{site}/sak/laks-fra-land", f"{site}/sak/ny-fabrikk-i-mo"}
    # the media sitemap comes first, but a video's title is not the page's: the news title is
    assert by_url[f"{site}/sak/laks-fra-land"].meta.title == ARTICLES["laks-fra-land"][0]


def test_a_gzip_bomb_is_stopped_and_the_other_sitemaps_read(site, tmp_path):
    followed = follow(
        tmp_path / "out",
        options(tmp_path),
        sitemaps=[f"{site}/bad/bomb.xml.gz", f"{site}/sitemap-news.xml"],
        note=lambda _: None,
    )
    assert [e.message for e in followed.errors] == [f"over {50 * 1024 * 1024} bytes uncompressed"]
    assert len(followed.items) == 2


def test_an_item_with_a_new_date_is_fetched_again(site, tmp_path):
    out = tmp_path / "out"
    assert run(out, "--feed", f"{site}/atom.xml") == 0
    NewsSite.log = []
    NewsSite.atom_updated = "2026-11-08T10:00:00+01:00"  # the entry says it was updated
    assert run(out, "--feed", f"{site}/atom.xml") == 0
    assert article_requests() == ["/sak/uten-metadata"]


def sitemap_requests() -> list[str]:
    return [path for path, _ in NewsSite.log if path.startswith("/sitemap")]


def test_sub_sitemaps_done_and_unchanged_are_not_read_again(site, tmp_path):
    out = tmp_path / "out"
    assert run(out, "--sitemap", f"{site}/sitemap_index.xml") == 0
    NewsSite.log = []
    assert run(out, "--sitemap", f"{site}/sitemap_index.xml") == 0
    assert sitemap_requests() == ["/sitemap_index.xml"]  # the same lastmods: nothing new
    assert article_requests() == []


def test_a_sub_sitemap_with_articles_left_over_is_read_again(site, tmp_path):
    out = tmp_path / "out"
    assert run(out, "--sitemap", f"{site}/sitemap_index.xml", "--max-articles", "3") == 0
    assert len(article_requests()) == 3
    NewsSite.log = []
    assert run(out, "--sitemap", f"{site}/sitemap_index.xml", "--max-articles", "3") == 0
    assert article_requests() == ["/sak/kommunen-kutter-matsvinn"]  # the undated one, last
    assert "/sitemap-arkiv.xml.gz" in sitemap_requests()


def test_a_sitemap_run_profiles_its_articles(site, tmp_path):
    out = tmp_path / "out"
    code = run(out, "--sitemap", f"{site}/sitemap-news.xml", "--since", "2026-11-01")
    assert code == 0
    assert set(profiles(out)) == {f"{site}/sak/ny-fabrikk-i-mo", f"{site}/sak/laks-fra-land"}


# --- discovery -----------------------------------------------------------------------------


def test_a_homepage_leads_to_its_feeds_and_sitemaps(site, tmp_path):
    notes: list[str] = []
    followed = follow(tmp_path / "out", options(tmp_path), sites=[f"{site}/"], note=notes.append)
    read = set(followed.read)
    assert {f"{site}/rss.xml", f"{site}/atom.xml", f"{site}/sitemap_index.xml"} <= read
    assert f"{site}/sak/uten-metadata" in followed.urls  # from the Atom feed
    assert f"{site}/sak/kommunen-kutter-matsvinn" in followed.urls  # from the gzip sitemap
    assert any("2 feeds" in note and "1 sitemaps" in note for note in notes)
    # laks-fra-land is in the RSS (with utm_*), the Atom feed and the news sitemap: once
    assert len(followed.urls) == len(set(followed.urls)) == 5


def test_without_sitemap_lines_discovery_tries_sitemap_xml(site, tmp_path):
    NewsSite.robots_lists_sitemaps = False
    followed = follow(tmp_path / "out", options(tmp_path), sites=[f"{site}/"], note=lambda _: None)
    assert f"{site}/sitemap.xml" in followed.read


# --- bad feeds: a clear line each, nothing else lost ----------------------------------------


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/bad/malformed.xml", "not well-formed XML"),
        ("/bad/not-xml.xml", "not an RSS or Atom feed"),
        ("/bad/html-feed", "an HTML page, not an RSS or Atom feed (it links to the feeds"),
        ("/bad/huge.xml", "10000 items, more than a feed is read for; the first 1000"),
        ("/bad/nolinks.xml", "2 items without a usable link, left out"),
        ("/bad/relative.xml", "1 relative links, read against the feed's address"),
        ("/finnes-ikke.xml", "HTTP 404"),
        ("/privat/rss.xml", "robots.txt of 127.0.0.1"),
    ],
)
def test_a_bad_feed_gets_a_clear_line_and_loses_nothing_else(site, tmp_path, path, expected):
    notes: list[str] = []
    followed = follow(
        tmp_path / "out",
        options(tmp_path),
        feeds=[f"{site}{path}", f"{site}/rss.xml"],
        max_articles=5000,
        note=notes.append,
    )
    lines = notes + [f"{e.input}: {e.message}" for e in followed.errors]
    assert [line for line in lines if expected in line], lines
    assert {f"{site}/sak/{s}" for s in NewsSite.feed_slugs} <= set(followed.urls)


def test_sources_keep_the_per_host_delay(site, tmp_path):
    import time

    start = time.monotonic()
    follow(
        tmp_path / "out",
        FetchOptions(retries=0, host_delay=0.4, cache_dir=tmp_path / "cache"),
        feeds=[f"{site}/rss.xml", f"{site}/atom.xml"],
        note=lambda _: None,
    )
    assert time.monotonic() - start >= 0.4


def test_relative_links_are_read_against_the_feed(site, tmp_path):
    followed = follow(
        tmp_path / "out", options(tmp_path), feeds=[f"{site}/bad/relative.xml"], note=lambda _: None
    )
    assert followed.urls == [f"{site}/sak/laks-fra-land"]


def test_a_sitemap_that_loops_into_itself_is_read_once(site, tmp_path):
    notes: list[str] = []
    followed = follow(
        tmp_path / "out", options(tmp_path), sitemaps=[f"{site}/bad/loop.xml"], note=notes.append
    )
    assert any("a loop" in note for note in notes)
    assert [p for p, _ in NewsSite.log].count("/bad/loop.xml") == 1
    assert {f"{site}/sak/ny-fabrikk-i-mo", f"{site}/sak/laks-fra-land"} == set(followed.urls)


def test_a_failed_feed_is_recorded_and_the_others_are_profiled(site, tmp_path, capsys):
    out = tmp_path / "out"
    code = run(
        out,
        "--feed",
        f"{site}/finnes-ikke.xml",
        "--feed",
        f"{site}/bad/html-feed",
        "--feed",
        f"{site}/rss.xml",
    )
    assert code == 1
    assert len(profiles(out)) == 3
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text("utf-8").splitlines()]
    assert {e["input"] for e in errors} == {f"{site}/finnes-ikke.xml", f"{site}/bad/html-feed"}
    assert "Traceback" not in capsys.readouterr().err


# --- the command line ----------------------------------------------------------------------


def test_help_names_the_source_options(capsys):
    assert main(["run", "--help"]) == 0
    text = capsys.readouterr().out
    for option in ("--feed", "--sitemap", "--site", "--since", "--max-articles"):
        assert option in text
    assert "without a date are kept" in text


@pytest.mark.parametrize(
    "args",
    [["--since", "2026-11-01", "x.html"], ["--feed", "http://127.0.0.1:9/f", "--since", "igår"]],
)
def test_source_options_used_wrongly_are_one_line_and_exit_2(tmp_path, capsys, args):
    assert main(["run", "-o", str(tmp_path / "out"), *args]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and ("--since" in err)


def test_canonical_urls_drop_tracking_and_fragments():
    assert (
        canonical_url("https://WWW.Avis.no/sak/1?utm_source=rss&id=7&fbclid=x#kommentarer")
        == "https://www.avis.no/sak/1?id=7"
    )
    assert canonical_url("/sak/2", base="https://avis.no/rss.xml") == "https://avis.no/sak/2"
    assert canonical_url("mailto:tips@avis.no") is None


def test_a_missing_dependency_is_one_line_and_exit_2(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("pipeline.cli_sources._missing_source_modules", lambda: "feedparser")
    assert main(["run", "-o", str(tmp_path / "out"), "--feed", "http://127.0.0.1:9/f"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "feedparser" in err[0]
