"""GET /desk/webhooks/: the webhook delivery log (stories.view_webhookdelivery).

Webhooks themselves are configured in the admin (Stories › Webhooks), where the URL is
checked against the fetch address policy and the signing secret is shown.
"""

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from newsdesk.desk.access import desk_view
from newsdesk.stories.models import Webhook, WebhookDelivery

LOG_LIMIT = 200


@desk_view("stories.view_webhookdelivery")
def delivery_log(request: HttpRequest) -> HttpResponse:
    deliveries = WebhookDelivery.objects.select_related("webhook")[:LOG_LIMIT]
    context = {
        **admin.site.each_context(request),
        "title": "Webhook deliveries",
        "deliveries": deliveries,
        "hooks": Webhook.objects.order_by("url"),
    }
    return render(request, "desk/webhooks.html", context)
