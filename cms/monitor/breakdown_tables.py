"""The registry's breakdowns (`registry.indicators.breakdowns()`) as the page's tables: each a
caption, column headings and rows whose first cell names the row, every label in the page's
language (the models' choices, the inquiry form's country names) and every number formatted."""

from django.utils.translation import gettext as _

from cms.portal.inquiries import COUNTRIES
from registry.language import localized
from registry.models import Enterprise
from search.indicator_cache import breakdowns

from .figures import number


def _count_table(key: str, caption: str, first: str, rows: list[tuple[str, int]], lang: str):
    return {
        "id": key,
        "caption": caption,
        "columns": [first, _("Enterprises")],
        "rows": [[label, number(count, lang, 0)] for label, count in rows],
    }


def _hectares(value, lang: str) -> str:
    return "—" if value is None else number(value, lang, 1)


def _enterprise_tables(found: dict, lang: str) -> list[dict]:
    not_stated = _("Not stated")
    ownership = dict(Enterprise.Ownership.choices)
    stages = dict(Enterprise.StartupStage.choices)
    countries = {code: str(label) for code, label in COUNTRIES if code}

    def named(labels: dict, code: str) -> str:
        return str(labels.get(code, code)) if code else not_stated

    technologies = [
        (localized(row, "name", lang) or row["code"], row["count"])
        for row in found["enterprises_by_technology"]
    ]
    return [
        _count_table(
            "by-technology",
            _("Enterprises by strategic technology"),
            _("Technology"),
            technologies,
            lang,
        ),
        _count_table(
            "by-ownership",
            _("Enterprises by ownership"),
            _("Ownership"),
            [(named(ownership, r["code"]), r["count"]) for r in found["enterprises_by_ownership"]],
            lang,
        ),
        _count_table(
            "by-origin",
            _("Enterprises by country of origin"),
            _("Country"),
            [
                (named(countries, r["code"]), r["count"])
                for r in found["enterprises_by_origin_country"]
            ],
            lang,
        ),
        _count_table(
            "by-stage",
            _("Startups by stage"),
            _("Stage"),
            [(named(stages, r["code"]), r["count"]) for r in found["startups_by_stage"]],
            lang,
        ),
    ]


def _incubator_table(incubators: dict, lang: str) -> dict:
    return {
        "id": "incubators",
        "caption": _("Incubators, accelerators and funds"),
        "columns": [_("Figure"), _("Value")],
        "rows": [
            [_("Organisations"), number(incubators["count"], lang, 0)],
            [_("Venture funds"), number(incubators["funds_count"], lang, 0)],
            [_("Total fund size (USD)"), number(incubators["fund_size_usd_total"], lang, 0)],
            [_("Funds not stating their size"), number(incubators["fund_size_unknown"], lang, 0)],
        ],
    }


def _zone_table(zones: list[dict], lang: str) -> dict:
    return {
        "id": "zones",
        "wide": True,  # four columns of long names: the whole width
        "caption": _("Hectares leased and available in each zone"),
        "columns": [
            _("Zone"),
            _("Leased (ha, plots)"),
            _("Available (ha, plots)"),
            _("Available (ha, as the zone declares)"),
        ],
        "rows": [
            [
                localized(zone, "name", lang),
                _hectares(zone["leased_ha"], lang),
                _hectares(zone["available_ha"], lang),
                _hectares(zone["declared_available_ha"], lang),
            ]
            for zone in zones
        ],
    }


def breakdown_tables(lang: str, registry_token: str | None = None) -> list[dict]:
    """Every breakdown as a table, in the order the page shows them (active language)."""
    found = breakdowns(registry_token)
    return [
        *_enterprise_tables(found, lang),
        _incubator_table(found["incubators"], lang),
        _zone_table(found["zones"], lang),
    ]
