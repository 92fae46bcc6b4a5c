from django.urls import path

from . import views

app_name = "digid"

# Under the language prefix (/en/...), like every page.
urlpatterns = [
    path("digid/inloggen/", views.login, name="login"),
    path("digid/uitloggen/", views.logout, name="logout"),
    path("mijn-verzoeken/", views.mine, name="mine"),
    path(
        "mijn-verzoeken/<uuid:public_id>/brieven/<uuid:letter_id>/",
        views.letter_download,
        name="letter",
    ),
    path(
        "mijn-verzoeken/<uuid:public_id>/bestanden/<uuid:file_id>/",
        views.file_download,
        name="file",
    ),
]

# Registered at the provider as they are: one address each, whatever the language (the
# language chosen before logging in is kept in the session).
provider_patterns = [
    path("digid/terug/", views.callback, name="digid-callback"),
    path("digid/uitgelogd/", views.logged_out, name="digid-logged-out"),
]
