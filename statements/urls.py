from django.urls import path

from . import views

app_name = "statements"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/versies/", views.archive, name="archive"),
    path("<slug:slug>/versies/<int:number>/", views.version, name="version"),
    path("<slug:slug>/versies/<int:number>/wijzigingen/", views.changes, name="changes"),
    path("<slug:slug>/versies/<int:number>/pdf/", views.pdf, name="pdf"),
]
