from django.db import migrations

import registry.fields


def seed_synonyms(apps, schema_editor):
    from registry.taxonomy import load_synonyms

    load_synonyms(apps.get_model("registry", "Technology"))


class Migration(migrations.Migration):
    """Technologies gain synonyms (the words investors search with), seeded for every
    strategic technology and its children in both languages."""

    dependencies = [("registry", "0004_enterprise_photos")]

    operations = [
        migrations.AddField(
            model_name="technology",
            name="synonyms",
            field=registry.fields.StringListField(
                blank=True,
                default=list,
                help_text=(
                    "Other words investors use for this technology, one per line, in Vietnamese "
                    "or English (e.g. OSAT, data center, trung tâm dữ liệu). Case and diacritics "
                    "do not matter. A search naming any of them, or the names or code above, "
                    "finds the records tagged with this technology or its children."
                ),
                verbose_name="synonyms",
            ),
        ),
        migrations.RunPython(seed_synonyms, migrations.RunPython.noop),
    ]
