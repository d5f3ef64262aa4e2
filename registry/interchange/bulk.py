"""Inserting many rows through one prepared INSERT (`executemany`) instead of `bulk_create`.

`bulk_create` prepares every value of every row through the field's `get_db_prep_save` and
builds a fresh multi-row statement per batch (SQLite allows 999 parameters: 16 records of 60
columns): for an import that Python work costs several times the database's own. Here values
whose stored form is the Python value itself (texts, numbers, booleans, ids, None in plain
Django fields) go as they are; every other value (dates, JSON, custom fields) still goes
through its field. Like `bulk_create`, no `save()` and no signals; `pre_save` still runs for
the fields that override it (`auto_now`, `auto_now_add`).
"""

from functools import cache

from django.db import connections, models, router
from django.db.models.base import ModelState
from django.utils.encoding import is_protected_type

PASSED_AS_IS = (str, int, float, bool, type(None))
PLAIN_FIELDS = (
    models.CharField,
    models.TextField,
    models.IntegerField,
    models.FloatField,
    models.BooleanField,
    models.ForeignKey,
)

# pre_save methods that only read the attribute (dates without auto_now/auto_now_add).
PLAIN_PRE_SAVES = (models.Field.pre_save, models.DateField.pre_save, models.DateTimeField.pre_save)


def insert_rows(model: type[models.Model], objs: list[models.Model]) -> None:
    """Insert unsaved objects (no pk) of one model, without returning their ids."""
    if not objs:
        return
    connection = connections[router.db_for_write(model)]
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    quote = connection.ops.quote_name
    # Only the model's own table and column names, quoted, go into the text; values are params.
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608
        quote(model._meta.db_table),
        ", ".join(quote(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )
    steps = [_step(field, connection) for field in fields]
    rows = [[step(obj) for step in steps] for obj in objs]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _step(field: models.Field, connection):
    """A function giving one object's value of `field` as the database stores it."""
    attname = field.attname
    stamps = getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
    runs_pre_save = stamps or type(field).pre_save not in PLAIN_PRE_SAVES
    plain = isinstance(field, PLAIN_FIELDS) and type(field).__module__.startswith("django.")
    # SQL NULL for None, except in JSON fields (where None may mean JSON null).
    null_as_is = not isinstance(field, models.JSONField)

    def value(obj):
        raw = field.pre_save(obj, add=True) if runs_pre_save else getattr(obj, attname)
        if (plain and isinstance(raw, PASSED_AS_IS)) or (raw is None and null_as_is):
            return raw
        return field.get_db_prep_save(raw, connection)

    return value


def insert_records(model, objs: list) -> None:
    """Insert new registry records and set their ids (read back by ref, which is unique)."""
    insert_rows(model, objs)
    ids = dict(model.objects.filter(ref__in=[obj.ref for obj in objs]).values_list("ref", "id"))
    for obj in objs:
        obj.pk = ids[obj.ref]
        obj._state.adding = False  # as bulk_create leaves them: saved, in this database
        obj._state.db = router.db_for_write(model)


def new_instance(model, values: dict):
    """`model(**values)` for a registry record, without the constructor's per-call work
    (signals, ClusterableModel's child relations, a default per absent field): the importer
    makes one per line, and the records have no init signals nor child relations to set."""
    obj = model.__new__(model)
    obj._state = ModelState()
    constant, called = _defaults(model)
    obj.__dict__.update(constant)
    for attname, field in called:
        obj.__dict__[attname] = field.get_default()  # a fresh list, never a shared one
    obj.__dict__.update(values)
    return obj


@cache
def _defaults(model):
    constant, called = {}, []
    for field in model._meta.concrete_fields:
        if callable(field.default):
            called.append((field.attname, field))
        else:
            constant[field.attname] = field.get_default()
    return constant, tuple(called)


def serializable_data(obj) -> dict:
    """What modelcluster's `get_serializable_data_for_fields` gives a revision's content (the
    same keys and values, `auto_now` stamped now), with the field list looked up once per
    model instead of per record. Datetimes are the writer's or the database's, so aware."""
    data = {"pk": obj.pk}
    for field, is_relation in _serialized_fields(type(obj)):
        if getattr(field, "auto_now", False):
            value = field.pre_save(obj, add=False)
        else:
            value = getattr(obj, field.attname)
        if not is_relation and not is_protected_type(value):
            value = field.value_to_string(obj)
        data[field.name] = value
    return data


@cache
def _serialized_fields(model):
    return tuple(
        (field, field.remote_field is not None) for field in model._meta.fields if field.serialize
    )


def insert_revisions(revisions: list) -> None:
    """Insert one import's revisions (one per record, all stamped with the import's time) and
    set their ids, read back by record: the audit entries point at them."""
    if not revisions:
        return
    insert_rows(type(revisions[0]), revisions)
    first = revisions[0]
    ids = dict(
        type(first)
        .objects.filter(
            content_type_id=first.content_type_id,
            created_at=first.created_at,
            object_id__in=[revision.object_id for revision in revisions],
        )
        .order_by("id")  # a record imported twice in one instant: its newest revision
        .values_list("object_id", "id")
    )
    for revision in revisions:
        revision.pk = ids[revision.object_id]
        revision._state.adding = False
