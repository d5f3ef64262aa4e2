"""GET /api/v1/catalog.jsonld (DCAT-AP 3) and GET /data.json (Project Open Data v1.1)."""

from django.http import JsonResponse

from registry.language import language

from ..api_http import allow
from . import dcat, pod
from .datasets import datasets, site_root


@allow("GET")
def catalog_view(request):
    document = dcat.catalog(site_root(), datasets())
    return JsonResponse(
        document, content_type="application/ld+json", json_dumps_params={"ensure_ascii": False}
    )


@allow("GET")
def data_json_view(request):
    lang = language(request.GET.get("lang") or "vi")
    document = pod.data_json(site_root(), datasets(), lang)
    return JsonResponse(document, json_dumps_params={"ensure_ascii": False})
