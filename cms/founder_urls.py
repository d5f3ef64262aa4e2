from django.contrib.auth import views as auth_views
from django.urls import path

from . import founders
from .views import RateLimitedLoginView

urlpatterns = [
    path("", founders.dashboard, name="founder-dashboard"),
    path("signup/", founders.signup, name="founder-signup"),
    path("verify/<str:token>/", founders.verify, name="founder-verify"),
    path("login/", RateLimitedLoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(next_page="/"), name="logout"),
    path(
        "password-reset/",
        auth_views.PasswordResetView.as_view(
            template_name="cms/founders/password_reset.html",
            email_template_name="cms/founders/password_reset_email.txt",
            success_url="done/",
        ),
        name="password_reset",
    ),
    path(
        "password-reset/done/",
        auth_views.PasswordResetDoneView.as_view(template_name="cms/founders/message.html"),
        name="password_reset_done",
    ),
    path(
        "reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="cms/founders/password_reset_confirm.html", success_url="/account/login/"
        ),
        name="password_reset_confirm",
    ),
    path("my-data/", founders.download_data, name="founder-data"),
    path("delete/", founders.delete_account, name="founder-delete"),
    path("claim/<str:ref>/", founders.claim, name="founder-claim"),
    path("startup/new/", founders.edit_startup, name="founder-new"),
    path("startup/<str:ref>/edit/", founders.edit_startup, name="founder-edit"),
    path("startup/<str:ref>/submit/", founders.submit_startup, name="founder-submit"),
]
