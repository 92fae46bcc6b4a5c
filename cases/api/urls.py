from django.urls import path

from ..models import DebtSignal, YouthCase
from . import batches, views

app_name = "intake"

DEBT = "debt-signals/<str:public_id>/"
YOUTH = "youth-cases/<str:public_id>/"

urlpatterns = [
    path("debt-signals/", views.DebtSignalCreate.as_view(), name="debt-signal-create"),
    path(DEBT, views.DebtSignalStatus.as_view(), name="debt-signal"),
    path(
        f"{DEBT}contact-attempts/",
        views.ContactAttemptCreate.as_view(),
        name="debt-signal-contact-attempt",
    ),
    path(f"{DEBT}offer/", views.DebtOfferOutcome.as_view(), name="debt-signal-offer"),
    path(f"{DEBT}closure/", views.DebtClosure.as_view(), name="debt-signal-closure"),
    path(
        f"{DEBT}legal-hold/",
        views.LegalHoldPlace.as_view(model=DebtSignal),
        name="debt-signal-legal-hold",
    ),
    path(
        f"{DEBT}legal-hold/lift/",
        views.LegalHoldLift.as_view(model=DebtSignal),
        name="debt-signal-legal-hold-lift",
    ),
    path("signal-batches/", batches.SignalBatchCreate.as_view(), name="signal-batch-create"),
    path(
        "signal-batches/<str:public_id>/", batches.SignalBatchStatus.as_view(), name="signal-batch"
    ),
    path("youth-cases/", views.YouthCaseCreate.as_view(), name="youth-case-create"),
    path(YOUTH, views.YouthCaseStatus.as_view(), name="youth-case"),
    path(f"{YOUTH}decision/", views.YouthDecision.as_view(), name="youth-case-decision"),
    path(f"{YOUTH}objection/", views.YouthObjection.as_view(), name="youth-case-objection"),
    path(f"{YOUTH}closure/", views.YouthClosure.as_view(), name="youth-case-closure"),
    path(
        f"{YOUTH}legal-hold/",
        views.LegalHoldPlace.as_view(model=YouthCase),
        name="youth-case-legal-hold",
    ),
    path(
        f"{YOUTH}legal-hold/lift/",
        views.LegalHoldLift.as_view(model=YouthCase),
        name="youth-case-legal-hold-lift",
    ),
]
