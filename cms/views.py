from django.http import HttpResponse
from django.views.decorators.http import require_GET


@require_GET
def robots_txt(request):
    """Crawlers may read the portal, not the admin or the API's bulk export."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /api/v1/export/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
