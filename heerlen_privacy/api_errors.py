"""The API answers in JSON, also for a URL under /api/ that matches no route (a path parameter
of the wrong form, a typo): a 404 with a message, not the HTML page meant for browsers."""

from django.http import JsonResponse
from rest_framework.exceptions import NotFound


def api_not_found(request, *args, **kwargs):
    return JsonResponse({"detail": str(NotFound.default_detail)}, status=404)
