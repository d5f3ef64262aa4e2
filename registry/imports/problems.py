"""An import's problems as the curator reads them: `sheet, row, column: reason`, in the language
active when they are written (the curator's)."""

from django.utils.translation import gettext as _


def where(problem) -> str:
    """Where in the file a problem is: sheet, row and column of a spreadsheet, or the line and
    key of JSON Lines; nothing for a problem with the whole file."""
    parts = []
    sheet = getattr(problem, "sheet", "")
    row = getattr(problem, "row", None)
    column = getattr(problem, "column", "")
    if sheet:
        parts.append(_("sheet %(name)s") % {"name": sheet})
    if row:
        parts.append(_("row %(number)s") % {"number": row})
    elif getattr(problem, "line", 0):
        parts.append(_("line %(number)s") % {"number": problem.line})
    field = column or getattr(problem, "field", "")
    if field and field != "-":
        parts.append(_("column %(name)s") % {"name": field})
    return ", ".join(parts)


def problem_dicts(problems) -> list[dict]:
    return [{"where": where(problem), "reason": str(problem.reason)} for problem in problems]
