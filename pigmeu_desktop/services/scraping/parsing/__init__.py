"""Amazon product-page parsing, split by concern; `scraping.parser.parse_product_page` is the entry point."""
