from django.urls import URLPattern, URLResolver, path

from stridewell.enquiries import views

app_name = "enquiries"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.new, name="new"),
    path("thank-you/", views.thanks, name="thanks"),
    # The clinic's inbox (staff and physiotherapists).
    path("inbox/", views.inbox, name="staff_inbox"),
    path("inbox/<int:pk>/", views.detail, name="staff_detail"),
    path("inbox/<int:pk>/reply/", views.reply, name="staff_reply"),
    path("inbox/<int:pk>/status/", views.change_status, name="staff_status"),
]
