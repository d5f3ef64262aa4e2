"""Send the curators the questions still without an approved answer a week after they were
asked (each once). Run it daily (cron, or a scheduler of the host)."""

from django.core.management.base import BaseCommand

from cms.ask.services import escalate


class Command(BaseCommand):
    help = "E-mail the curators the questions unanswered for 7 days (once each)."

    def handle(self, *args, **options):
        sent = escalate()
        self.stdout.write(f"{sent} question(s) sent to the curators.")
