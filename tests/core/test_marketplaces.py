"""One marketplace table: every store that can be queued is also tagged, read in its language and currency."""

import pytest

from pigmeu_desktop.core.links import CanonicalLink, parse_link, parse_text
from pigmeu_desktop.core.marketplaces import MARKETPLACE_TABLE, currency_of, locale_of
from pigmeu_desktop.services.scraping.parsing.identity import from_url
from pigmeu_desktop.services.wordpress.affiliate import affiliate_url, parse_amazon_link


@pytest.mark.parametrize("market", MARKETPLACE_TABLE, ids=lambda m: m.host)
def test_every_marketplace_is_queued_tagged_and_identified_alike(market):
    url = f"https://www.{market.host}/Some-Title/dp/8565042472?ref=x"
    queued = parse_link(url)
    assert isinstance(queued, CanonicalLink) and queued.marketplace == market.host
    tagged = parse_amazon_link(url)
    assert tagged is not None and tagged.marketplace == market.host  # was missing for .ie and .co.za
    assert affiliate_url(tagged, {market.host: "blog-20"}).endswith("/dp/8565042472?tag=blog-20")
    assert from_url(url) == ("8565042472", market.host)
    assert locale_of(market.host) == market.locale and currency_of(f"www.{market.host}") == market.currency
    # Written in prose without https://, the link is still found.
    (found,) = parse_text(f"veja {market.host}/dp/8565042472 hoje")
    assert isinstance(found, CanonicalLink) and found.marketplace == market.host


def test_hosts_and_countries_are_unique():
    assert len({m.host for m in MARKETPLACE_TABLE}) == len({m.country for m in MARKETPLACE_TABLE}) == 24
