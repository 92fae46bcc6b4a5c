"""What `subjects` does when another app tells it something."""

from requests_app.models import Kind, LetterType

from .services import access_answer_attach


def answer_files_on_issue(sender, *, letter, now, **kwargs):
    """The access answer's PDF, JSON and CSV go with the answer letter of an access request
    (issued only after the second person's approval: `letter_drafts`)."""
    request = letter.request
    if letter.type == LetterType.ANSWER and request.kind == Kind.ACCESS and not letter.replaces_id:
        access_answer_attach(request=request, now=now)
