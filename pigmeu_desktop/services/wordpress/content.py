"""The post's HTML: Markdown rendered, sanitised with an allow-list, Amazon links tagged, disclosure added."""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass, field

import nh3
from markdown_it import MarkdownIt

from pigmeu_desktop.core.models import Draft
from pigmeu_desktop.core.text_boundary import HEADING_TAGS, html_text
from pigmeu_desktop.services.wordpress.affiliate import (
    AFFILIATE_REL,
    AmazonLink,
    affiliate_url,
    is_amazon_short_link,
    parse_amazon_link,
)
from pigmeu_desktop.services.wordpress.hashing import content_hash

ALLOWED_TAGS = frozenset(
    {
        "p",
        "br",
        "hr",
        *HEADING_TAGS,
        "strong",
        "em",
        "b",
        "i",
        "u",
        "s",
        "del",
        "ins",
        "mark",
        "small",
        "sub",
        "sup",
        "blockquote",
        "q",
        "cite",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "a",
        "img",
        "figure",
        "figcaption",
        "code",
        "pre",
        "kbd",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "th",
        "td",
        "caption",
        "abbr",
    }
)
# No event handlers, no style, no rel from the draft (we set rel ourselves on affiliate links).
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "ol": {"start"},
    "code": {"class"},
    "abbr": {"title"},
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
URL_SCHEMES = frozenset({"http", "https"})
BUY_LINK_TEXT = "Veja o livro na Amazon"
_A_TAG = re.compile(r'<a((?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*="[^"]*")*)\s*>')
_HREF = re.compile(r'\shref="([^"]*)"')


def marker_for(submission_id: str) -> str:
    """The invisible tag that ties a post to its submission (found again by a search after a crash)."""
    return f"<!-- pigmeu:submission={submission_id} -->"


@dataclass
class RenderedPost:
    html: str
    affiliate_links: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@functools.cache
def _markdown() -> MarkdownIt:
    """One renderer per process: building one compiles its rule chains (each render gets its own state,
    so worker threads can share it)."""
    # html=True: raw HTML in a draft is kept for the sanitiser to judge (and strip) rather than shown escaped.
    md = MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough")
    # Let every link through to the sanitiser: markdown-it would print a `javascript:` link as literal
    # text, while nh3 keeps the words and drops the href.
    md.validateLink = lambda url: True  # type: ignore[method-assign]  # markdown-it's documented hook
    md.render("")  # compile the rule caches now, not racily in two threads' first renders
    return md


@dataclass(frozen=True)
class PostText:
    """Everything a publish sends that is derived from the draft's text, computed in one go."""

    rendered: RenderedPost
    title: str
    excerpt: str
    meta_description: str
    focus_keyword: str
    content_hash: str


def prepare_post_text(
    draft: Draft,
    *,
    submission_id: str,
    product_url: str,
    affiliate_tags: dict[str, str],
    disclosure_text: str,
) -> PostText:
    """Render and sanitise the draft and hash it. CPU-bound (a long review takes tens of ms): callers
    run it in a worker thread so the event loop (the GUI) never waits for it."""
    return PostText(
        rendered=render_post_html(
            draft.body_markdown,
            submission_id=submission_id,
            product_url=product_url,
            affiliate_tags=affiliate_tags,
            disclosure_text=disclosure_text,
        ),
        title=sanitize_text(draft.title),
        excerpt=sanitize_text(draft.excerpt),
        meta_description=sanitize_text(draft.meta_description),
        focus_keyword=sanitize_text(draft.focus_keyword),
        content_hash=content_hash(draft),
    )


def render_post_html(
    body_markdown: str,
    *,
    submission_id: str,
    product_url: str,
    affiliate_tags: dict[str, str],
    disclosure_text: str,
) -> RenderedPost:
    """Markdown → safe HTML for WordPress; every Amazon product link canonical, tagged and rel=sponsored."""
    rendered = RenderedPost(html="")
    tagged: set[str] = set()
    seen_asins: set[str] = set()

    def rewrite(element: str, attribute: str, value: str) -> str | None:
        if element == "a" and attribute == "href":
            link = parse_amazon_link(value)
            if link is not None:
                url = affiliate_url(link, affiliate_tags)
                tagged.add(url)
                seen_asins.add(link.asin)
                return url
            if is_amazon_short_link(value):
                tagged.add(value)
        return value

    raw_html = _markdown().render(body_markdown or "")
    clean = nh3.clean(
        raw_html,
        tags=set(ALLOWED_TAGS),
        attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel=None,
        strip_comments=True,
        attribute_filter=rewrite,
    )

    def add_rel(match: re.Match[str]) -> str:
        attrs = match.group(1)
        href = _HREF.search(attrs)
        if href and html.unescape(href.group(1)) in tagged:
            return f'<a{attrs} rel="{AFFILIATE_REL}">'
        return match.group(0)

    clean = _A_TAG.sub(add_rel, clean).strip()

    product = parse_amazon_link(product_url)
    if product is not None and product.asin not in seen_asins:
        clean += "\n" + _buy_paragraph(product, affiliate_tags)
        seen_asins.add(product.asin)
        tagged.add(affiliate_url(product, affiliate_tags))
    if product is not None and not affiliate_tags.get(product.marketplace):
        rendered.notes.append(
            f"No affiliate tag is set for {product.marketplace}; Amazon links are untagged."
        )

    disclosure = (
        f'<p class="pigmeu-disclosure"><em>{html.escape(disclosure_text.strip())}</em>'
        f"{marker_for(submission_id)}</p>"
        if disclosure_text.strip()
        else f"<p>{marker_for(submission_id)}</p>"
    )
    rendered.html = disclosure + "\n" + clean + "\n"
    rendered.affiliate_links = sorted(tagged)
    return rendered


def _buy_paragraph(link: AmazonLink, tags: dict[str, str]) -> str:
    url = html.escape(affiliate_url(link, tags), quote=True)
    return f'<p><a href="{url}" rel="{AFFILIATE_REL}">{BUY_LINK_TEXT}</a></p>'


def sanitize_text(text: str) -> str:
    """A plain-text field for WordPress (title, excerpt, term, SEO text): escaped for HTML, one line.

    WordPress treats titles and excerpts as HTML and does not escape them on output (an administrator's
    are stored unfiltered), so the text is escaped here and never unescaped afterwards: a title that
    reads `<script>` shows those characters on the blog.
    """
    return html_text(text)
