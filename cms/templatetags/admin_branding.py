"""The agency's name and logo in the admin's templates (cms/admin_branding.py)."""

from django import template
from django.conf import settings

from cms.admin_branding import logo_url

register = template.Library()


@register.simple_tag
def agency_name() -> str:
    return settings.AGENCY_NAME


@register.simple_tag
def agency_logo_url() -> str:
    return logo_url()
