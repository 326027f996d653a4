"""This item's price from the buy box (new offer first, then the used-only buy box), never from swatches of
other formats or from carousels; the currency from the symbol, else from the marketplace."""

from __future__ import annotations

from decimal import Decimal

from pigmeu_desktop.core.marketplaces import currency_of
from pigmeu_desktop.core.models import Price
from pigmeu_desktop.services.scraping.parsing.dom import Page
from pigmeu_desktop.services.scraping.parsing.locales import (
    CURRENCY_SYMBOLS,
    DOLLAR_CURRENCIES,
    ZERO_DECIMAL_CURRENCIES,
)
from pigmeu_desktop.services.scraping.parsing.numbers import parse_decimal
from pigmeu_desktop.services.scraping.parsing.scope import ItemScope
from pigmeu_desktop.services.scraping.parsing.text import clean, node_text
from pigmeu_desktop.services.scraping.parsing.trace import note

# The "new" buy box of the 2021+ layouts (desktop and mobile) with its `.a-price` components.
_NEW_OFFER_CONTAINERS = (
    "corePrice_feature_div",
    "corePriceDisplay_desktop_feature_div",
    "corePrice_desktop",
    "corePrice_mobile_feature_div",
    "apex_offerDisplay_desktop",
    "apex_offerDisplay_mobile_feature_div",
    "apex_desktop",
    "newAccordionRow",
    "newPitchPriceWrapper_feature_div",
    "booksHeaderInfoContainer",
    "qualifiedBuybox",
)
# Single-element prices of 2012-2022 layouts, in order of trust.
_PRICE_IDS = (
    "kindle-price",
    "priceblock_dealprice",
    "priceblock_saleprice",
    "priceblock_ourprice",
    "price",
    "newBuyBoxPrice",
    "price_inside_buybox",
    "actualPriceValue",
    "buyingPriceValue",
    "buyNewSection",
    "buybox_feature_div",
    "mobile_buybox_feature_div",
)
_USED_CONTAINERS = (
    "usedBuySection",
    "usedAccordionRow",
    "usedBuyBoxPrice",
    "used_buybox_desktop",
    "usedOnlyBuybox",
)
_USED_HINT = "ancestor-or-self::*[contains(@id, 'used') or contains(@id, 'Used') or @data-csa-c-buying-option-type='USED']"


def currency_for(text: str, marketplace: str | None) -> str:
    """ISO currency of a displayed price: an explicit symbol wins; a bare "$" means the marketplace's dollar."""
    market = currency_of(marketplace)
    for symbol, code in CURRENCY_SYMBOLS:
        if symbol in text:
            return code
    if "$" in text:
        return market if market in DOLLAR_CURRENCIES else "USD"
    return market or "USD"


def _price_from_text(text: str, marketplace: str | None) -> Price | None:
    text = clean(text)
    if not text or not any(ch.isdigit() for ch in text):
        return None
    currency = currency_for(text, marketplace)
    amount = parse_decimal(text, zero_decimals=currency in ZERO_DECIMAL_CURRENCIES)
    if amount is None or amount <= 0 or amount > Decimal("1000000"):
        return None
    if currency in ZERO_DECIMAL_CURRENCIES:
        amount = amount.quantize(Decimal("1"))
    elif amount == amount.to_integral_value() and "." not in str(amount):
        amount = amount.quantize(Decimal("0.01"))
    return Price(amount=amount, currency=currency)


def _a_price_text(element) -> str:
    """Text of an `.a-price`: the offscreen copy, else a sibling `.aok-offscreen`, else its visible parts."""
    for offscreen in element.xpath(".//span[contains(@class, 'a-offscreen')]"):
        text = node_text(offscreen)
        if text:
            return text
    parent = element.getparent()
    if parent is not None:
        for offscreen in parent.xpath("./span[contains(@class, 'aok-offscreen')]"):
            text = node_text(offscreen)
            if text:
                return text
    symbol = "".join(node_text(e) for e in element.xpath(".//span[contains(@class, 'a-price-symbol')]")[:1])
    whole = "".join(node_text(e) for e in element.xpath(".//span[contains(@class, 'a-price-whole')]")[:1])
    fraction = "".join(
        node_text(e) for e in element.xpath(".//span[contains(@class, 'a-price-fraction')]")[:1]
    )
    if whole:
        whole = whole.rstrip(".,").strip()
        decimal = "." if not fraction else _decimal_mark(element)
        return f"{symbol}{whole}{decimal}{fraction}" if fraction else f"{symbol}{whole}"
    return ""


def _decimal_mark(element) -> str:
    marks = element.xpath(".//span[contains(@class, 'a-price-decimal')]")
    mark = node_text(marks[0]) if marks else "."
    return mark or "."


def _is_price_element(element) -> bool:
    return "a-price" in (element.get("class") or "").split()


def _a_prices(container, *, allow_used: bool):
    for element in container.iter("span"):
        if not _is_price_element(element):
            continue
        # Strike-through list prices and unit prices are not what the reader pays.
        if element.get("data-a-strike") == "true" or "a-text-price" in (element.get("class") or ""):
            continue
        if not allow_used and element.xpath(_USED_HINT):
            continue
        yield element


def extract_price(page: Page, marketplace: str | None, scope: ItemScope | None = None) -> Price | None:
    for ident in _NEW_OFFER_CONTAINERS:
        for container in page.all_by_id(ident):
            if container.xpath(_USED_HINT):
                continue
            for element in _a_prices(container, allow_used=False):
                price = _price_from_text(_a_price_text(element), marketplace)
                if price:
                    note("price", f"new-offer buy box #{ident}, .a-price", element)
                    return price
    for ident in _PRICE_IDS:
        for element in page.all_by_id(ident):
            if element.tag in ("span", "b", "strong", "td"):
                candidates = [element]
            else:
                # A block (2016 "#price" table, "#buyNewSection"): the price is a coloured span inside;
                # its first number may be a struck-through list price otherwise.
                # A used offer inside the block (the mobile buy box's "Used" row) is not this item's price.
                candidates = [
                    c
                    for c in element.xpath(
                        ".//*[contains(@class, 'offer-price') or contains(@class, 'a-color-price')]"
                    )
                    if not c.xpath(_USED_HINT)
                ] + list(_a_prices(element, allow_used=False))
            for candidate in candidates:
                text = _a_price_text(candidate) if _is_price_element(candidate) else node_text(candidate)
                price = _price_from_text(text, marketplace)
                if price:
                    note("price", f"price element #{ident}", candidate)
                    return price
    for element in page.within("priceBlock", ".//*[contains(@class, 'priceLarge')]"):
        price = _price_from_text(node_text(element), marketplace)
        if price:
            note("price", "2012 #priceBlock .priceLarge", element)
            return price
    # 2012-2014 buy boxes without a known id (Kindle "priceLarge" cells, "kindle-price" spans), outside
    # any widget about other products.
    scope = scope or ItemScope()
    for element in page.xpath("//*[contains(@class, 'priceLarge') or contains(@class, 'kindle-price')]"):
        if element.xpath(_USED_HINT) or not scope.own(element):
            continue
        price = _price_from_text(node_text(element), marketplace)
        if price:
            note("price", "2012-2014 buy box .priceLarge", element)
            return price
    # Only a used copy is on offer: its buy box is the item's price.
    for ident in _USED_CONTAINERS:
        for container in page.all_by_id(ident):
            for element in _a_prices(container, allow_used=True):
                price = _price_from_text(_a_price_text(element), marketplace)
                if price:
                    note("price", f"used-only buy box #{ident}, .a-price", element)
                    return price
            for element in container.xpath(
                ".//*[contains(@class, 'offer-price') or contains(@class, 'a-color-price')]"
            ):
                price = _price_from_text(node_text(element), marketplace)
                if price:
                    note("price", f"used-only buy box #{ident}", element)
                    return price
    # Last resort: the selected format swatch (this item's own format, never the others).
    for element in page.within(
        "tmmSwatches",
        ".//*[contains(@class, 'a-button-selected') or contains(concat(' ', normalize-space(@class), ' '), ' selected ')]"
        "//*[contains(@class, 'a-color-price') or contains(@class, 'slot-price')]",
    ):
        price = _price_from_text(node_text(element), marketplace)
        if price:
            note("price", "selected format swatch", element)
            return price
    # Mobile web: the selected row of the format list ("Kindle – $9.99") is this item's own format.
    for element in page.xpath(
        "//a[contains(@class, 'mediaMatrixListItem') and "
        "contains(concat(' ', normalize-space(@class), ' '), ' a-active ')]"
        "//*[contains(@class, 'a-color-price')]"
    ):
        price = _price_from_text(node_text(element), marketplace)
        if price:
            note("price", "mobile format list, selected format", element)
            return price
    return None
