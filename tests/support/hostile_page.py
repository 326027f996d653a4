"""A product page altered as an attacker would: markup, entities and terminal escapes in every text field.

Structurally Amazon's 2024 desktop layout (title, byline, detail bullets, description expander, breadcrumbs).
On the page the markup is *escaped text* (`&lt;script&gt;`), as Amazon serves a title containing those
characters; the parser must read it as text, and nothing from it may ever become markup on the blog.
"""

from __future__ import annotations

ASIN = "3518366823"
URL = f"https://www.amazon.com/dp/{ASIN}"
ESC = "\x1b"
BEL = "\x07"
RLO = "\u202e"

# What each field reads as text once the page is parsed (controls, bidi and zero-width removed).
TITLE_TEXT = "Siddhartha <script>alert(1)</script>]0;owned"
AUTHOR_TEXT = 'Eve <img src=x onerror="alert(2)">[31m'
PUBLISHER_TEXT = "Evil <iframe src=//evil.example/frame></iframe> Press"
CATEGORY_TEXT = "Books <svg onload=alert(4)>"
# Markers that would only appear on the blog if something from the page became markup.
HOSTILE_HOSTS = ("evil.example",)


def hostile_page() -> bytes:
    """The page's bytes (UTF-8), with raw ESC/BEL/RLO characters in the title as a hostile page would."""
    title = f"Siddhartha &lt;script&gt;alert(1)&lt;/script&gt;{ESC}]0;owned{BEL}{RLO}\u200b"
    page = f"""<!doctype html><html lang="en-us"><head><meta charset="utf-8">
<title>Amazon.com: Siddhartha: Books</title></head><body>
<div id="dp" class="book en_US"><div id="dp-container">
<div id="wayfinding-breadcrumbs_feature_div"><ul>
<li><span class="a-list-item"><a class="a-link-normal a-color-tertiary" href="/b?node=283155">Books &lt;svg onload=alert(4)&gt;</a></span></li>
<li class="a-breadcrumb-divider"><span>›</span></li>
<li><span class="a-list-item"><a class="a-link-normal a-color-tertiary" href="/b?node=17">Literature &amp;lt;b&amp;gt; Fiction</a></span></li>
</ul></div>
<h1 id="title"><span id="productTitle">{title}</span> <span id="productSubtitle">Paperback – January 1, 1981</span></h1>
<div id="bylineInfo" class="a-section a-spacing-micro bylineHidden feature">by <span class="author notFaded" data-width=""><a class="a-link-normal" href="/e/B000APUYEW">Eve &lt;img src=x onerror="alert(2)"&gt;{ESC}[31m</a> <span class="contribution" spacing="none"><span class="a-color-secondary">(Author)</span></span></span></div>
<div id="averageCustomerReviews"><span id="acrPopover" title="4.6 out of 5 stars"></span><span id="acrCustomerReviewText">5,876 ratings</span></div>
<div id="bookDescription_feature_div"><div class="a-expander-content a-expander-partial-collapse-content">
<p>Read [click](https://evil.example/phish) and ![](https://evil.example/pixel.png) now.</p>
<p>&lt;script&gt;alert(3)&lt;/script&gt; &lt;a href="https://evil.example/x" onclick="alert(5)"&gt;here&lt;/a&gt;</p>
<p>- not a list
# not a heading</p>
</div></div>
<div id="detailBullets_feature_div"><ul class="a-unordered-list a-nostyle a-vertical a-spacing-none detail-bullet-list">
<li><span class="a-list-item"><span class="a-text-bold">Publisher &rlm; : &lrm;</span> <span>Evil &lt;iframe src=//evil.example/frame&gt;&lt;/iframe&gt; Press (January 1, 1981)</span></span></li>
<li><span class="a-list-item"><span class="a-text-bold">Language &rlm; : &lrm;</span> <span>German</span></span></li>
<li><span class="a-list-item"><span class="a-text-bold">Paperback &rlm; : &lrm;</span> <span>121 pages</span></span></li>
<li><span class="a-list-item"><span class="a-text-bold">ISBN-10 &rlm; : &lrm;</span> <span>3518366823</span></span></li>
<li><span class="a-list-item"><span class="a-text-bold">ISBN-13 &rlm; : &lrm;</span> <span>978-3518366820</span></span></li>
</ul></div>
</div></div></body></html>"""
    return page.encode("utf-8")


def markup_from_page(html: str) -> list[str]:
    """Elements and attributes in `html` that could only have come from the hostile page's text."""
    from lxml import html as lxml_html

    root = lxml_html.fromstring(html if "<html" in html[:1000].lower() else f"<div>{html}</div>")
    found = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag == "script" and "alert(" in (element.text or ""):
            found.append(f"<script>{element.text[:40]}")
        if element.tag == "img" and element.get("src") == "x":
            found.append("<img src=x>")
        for name, value in element.attrib.items():
            # Text in an attribute value (a title="… <script> …") is text; a handler or an address is not.
            if name.startswith("on") and "alert(" in value:
                found.append(f"<{element.tag} {name}={value[:60]}>")
            if name in ("href", "src", "srcset", "action", "formaction", "data", "poster") and (
                any(host in value for host in HOSTILE_HOSTS)
                or value.strip().lower().startswith("javascript:")
            ):
                found.append(f"<{element.tag} {name}={value[:60]}>")
    return found
