"""Ask an expert: a visitor's question, the experts it was sent to, and their answers. An answer
a curator approves makes the question a public Q&A page (with the expert's name; never the
asker's name or e-mail)."""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from registry.validators import validate_ref

QUESTION_MAX_CHARS = 2000
ANSWER_MAX_CHARS = 5000


class QuestionQuerySet(models.QuerySet):
    def published(self):
        """Questions with an approved answer: the public Q&A pages."""
        return self.filter(status=ExpertQuestion.Status.PUBLISHED)


class ExpertQuestion(models.Model):
    class Status(models.TextChoices):
        RECEIVED = "received", _("Waiting for an expert")
        ANSWERED = "answered", _("Answer waiting for a curator")
        PUBLISHED = "published", _("Published")
        DECLINED = "declined", _("Not published")

    class Language(models.TextChoices):
        VI = "vi", _("Vietnamese")
        EN = "en", _("English")

    ref = models.CharField(_("reference"), max_length=64, unique=True, validators=[validate_ref])
    question = models.TextField(
        _("question"),
        max_length=QUESTION_MAX_CHARS,
        validators=[MaxLengthValidator(QUESTION_MAX_CHARS)],
    )
    language = models.CharField(_("language"), max_length=2, choices=Language, default="vi")
    topic = models.ForeignKey(
        "registry.Technology",
        verbose_name=_("topic"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questions",
    )
    # Private: never on a page, in the API or an export; cleared when the asker asks.
    asker_name = models.CharField(_("asker's name (private)"), max_length=200)
    asker_email = models.EmailField(_("asker's e-mail (private)"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status, default=Status.RECEIVED, db_index=True
    )
    sample = models.BooleanField(_("sample"), default=False)
    created_at = models.DateTimeField(_("asked"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    escalated_at = models.DateTimeField(_("sent to the curators"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        verbose_name = _("question to the experts")
        verbose_name_plural = _("questions to the experts")
        ordering = ["-created_at"]

    def __str__(self):
        return self.question[:80]


class QuestionRoute(models.Model):
    """The question was e-mailed to this expert, with a signed link to answer."""

    question = models.ForeignKey(
        ExpertQuestion, verbose_name=_("question"), on_delete=models.CASCADE, related_name="routes"
    )
    expert = models.ForeignKey(
        "registry.Expert",
        verbose_name=_("expert"),
        on_delete=models.CASCADE,
        related_name="question_routes",
    )
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)
    # The expert said they cannot answer (through the signed link), and why.
    declined_at = models.DateTimeField(_("declined"), null=True, blank=True)
    decline_reason = models.CharField(_("reason for declining"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("question sent to an expert")
        verbose_name_plural = _("questions sent to experts")
        constraints = [
            models.UniqueConstraint(fields=["question", "expert"], name="question_route_unique")
        ]

    def __str__(self):
        return f"{self.question} → {self.expert}"


class ExpertAnswer(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a curator")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    question = models.ForeignKey(
        ExpertQuestion, verbose_name=_("question"), on_delete=models.CASCADE, related_name="answers"
    )
    expert = models.ForeignKey(
        "registry.Expert",
        verbose_name=_("expert"),
        on_delete=models.CASCADE,
        related_name="answers",
    )
    answer = models.TextField(
        _("answer"), max_length=ANSWER_MAX_CHARS, validators=[MaxLengthValidator(ANSWER_MAX_CHARS)]
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status, default=Status.PENDING, db_index=True
    )
    curator_note = models.TextField(_("curator's note"), blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)

    class Meta:
        verbose_name = _("expert's answer")
        verbose_name_plural = _("experts' answers")
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["question", "expert"], name="answer_one_per_expert")
        ]

    def __str__(self):
        return f"{self.expert}: {self.answer[:80]}"
