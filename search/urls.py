from .endpoints import urlpatterns as api_urlpatterns

urlpatterns = api_urlpatterns()
