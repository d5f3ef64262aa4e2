"""Load the answered sample questions of "ask an expert" (seeds/questions.json): invented
questions (sample=True, their askers never shown), answered by the sample experts, published and
indexed for search. The experts are the sample experts of seeds/11_sample_challenges_experts.jsonl;
where that file was not loaded (a bare test database) they are created from the copy of their
names kept here. Safe to run again: nothing is duplicated."""

import datetime as dt
import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from cms.ask import services
from registry.models import Expert, Technology
from registry.models.questions import ExpertAnswer, ExpertQuestion, QuestionRoute

SEED = Path(settings.BASE_DIR) / "seeds" / "questions.json"
SAMPLE_ASKER = ("Người hỏi mẫu", "sample-asker@dnhub.invalid")  # invented, never shown


def stand_in_expert(data: dict) -> Expert:
    expert = Expert.objects.filter(ref=data["ref"]).first()
    if expert is not None:
        return expert
    expert = Expert.objects.create(
        ref=data["ref"], name=data["name"], name_en=data["name_en"], sample=True, live=True,
        consent_on=dt.date(2026, 1, 1), languages=data["languages"],
    )  # fmt: skip
    expert.technologies.set(Technology.objects.filter(code__in=data["technologies"]))
    expert.save()  # a ParentalManyToManyField is written on save
    return expert


class Command(BaseCommand):
    help = "Load the answered sample questions of 'ask an expert' (seeds/questions.json)."

    @transaction.atomic
    def handle(self, *args, **options):
        seed = json.loads(SEED.read_text(encoding="utf-8"))
        experts = {data["ref"]: stand_in_expert(data) for data in seed["experts"]}
        created = 0
        for data in seed["questions"]:
            question, new = ExpertQuestion.objects.get_or_create(
                ref=data["ref"],
                defaults={
                    "question": data["question"], "language": data["language"],
                    "topic": Technology.objects.filter(code=data["topic"]).first(),
                    "asker_name": SAMPLE_ASKER[0], "asker_email": SAMPLE_ASKER[1], "sample": True,
                },
            )  # fmt: skip
            if not new:
                continue
            expert = experts[data["expert"]]
            QuestionRoute.objects.create(question=question, expert=expert)
            answer = ExpertAnswer.objects.create(
                question=question, expert=expert, answer=data["answer"]
            )
            services.approve(answer, None)  # sample: the (invented) asker is not e-mailed
            created += 1
        self.stdout.write(
            f"Sample questions: {created} created, {len(seed['questions'])} in the seed."
        )
