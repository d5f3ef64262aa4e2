from django.contrib.auth import views as auth_views
from django.urls import path

from . import accounts, founders

urlpatterns = [
    path("", founders.dashboard, name="founder-dashboard"),
    path("start/", founders.start, name="founder-start"),
    path("signup/", founders.signup, name="founder-signup"),
    path("verify/<str:uidb64>/<str:token>/", accounts.verify, name="founder-verify"),
    path("confirmation/", accounts.resend_confirmation, name="founder-resend-confirmation"),
    path("login/", accounts.PortalLoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(next_page="/"), name="logout"),
    path(
        "password-reset/",
        accounts.PortalPasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "password-reset/done/",
        auth_views.PasswordResetDoneView.as_view(template_name="cms/founders/message.html"),
        name="password_reset_done",
    ),
    path(
        "reset/<uidb64>/<token>/",
        accounts.PortalPasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("my-data/", founders.download_data, name="founder-data"),
    path("delete/", founders.delete_account, name="founder-delete"),
    path("claim/<str:ref>/", founders.claim, name="founder-claim"),
    path("startup/new/", founders.edit_startup, name="founder-new"),
    path("startup/<str:ref>/edit/", founders.edit_startup, name="founder-edit"),
    path("startup/<str:ref>/submit/", founders.submit_startup, name="founder-submit"),
]
