from django.urls import path

from . import views

app_name = "requests"

urlpatterns = [
    path("verzoek/", views.choose, name="choose"),
    path("verzoek/status/<str:secret>/", views.status, name="status"),
    path("verzoek/status/<str:secret>/intrekken/", views.withdraw, name="withdraw"),
    path("verzoek/status/<str:secret>/bevestigen/", views.verify, name="verify"),
    path("verzoek/status/<str:secret>/ontvangstbewijs/", views.receipt, name="receipt"),
    path("verzoek/<slug:kind_slug>/", views.submit, name="submit"),
]
