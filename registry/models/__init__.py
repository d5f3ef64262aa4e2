from .base import Record, RecordQuerySet
from .enterprise import Enterprise, EnterprisePhoto
from .import_run import ImportRun
from .incubator import Incubator
from .landmark import Landmark
from .plot import Plot
from .rd_organisation import RDOrganisation
from .taxonomy import Technology
from .zone import Zone

# Interchange kind -> model, in the order records must be written (referenced kinds first).
KINDS = {
    model.kind: model for model in (Landmark, Zone, Plot, Enterprise, RDOrganisation, Incubator)
}

__all__ = [
    "KINDS",
    "Enterprise",
    "EnterprisePhoto",
    "ImportRun",
    "Incubator",
    "Landmark",
    "Plot",
    "RDOrganisation",
    "Record",
    "RecordQuerySet",
    "Technology",
    "Zone",
]
