from django.urls import path

from . import api
from .catalog.views import catalog_view

urlpatterns = [
    path("search/", api.search_view, name="api-search"),
    path("suggest/", api.suggest_view, name="api-suggest"),
    path("records/<str:kind>/<str:ref>/", api.record_view, name="api-record"),
    path("export/", api.export_view, name="api-export"),
    path("geojson/", api.geojson_view, name="api-geojson"),
    path("match/", api.match_view, name="api-match"),
    path("match/profiles/", api.match_profiles_view, name="api-match-profiles"),
    path("catalog.jsonld", catalog_view, name="api-catalog"),
]
