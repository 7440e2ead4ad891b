from django.urls import path

from newsdesk.desk import views

app_name = "desk"
urlpatterns = [path("", views.queue, name="queue")]
