"""The database backend at 100,000 records: facet counts in one scan, and PostgreSQL's indexes.

- `facet_values`: each entry's facet values and technology codes in one column, so one
  grouped query counts every facet (filled here from the entries' columns and their codes;
  the index sync keeps it).
- One index in the name order (name_sort, kind, ref): a deep page by name walks it.
- On PostgreSQL only (a no-op on SQLite, which has no such indexes): GIN trigram indexes on
  the folded text the backend matches with `LIKE '% word%'` and regular expressions, and the
  numeric sorts' orders (descending, unknown last). `pg_trgm` is a trusted extension since
  PostgreSQL 13: the database's owner may create it, and a test database created by
  pytest-django gets it by running this migration. Where it cannot be created (an older
  server, a role without the right) the trigram indexes are left out with a warning: searches
  give the same results, only slower.
"""

import sys

from django.db import DatabaseError, migrations, models, transaction

TRIGRAM_INDEXES = {
    "search_entry_text_trgm": "text gin_trgm_ops",
    "search_entry_names_trgm": "names gin_trgm_ops",
}
SORT_INDEXES = {
    "search_entry_area_order": "area_m2 DESC NULLS LAST, name_sort, kind, ref",
    "search_entry_power_order": "power_capacity_mw DESC NULLS LAST, name_sort, kind, ref",
    "search_entry_price_order": "lease_price_usd_m2 ASC NULLS LAST, name_sort, kind, ref",
}


# The facets as they are at this migration (backends/database_facets.py writes them since).
FACET_COLUMNS = (
    "kind",
    "zone",
    "ownership",
    "status",
    "org_kind",
    "zone_kind",
    "challenge_status",
    "challenge_kind",
    "expert_title",
    "accepts_questions",
)


def fill_facet_values(apps, schema_editor):
    entry_model = apps.get_model("search", "SearchEntry")
    code_model = apps.get_model("search", "SearchEntryTechnology")
    codes: dict[int, list[str]] = {}
    rows = code_model.objects.order_by("entry_id", "code").values_list("entry_id", "code")
    for entry_id, code in rows.iterator(chunk_size=5000):
        codes.setdefault(entry_id, []).append(code)
    entries = []
    for row in entry_model.objects.values("pk", *FACET_COLUMNS).iterator(chunk_size=5000):
        pairs = [(column, row[column]) for column in FACET_COLUMNS]
        pairs += [("technology", code) for code in codes.get(row["pk"], [])]
        words = " ".join(f"{facet}={value}" for facet, value in pairs if value)
        entries.append(entry_model(pk=row["pk"], facet_values=words))
    entry_model.objects.bulk_update(entries, ["facet_values"], batch_size=1000)


def create_postgresql_indexes(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    indexes = dict(SORT_INDEXES)
    with connection.cursor() as cursor:
        try:
            with transaction.atomic(using=connection.alias):
                cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            indexes |= {name: f"USING gin ({columns})" for name, columns in TRIGRAM_INDEXES.items()}
        except DatabaseError as error:
            sys.stderr.write(
                f"search: pg_trgm is not available ({error}); the database backend's text "
                "search works without its trigram indexes, more slowly.\n"
            )
        for name, definition in indexes.items():
            if not definition.startswith("USING"):
                definition = f"({definition})"
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS {name} ON search_searchentry {definition}"
            )


def drop_postgresql_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for name in [*TRIGRAM_INDEXES, *SORT_INDEXES]:
            cursor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0007_challenge_and_expert_facets"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="facet_values",
            field=models.TextField(blank=True),
        ),
        migrations.AlterField(
            model_name="searchentry",
            name="name_sort",
            field=models.CharField(max_length=200),
        ),
        migrations.AddIndex(
            model_name="searchentry",
            index=models.Index(
                fields=["name_sort", "kind", "ref"], name="search_entry_name_order"
            ),
        ),
        migrations.RunPython(fill_facet_values, migrations.RunPython.noop),
        migrations.RunPython(create_postgresql_indexes, drop_postgresql_indexes),
    ]
