from .base import Record, RecordQuerySet
from .challenge import PROPOSAL_MAX_CHARS, Challenge, ChallengeResponse
from .enterprise import Enterprise, EnterprisePhoto
from .expert import Expert
from .freshness import DEFAULT_MONTHS, FreshnessRule
from .import_run import ImportRun
from .incubator import Incubator
from .indicator import Indicator, IndicatorSnapshot, IndicatorTarget, IndicatorValue
from .landmark import Landmark
from .merges import EnterpriseMerge, NotDuplicate
from .plot import Plot
from .questions import ExpertAnswer, ExpertQuestion, QuestionRoute
from .rd_organisation import RDOrganisation
from .taxonomy import Technology
from .zone import Zone

# Interchange kind -> model, in the order records must be written (referenced kinds first).
KINDS = {
    model.kind: model
    for model in (Landmark, Zone, Plot, Enterprise, RDOrganisation, Incubator, Challenge, Expert)
}

__all__ = [
    "DEFAULT_MONTHS",
    "PROPOSAL_MAX_CHARS",
    "KINDS",
    "Challenge",
    "ChallengeResponse",
    "Enterprise",
    "EnterpriseMerge",
    "EnterprisePhoto",
    "Expert",
    "ExpertAnswer",
    "ExpertQuestion",
    "FreshnessRule",
    "ImportRun",
    "Incubator",
    "Indicator",
    "IndicatorSnapshot",
    "IndicatorTarget",
    "IndicatorValue",
    "Landmark",
    "NotDuplicate",
    "Plot",
    "QuestionRoute",
    "RDOrganisation",
    "Record",
    "RecordQuerySet",
    "Technology",
    "Zone",
]
