"""The side-by-side review editor: the book as Amazon shows it beside the post as it will read."""
