from django.db import migrations

# Vietnamese (primary) text is the plain field and English is `<field>_en`, the convention
# Wagtail's `Page.title` forces: `description_vi` -> `description` etc. Data is kept (a column
# rename), and so are drafts: revisions store field names, so their content is renamed too.
RECORD_MODELS = ("landmark", "zone", "plot", "enterprise", "rdorganisation", "incubator")
RECORD_RENAMES = {"description_vi": "description", "incentives_vi": "incentives"}


def rename_revision_keys(apps, renames):
    Revision = apps.get_model("wagtailcore", "Revision")
    revisions = Revision.objects.filter(
        content_type__app_label="registry", content_type__model__in=RECORD_MODELS
    )
    for revision in revisions.iterator():
        content = revision.content
        if any(old in content for old in renames):
            revision.content = {renames.get(key, key): value for key, value in content.items()}
            revision.save(update_fields=["content"])


def forwards(apps, schema_editor):
    rename_revision_keys(apps, RECORD_RENAMES)


def backwards(apps, schema_editor):
    rename_revision_keys(apps, {new: old for old, new in RECORD_RENAMES.items()})


class Migration(migrations.Migration):
    dependencies = [("registry", "0005_technology_synonyms")]

    operations = [
        *(
            migrations.RenameField(model, "description_vi", "description")
            for model in RECORD_MODELS
        ),
        migrations.RenameField("zone", "incentives_vi", "incentives"),
        migrations.RenameField("technology", "name_vi", "name"),
        migrations.RunPython(forwards, backwards),
    ]
