"""The founders' pages, under /<lang>/account/ (cms/urls.py); the names are used by reverse()."""

from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

urlpatterns = [
    path("", views.dashboard, name="founder-dashboard"),
    path("start/", views.start, name="founder-start"),
    path("signup/", views.signup, name="founder-signup"),
    path("verify/<str:uidb64>/<str:token>/", views.verify, name="founder-verify"),
    path("confirmation/", views.resend_confirmation, name="founder-resend-confirmation"),
    path("login/", views.PortalLoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(next_page="/"), name="logout"),
    path("password-reset/", views.PortalPasswordResetView.as_view(), name="password_reset"),
    path(
        "password-reset/done/",
        auth_views.PasswordResetDoneView.as_view(template_name="cms/founders/message.html"),
        name="password_reset_done",
    ),
    path(
        "reset/<uidb64>/<token>/",
        views.PortalPasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("my-data/", views.download_data, name="founder-data"),
    path("delete/", views.delete_account, name="founder-delete"),
    path("claim/<str:ref>/", views.claim, name="founder-claim"),
    path("startup/new/", views.edit_startup, name="founder-new"),
    path("startup/<str:ref>/edit/", views.edit_startup, name="founder-edit"),
    path("startup/<str:ref>/submit/", views.submit_startup, name="founder-submit"),
]
