"""Send the curators the questions still without an approved answer a week after they were
asked (each once), and (re)start the daily job. Without a task worker, run it daily (cron)."""

from django.core.management.base import BaseCommand

from cms.ask.services import escalate
from cms.ask.tasks import schedule_next


class Command(BaseCommand):
    help = "E-mail the curators the questions unanswered for 7 days (once each)."

    def handle(self, *args, **options):
        sent = escalate()
        schedule_next()  # (re)start the daily job where a worker runs tasks
        self.stdout.write(f"{sent} question(s) sent to the curators.")
