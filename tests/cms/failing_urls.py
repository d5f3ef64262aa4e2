"""A URL whose view fails, for the logging tests (never part of the site's URLs)."""

from django.urls import path


def fail(request):
    raise RuntimeError("the view failed on purpose")


urlpatterns = [path("fail/", fail)]
