"""The back office (`/beheer/`) signs staff in with a password and a one-time code.

`BackOfficeSite` is django-otp's `OTPAdminSite` under the default name "admin", installed as
the default admin site by `apps.BackOfficeAdminConfig`, so every `admin.register` in the project
lands on it and no admin page opens without a verified second factor (ASVS 6.3.2)."""

import re

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.utils.translation import gettext_lazy as _
from django_otp import match_token
from django_otp.admin import OTPAdminSite


class BackOfficeLoginForm(AdminAuthenticationForm):
    """User name, password and the authenticator's code in one step, with one message for
    whatever was wrong: the form never tells that a password was right.

    A wrong code counts as a failed sign-in for django-axes, which locks out the pair of user
    name and address; the devices' own throttles are off (`OTP_*_THROTTLE_FACTOR = 0`), so
    someone who has a password can lock out their own address, never the user elsewhere."""

    otp_token = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "invalid_login": _(
            "The user name, password or code is not right. Check all three and try again."
        ),
    }

    def clean(self):
        try:
            super().clean()
        except ValidationError:
            raise self.get_invalid_login_error() from None
        user = self.get_user()
        device = match_token(user, (self.cleaned_data.get("otp_token") or "").strip())
        if device is None:
            user_login_failed.send(
                sender=__name__,
                credentials={"username": user.get_username()},
                request=self.request,
            )
            self.user_cache = None
            raise self.get_invalid_login_error()
        user.otp_device = device  # django-otp keeps it in the session at login
        return self.cleaned_data

    def confirm_login_allowed(self, user):
        if not user.is_active or not user.is_staff:
            raise self.get_invalid_login_error()


# Columns that hold a keyed hash, a blind index or a key: comparing them links records of one
# person (the same e-mail address, the same BSN) without any access-log entry.
HIDDEN_COLUMN = re.compile(r"(_index|_hash|_key|secret)$")


class HiddenColumnLookupsRefused:
    """Django's admin accepts a filter in the address on any column, shown or not
    (`?email_index__startswith=8048`): review L1. A lookup that passes through a hashed,
    indexed or encrypted column is refused (400), in every admin of the site."""

    def lookup_allowed(self, lookup, value, request=None):
        from core.crypto import EncryptedTextField

        model = self.model
        for part in lookup.split("__"):
            try:
                field = model._meta.get_field(part)
            except FieldDoesNotExist:  # a lookup such as `startswith`, or a transform
                break
            if HIDDEN_COLUMN.search(part) or isinstance(field, EncryptedTextField):
                return False
            if not field.is_relation or field.related_model is None:
                break
            model = field.related_model
        return super().lookup_allowed(lookup, value, request)


class BackOfficeSite(OTPAdminSite):
    site_header = _("Heerlen privacy back office")
    site_title = _("Privacy back office")
    login_form = BackOfficeLoginForm
    login_template = "admin/backoffice_login.html"

    def __init__(self, name="admin"):
        super().__init__(name)

    def register(self, model_or_iterable, admin_class=None, **options):
        from django.contrib.admin import ModelAdmin

        admin_class = admin_class or ModelAdmin
        guarded = type(admin_class.__name__, (HiddenColumnLookupsRefused, admin_class), {})
        guarded.__module__ = admin_class.__module__
        return super().register(model_or_iterable, guarded, **options)
