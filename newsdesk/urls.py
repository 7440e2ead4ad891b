from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("desk/", include("newsdesk.desk.urls")),
    path("api/v1/", include("newsdesk.desk.api.urls")),
    path("", include("newsdesk.web.urls")),
]
