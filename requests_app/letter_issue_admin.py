"""The admin screen where staff write and issue a letter for a request: one form per letter
type, built from `letters.required_fields`, prefilled from the step that called for it.

Issuing goes through `letters.letter_issue`, which refuses a letter with a missing field and
names it; the resident then finds the PDF on the status page and gets an e-mail notice.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accesslog.models import AccessLogEntry
from accesslog.services import access_log_record

from . import letters
from .models import LetterType, Transition

LABELS = {
    "data_summary": _("The data we hold, in summary"),
    "purposes": _("For what purposes we use it"),
    "recipients": _("With whom we share it"),
    "retention": _("How long we keep it"),
    "source": _("Where it comes from"),
    "outcome": _("What we did"),
    "recipients_informed": _("Whom we informed of it"),
    "findings": _("What we found"),
    "judgement": _("Judgement"),
    "conclusions": _("Conclusions"),
    "reason": _("Reason"),
    "new_due_date": _("New due date"),
    "awaited": _("What we are waiting for"),
    "ground": _("Legal ground"),
    "explanation": _("Explanation"),
    "signatory": _("Signed by (name and position)"),
}


class LetterForm(forms.Form):
    def __init__(self, *args, fields, **kwargs):
        super().__init__(*args, **kwargs)
        for name in fields:
            self.fields[name] = _field(name)


def _field(name):
    label = LABELS.get(name, name)
    if name in letters.DATE_FIELDS:
        return forms.DateField(label=label, widget=forms.DateInput(attrs={"type": "date"}))
    if name in letters.CHOICE_FIELDS:
        return forms.ChoiceField(label=label, choices=letters.CHOICE_FIELDS[name].choices)
    return forms.CharField(
        label=label, max_length=letters.TEXT_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 3})
    )


def _initial(obj, letter_type):
    """What the step that called for this letter already says: ground, reason, new date."""
    step = Transition.objects.filter(request=obj, letter_type=letter_type).order_by("-at").first()
    initial = {"new_due_date": obj.due_date}
    if step:
        initial |= {"reason": step.note, "explanation": step.note, "ground": step.refusal_ground}
    return initial


def letter_types_for(kind):
    """The letters that exist for this kind of request, for the links on its page."""
    available = []
    for value, label in LetterType.choices:
        try:
            letters.required_fields(letter_type=value, kind=kind)
        except letters.LetterNotApplicable:
            continue
        available.append((value, label))
    return available


def letter_issue_view(model_admin, request, object_id, letter_type):
    obj = model_admin._visible_or_403(request, object_id, purpose="writing a letter")
    if not request.user.has_perm("requests_app.transition_subjectrequest"):
        access_log_record(
            request=request, action=AccessLogEntry.Action.DENIED, obj=obj, purpose="letter"
        )
        raise PermissionDenied
    if letter_type not in LetterType.values:
        raise Http404
    try:
        fields = letters.required_fields(letter_type=letter_type, kind=obj.kind)
    except letters.LetterNotApplicable:
        raise Http404 from None
    if request.method == "POST":
        form = LetterForm(request.POST, fields=fields)
        if form.is_valid():
            values = {
                name: value.isoformat() if hasattr(value, "isoformat") else value
                for name, value in form.cleaned_data.items()
            }
            try:
                letters.letter_issue(
                    request=obj, letter_type=letter_type, fields=values, issued_by=request.user
                )
            except letters.LetterInvalid as invalid:
                for name, why in invalid.errors.items():
                    form.add_error(name if name in form.fields else None, why)
            else:
                access_log_record(
                    request=request,
                    action=AccessLogEntry.Action.CHANGE,
                    obj=obj,
                    purpose=f"letter issued: {letter_type}",
                )
                messages.success(
                    request, gettext("The letter was issued; the resident gets an e-mail notice.")
                )
                return redirect(reverse("admin:requests_app_subjectrequest_change", args=[obj.pk]))
    else:
        form = LetterForm(initial=_initial(obj, letter_type), fields=fields)
        access_log_record(
            request=request,
            action=AccessLogEntry.Action.VIEW,
            obj=obj,
            purpose=f"writing a letter: {letter_type}",
        )
    context = {
        **model_admin.admin_site.each_context(request),
        "title": gettext("Letter: %(type)s for %(reference)s")
        % {"type": LetterType(letter_type).label, "reference": obj.reference},
        "original": obj,
        "opts": model_admin.model._meta,
        "form": form,
        "is_decision": letters.is_decision(letter_type=letter_type, kind=obj.kind),
    }
    response = TemplateResponse(request, "admin/requests_app/subjectrequest/letter.html", context)
    response["Cache-Control"] = "no-store"
    return response
