from django.core.cache import cache

from registry.models import KINDS

SAMPLE_NOTICE_CACHE_KEY = "portal:has-published-sample-data"


def has_published_sample_data() -> bool:
    """True while any invented ('sample-') record is public: the portal must say so."""
    cached = cache.get(SAMPLE_NOTICE_CACHE_KEY)
    if cached is None:
        cached = any(model.objects.published().samples().exists() for model in KINDS.values())
        cache.set(SAMPLE_NOTICE_CACHE_KEY, cached, 60)
    return cached


def portal(request):
    return {"show_sample_data_notice": has_published_sample_data}
