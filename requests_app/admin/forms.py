"""The back office's forms: the queue's action, a workflow step, a note, registering a paper
request, writing a letter, and uploading an answer file. What they hold goes to a service.
"""

from django import forms
from django.contrib.admin import helpers
from django.utils.translation import gettext_lazy as _

from .. import letters, roles, services
from ..answer_files import FileRefused, upload_read
from ..models import (
    AuthorityCheck,
    Capacity,
    Channel,
    Delivery,
    Domain,
    Kind,
    LegalHold,
    RefusalGround,
    ResponseFile,
    Status,
    VerificationMethod,
)
from . import display


class AuthorityForm(forms.Form):
    evidence = forms.ChoiceField(label=_("What was seen"), choices=AuthorityCheck.Evidence.choices)
    note = forms.CharField(
        label=_("Details"),
        required=False,
        max_length=500,
        help_text=_("E.g. the court and the date of the order. Never keep a copy."),
    )


class HandlerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        """The full name and the groups (roles and teams), so the right person is picked."""
        groups = ", ".join(sorted(group.name for group in obj.groups.all()))
        return f"{obj.get_full_name() or obj.get_username()} ({groups})"


class AssignActionForm(helpers.ActionForm):
    # Required, with no default: "nobody" as the default once unassigned requests silently.
    handler = HandlerChoiceField(
        queryset=roles.handlers(), required=False, label=_("Handler"), empty_label=_("choose…")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handler"].queryset = roles.handlers().prefetch_related("groups")


class TransitionForm(forms.Form):
    to_status = forms.ChoiceField(label=_("New status"), choices=Status.choices)
    note = forms.CharField(
        label=_("Note, reason or explanation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Required to stop the clock, to extend and to refuse. Seen only by staff; the "
            "letter gives the resident the reasons."
        ),
    )
    verification_method = forms.ChoiceField(
        label=_("Identity verified by"),
        required=False,
        choices=[("", "—"), *VerificationMethod.choices],
        help_text=_("Never keep a copy of an identity document."),
    )
    refusal_ground = forms.ChoiceField(
        label=_("Legal ground for a refusal"),
        required=False,
        choices=[("", "—"), *RefusalGround.choices],
    )
    told_on = forms.DateField(
        label=_("Resident told of the extension on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    postponed_weeks = forms.IntegerField(
        label=_("Complaint postponed by (weeks)"), required=False, min_value=1, max_value=4
    )
    without_letter_reason = forms.CharField(
        label=_("Closing without a decision letter, because"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Only when the answer or refusal was not sent as a letter from this page, e.g. "
            "handed over at the counter. Seen only by staff."
        ),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, allowed=(), grounds=None, **kwargs):
        super().__init__(*args, **kwargs)
        # All statuses stay choosable so that the service, the one judge, says what is allowed.
        self.fields["to_status"].choices = [
            (value, label) for value, label in Status.choices if value in allowed
        ] + [(value, label) for value, label in Status.choices if value not in allowed]
        if grounds is not None:  # only the grounds of this kind of request are offered
            self.fields["refusal_ground"].choices = [
                ("", "—"),
                *((value, RefusalGround(value).label) for value in grounds),
            ]


class LegalHoldForm(forms.Form):
    """Place a legal hold (a reason and the day it started) or lift it."""

    action = forms.ChoiceField(
        choices=[("place", _("Place the legal hold")), ("lift", _("Lift the legal hold"))],
        widget=forms.HiddenInput,
    )
    reason = forms.ChoiceField(
        label=_("Legal hold"), choices=[("", "---------"), *LegalHold.choices], required=False
    )
    since = forms.DateField(
        label=_("Since"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        data = super().clean()
        if data.get("action") == "place":
            if not data.get("reason"):
                self.add_error("reason", _("Choose the procedure that is pending."))
            if not data.get("since"):
                self.add_error("since", _("Give the date the procedure started."))
        return data


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}))


class RegisterForm(forms.Form):
    channel = forms.ChoiceField(
        label=_("Received by"),
        choices=[c for c in Channel.choices if c[0] != Channel.WEB],
    )
    received_on = forms.DateField(
        label=_("Date of receipt"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The real date the municipality received it: the deadline runs from it."),
    )
    kind = forms.ChoiceField(label=_("Type"), choices=Kind.choices)
    domain = forms.ChoiceField(label=_("Concerns"), choices=Domain.choices)
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("E-mail address"), required=False)
    postal_address = forms.CharField(
        label=_("Postal address"),
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Street and number, postcode and town, each on a line of its own."),
    )
    delivery = forms.ChoiceField(
        label=_("Our letters go"),
        choices=Delivery.choices,
        initial=Delivery.POST,
        widget=forms.RadioSelect,
        help_text=_(
            "By e-mail only when the resident gave an address they read; they then get a "
            "notice and read the letters on their status page."
        ),
    )
    details = forms.CharField(label=_("The request"), widget=forms.Textarea, required=False)
    capacity = forms.ChoiceField(
        label=_("Acting for someone else as"),
        choices=[("", "—"), *Capacity.choices],
        required=False,
    )
    subject_name = forms.CharField(label=_("Name of the person it concerns"), required=False)
    language = forms.ChoiceField(
        label=_("Language"), choices=[("nl", "Nederlands"), ("en", "English")]
    )

    def clean(self):
        data = super().clean()
        delivery = data.get("delivery")
        address = data.get("postal_address", "").strip()
        if delivery == Delivery.POST and not address:
            self.add_error("postal_address", _("Give the address our letters are posted to."))
        lines = address.splitlines()
        if len(lines) > services.ADDRESS_MAX_LINES or any(
            len(line) > services.ADDRESS_MAX_WIDTH for line in lines
        ):
            self.add_error(
                "postal_address",
                _("The address must fit the envelope's window: at most 6 lines of 50 characters."),
            )
        if delivery == Delivery.EMAIL and not data.get("email"):
            self.add_error("email", _("Give the e-mail address, or choose letters by post."))
        return data

    def clean_received_on(self):
        received_on = self.cleaned_data["received_on"]
        if received_on > display.today():
            raise forms.ValidationError(_("The date of receipt cannot be in the future."))
        return received_on


# --- letters and answer files ---------------------------------------------------------------

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
        # The format a date input takes: a Dutch "01-03-2027" left the field empty.
        widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
        return forms.DateField(label=label, widget=widget)
    if name in letters.CHOICE_FIELDS:
        return forms.ChoiceField(label=label, choices=letters.CHOICE_FIELDS[name].choices)
    return forms.CharField(
        label=label, max_length=letters.TEXT_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReturnForm(forms.Form):
    remark = forms.CharField(
        label=_("What must change (internal, not in the letter)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ResponseFileUploadForm(forms.ModelForm):
    upload = forms.FileField(
        label=_("file"),
        help_text=_("PDF, PNG, JPEG, CSV, JSON or plain text; checked by its content."),
    )

    class Meta:
        model = ResponseFile
        fields = ["request"]

    def clean_upload(self):
        upload = self.cleaned_data["upload"]
        try:
            self.content = upload_read(upload)
        except FileRefused as refused:
            raise forms.ValidationError(str(refused)) from None
        return upload
