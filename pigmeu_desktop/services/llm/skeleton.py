"""The skeleton draft: no AI, deterministic, in the schema's shape, filled with the book data and
clearly marked as needing writing, so review and publishing work offline and without a key."""

from __future__ import annotations

from pigmeu_desktop.core.models import Book, Draft, utcnow
from pigmeu_desktop.core.text_boundary import clean_scraped_text, markdown_text
from pigmeu_desktop.services.llm.config import SKELETON
from pigmeu_desktop.services.llm.links import ensure_amazon_link
from pigmeu_desktop.services.llm.prompts import Prompt
from pigmeu_desktop.services.llm.slugs import slugify

_LABELS = {
    "pt": {
        "title": "Título",
        "authors": "Autoria",
        "publisher": "Editora",
        "date": "Publicação",
        "pages": "Páginas",
        "isbn": "ISBN",
        "binding": "Formato",
        "description": "Descrição da editora",
        "review": "Resenha",
        "of": "de",
        "by": "de",
    },
    "en": {
        "title": "Title",
        "authors": "Author",
        "publisher": "Publisher",
        "date": "Published",
        "pages": "Pages",
        "isbn": "ISBN",
        "binding": "Format",
        "description": "Publisher's description",
        "review": "Review",
        "of": "of",
        "by": "by",
    },
}


def skeleton_draft(book: Book, amazon_url: str, prompt: Prompt) -> Draft:
    labels = _LABELS.get(prompt.language.split("-")[0].lower(), _LABELS["en"])
    note = str(prompt.doc.get("skeleton_note") or "TO WRITE")
    authors = ", ".join(a.name for a in book.authors) or "?"
    title = book.title.strip()
    heading = f"{labels['review']}: {title}"[:120]

    # Book data is data, never markup: every value placed in the Markdown is escaped (core/text_boundary).
    def md(value: str) -> str:  # a one-line value: its own line breaks must not open a new block
        return markdown_text(clean_scraped_text(value))

    facts = [
        f"- **{labels['title']}:** {md(title)}" + (f" — {md(book.subtitle)}" if book.subtitle else ""),
        f"- **{labels['authors']}:** {md(authors)}",
    ]
    if book.publisher:
        facts.append(f"- **{labels['publisher']}:** {md(book.publisher)}")
    if book.publication_date:
        facts.append(f"- **{labels['date']}:** {book.publication_date.isoformat()}")
    if book.pages:
        facts.append(f"- **{labels['pages']}:** {book.pages}")
    if book.binding:
        facts.append(f"- **{labels['binding']}:** {md(book.binding)}")
    if isbn := book.isbn13 or book.isbn10:
        facts.append(f"- **{labels['isbn']}:** {md(isbn)}")
    blocks = []
    for i, section in enumerate(prompt.sections):
        lines = [f"## {section.heading}", "", f"> {note}"]
        if i == 0:
            lines += ["", *facts]
        if section.key == "synopsis" and book.description:
            quoted = "\n".join(
                f"> {line}" if line else ">" for line in markdown_text(book.description.strip()).splitlines()
            )
            lines += ["", f"*{labels['description']}:*", "", quoted]
        blocks.append("\n".join(lines))
    body = ensure_amazon_link("\n\n".join(blocks) + "\n", amazon_url, prompt.amazon_link_text)
    summary = f"{title}, {labels['by']} {authors}. {note}"
    categories = [str(prompt.doc.get("default_category") or labels["review"])]
    return Draft(
        title=heading,
        slug=slugify(f"{labels['review']} {title}")[:90].strip("-"),
        excerpt=summary[:400],
        meta_description=f"{labels['review']} {labels['of']} {title}, {labels['by']} {authors}."[:160],
        focus_keyword=title.lower()[:80],
        body_markdown=body,
        tags=[t for t in [title[:60], *(a.name[:60] for a in book.authors)] if t][:12],
        categories=categories,
        provider=SKELETON,
        model=SKELETON,
        prompt_id=prompt.id,
        prompt_version=prompt.version,
        generated_at=utcnow(),
        needs_writing=True,
    )
