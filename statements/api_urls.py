from django.urls import path

from . import api

app_name = "statements-api"

urlpatterns = [
    path("statements/", api.StatementList.as_view(), name="list"),
    path("statements/<slug:slug>/", api.CurrentVersion.as_view(), name="current"),
    path("statements/<slug:slug>/versions/", api.VersionList.as_view(), name="versions"),
    path(
        "statements/<slug:slug>/versions/<int:number>/",
        api.VersionDetail.as_view(),
        name="version",
    ),
]
