"""Each domain table is read from its one source: providers and draft fields reach every part that needs them."""

from pigmeu_desktop.core.models import BOOK_FACTS, Book, Draft
from pigmeu_desktop.core.providers import PROVIDER_TABLE
from pigmeu_desktop.core.review import DRAFT_FIELDS
from pigmeu_desktop.logs import SECRET_ENV_NAMES
from pigmeu_desktop.services.llm.prompts import FACT_FIELDS
from pigmeu_desktop.services.scraping.enrichment import FILLABLE
from pigmeu_desktop.services.scraping.explain import FIELDS as EXPLAINED
from pigmeu_desktop.services.secrets.store import SECRET_NAMES
from pigmeu_desktop.services.wordpress.hashing import PUBLISHED_FIELDS
from pigmeu_desktop.settings.schema import Settings


def test_every_provider_has_its_key_kept_secret_and_a_model_setting():
    settings = Settings()
    for provider in PROVIDER_TABLE:
        assert provider.key_name in SECRET_NAMES  # `pigmeu secrets set` accepts it
        assert provider.key_name in SECRET_ENV_NAMES  # the log redactor learns its value
        assert getattr(settings, provider.model_field)  # a default model exists


def test_draft_fields_are_the_models_written_fields_and_the_published_ones():
    written = {
        "title",
        "slug",
        "excerpt",
        "meta_description",
        "focus_keyword",
        "body_markdown",
        "tags",
        "categories",
    }
    assert set(DRAFT_FIELDS) == written and set(DRAFT_FIELDS) <= set(Draft.model_fields)
    assert PUBLISHED_FIELDS is DRAFT_FIELDS


def test_book_facts_are_book_fields_and_every_list_of_them_is_a_selection_in_their_order():
    assert set(BOOK_FACTS) <= set(Book.model_fields)
    for selection in (FACT_FIELDS, FILLABLE, EXPLAINED[1:]):
        assert list(selection) == [name for name in BOOK_FACTS if name in selection]
    assert "cover_url" not in FACT_FIELDS and "price" not in FILLABLE and EXPLAINED[0] == "asin"
