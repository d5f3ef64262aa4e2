"""Reads Django settings, and runs the system checks, under different environments in one
process.

Run by tests/cms/test_settings.py as a child process. Each request is one JSON line on stdin,
{"env": {...}, "expression": "..."}; the answer is one JSON line on stdout, {"value": str} or
{"error": "ExceptionName: message"}. Before each request the settings modules are imported
afresh under that environment (and Django's lazy settings forgotten), which is what starting
a new process would give, at a fraction of the cost. The apps are loaded once, by the first
`check(...)`: every settings module installs the same ones.
"""

import io
import json
import os
import sys

import django
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.utils.functional import empty


def check(*args: str) -> str:
    """What `manage.py check *args` prints; its failure raises SystemCheckError."""
    if not apps.ready:
        django.setup()
    output = io.StringIO()
    call_command("check", *args, stdout=output, stderr=output)
    return output.getvalue()


def evaluate(env: dict, expression: str) -> dict:
    os.environ.clear()
    os.environ.update(env)
    for name in [m for m in sys.modules if m == "cms.settings" or m.startswith("cms.settings.")]:
        del sys.modules[name]
    settings._wrapped = empty  # read DJANGO_SETTINGS_MODULE again on next access
    try:
        from django.core import signing

        value = eval(expression, {"settings": settings, "signing": signing, "check": check})  # noqa: S307
    except Exception as error:  # the caller asserts on it, as it would on a traceback
        return {"error": f"{type(error).__name__}: {error}"}
    return {"value": str(value)}


def main() -> None:
    answers = sys.stdout
    sys.stdout = sys.stderr  # whatever the settings print must not garble the answers
    for line in sys.stdin:
        request = json.loads(line)
        answers.write(json.dumps(evaluate(request["env"], request["expression"])) + "\n")
        answers.flush()


if __name__ == "__main__":
    main()
