"""The post tray in the back office: the letters that go by post, waiting to be printed, and
one PDF of all of them for the printer (`post_tray`). Printing is logged per request in the
access log; only staff who write letters (`transition_subjectrequest`) may print."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from accesslog.models import AccessLogEntry
from accesslog.services import access_log_record

from .. import post_tray


class PostTrayMixin:
    def post_tray_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "post-tray/",
                view(self.post_tray_view),
                name="requests_app_subjectrequest_post_tray",
            ),
            path(
                "post-tray/print/",
                view(require_POST(self.post_tray_print_view)),
                name="requests_app_subjectrequest_post_tray_print",
            ),
        ]

    def _may_print(self, request):
        if not request.user.has_perm("requests_app.transition_subjectrequest"):
            raise PermissionDenied

    def post_tray_view(self, request):
        self._may_print(request)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": gettext("Post tray: letters to print"),
            "waiting": list(post_tray.letters_waiting(request.user)),
        }
        response = TemplateResponse(
            request, "admin/requests_app/subjectrequest/post_tray.html", context
        )
        response["Cache-Control"] = "no-store"
        return response

    def post_tray_print_view(self, request):
        self._may_print(request)
        # The letters are marked printed and the access log says so in one transaction.
        with transaction.atomic():
            pdf, printed = post_tray.letters_print(
                user=request.user, public_ids=request.POST.getlist("letter")[:500]
            )
            for letter in printed:
                access_log_record(
                    request=request,
                    action=AccessLogEntry.Action.EXPORT,
                    obj=letter.request,
                    purpose=f"letter printed for post: {letter.public_id} ({letter.type})",
                )
        if not printed:
            message = gettext("No letter is waiting to be printed.")
            self.message_user(request, message, messages.INFO)
            return redirect(reverse("admin:requests_app_subjectrequest_post_tray"))
        response = HttpResponse(pdf, content_type="application/pdf")
        name = f"post-{timezone.localtime():%Y%m%d-%H%M}.pdf"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        response["Cache-Control"] = "no-store"
        return response
