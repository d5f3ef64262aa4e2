from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from search import api_http
from search.catalog.views import data_json_view

from . import second_factor, views
from .accounts import AdminLoginView, AdminPasswordResetView
from .ask import views as ask_views
from .ask.sitemap import QuestionSitemap
from .freshness import views as freshness_views
from .monitor.page import ResolutionSitemap, resolution_page, trend_chart
from .portal.open_data import open_data
from .views import robots_txt
from .workflow_report import LatestWorkflowStateView

urlpatterns = [
    path("robots.txt", robots_txt),
    path("data.json", data_json_view, name="data-json"),
    # Before Wagtail's own: its sign-in and password reset, throttled; the second factor.
    path("admin/login/", AdminLoginView.as_view(), name="dnhub_admin_login"),
    path("admin/password_reset/", AdminPasswordResetView.as_view(), name="dnhub_admin_reset"),
    path("admin/2fa/setup/", second_factor.setup, name="second-factor-setup"),
    path("admin/2fa/verify/", second_factor.verify, name="second-factor-verify"),
    # Before Wagtail's own: its Workflows report, one row (the latest state) per item.
    path("admin/reports/workflow/", require_admin_access(LatestWorkflowStateView.as_view())),
    path(
        "admin/reports/workflow/results/",
        require_admin_access(LatestWorkflowStateView.as_view(results_only=True)),
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path(
        "sitemap.xml",
        sitemap,
        {
            "sitemaps": {
                "wagtail": WagtailSitemap,
                "resolution-57": ResolutionSitemap(),
                "ask": QuestionSitemap(),
            }
        },
        name="sitemap",
    ),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("search.urls")),
    re_path(r"^api(?:/|$)", api_http.not_found_view),  # every other /api/ path: a JSON 404
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("account/expert/", include("cms.experts.urls")),
    path("account/", include("cms.founders.urls")),
    path("open-data/", open_data, name="open-data"),
    path("resolution-57/", resolution_page, name="resolution-57"),
    path("resolution-57/charts/<slug:code>.svg", trend_chart, name="resolution-57-chart"),
    path("ask/", ask_views.ask_question, name="ask-question"),
    path("ask/answer/<str:token>/", ask_views.answer_question, name="ask-answer"),
    path("ask/<slug:ref>/", ask_views.question_page, name="question-page"),
    path("still-correct/<str:token>/", freshness_views.check, name="freshness-check"),
    # Records' permanent addresses, reversed by registry.addresses (before Wagtail's catch-all).
    path("registry/<slug:kind>/<slug:ref>/", views.record_page, name="registry-record"),
    path(
        "registry/<slug:kind>/<slug:ref>/inquiry/",
        views.record_page,
        {"action": "inquiry/"},
        name="registry-record-inquiry",
    ),
    path(
        "registry/<slug:kind>/<slug:ref>/respond/",
        views.record_page,
        {"action": "respond/"},
        name="registry-record-respond",
    ),
    path(
        "registry/<slug:kind>/<slug:ref>/site-profile/",
        views.record_page,
        {"action": "site-profile/"},
        name="registry-record-site-profile",
    ),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

# The API answers its errors in JSON, the portal with its pages.
handler400 = views.bad_request
handler404 = views.page_not_found
handler500 = views.server_error
