from django.middleware.locale import LocaleMiddleware

from search.api import is_api


class PortalLocaleMiddleware(LocaleMiddleware):
    """Django's locale middleware, except that API responses are never redirected to a
    language prefix: an API 404 must stay a JSON 404."""

    def process_response(self, request, response):
        if is_api(request):
            return response
        return super().process_response(request, response)
