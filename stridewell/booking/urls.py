from django.urls import URLPattern, URLResolver, path

from stridewell.booking.views import diary, flow, links

app_name = "booking"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", flow.start, name="start"),
    path("hold/", flow.hold, name="hold"),
    path("details/", flow.details, name="details"),
    path("booked/<uuid:public_id>/", flow.done, name="done"),
    path("booked/<uuid:public_id>/calendar.ics", flow.calendar_file, name="calendar"),
    path("cancel/<str:token>/", links.cancel, name="cancel"),
    path("reschedule/<str:token>/", links.reschedule, name="reschedule"),
    path("diary/", diary.diary, name="diary"),
    path("diary/book/", diary.book_for_caller, name="diary_book"),
    path(
        "diary/appointments/<uuid:public_id>/",
        diary.appointment_detail,
        name="diary_appointment",
    ),
    path(
        "diary/appointments/<uuid:public_id>/<slug:action>/",
        diary.appointment_action,
        name="diary_action",
    ),
    path("<slug:type_slug>/", flow.practitioner, name="practitioner"),
    path("<slug:type_slug>/<slug:who>/", flow.slots, name="slots"),
]
