from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from digid import urls as digid_urls
from requests_app.admin import reports as request_reports
from statements.views import statistics_beacon

from . import health
from .api_errors import api_not_found


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page links; answer with the static file."""
    return redirect(static("img/favicon.ico"))


urlpatterns = [
    path("favicon.ico", favicon, name="favicon"),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("statistieken/", statistics_beacon, name="statistics-beacon"),
    *digid_urls.provider_patterns,
    path("api/intake/", include("cases.api.urls")),
    path("api/", include("statements.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api-docs"),
    re_path(r"^api/", api_not_found),  # last of the API: anything else under /api/ is a JSON 404
]

# Dutch at unprefixed URLs, English under /en/.
urlpatterns += i18n_patterns(
    path(
        "beheer/rapportage/",
        admin.site.admin_view(request_reports.reports_view),
        name="request-reports",
    ),
    path(
        "beheer/rapportage/<int:year>.pdf",
        admin.site.admin_view(request_reports.annual_report_pdf),
        name="request-annual-report",
    ),
    path("beheer/", admin.site.urls),
    path("", include("digid.urls")),
    path("", include("requests_app.urls")),
    path("", include("statements.urls")),
    prefix_default_language=False,
)
