from . import tasks


class OutboxRetryMiddleware:
    """After each response, retry search index work an outage left in the outbox (rate-limited
    in `tasks.retry_if_stale`): with tasks run in-process there is no worker to do it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        tasks.retry_if_stale()
        return response
