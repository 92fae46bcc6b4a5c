from django.urls import path

from . import views

app_name = "requests"

urlpatterns = [
    path("verzoek/", views.choose, name="choose"),
    path("verzoek/status/<str:secret>/", views.status, name="status"),
    path("verzoek/status/<str:secret>/intrekken/", views.withdraw, name="withdraw"),
    path("verzoek/status/<str:secret>/bevestigen/", views.verify, name="verify"),
    path("verzoek/status/<str:secret>/nieuwe-code/", views.code_renew, name="code_renew"),
    path("verzoek/status/<str:secret>/ontvangstbewijs/", views.receipt, name="receipt"),
    path(
        "verzoek/status/<str:secret>/brieven/<str:letter_id>/",
        views.letter_download,
        name="letter",
    ),
    path(
        "verzoek/status/<str:secret>/bestanden/<str:file_id>/",
        views.file_download,
        name="response_file",
    ),
    path(
        "verzoek/status/<str:secret>/gegevens.<str:fmt>",
        views.export_download,
        name="export",
    ),
    path("verzoek/<slug:kind_slug>/", views.submit, name="submit"),
]
