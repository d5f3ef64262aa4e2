from django.db import migrations


class Migration(migrations.Migration):
    """Vietnamese (primary) text is the plain field and English is `<field>_en` (see the
    registry's migration of the same name); a column rename, so the data is kept."""

    dependencies = [("cms", "0009_content_pages_seed")]

    operations = [
        migrations.RenameField("contactofficer", "role_vi", "role"),
        migrations.RenameField("contactofficer", "office_vi", "office"),
    ]
