"""The statements' plain-text format: paragraphs split by a blank line, list items on lines
that start with "- ". Staff type it in the admin; residents see HTML; the diff compares it."""

from django.utils.html import escape, format_html_join, urlize
from django.utils.safestring import mark_safe


def blocks(text):
    """[("p", "a paragraph"), ("ul", ["item", "item"])]"""
    result = []
    for chunk in (text or "").replace("\r\n", "\n").split("\n\n"):
        lines = [line.strip() for line in chunk.strip().split("\n") if line.strip()]
        if not lines:
            continue
        if all(line.startswith("- ") for line in lines):
            result.append(("ul", [line[2:].strip() for line in lines]))
        else:
            result.append(("p", " ".join(lines)))
    return result


def _inline(text):
    return urlize(escape(text), autoescape=False)


def to_html(text):
    # bandit B308/B703: every piece of text is escaped by `_inline` (escape, then urlize adds
    # only its own links) before it is marked safe.
    html = []
    for kind, content in blocks(text):
        if kind == "ul":
            items = format_html_join("", "<li>{}</li>", ((mark_safe(_inline(i)),) for i in content))  # noqa: S308  # nosec B308 B703
            html.append(f"<ul>{items}</ul>")
        else:
            html.append(f"<p>{_inline(content)}</p>")
    return mark_safe("\n".join(html))  # noqa: S308  # nosec B308 B703


def to_lines(text):
    """One line per paragraph or list item, for the diff."""
    lines = []
    for kind, content in blocks(text):
        lines.extend(f"• {item}" for item in content) if kind == "ul" else lines.append(content)
    return lines
