"""The statements' plain-text format: paragraphs split by a blank line, list items on lines
that start with "- ", and links written `[text](/path/)` or `[text](https://…)`. Staff type it
in the admin; residents see HTML; the diff compares it."""

import re

from django.utils.html import escape, format_html, format_html_join, urlize
from django.utils.safestring import mark_safe

# A link to a page of the portal ("/…", never "//host") or to an https address. Anything else in
# brackets stays text.
_LINK = re.compile(r"\[(?P<text>[^\]\n]+)\]\((?P<href>/(?!/)[^\s()]*|https://[^\s()]+)\)")


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
    """Escaped text, with its `[text](href)` links and bare addresses as links."""
    parts, last = [], 0
    for match in _LINK.finditer(text):
        parts.append(urlize(escape(text[last : match.start()]), autoescape=False))
        parts.append(format_html('<a href="{}">{}</a>', match["href"], match["text"]))
        last = match.end()
    parts.append(urlize(escape(text[last:]), autoescape=False))
    return "".join(parts)


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
    """One line per paragraph or list item, for the diff; a link reads as its text."""
    lines = []
    for kind, content in blocks(_LINK.sub(r"\g<text>", text or "")):
        lines.extend(f"• {item}" for item in content) if kind == "ul" else lines.append(content)
    return lines
