"""Selector rules as data: where each simple field is read, in order of trust, and which page areas belong
to other products. Each rule is (name, xpath); the name is what `pigmeu scrape --explain` prints.

An expression starting with "#id" (or "#id1|id2") is evaluated under the elements with that id, found
through the page's id index (fast on a 3 MB page); any other expression searches the whole page.
"""

from __future__ import annotations

# The title, by id, in order: productTitle (2013+, desktop and mobile), ebooksProductTitle (Kindle 2014-2017),
# btAsinTitle (2012-2014 "buying" block), then the mobile-web h1 (2016-2019 `#title_feature_div h1#title`)
# and the containers some media layouts use.
TITLE_IDS = (
    "productTitle",
    "ebooksProductTitle",
    "btAsinTitle",
    "title",
    "title_feature_div",
    "ebooksTitle_feature_div",
    "ebooksTitle",
    "booksTitle_feature_div",
    "booksTitle",
    "bookTitle",
    "title_row",
    "item_name",
    "product-title",
    "aiv-content-title",
)
# When none of those ids holds text: the title feature of mobile and media layouts, found by its feature
# name, then the first heading of the product area. (The <title> tag is never used: it mixes the title
# with authors, ISBNs and the store's name.)
TITLE_FALLBACK_RULES: tuple[tuple[str, str], ...] = (
    (
        "title feature heading",
        "//*[@data-feature-name='title' or @data-feature-name='ebooksTitle' or @data-feature-name='booksTitle']//h1",
    ),
    (
        "title feature bold text",
        "//*[@data-feature-name='title' or @data-feature-name='ebooksTitle' or @data-feature-name='booksTitle']"
        "//span[contains(@class, 'a-size-large') or contains(@class, 'a-size-medium') or contains(@class, 'a-text-bold')]",
    ),
    (
        "first heading of the product area",
        "#dp|ppd|centerCol|dp-container//h1[not(ancestor::*[contains(@class, 'a-popover')])][normalize-space()][1]",
    ),
)

# Average rating: (rule, xpath). Relative to the whole page; item scoping (`scope`) drops other products'.
RATING_RULES: tuple[tuple[str, str], ...] = (
    ("acrPopover title", "#acrPopover/@title"),
    ("acrPopover star text", "#acrPopover//span[contains(@class, 'a-icon-alt')]"),
    (
        "averageCustomerReviews star text",
        "#averageCustomerReviews|averageCustomerReviews_feature_div//*[contains(@class, 'a-icon-alt')]",
    ),
    # Mobile web (2016-2019): <a id="acrCustomerReviewLink"><i class="a-icon-star…"><span class="a-icon-alt">.
    ("mobile review link star text", "#acrCustomerReviewLink//*[contains(@class, 'a-icon-alt')]"),
    (
        "cmrs star text",
        "#cmrs-atf|customerReviews|reviewsMedley"
        "//*[@data-hook='rating-out-of-text' or contains(@class, 'arp-rating-out-of-text')]",
    ),
    # 2012-2016: <span class="asinReviewsSummary" name="ASIN"><span class="swSprite" title="4.8 out of 5 stars">.
    ("asinReviewsSummary title", "//*[contains(@class, 'asinReviewsSummary')]//*[@title]/@title"),
    (
        "reviewCountTextLinkedHistogram title",
        "//*[contains(@class, 'reviewCountTextLinkedHistogram')]/@title",
    ),
    ("crAvgStars title", "//*[contains(@class, 'crAvgStars')]//*[@title]/@title"),
    ("acrRating text", "//*[contains(@class, 'acrRating') or @id='acrRating' or @id='avgRating']"),
)

# Number of ratings: (rule, xpath).
RATING_COUNT_RULES: tuple[tuple[str, str], ...] = (
    ("acrCustomerReviewText", "#acrCustomerReviewText"),
    # Mobile web: "(58)" beside the stars inside #acrCustomerReviewLink.
    ("mobile review link count", "#acrCustomerReviewLink/span[not(contains(@class, 'a-icon-alt'))]"),
    ("acrCustomerReviewLink text", "#acrCustomerReviewLink"),
    ("crAvgStars count link", "//*[contains(@class, 'crAvgStars')]/a[last()]"),
    (
        "averageCustomerReviews count",
        "#averageCustomerReviews//*[contains(@class, 'totalRatingCount') or contains(@id, 'RatingCount')]",
    ),
    ("acrCount link", "//*[contains(@class, 'acrCount')]/a"),
)

# Binding: the mobile format button ("Format: Paperback") and the selected row of the mobile format list.
MOBILE_BINDING_RULES: tuple[tuple[str, str], ...] = (
    ("mobile format button", "#mediaMatrixButton-announce//*[contains(@class, 'dimension-label')]"),
    (
        "mobile format list, selected",
        "//a[contains(@class, 'mediaMatrixListItem') and contains(concat(' ', @class, ' '), ' a-active ')]"
        "//span[contains(@class, 'a-text-bold')]",
    ),
    (
        "2014 formats table, active row",
        "//tr[contains(@class, 'activeRow')]/td[contains(@class, 'tmm_bookTitle')]",
    ),
)

# Areas that show OTHER products: carousels, "customers also bought", sponsored, comparisons, bundles,
# single customer reviews and reviews from another marketplace. Matched against ids and classes
# (case-sensitive substrings) of an element and its ancestors.
FOREIGN_ID_PARTS = (
    "sims",
    "Sims",
    "bxgy",
    "cpsims",
    "purchaseShvl",
    "sessionShvl",
    "sponsored",
    "Sponsored",
    "sp_detail",
    "sp_phone_detail",
    "sp_desktop",
    "comparison",
    "Comparison",
    "HLCX",
    "p13n",
    "rhf",
    "dp-ads",
    "ape_",
    "adPlacements",
    "similarities",
    "view_to_purchase",
    "fbt_",
    "sims-fbt",
    "bundle",
    "Bundle",
    "customer_review-",
    "rev-dp",
    "revMH",
    "revFM",
    "ForeignMkt",
    "cm-cr-dp-aw-review-list",
    "cm-cr-dp-review-list",
    "cm_cr-review_list",
    "reviews-medley-footer",
    "anonCarousel",
    "desktop-dp-sims",
    "mobile-dp-sims",
    "books-entity-",
    "vse-",
    "climatePledge",
    "beforeAfter",
    "promotions_feature",
    "aplus",
    "A+",
    "editorialReviews",
    "seriesBulletWidget",
    "series-childAsin",
    "moreAboutTheAuthor",
    "authorFollow",
)
FOREIGN_CLASS_PARTS = (
    "a-carousel",
    "p13n",
    "shoveler",
    "sims-",
    "new-faceout",
    "sponsored",
    "acswidget",
    "rhf-",
    "comparison",
    "bxgy",
    "fbt-",
    "review-views",
    "dpForeignMkt",
    "celwidget-sims",
    "aplus",
    "sp-shoveler",
    "vse-",
    "puis-",
)
# Whole class names of one customer's review (its stars are that customer's, not the average).
FOREIGN_CLASS_TOKENS = frozenset({"review", "reviews", "a-review"})

# The item's own areas. Inside them an ASIN attribute naming another product (reviews shared with another
# format, a parent ASIN) does not make an element foreign; the widget ids and classes above still do.
OWN_AREA_IDS = frozenset(
    {
        "ppd",
        "centerCol",
        "rightCol",
        "leftCol",
        "handleBuy",
        "buybox",
        "averageCustomerReviews_feature_div",
        "averageCustomerReviews",
        "title_feature_div",
        "booksTitle",
        "titleblock_feature_div",
        "detailBullets_feature_div",
        "productDetails_feature_div",
        "rich_product_information",
        "prodDetails",
        "detail_bullets_id",
        "productDetailsTable",
    }
)
OWN_AREA_CLASSES = frozenset({"buying", "jumpBar", "parseasinTitle"})
