"""The expert's pages, under /<lang>/account/expert/ (cms/urls.py); names used by reverse()."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.account, name="expert-account"),
    path("profile/", views.edit, name="expert-edit"),
    path("submit/", views.submit, name="expert-submit"),
    path("withdraw/", views.withdraw, name="expert-withdraw"),
    path("claim/<str:ref>/", views.claim, name="expert-claim"),
]
