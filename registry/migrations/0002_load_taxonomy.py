from django.db import migrations


def load(apps, schema_editor):
    from registry.taxonomy import load_taxonomy

    load_taxonomy(apps.get_model("registry", "Technology"))


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
