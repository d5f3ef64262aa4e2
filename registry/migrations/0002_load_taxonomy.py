from django.db import migrations


def load(apps, schema_editor):
    from registry.taxonomy import load_taxonomy

    # The Vietnamese name was still `name_vi` here (renamed by a later migration).
    load_taxonomy(apps.get_model("registry", "Technology"), vietnamese_field="name_vi")


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
