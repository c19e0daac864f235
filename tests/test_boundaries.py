"""Domain boundaries: every import between the top-level modules of src/omnicourt follows the table of
docs/ARCHITECTURE.md ("Dependencies between domains"), read from there so that the table is written once."""

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import omnicourt

SOURCE = Path(omnicourt.__file__).parent
ARCHITECTURE = SOURCE.parents[1] / "docs" / "ARCHITECTURE.md"
SECTION = "## Dependencies between domains"
EVERY_DOMAIN = "every domain"
ROUTE = re.compile(r"(api|pages|\w+_api|\w+_pages)")
WIRING = {"route": "omnicourt.app", "command": "omnicourt.cli"}  # the one module that imports each kind
HUB = "cases"


# ---------------------------------------------------------------- the table


@dataclass(frozen=True)
class Row:
    imports: frozenset[str] | None  # None: every domain
    reads: frozenset[str] | None  # the domains whose tables it may import at run time; None: every domain
    writes: bool  # it may write those tables itself (the demo loader)


@dataclass(frozen=True)
class Table:
    foundation: frozenset[str]
    rows: dict[str, Row]

    def may_import(self, domain: str, other: str) -> bool:
        if other in self.foundation:
            return True
        if domain in self.foundation:
            return False
        allowed = self.rows[domain].imports
        return allowed is None or other in allowed

    def may_read(self, domain: str, other: str) -> bool:
        reads = self.rows[domain].reads
        return reads is None or other in reads


def _names(cell: str) -> frozenset[str]:
    return frozenset(name for name in re.findall(r"`([\w.]+)`", cell) if not name.startswith("__"))


def _domains(cell: str) -> frozenset[str] | None:
    return None if cell.startswith(EVERY_DOMAIN) else _names(cell)


def parse_table(markdown: str) -> Table:
    """The rows of the table under SECTION: domain | may import | reads the tables of | why."""
    foundation: frozenset[str] = frozenset()
    rows = {}
    for line in markdown.split(SECTION, 1)[1].splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if not line.startswith("|") or len(cells) != 4 or cells[0] == "domain" or not cells[0].strip("-"):
            continue
        if cells[0].startswith("foundation"):
            foundation = _names(cells[0])
            continue
        (domain,) = _names(cells[0])
        rows[domain] = Row(_domains(cells[1]), _domains(cells[2]), "writes" in cells[2])
    return Table(foundation, rows)


def the_table() -> Table:
    return parse_table(ARCHITECTURE.read_text(encoding="utf-8"))


# ---------------------------------------------------------------- the imports


@dataclass(frozen=True)
class Import:
    module: str  # the importing module: omnicourt.cases.service
    target: str  # the module imported: omnicourt.fees.payments
    line: int
    type_only: bool  # under `if TYPE_CHECKING:`: names a type, cannot query


def module_name(path: Path, root: Path = SOURCE) -> str:
    parts = path.relative_to(root.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def source_modules(root: Path = SOURCE) -> dict[str, Path]:
    return {module_name(path, root): path for path in sorted(root.rglob("*.py"))
            if "versions" not in path.relative_to(root).parts}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _nodes(node: ast.AST, type_only: bool = False) -> Iterator[tuple[ast.AST, bool]]:
    for child in ast.iter_child_nodes(node):
        yield child, type_only
        if isinstance(child, ast.If) and _is_type_checking(child.test):
            for statement in child.body:
                yield statement, True
                yield from _nodes(statement, True)
            for statement in child.orelse:
                yield statement, type_only
                yield from _nodes(statement, type_only)
        else:
            yield from _nodes(child, type_only)


def imports_in(module: str, source: str, known: set[str], *, package: bool = False) -> list[Import]:
    """Every import of an omnicourt module, at module level, in functions, under TYPE_CHECKING; `from a import b`
    names a.b when b is a module (known), else a."""
    found = []
    for node, type_only in _nodes(ast.parse(source)):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = module.split(".")[: len(module.split(".")) - node.level + (1 if package else 0)]
                base = ".".join([*parent, base] if base else parent)
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names]
        else:
            continue
        found += [Import(module, target, node.lineno, type_only) for target in targets
                  if target == "omnicourt" or target.startswith("omnicourt.")]
    return found


def all_imports(modules: dict[str, Path]) -> list[Import]:
    known = set(modules)
    return [found for module, path in modules.items()
            for found in imports_in(module, path.read_text(encoding="utf-8"), known, package=path.stem == "__init__")]


def domain_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def entry_point(module: str) -> str | None:
    """The entry point a module is: "route" (a domain's api.py, pages.py, *_api.py, *_pages.py), "command" (its
    cli.py), or None. web/ is the shell the routes stand on: its modules are helpers every route may import."""
    parts = module.split(".")
    if len(parts) < 3 or parts[1] == "web":
        return None
    if parts[-1] == "cli":
        return "command"
    return "route" if ROUTE.fullmatch(parts[-1]) else None


def is_tables(module: str) -> bool:
    """A domain's models.py (omnicourt.cases.models), not the registry of them all (omnicourt.models)."""
    parts = module.split(".")
    return len(parts) >= 3 and parts[2] == "models"


# ---------------------------------------------------------------- the rules


def import_violations(imports: list[Import], table: Table) -> list[str]:
    found = []
    for imp in imports:
        domain, other = domain_of(imp.module), domain_of(imp.target)
        where = f"{imp.module}:{imp.line} imports {imp.target}"
        kind = entry_point(imp.target)
        if kind and imp.module != WIRING[kind]:
            found.append(f"{where}: a {kind} module is imported by {WIRING[kind]} alone; move what it shares "
                         "to a module of its domain (or web/)")
        if domain == other:
            continue
        if domain not in table.rows and domain not in table.foundation:
            found.append(f"{where}: {domain} has no row in the table of {ARCHITECTURE.name}")
            continue
        route_on_web = other == "web" and entry_point(imp.module) == "route"
        if not table.may_import(domain, other) and not route_on_web:
            allowed = "the foundation only" if domain in table.foundation else \
                ", ".join(sorted(table.rows[domain].imports or ())) or "the foundation only"
            found.append(f"{where}: {domain} may not import {other} (it may import {allowed})")
        elif is_tables(imp.target) and not imp.type_only and not table.may_read(domain, other):
            found.append(f"{where}: {domain} may not read the tables of {other}: call {other}'s service, or name "
                         "the read in the table (a type-only import goes under TYPE_CHECKING)")
    return found


def table_violations(table: Table, imports: list[Import], domains: set[str]) -> list[str]:
    """Every domain has a row and every row a domain; each named read is made; no cycle between domains."""
    found = [f"{domain} has no row in the table of {ARCHITECTURE.name}" for domain in sorted(domains)
             if domain not in table.rows and domain not in table.foundation]
    found += [f"the table has a row for {domain}, which is no module of src/omnicourt"
              for domain in sorted(set(table.rows) | table.foundation) if domain not in domains]
    reads = {(domain_of(i.module), domain_of(i.target)) for i in imports if is_tables(i.target) and not i.type_only}
    found += [f"the table lets {domain} read the tables of {other}, which it no longer does: remove it"
              for domain, row in sorted(table.rows.items()) for other in sorted(row.reads or ())
              if (domain, other) not in reads]
    return found + cycles(table, imports)


def cycles(table: Table, imports: list[Import]) -> list[str]:
    """Cycles between domains: the table's named edges and the imports of the rows allowed every domain. A route's
    import of web closes none (nothing imports a route)."""
    edges = {domain: set(row.imports or ()) for domain, row in table.rows.items()}
    for imp in imports:
        domain, other = domain_of(imp.module), domain_of(imp.target)
        route_on_web = other == "web" and entry_point(imp.module) == "route"
        if domain in table.rows and table.rows[domain].imports is None and domain != other and not route_on_web:
            edges[domain].add(other)
    found, done = [], set()

    def visit(domain: str, path: list[str]) -> None:
        if domain in path:
            found.append("cycle between domains: " + " -> ".join(path[path.index(domain):] + [domain]))
            return
        if domain in done:
            return
        for other in sorted(edges.get(domain, ())):
            visit(other, path + [domain])
        done.add(domain)

    for domain in sorted(edges):
        visit(domain, [])
    return found


def case_writes(module: str, source: str) -> list[str]:
    """Assignments to `case.<column>`: the code's name for a Case row, which cases.service alone changes."""
    found = []
    for node in ast.walk(ast.parse(source)):
        targets = node.targets if isinstance(node, ast.Assign) else \
            [node.target] if isinstance(node, ast.AugAssign | ast.AnnAssign) else []
        for target in targets:
            for element in target.elts if isinstance(target, ast.Tuple) else [target]:
                if isinstance(element, ast.Attribute) and isinstance(element.value, ast.Name) \
                        and element.value.id == "case":
                    found.append(f"{module}:{node.lineno} assigns case.{element.attr}: changes to a case go "
                                 "through a cases.service function")
    return found


def case_write_violations(modules: dict[str, Path], table: Table) -> list[str]:
    writers = {HUB} | {domain for domain, row in table.rows.items() if row.writes}
    return [hit for module, path in modules.items() if domain_of(module) not in writers
            for hit in case_writes(module, path.read_text(encoding="utf-8"))]


# ---------------------------------------------------------------- the code follows the table


def test_every_import_follows_the_table():
    modules = source_modules()
    found = import_violations(all_imports(modules), the_table())
    assert not found, "\n".join(found)


def test_the_table_covers_every_domain_and_has_no_cycle():
    modules = source_modules()
    domains = {domain_of(module) for module in modules}
    found = table_violations(the_table(), all_imports(modules), domains)
    assert not found, "\n".join(found)


def test_case_columns_are_changed_by_cases_service_alone():
    found = case_write_violations(source_modules(), the_table())
    assert not found, "\n".join(found)


def test_the_hub_imports_no_other_domain():
    table = the_table()
    assert HUB in table.rows and not (table.rows[HUB].imports & {"dossier", "fees", "filing", "deadlines"})
    assert not table.rows[HUB].reads


# ---------------------------------------------------------------- the rules can fail


def _check(module: str, source: str) -> list[str]:
    return import_violations(imports_in(module, source, set(source_modules())), the_table())


def test_a_forbidden_import_names_the_module_the_import_and_the_rule():
    found = _check("omnicourt.cases.service", "def close():\n    from omnicourt.fees import payments\n")
    assert found == ["omnicourt.cases.service:2 imports omnicourt.fees.payments: cases may not import fees "
                     "(it may import audit, reference, security)"]


def test_the_foundation_imports_no_domain():
    found = _check("omnicourt.paging", "from omnicourt.cases import rules\n")
    assert found == ["omnicourt.paging:1 imports omnicourt.cases.rules: paging may not import cases "
                     "(it may import the foundation only)"]


def test_reading_another_domains_tables_needs_a_named_read():
    found = _check("omnicourt.fees.payments", "from omnicourt.cases.models import Case\n")
    assert len(found) == 1 and "fees may not read the tables of cases" in found[0]
    assert _check("omnicourt.dashboard.service", "from omnicourt.cases.models import Case\n") == []
    type_only = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from omnicourt.cases.models import Case\n"
    assert _check("omnicourt.fees.payments", type_only) == []


def test_routes_are_imported_by_the_app_alone():
    found = _check("omnicourt.filing.pages", "from omnicourt.filing.api import submit_once\n")
    assert found == ["omnicourt.filing.pages:1 imports omnicourt.filing.api: a route module is imported by "
                     "omnicourt.app alone; move what it shares to a module of its domain (or web/)"]
    assert _check("omnicourt.app", "from omnicourt.filing import api\n") == []
    assert len(_check("omnicourt.cases.service", "from omnicourt.web.deps import current_actor\n")) == 1
    assert _check("omnicourt.cases.pages", "from omnicourt.web.deps import current_actor\n") == []


def test_a_cycle_in_the_table_is_found():
    markdown = f"""{SECTION}
| domain | may import | reads the tables of | why |
|---|---|---|---|
| foundation: `clock` | – | – | |
| `alpha` | `beta` | – | |
| `beta` | `alpha` | `alpha` | |
"""
    table = parse_table(markdown)
    found = table_violations(table, [], {"clock", "alpha", "beta"})
    assert found == ["the table lets beta read the tables of alpha, which it no longer does: remove it",
                     "cycle between domains: alpha -> beta -> alpha"]


def test_writing_a_case_column_outside_cases_is_found():
    source = "def convert(case, to):\n    case.procedure, case.deadline_on = to, None\n"
    assert case_writes("omnicourt.deadlines.service", source) == [
        "omnicourt.deadlines.service:2 assigns case.procedure: changes to a case go through a cases.service function",
        "omnicourt.deadlines.service:2 assigns case.deadline_on: changes to a case go through a cases.service "
        "function"]
