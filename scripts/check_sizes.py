"""Size check (run by scripts/test): no module over 400 lines and no function over 60 lines
unless a `# size:` comment beside it says why a split would hurt.

A module's reason goes in its header (before the first import or definition); a function's on
the lines just above its `def` (among its decorators), on the `def` line, or as the first line of
its body. Tests and migrations are exempt. Every offender is listed, then the check fails.

    .venv/bin/python scripts/check_sizes.py [paths...]   # default: the project's Python files
"""

import ast
import sys
from pathlib import Path

MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
REASON = "# size:"
REPO = Path(__file__).resolve().parent.parent


def exempt(path: Path) -> bool:
    parts = path.relative_to(REPO).parts
    return parts[0] == "tests" or "migrations" in parts


SKIPPED_DIRS = {".venv", "node_modules", "var", "screenshots", "__pycache__"}


def project_python_files() -> list[Path]:
    return [
        path
        for path in REPO.rglob("*.py")
        if not SKIPPED_DIRS.intersection(path.relative_to(REPO).parts)
        and not any(part.startswith(".") for part in path.relative_to(REPO).parts)
    ]


def has_reason(lines: list[str], first: int, last: int) -> bool:
    """Whether a `# size:` comment is on lines first..last (1-based, inclusive)."""
    return any(REASON in lines[n - 1] for n in range(max(first, 1), min(last, len(lines)) + 1))


def module_header_end(tree: ast.Module) -> int:
    """The line before the first statement that is not the docstring."""
    body = tree.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]
    return body[0].lineno - 1 if body else 10**9


def comments_above(lines: list[str], line: int) -> int:
    """The first line of the comment block that ends just above `line`."""
    while line > 1 and lines[line - 2].strip().startswith("#"):
        line -= 1
    return line


def function_reason_span(lines: list[str], node) -> tuple[int, int]:
    top = min([node.lineno, *(d.lineno for d in node.decorator_list)])
    body_start = node.body[0].lineno
    first = node.body[0]
    if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
        # After a docstring, the reason may be the first line below it.
        body_start = first.end_lineno + 1
    return comments_above(lines, top), body_start


def offenders(path: Path) -> list[str]:
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    tree = ast.parse(source, filename=str(path))
    name = path.relative_to(REPO) if path.is_relative_to(REPO) else path
    found = []
    if len(lines) > MAX_MODULE_LINES and not has_reason(lines, 1, module_header_end(tree)):
        found.append(f"{name}: module of {len(lines)} lines (limit {MAX_MODULE_LINES})")
    for node in ast.walk(tree):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        length = node.end_lineno - node.lineno + 1
        if length > MAX_FUNCTION_LINES and not has_reason(
            lines, *function_reason_span(lines, node)
        ):
            found.append(
                f"{name}:{node.lineno}: function {node.name}() of {length} lines "
                f"(limit {MAX_FUNCTION_LINES})"
            )
    return found


def main(argv: list[str]) -> int:
    paths = [Path(p).resolve() for p in argv] or project_python_files()
    found = [line for path in sorted(paths) if not exempt(path) for line in offenders(path)]
    for line in found:
        print(line)
    if found:
        print(
            f"{len(found)} over the size limits: split them, or say why not in a "
            f"'{REASON} ...' comment beside the def or in the module's header."
        )
        return 1
    print("sizes: every module and function within the limits, or with a written reason")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
