"""The choices of requests_app's models: what a request is, where it came from, where it stands."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    ACCESS = "access", _("Access to your data (GDPR art. 15)")
    RECTIFICATION = "rectification", _("Correcting your data (GDPR art. 16)")
    ERASURE = "erasure", _("Erasing your data (GDPR art. 17)")
    RESTRICTION = "restriction", _("Restricting the use of your data (GDPR art. 18)")
    PORTABILITY = "portability", _("Receiving your data to take elsewhere (GDPR art. 20)")
    OBJECTION = "objection", _("Objecting to the use of your data (GDPR art. 21)")
    COMPLAINT = "complaint", _("A privacy complaint (General Administrative Law Act, ch. 9)")


class Domain(models.TextChoices):
    DEBT = "debt", _("Early signs of debt")
    YOUTH = "youth", _("Access to youth assistance")
    OTHER = "other", _("Something else")


class Capacity(models.TextChoices):
    PARENT = "parent", _("Parent or custodian of a child under 16")
    LEGAL_REPRESENTATIVE = "legal_representative", _("Legal representative (curator, mentor)")
    BEWINDVOERDER = "bewindvoerder", _("Administrator of finances (bewindvoerder)")


class Delivery(models.TextChoices):
    """How the municipality's letters reach the resident: through the status page after an
    e-mail notice (to an address confirmed with the code), or printed and posted."""

    EMAIL = "email", _("e-mail notice and the status page")
    POST = "post", _("by post")


class Channel(models.TextChoices):
    """How a request reached the municipality. Only the web form confirms an e-mail address;
    staff register the others with their real date of receipt."""

    WEB = "web", _("web form")
    LETTER = "letter", _("letter")
    PHONE = "phone", _("phone")
    COUNTER = "counter", _("at the counter")


class Status(models.TextChoices):
    RECEIVED = "received", _("received")
    VERIFYING = "verifying", _("verifying identity")
    IN_PROGRESS = "in_progress", _("in progress")
    ON_HOLD = "on_hold", _("on hold")
    EXTENDED = "extended", _("extended")
    COMPLETED = "completed", _("completed")
    REFUSED = "refused", _("refused")
    WITHDRAWN = "withdrawn", _("withdrawn")


CLOSED_STATUSES = (Status.COMPLETED, Status.REFUSED, Status.WITHDRAWN)


class LegalHold(models.TextChoices):
    """Why a closed request or complaint is kept past its retention period: the file is
    needed for a procedure about it that is still pending."""

    OBJECTION = "objection", _("objection (bezwaar) pending")
    APPEAL = "appeal", _("appeal to the court (beroep) pending")
    AP_COMPLAINT = "ap_complaint", _("complaint to the Autoriteit Persoonsgegevens pending")


class RefusalGround(models.TextChoices):
    """The legal grounds on which a request may be refused, wholly or partly. A refusal
    letter names one and explains it; the resident may object (Awb 6:7) or complain to the
    Autoriteit Persoonsgegevens (GDPR art. 77)."""

    MANIFESTLY_UNFOUNDED = "gdpr_12_5", _("Manifestly unfounded or excessive (GDPR art. 12(5))")
    IDENTITY_NOT_ESTABLISHED = (
        "gdpr_12_6",
        _("Identity not established after asking for more (GDPR art. 12(6) with 12(2) and 11(2))"),
    )
    RIGHTS_OF_OTHERS = "gdpr_15_4", _("It would harm the rights of others (GDPR art. 15(4))")
    ERASURE_EXCEPTION = (
        "gdpr_17_3",
        _("Erasure: a legal obligation or a public task (GDPR art. 17(3)(b))"),
    )
    ERASURE_LEGAL_CLAIMS = (
        "gdpr_17_3_e",
        _("Erasure: needed for legal claims (GDPR art. 17(3)(e))"),
    )
    RESTRICTION_NOT_MET = (
        "gdpr_18",
        _("Restriction: none of the conditions of GDPR art. 18(1) applies (art. 18(2))"),
    )
    PORTABILITY_NOT_APPLICABLE = (
        "gdpr_20",
        _("Portability: not based on consent or a contract, or a public task (GDPR art. 20)"),
    )
    COMPELLING_GROUNDS = (
        "gdpr_21_1",
        _("Objection: compelling legitimate grounds (GDPR art. 21(1))"),
    )
    RESTRICTED_BY_LAW = (
        "gdpr_23",
        _("Restricted by law (GDPR art. 23 with UAVG art. 41)"),
    )
    # Before art. 23 and UAVG art. 41 became one ground; kept for the requests refused on it.
    UAVG_41 = "uavg_41", _("Exception of the Dutch GDPR Implementation Act (UAVG art. 41)")


class VerificationMethod(models.TextChoices):
    """How staff established who the resident is. Never by keeping a copy of an ID: the
    Autoriteit Persoonsgegevens warns against that."""

    DIGID = "digid", _("DigiD")
    COUNTER = "counter", _("At the counter, ID shown and not copied")
    PHONE_CALLBACK = "phone_callback", _("Phone call-back to a known number")
    KNOWN_EMAIL = "known_email", _("Known e-mail address")


class LetterType(models.TextChoices):
    ACKNOWLEDGEMENT = "acknowledgement", _("acknowledgement of receipt")
    EXTENSION = "extension", _("extension notice")
    CLOCK_STOPPED = "clock_stopped", _("stop-the-clock notice")
    ANSWER = "answer", _("answer")
    REFUSAL = "refusal", _("refusal with reasons")
