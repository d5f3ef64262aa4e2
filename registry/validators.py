"""Field validators shared by the models and the interchange importer."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _
from vietnam_provinces import Province, Ward

# Đồng Nai (the province merged with Bình Phước on 1 July 2025) in the official divisions.
HOME_PROVINCE_CODE = 75
# Vietnam's bounding box as the interchange spec defines it.
LAT_MIN, LAT_MAX = 8.0, 24.0
LON_MIN, LON_MAX = 102.0, 110.0

validate_ref = RegexValidator(
    r"^[a-z0-9][a-z0-9-]{1,63}$",
    _("Use 2-64 lowercase letters, digits and hyphens, starting with a letter or digit."),
    code="invalid_ref",
)
validate_tax_code = RegexValidator(
    r"^\d{10}(-\d{3})?$",
    _("A tax code is 10 digits, or 10 digits, a hyphen and 3 digits for a branch."),
    code="invalid_tax_code",
)
validate_country_code = RegexValidator(
    r"^[A-Z]{2}$",
    _("Use the two-letter ISO 3166-1 country code in capitals, e.g. VN, KR, JP."),
    code="invalid_country",
)
validate_technology_code = RegexValidator(
    r"^[a-z_]+(\.[a-z_]+)*$",
    _("Technology codes are lowercase words joined by dots, e.g. semiconductor.chip_design."),
    code="invalid_technology_code",
)


def validate_ward_code(value: int) -> None:
    """Ward codes must exist in the official divisions in force since 1 July 2025."""
    try:
        Ward.from_code(value)
    except (ValueError, KeyError, TypeError):
        raise ValidationError(
            _("%(code)s is not a ward or commune code of the July 2025 administrative divisions."),
            code="invalid_ward_code",
            params={"code": value},
        ) from None


# Free text that reaches the public (a record's source) carries no e-mail address.
validate_no_email = RegexValidator(
    r"[^\s@<>()]+@[^\s@<>()]+\.[a-zA-Z]{2,}",
    _("Remove the e-mail address: this text is public. Cite the document or site instead."),
    code="email_in_public_text",
    inverse_match=True,
)


def ward_outside_home_province(value) -> str | None:
    """Why a (valid) ward code cannot be a registry record's: the ward lies in another province
    than Đồng Nai. None when it is in Đồng Nai, or when the code is no ward at all (the field's
    own validator says so)."""
    try:
        ward = Ward.from_code(value)
    except (ValueError, KeyError, TypeError):
        return None
    if int(ward.province_code) == HOME_PROVINCE_CODE:
        return None
    return _(
        "%(code)s is %(ward)s in %(province)s, not in Đồng Nai (province %(home)s): "
        "only landmarks may lie in another province."
    ) % {
        "code": value,
        "ward": ward.name,
        "province": Province.from_code(ward.province_code).name,
        "home": HOME_PROVINCE_CODE,
    }
