"""An import-linter contract the built-in ones leave out: no module of the project takes part in
an import cycle, whatever their places in the package tree. (`acyclic_siblings` compares
siblings, so a package's `__init__` importing its own child, which imports the package back,
passes it; this does not.) Imports inside functions count, as everywhere in import-linter.
Used by `.importlinter`; `lint-imports` puts the working directory on the path."""

from importlinter.application import output
from importlinter.domain import fields
from importlinter.domain.contract import Contract, ContractCheck


class AcyclicModulesContract(Contract):
    type_name = "acyclic_modules"

    containers = fields.ListField(subfield=fields.StringField())

    def check(self, graph, verbose: bool) -> ContractCheck:
        cycles = []
        seen = set()
        for container in self.containers:
            for module in sorted({container} | graph.find_descendants(container)):
                for imported in sorted(graph.find_modules_directly_imported_by(module)):
                    back = graph.find_shortest_chain(importer=imported, imported=module)
                    if back is None:
                        continue
                    cycle = (module, *back)
                    if frozenset(cycle) not in seen:
                        seen.add(frozenset(cycle))
                        cycles.append(cycle)
        return ContractCheck(kept=not cycles, metadata={"cycles": cycles})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for cycle in check.metadata["cycles"]:
            output.print_error(f"Import cycle: {' -> '.join(cycle)}")
            output.new_line()
