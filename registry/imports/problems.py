"""An import's problems as the curator reads them: `sheet, row, column: reason`, in the language
active when they are written (the curator's)."""

from django.utils.translation import gettext as _


def where(problem) -> str:
    """Where in the file a problem is: the sheet (an XLSX sheet, a CSV file's name), row and
    column of a spreadsheet, or the line and key of JSON Lines; nothing for the whole file.
    The importer's `Problem` gives `sheet` ("" for JSON Lines), `line` (the line or the row;
    0: the whole file) and `field` (the key, the column's header; "-": the whole line)."""
    sheet = getattr(problem, "sheet", "")
    parts = [sheet] if sheet else []
    if problem.line:
        label = _("row %(number)s") if sheet else _("line %(number)s")
        parts.append(label % {"number": problem.line})
    if problem.field and problem.field != "-":
        parts.append(_("column %(name)s") % {"name": problem.field})
    return ", ".join(parts)


def problem_dicts(problems) -> list[dict]:
    return [{"where": where(problem), "reason": str(problem.reason)} for problem in problems]
