"""The resident's form: only what each type needs, each field saying why it is asked."""

import datetime
import secrets

from django import forms
from django.core import signing
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Capacity, Domain, Kind

# The resident must tell us what it is about for these; access and portability need no more.
DETAILS_REQUIRED = {
    Kind.RECTIFICATION,
    Kind.ERASURE,
    Kind.RESTRICTION,
    Kind.OBJECTION,
    Kind.COMPLAINT,
}
DETAILS_MAX_LENGTH = 5000
MIN_SECONDS, MAX_SECONDS = 3, 2 * 3600  # faster is a bot; slower, the page was left open
_SIGNER_SALT = "requests_app.form-started"


def form_started_token(now=None):
    """When the form was shown, signed; the random part makes each shown form unique, so the
    token also identifies one filled-in form (a double click sends the same token twice)."""
    started = int((now or timezone.now()).timestamp())
    return signing.TimestampSigner(salt=_SIGNER_SALT).sign(f"{started}.{secrets.token_hex(8)}")


class LongTextField(forms.CharField):
    """A text area's text with its line breaks as one character each, as the browser counts
    them for `maxlength` (it sends each as two)."""

    def to_python(self, value):
        return super().to_python(value).replace("\r\n", "\n")


class SubjectRequestForm(forms.Form):
    # No browser validation (NL Design System): an empty required field would match :invalid
    # and look wrong before anything is typed. Required fields say so with aria-required, and
    # the server checks them.
    use_required_attribute = False

    name = forms.CharField(
        label=_("Your name"),
        max_length=200,
        error_messages={"required": _("Fill in your name.")},
        help_text=_("So that we know whose data it is about, and can address our answer."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        error_messages={
            "required": _("Fill in your e-mail address."),
            "invalid": _("Fill in an e-mail address like name@example.nl."),
        },
        help_text=_("We send the confirmation and our answer here. We use it for nothing else."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    domain = forms.ChoiceField(
        label=_("What is it about?"),
        choices=Domain.choices,
        error_messages={"required": _("Choose what it is about.")},
        help_text=_("So that the right team handles it."),
        widget=forms.RadioSelect,
    )
    details = LongTextField(
        label=_("Your request"),
        max_length=DETAILS_MAX_LENGTH,
        required=False,
        error_messages={"required": _("Tell us what you would like.")},
        help_text=_(
            "Tell us in your own words what you would like. Do not send a copy of your "
            "identity document."
        ),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    capacity = forms.ChoiceField(
        label=_("Are you asking for someone else?"),
        choices=[("", _("No, for myself")), *Capacity.choices],
        required=False,
        help_text=_(
            "A parent, a legal representative or an administrator may ask for someone else."
        ),
        widget=forms.RadioSelect,
    )
    subject_name = forms.CharField(
        label=_("Name of the person you are asking for"),
        max_length=200,
        required=False,
        error_messages={"required": _("Please fill in whose data it is about.")},
        help_text=_(
            "Only if you ask for someone else: whose data it is about. We will then ask you "
            "for proof that you may act for this person, such as an extract from the custody "
            "register or the court's decision."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    # Anti-spam without a third party: a field people do not see, and the time taken.
    website = forms.CharField(required=False, label=_("Leave this field empty"))
    started = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, kind, now=None, resident=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.resident = resident
        self.now = now or timezone.now()
        self.fields["details"].required = kind in DETAILS_REQUIRED
        if kind == Kind.COMPLAINT:
            self.fields["details"].label = _("Your complaint")
            self.fields["details"].help_text = _(
                "What happened, and when? Tell us in your own words."
            )
            self.fields["details"].error_messages["required"] = _("Tell us what happened.")
        # A visible count of what is left, next to the limit (js/character-count.js).
        self.fields["details"].show_counter = True
        # The representative's name is required as soon as the resident says they ask for
        # someone else; the label says so from the start.
        subject_name = self.fields["subject_name"]
        subject_name.required_note = _("required if you ask for someone else")
        if self.is_bound and self.data.get("capacity"):
            subject_name.required = True
        for field in self.fields.values():
            if field.required and not isinstance(field.widget, forms.RadioSelect):
                field.widget.attrs["aria-required"] = "true"
        if not self.is_bound and not self.initial.get("started"):
            self.initial["started"] = form_started_token(self.now)
            if resident is not None:  # logged in with DigiD: what the provider told us
                self.initial.setdefault("name", resident.name)
                self.initial.setdefault("email", resident.email)

    def clean_name(self):
        return _plain(self.cleaned_data["name"])

    def clean_details(self):
        return _plain(self.cleaned_data["details"], multiline=True)

    def clean_subject_name(self):
        return _plain(self.cleaned_data["subject_name"])

    def clean(self):
        cleaned = super().clean()
        acting_for = self.resident is not None and self.resident.represented_bsn
        if acting_for and not cleaned.get("capacity"):
            self.add_error(
                "capacity", _("You logged in with DigiD for someone else: say in what capacity.")
            )
        if cleaned.get("website"):
            raise forms.ValidationError(_("Something went wrong. Please try again."))
        try:
            value = signing.TimestampSigner(salt=_SIGNER_SALT).unsign(cleaned.get("started", ""))
            age = self.now.timestamp() - int(value.split(".")[0])
        except (signing.BadSignature, ValueError):
            age = None
        if age is None or age > MAX_SECONDS:
            # A bound form shows what was posted: the fresh token goes into the data, so the
            # form comes back with everything typed and can be sent again as it is (dated
            # MIN_SECONDS back: the resident has spent their time on it already).
            self.data = self.data.copy()
            self.data["started"] = form_started_token(
                self.now - datetime.timedelta(seconds=MIN_SECONDS)
            )
            raise forms.ValidationError(
                _("This form was open too long. Please check your answers and send it again.")
            )
        if age < MIN_SECONDS:
            raise forms.ValidationError(_("Something went wrong. Please try again."))
        return cleaned


def _plain(text, *, multiline=False):
    """Control characters out (they break e-mails and exports); the text otherwise as typed."""
    allowed = {"\n", "\t"} if multiline else set()
    cleaned = "".join(c for c in text if c.isprintable() or c in allowed)
    return cleaned.strip()
