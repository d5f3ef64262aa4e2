"""Daily snapshots: one row per indicator and day whoever takes it, the worker's nightly job
that queues itself once, the first read of a day where no worker runs, and the command."""

import threading
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from registry.indicators import history, readings, take_snapshot, tasks
from registry.models import Enterprise, Indicator, IndicatorSnapshot

from .indicator_world import build_world, registry_indicators

WORKER = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def world(db):
    build_world()
    registry_indicators()


def queued():
    return DBTaskResult.objects.filter(
        status="READY", task_path=tasks.take_daily_snapshot.module_path
    )


def test_a_second_snapshot_the_same_day_replaces_the_first(world):
    take_snapshot()
    Enterprise.objects.filter(ref="e-draft").update(live=True)
    take_snapshot()
    today = IndicatorSnapshot.objects.filter(taken_on=timezone.localdate())
    assert today.count() == 5
    assert today.get(indicator__code="global_tech_leaders").value == 3


@pytest.mark.django_db(transaction=True)
def test_two_processes_taking_the_day_snapshot_at_once_leave_one_row_each():
    build_world()
    registry_indicators()
    start = threading.Barrier(2)
    failures = []

    def take():
        try:
            start.wait()
            take_snapshot()
        except Exception as error:  # noqa: BLE001 — reported below, with the failing thread's error
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=take) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert IndicatorSnapshot.objects.filter(taken_on=timezone.localdate()).count() == 5


def test_the_first_read_of_a_day_stores_its_snapshot_where_no_worker_runs(world):
    yesterday = timezone.localdate() - timedelta(days=1)
    take_snapshot(yesterday)
    leaders = Indicator.objects.get(code="global_tech_leaders")
    by_code = {r.indicator.code: r for r in readings()}
    assert [p.as_of for p in history(leaders)] == [yesterday, timezone.localdate()]
    assert IndicatorSnapshot.objects.filter(taken_on=timezone.localdate()).count() == 5
    readings()
    assert IndicatorSnapshot.objects.count() == 10
    assert by_code["global_tech_leaders"].value == 2
    assert not queued().exists()  # no worker: nothing waits in a queue nobody empties


def test_with_a_worker_the_nightly_job_queues_itself_once_for_the_next_night(world, settings):
    settings.TASKS = WORKER
    assert tasks.take_daily_snapshot.call() == 5
    assert IndicatorSnapshot.objects.filter(taken_on=timezone.localdate()).count() == 5
    waiting = queued().get()
    run_after = timezone.localtime(waiting.run_after)
    assert run_after.date() == timezone.localdate() + timedelta(days=1)
    assert (run_after.hour, run_after.minute) == (0, 5)
    tasks.take_daily_snapshot.call()
    tasks.schedule_next()
    assert queued().count() == 1


def test_with_a_worker_a_read_or_a_migrate_restarts_a_broken_chain(world, settings):
    settings.TASKS = WORKER
    readings()
    assert queued().count() == 1
    queued().delete()
    call_command("migrate", verbosity=0)
    assert queued().count() == 1


def test_the_snapshot_command_says_what_it_stored_in_the_users_language(world):
    out = StringIO()
    call_command("indicators", "--language", "vi", "snapshot", stdout=out)
    text = out.getvalue()
    assert "global_tech_leaders: 2 (4 hồ sơ được tính, 1 chưa rõ)" in text
    assert "lần đọc đầu tiên mỗi ngày" in text
    out = StringIO()
    call_command("indicators", "--language", "en", "snapshot", stdout=out)
    assert "domestic_enterprise_share: 50 (4 records counted, 1 unknown)" in out.getvalue()
    assert IndicatorSnapshot.objects.count() == 5


def test_the_snapshot_command_queues_the_workers_nightly_job(world, settings):
    settings.TASKS = WORKER
    out = StringIO()
    call_command("indicators", "--language", "en", "snapshot", stdout=out)
    assert "The worker takes the next snapshot each night." in out.getvalue()
    assert queued().count() == 1


def test_the_show_command_prints_each_indicator_with_its_status(world):
    out = StringIO()
    call_command("indicators", "--language", "en", "show", stdout=out)
    text = out.getvalue()
    assert "innovative_enterprise_share — innovative_enterprise_share: 75 [on track]" in text
    assert "target > 40 (2030)" in text
    assert "rnd_workforce_per_10k — rnd_workforce_per_10k: 0.1 [behind]" in text
    assert "population — Population: 5,000,000 [no data]" in text
    assert "straight line" in text
