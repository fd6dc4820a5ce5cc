"""Prepare, start and test level2work.

One implementation behind ``./setup/start`` and ``./setup/test``: finding
Odoo 18.0 and PostgreSQL, installing the project's Python packages, building
the addons path, preparing databases and running the test suite.

Usage::

    python3 setup/level2work_setup.py start [ODOO OPTIONS...]
    python3 setup/level2work_setup.py test [--help]

Environment:

``ODOO_PATH``
    an Odoo 18.0 source tree (the folder holding ``odoo/release.py``), used
    instead of the Odoo that ``python3`` imports.
``L2W_TEST_DB``
    name of the test database (default ``level2work_test``).
``L2W_ADDONS_DIR``
    folder holding the three addons (default: the repository root).
"""

import argparse
import ast
import configparser
import contextlib
import fcntl
import hashlib
import importlib.metadata
import importlib.util
import json
import os
import re
import runpy
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LOCAL = REPO / ".local"
REQUIREMENTS = REPO / "setup" / "requirements.txt"
ADDONS = ("level2work_pathway", "level2work_mentoring", "level2work_employer")
LANGUAGES = ("nl_BE", "fr_BE")
START_DB = "level2work"
TEST_DB = "level2work_test"
TEMPLATE_DB = "level2work_tmpl_base"
# What the template database holds: the core addons level2work builds on.
# Other core dependencies named in the addons' manifests are added to it.
TEMPLATE_MODULES = ("base", "mail", "contacts", "portal")
TEMPLATE_FORMAT = 2  # bump to force every template to be rebuilt
ODOO_SERIES = "18.0"
ODOO_DOC = (
    "https://www.odoo.com/documentation/18.0/administration/on_premise/source.html"
)
DB_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$")
# 2025-01-01 12:00:00,123 4242 INFO dbname odoo.addons.x.tests.test_y: message
LOG_RECORD_RE = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (?P<level>[A-Z]+) (?P<db>\S+) "
    r"(?P<logger>[^\s:]+): (?P<message>.*)$"
)
TEST_PROBLEM_RE = re.compile(r"^(?P<kind>FAIL|ERROR): (?P<test>.+)$")
TEST_SUMMARY_RE = re.compile(
    r"(?P<failed>\d+) failed, (?P<errors>\d+) error\(s\) of (?P<run>\d+) tests "
    r"when loading database"
)


class SetupError(Exception):
    """A problem the user must solve; the message is one sentence."""


def say(message=""):
    print(message, flush=True)


def show(command):
    """Print a command the way one would type it."""
    words = ["python3" if word == sys.executable else word for word in command]
    say("$ " + " ".join(words))


def heading(title):
    say(f"\n== {title} ==")


# --------------------------------------------------------------------------
# Odoo


@dataclass
class Odoo:
    """An Odoo 18.0 installation: its package folder and how to run it."""

    package: Path  # the folder of the ``odoo`` package
    version: str
    source_root: Path | None = None  # set when found through ODOO_PATH

    @property
    def addons_paths(self):
        """Odoo's own addons folders (core ``odoo/addons`` and ``addons``)."""
        candidates = [self.package / "addons", self.package.parent / "addons"]
        return [
            path
            for path in candidates
            if any(
                (path / name / "__manifest__.py").is_file()
                for name in ("base", "web", "mail")
            )
        ]

    def env(self):
        env = dict(os.environ)
        if self.source_root:
            pythonpath = env.get("PYTHONPATH")
            env["PYTHONPATH"] = os.pathsep.join(
                filter(None, [str(self.source_root), pythonpath])
            )
        return env

    def command(self, *args):
        return [sys.executable, "-m", "odoo", *args]

    def data_dir(self):
        """Odoo's data folder, found the way Odoo finds it (config file or default)."""
        rc_file = os.environ.get("ODOO_RC") or os.environ.get("OPENERP_SERVER")
        if not rc_file:
            rc_file = os.path.expanduser("~/.odoorc")
            if not os.path.exists(rc_file):
                rc_file = os.path.expanduser("~/.openerp_serverrc")
        if os.path.isfile(rc_file):
            parser = configparser.RawConfigParser()
            with contextlib.suppress(configparser.Error):
                parser.read(rc_file)
                value = parser.get("options", "data_dir", fallback="").strip()
                if value:
                    return Path(os.path.expanduser(value))
        xdg = os.environ.get("XDG_DATA_HOME") or os.path.expanduser("~/.local/share")
        return Path(xdg) / "Odoo"

    def filestore(self, dbname):
        return self.data_dir() / "filestore" / dbname


def find_odoo():
    """Find Odoo 18.0: ``ODOO_PATH`` if set, else the one ``python3`` imports."""
    odoo_path = os.environ.get("ODOO_PATH")
    source_root = None
    if odoo_path:
        source_root = Path(odoo_path).expanduser().resolve()
        package = source_root / "odoo"
        if not (package / "release.py").is_file():
            raise SetupError(
                f"ODOO_PATH is set to {odoo_path}, which is not an Odoo 18.0 source "
                f"tree (there is no odoo/release.py in it): point it at one "
                f"({ODOO_DOC})."
            )
    else:
        spec = importlib.util.find_spec("odoo")
        locations = list(spec.submodule_search_locations or []) if spec else []
        package = next(
            (Path(p) for p in locations if (Path(p) / "release.py").is_file()), None
        )
        if package is None:
            raise SetupError(
                f"Odoo 18.0 is missing: {sys.executable} cannot import odoo and "
                f"ODOO_PATH is not set, so install Odoo 18.0 Community "
                f"({ODOO_DOC}) and make it importable or set ODOO_PATH to its "
                f"source folder."
            )
    release = runpy.run_path(str(package / "release.py"))
    if release.get("serie") != ODOO_SERIES:
        raise SetupError(
            f"Odoo {release.get('version')} was found in {package}, but level2work "
            f"needs Odoo {ODOO_SERIES}: install it ({ODOO_DOC}) or set ODOO_PATH."
        )
    return Odoo(
        package=package.resolve(),
        version=release["version"],
        source_root=source_root,
    )


def addons_dir():
    """The folder holding the level2work addons (the repository root by default)."""
    return Path(os.environ.get("L2W_ADDONS_DIR") or REPO).resolve()


def addons_path(odoo):
    return ",".join(str(path) for path in [*odoo.addons_paths, addons_dir()])


def present_addons(addons):
    """The addons of ``addons`` that have a manifest, warning about the others."""
    root = addons_dir()
    present = [name for name in addons if (root / name / "__manifest__.py").is_file()]
    for name in addons:
        if name not in present:
            say(f"warning: {root / name} has no __manifest__.py: {name} is skipped")
    return present


def core_dependencies(addons):
    """Non-level2work modules the given addons depend on directly."""
    found = set()
    for name in addons:
        manifest = addons_dir() / name / "__manifest__.py"
        if manifest.is_file():
            with contextlib.suppress(SyntaxError, ValueError):
                data = ast.literal_eval(manifest.read_text())
                found.update(
                    dep for dep in data.get("depends", []) if dep not in ADDONS
                )
    return found


def addons_fingerprint(addons):
    """A hash of every file of the given addons, to notice source changes."""
    digest = hashlib.sha256()
    root = addons_dir()
    for name in sorted(addons):
        folder = root / name
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            relative = path.relative_to(folder)
            if not path.is_file() or path.suffix in (".pyc", ".pyo"):
                continue
            if any(
                part == "__pycache__" or part.startswith(".") for part in relative.parts
            ):
                continue  # caches and hidden files are not sources
            digest.update(str(path.relative_to(root)).encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


# --------------------------------------------------------------------------
# PostgreSQL


def pg_ready():
    return subprocess.run(["pg_isready", "-q"], check=False, timeout=30).returncode == 0


def ensure_postgres():
    """Make sure PostgreSQL answers, starting the local cluster if needed."""
    missing = [
        tool
        for tool in ("pg_isready", "psql", "createdb", "dropdb")
        if not shutil.which(tool)
    ]
    if missing:
        raise SetupError(
            f"The PostgreSQL client tools ({', '.join(missing)}) are not on PATH: "
            f"install PostgreSQL 12 or newer (Debian: apt-get install postgresql)."
        )
    if pg_ready():
        return
    versions = []
    if Path("/etc/postgresql").is_dir():
        versions = sorted(
            (v for v in os.listdir("/etc/postgresql") if v.replace(".", "").isdigit()),
            key=lambda v: [int(part) for part in v.split(".")],
            reverse=True,
        )
    if shutil.which("pg_ctlcluster") and versions:
        for version in versions:
            say(f"Starting PostgreSQL {version} (pg_ctlcluster {version} main start)")
            subprocess.run(
                [
                    "pg_ctlcluster",
                    "--skip-systemctl-redirect",
                    version,
                    "main",
                    "start",
                ],
                check=False,
            )
            for _attempt in range(30):
                if pg_ready():
                    return
                time.sleep(1)
    raise SetupError(
        "PostgreSQL does not answer (pg_isready fails) and could not be started "
        "with pg_ctlcluster: start it, or point PGHOST/PGPORT/PGUSER at a running "
        "server whose user may create databases."
    )


def psql(sql, dbname="postgres"):
    result = subprocess.run(
        ["psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-d", dbname, "-c", sql],
        check=False,
        capture_output=True,
        text=True,
    )
    if result.returncode:
        raise SetupError(f"psql failed on «{sql}»: {result.stderr.strip()}")
    return result.stdout.strip()


def check_db_name(name):
    if not DB_NAME_RE.match(name):
        raise SetupError(
            f"{name!r} is not a usable database name (letters, digits, _ and -)."
        )
    return name


def db_exists(name):
    return psql(f"SELECT 1 FROM pg_database WHERE datname = '{name}'") == "1"


def drop_db(odoo, name):
    subprocess.run(
        ["dropdb", "--if-exists", "--force", name], check=True, capture_output=True
    )
    shutil.rmtree(odoo.filestore(name), ignore_errors=True)


def module_states(dbname, modules):
    names = ",".join(f"'{name}'" for name in modules)
    rows = psql(
        f"SELECT name, state FROM ir_module_module WHERE name IN ({names})", dbname
    )
    return dict(line.split("|", 1) for line in rows.splitlines() if line)


# --------------------------------------------------------------------------
# Python packages


def ensure_requirements():
    """Install setup/requirements.txt, unless every pinned version is there."""
    wanted = {}
    for line in REQUIREMENTS.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if "==" in line:
            name, version = (part.strip() for part in line.split("==", 1))
            wanted[name] = version
    missing = []
    for name, version in wanted.items():
        try:
            installed = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            installed = None
        if installed != version:
            missing.append(f"{name}=={version}")
    if not missing:
        return
    say(f"Installing Python packages: {' '.join(missing)}")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "-r", str(REQUIREMENTS)],
        check=False,
        capture_output=True,
        text=True,
    )
    if result.returncode:
        say(result.stdout + result.stderr)
        raise SetupError(
            f"pip could not install {REQUIREMENTS.relative_to(REPO)} "
            f"(its output is above)."
        )


# --------------------------------------------------------------------------
# Databases


@contextlib.contextmanager
def machine_lock(name, exclusive=True):
    """A lock shared by every checkout on this machine (several people test at once)."""
    path = Path(tempfile.gettempdir()) / f"{name}.lock"
    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def template_modules(odoo):
    """Core modules in the template: ours to build on, and what the addons need."""
    available = {
        dep
        for dep in core_dependencies(ADDONS)
        if any((path / dep / "__manifest__.py").is_file() for path in odoo.addons_paths)
    }
    return sorted(set(TEMPLATE_MODULES) | available)


def template_key(odoo):
    data = {
        "format": TEMPLATE_FORMAT,
        "odoo": str(odoo.package),
        "version": odoo.version,
        "modules": template_modules(odoo),
        "languages": LANGUAGES,
    }
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:16]


def db_comment(name):
    return psql(
        "SELECT shobj_description(oid, 'pg_database') FROM pg_database "
        f"WHERE datname = '{name}'"
    )


def ensure_template(odoo, rebuild=False):
    """Build the template database unless it is there for this Odoo already."""
    key = f"level2work template {template_key(odoo)}"
    if not rebuild and db_comment(TEMPLATE_DB) == key:
        return
    with machine_lock(TEMPLATE_DB):
        if not rebuild and db_comment(TEMPLATE_DB) == key:
            return  # built meanwhile by someone else
        modules = template_modules(odoo)
        say(
            f"Building the template database {TEMPLATE_DB} "
            f"({', '.join(modules)}, demo data, {', '.join(LANGUAGES)}); "
            f"this happens once per Odoo installation and takes one or two minutes."
        )
        started = time.monotonic()
        drop_db(odoo, TEMPLATE_DB)
        log = LOCAL / "test-logs" / f"{TEMPLATE_DB}.log"
        log.parent.mkdir(parents=True, exist_ok=True)
        with open(log, "w") as handle:
            result = subprocess.run(
                odoo.command(
                    f"--database={TEMPLATE_DB}",
                    "--addons-path=" + ",".join(map(str, odoo.addons_paths)),
                    f"--init={','.join(modules)}",
                    # The first language loaded into a new database becomes its
                    # main language (every user's); English stays that, as in
                    # any Odoo, and the Belgian languages come beside it.
                    f"--load-language={','.join(('en_US', *LANGUAGES))}",
                    "--stop-after-init",
                    "--no-http",
                    "--max-cron-threads=0",
                    "--log-level=warn",
                ),
                env=odoo.env(),
                stdout=handle,
                stderr=subprocess.STDOUT,
                check=False,
            )
            if result.returncode == 0:
                # Asset bundles are attachments: generate them once here so that
                # every copy starts with them instead of building them again.
                result = subprocess.run(
                    [
                        sys.executable,
                        "-c",
                        PREGENERATE_ASSETS,
                        TEMPLATE_DB,
                        ",".join(map(str, odoo.addons_paths)),
                    ],
                    env=odoo.env(),
                    stdout=handle,
                    stderr=subprocess.STDOUT,
                    check=False,
                )
        if result.returncode:
            raise SetupError(
                f"Building the template database {TEMPLATE_DB} failed: see {log}."
            )
        psql(f"COMMENT ON DATABASE {TEMPLATE_DB} IS '{key}'")
        say(f"Template ready in {time.monotonic() - started:.0f} s.")


PREGENERATE_ASSETS = """
import sys
import odoo
from odoo.tools import config
config.parse_config(
    ["-d", sys.argv[1], "--addons-path=" + sys.argv[2], "--log-level=warn"],
    setup_logging=True,
)
registry = odoo.modules.registry.Registry(sys.argv[1])
with registry.cursor() as cr:
    env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
    env["ir.qweb"]._pregenerate_assets_bundles()
"""


def create_from_template(odoo, name):
    """A new database ``name`` as a copy of the template, filestore included."""
    ensure_template(odoo)
    with machine_lock(TEMPLATE_DB, exclusive=False):
        subprocess.run(
            ["createdb", "-T", TEMPLATE_DB, name], check=True, capture_output=True
        )
        source = odoo.filestore(TEMPLATE_DB)
        target = odoo.filestore(name)
        shutil.rmtree(target, ignore_errors=True)
        if source.is_dir():
            shutil.copytree(source, target)
    # a copy is a database of its own: give it its own identity
    psql(
        "UPDATE ir_config_parameter SET value = gen_random_uuid()::text "
        "WHERE key IN ('database.uuid', 'database.secret')",
        name,
    )


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def port_in_use(port):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


# --------------------------------------------------------------------------
# ./setup/start


def http_port_from(args):
    """The HTTP port Odoo will listen on, given the options passed to it."""
    port = "8069"
    for index, arg in enumerate(args):
        if arg in ("-p", "--http-port") and index + 1 < len(args):
            port = args[index + 1]
        elif arg.startswith("--http-port="):
            port = arg.split("=", 1)[1]
    if not port.isdigit():
        raise SetupError(f"{port!r} is not a port number.")
    return int(port)


def cmd_start(extra):
    odoo = find_odoo()
    port = http_port_from(extra)
    if port_in_use(port):
        raise SetupError(
            f"Port {port} is already in use: stop what listens there or pass "
            f"--http-port=<another port>."
        )
    ensure_postgres()
    ensure_requirements()
    addons = present_addons(ADDONS)
    if not addons:
        raise SetupError(f"No level2work addon with a manifest in {addons_dir()}.")
    stamp = LOCAL / "start" / f"{START_DB}.addons-sha256"
    fingerprint = addons_fingerprint(addons)
    base = odoo.command(
        f"--database={START_DB}",
        f"--db-filter=^{START_DB}$",
        f"--addons-path={addons_path(odoo)}",
    )
    created = False
    to_install, to_update = addons, []
    if not db_exists(START_DB):
        say(f"Creating the database {START_DB} with demo data.")
        create_from_template(odoo, START_DB)
        created = True
    else:
        states = module_states(START_DB, addons)
        to_install = [name for name in addons if states.get(name) != "installed"]
        previous = stamp.read_text().strip() if stamp.is_file() else None
        if previous != fingerprint:
            to_update = [name for name in addons if name not in to_install]
    if to_install or to_update:
        action = []
        if to_install:
            action.append(f"--init={','.join(to_install)}")
            say(f"Installing {', '.join(to_install)} into {START_DB}...")
        if to_update:
            action.append(f"--update={','.join(to_update)}")
            say(f"The addons changed: updating {', '.join(to_update)} in {START_DB}...")
        result = subprocess.run(
            [
                *base,
                *action,
                "--stop-after-init",
                "--no-http",
                "--max-cron-threads=0",
                "--log-level=warn",
                *extra,
            ],
            env=odoo.env(),
            check=False,
        )
        if result.returncode:
            if created:
                drop_db(odoo, START_DB)
            raise SetupError(
                f"Installing or updating the addons in {START_DB} failed (Odoo's "
                f"messages are above); fix that and run ./setup/start again."
            )
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(fingerprint + "\n")

    say(
        f"\nlevel2work runs on http://localhost:{port} (database {START_DB}); "
        f"log in as admin / admin. Stop it with Ctrl+C.\n"
    )
    command = [*base, *extra]
    os.execvpe(command[0], command, odoo.env())


# --------------------------------------------------------------------------
# ./setup/test


@dataclass
class StageResult:
    name: str
    ok: bool
    detail: str = ""
    seconds: float = 0.0
    passed: int = 0
    failed: int = 0
    skipped: int = 0


def run_lint(addons):
    """ruff (lint and format) and pylint-odoo; returns a list of failed tools."""
    root = addons_dir()
    folders = [root / name for name in addons if (root / name).is_dir()]
    python_targets = [
        str(p) for p in [*folders, REPO / "tests", REPO / "setup"] if p.exists()
    ]
    odoo_addons = [str(p) for p in folders if (p / "__manifest__.py").is_file()]
    config = str(REPO / "pyproject.toml")
    checks = [
        (
            "ruff check",
            [
                sys.executable,
                "-m",
                "ruff",
                "check",
                "--config",
                config,
                *python_targets,
            ],
        ),
        (
            "ruff format",
            [
                sys.executable,
                "-m",
                "ruff",
                "format",
                "--check",
                "--config",
                config,
                *python_targets,
            ],
        ),
    ]
    if odoo_addons:
        checks.append(
            (
                "pylint-odoo",
                [
                    sys.executable,
                    "-m",
                    "pylint",
                    f"--rcfile={REPO / '.pylintrc'}",
                    *odoo_addons,
                ],
            )
        )
    failed = []
    for name, command in checks:
        show(command)
        if subprocess.run(command, cwd=REPO, check=False).returncode:
            failed.append(name)
    return failed


def stream_odoo(command, env, log_path):
    """Run Odoo, write its whole log to ``log_path``, show the telling lines."""
    log_path.parent.mkdir(parents=True, exist_ok=True)
    showing = False
    with (
        open(log_path, "w") as log,
        subprocess.Popen(
            command,
            env=env,
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            errors="replace",
            bufsize=1,
        ) as process,
    ):
        try:
            for line in process.stdout:
                log.write(line)
                record = LOG_RECORD_RE.match(line)
                if record:
                    level, logger, message = record.group("level", "logger", "message")
                    showing = level in ("WARNING", "ERROR", "CRITICAL")
                    is_progress = logger.startswith(
                        "odoo.addons.level2work"
                    ) and message.startswith(("Starting ", "running "))
                    is_summary = TEST_SUMMARY_RE.search(message)
                    if showing or is_progress or is_summary:
                        say(f"{level[:4]:4} {logger}: {message}"[:300])
                elif showing:
                    say("     " + line.rstrip()[:300])
        except KeyboardInterrupt:
            process.send_signal(signal.SIGINT)
            process.wait()
            raise
    return process.returncode


def read_test_log(log_path):
    """What a test run's log says: test problems, the summary, skipped tests."""
    problems, summary, skipped, errors = [], None, 0, []
    with open(log_path, errors="replace") as log:
        for line in log:
            record = LOG_RECORD_RE.match(line)
            if not record:
                continue
            level, message = record.group("level", "message")
            if level in ("ERROR", "CRITICAL"):
                problem = TEST_PROBLEM_RE.match(message)
                if problem:
                    problems.append(
                        f"{problem['kind']}: {record['logger']}: {problem['test']}"
                    )
                else:
                    errors.append(f"{record['logger']}: {message}")
            found = TEST_SUMMARY_RE.search(message)
            if found:
                summary = {key: int(value) for key, value in found.groupdict().items()}
            if level == "INFO" and message.startswith("skipped "):
                skipped += 1
    return problems, summary, skipped, errors


def run_odoo_tests(odoo, options, addons):
    """Odoo's own runner: install the addons with --test-enable, check the result."""
    started = time.monotonic()
    db = options.db
    log_path = LOCAL / "test-logs" / f"{db}-odoo.log"
    tags = options.test_tags or ",".join(f"/{name}" for name in addons)
    reuse = options.reuse_db and db_exists(db)
    if not reuse:
        fresh_test_db(odoo, db)
    port = free_port()
    command = odoo.command(
        f"--database={db}",
        f"--db-filter=^{db}$",
        f"--addons-path={addons_path(odoo)}",
        f"--update={','.join(addons)}" if reuse else f"--init={','.join(addons)}",
        "--test-enable",
        f"--test-tags={tags}",
        "--stop-after-init",
        f"--http-port={port}",
        "--max-cron-threads=0",
        "--log-level=info",
    )
    show(command)
    say(f"  (full log: {log_path.relative_to(REPO)})")
    returncode = stream_odoo(command, odoo.env(), log_path)
    problems, summary, skipped, errors = read_test_log(log_path)
    result = StageResult("odoo runner", ok=True, skipped=skipped)
    reasons = []
    if returncode:
        reasons.append(f"Odoo exited with code {returncode}")
    if summary is None:
        reasons.append("Odoo printed no test summary")
    else:
        result.failed = summary["failed"] + summary["errors"]
        result.passed = max(summary["run"] - result.failed - skipped, 0)
        if result.failed:
            reasons.append(
                f"{summary['failed']} failed, {summary['errors']} error(s) "
                f"of {summary['run']} tests"
            )
        if summary["run"] == 0:
            reasons.append(f"no test ran for the tags {tags}")
    if problems and not result.failed:
        result.failed = len(problems)
    if problems:
        reasons.append(f"{len(problems)} failing test line(s) in the log")
    not_installed = not_installed_addons(db, addons)
    if not_installed:
        reasons.append(f"not installed: {', '.join(not_installed)}")
    result.seconds = time.monotonic() - started
    if reasons:
        result.ok = False
        result.detail = "; ".join(reasons)
        say(f"\nThe Odoo test runner failed: {result.detail}.")
        for line in problems:
            say(f"  {line}")
        if not problems:
            for line in errors[:20]:
                say(f"  {line[:300]}")
        say(f"Full log: {log_path}")
    else:
        result.detail = f"{summary['run']} tests, {skipped} skipped"
    return result, not not_installed


def not_installed_addons(db, addons):
    if not db_exists(db):
        return list(addons)
    try:
        states = module_states(db, addons)
    except SetupError:
        return list(addons)
    return [name for name in addons if states.get(name) != "installed"]


def fresh_test_db(odoo, db):
    say(f"Making a fresh test database {db} from {TEMPLATE_DB}.")
    drop_db(odoo, db)
    create_from_template(odoo, db)
    stamp = LOCAL / "test-dbs" / f"{db}.addons-sha256"
    stamp.unlink(missing_ok=True)


def install_for_pytest(odoo, options, addons):
    """Have a database with the addons installed (for ``--only-pytest``)."""
    db = options.db
    stamp = LOCAL / "test-dbs" / f"{db}.addons-sha256"
    fingerprint = addons_fingerprint(addons)
    if options.reuse_db and db_exists(db) and not not_installed_addons(db, addons):
        if stamp.is_file() and stamp.read_text().strip() == fingerprint:
            return True
        action = f"--update={','.join(addons)}"
    else:
        fresh_test_db(odoo, db)
        action = f"--init={','.join(addons)}"
    log_path = LOCAL / "test-logs" / f"{db}-install.log"
    say(f"Installing {', '.join(addons)} into {db} (log: {log_path}).")
    returncode = stream_odoo(
        odoo.command(
            f"--database={db}",
            f"--addons-path={addons_path(odoo)}",
            action,
            "--stop-after-init",
            "--no-http",
            "--max-cron-threads=0",
            "--log-level=info",
        ),
        odoo.env(),
        log_path,
    )
    missing = not_installed_addons(db, addons)
    if returncode or missing:
        say(f"Installing the addons failed; full log: {log_path}")
        return False
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(fingerprint + "\n")
    return True


def run_pytest(odoo, options, addons):
    started = time.monotonic()
    db = options.db
    root = addons_dir()
    if options.paths:
        paths = options.paths
    else:
        paths = [
            str(root / name / "tests")
            for name in addons
            if (root / name / "tests").is_dir()
        ]
        if set(addons) == set(ADDONS) and (REPO / "tests").is_dir():
            paths.append(str(REPO / "tests"))
    junit = LOCAL / "test-logs" / f"{db}-pytest.xml"
    junit.parent.mkdir(parents=True, exist_ok=True)
    junit.unlink(missing_ok=True)
    command = [
        sys.executable,
        "-m",
        "pytest",
        f"--odoo-database={db}",
        f"--odoo-addons-path={addons_path(odoo)}",
        "--odoo-http",
        f"--odoo-extra=db-filter=^{db}$",
        f"--rootdir={REPO}",
        f"--junitxml={junit}",
        "-o",
        "junit_family=xunit1",
        *(["-k", options.k] if options.k else []),
        *(["-x"] if options.exitfirst else []),
        *options.pytest_args,
        *paths,
    ]
    show(command)
    returncode = subprocess.run(
        command, cwd=REPO, env=odoo.env(), check=False
    ).returncode
    result = StageResult("pytest", ok=returncode == 0)
    result.seconds = time.monotonic() - started
    if junit.is_file():
        # count the test cases themselves: the suite's own "tests" attribute
        # also counts setup and teardown reports
        for case in ET.parse(junit).getroot().iter("testcase"):
            outcomes = {child.tag for child in case}
            if outcomes & {"failure", "error"}:
                result.failed += 1
            elif "skipped" in outcomes:
                result.skipped += 1
            else:
                result.passed += 1
    if returncode == 5:
        result.detail = "no test collected"
    elif returncode:
        result.detail = f"pytest exited with code {returncode}"
    else:
        result.detail = f"{result.passed} passed"
    return result


def parse_test_args(argv):
    parser = argparse.ArgumentParser(
        prog="./setup/test",
        description=(
            "Run the whole level2work test suite: lint, Odoo's test runner on a "
            "fresh database, then pytest-odoo on that database. Exits non-zero on "
            "any failure."
        ),
        epilog="Arguments after -- go to pytest unchanged.",
    )
    parser.add_argument(
        "paths",
        nargs="*",
        help="pytest paths or node ids to run instead of every tests/ folder",
    )
    parser.add_argument(
        "--db",
        default=os.environ.get("L2W_TEST_DB") or TEST_DB,
        help="test database, dropped and made again (default: $L2W_TEST_DB or "
        f"{TEST_DB})",
    )
    parser.add_argument(
        "--addons",
        default=",".join(ADDONS),
        help="comma-separated subset of the addons to install and test "
        "(default: all three; the top-level tests/ run only with all three)",
    )
    stages = parser.add_mutually_exclusive_group()
    stages.add_argument("--lint-only", action="store_true", help="only lint")
    stages.add_argument(
        "--only-odoo-runner",
        action="store_true",
        help="no lint, no pytest: only Odoo's test runner",
    )
    stages.add_argument(
        "--only-pytest",
        action="store_true",
        help="no lint, no Odoo runner: install the addons, run pytest",
    )
    parser.add_argument("--no-lint", action="store_true", help="skip lint")
    parser.add_argument(
        "--test-tags",
        help="Odoo --test-tags for its runner instead of the addons' own, e.g. "
        "/level2work_pathway:TestEligibility",
    )
    parser.add_argument("-k", help="pytest -k expression")
    parser.add_argument(
        "-x",
        "--exitfirst",
        action="store_true",
        help="stop pytest at the first failure",
    )
    parser.add_argument(
        "--reuse-db",
        action="store_true",
        help="keep an existing test database and update the addons in it instead "
        "of making a fresh one (quicker, less faithful)",
    )
    parser.add_argument(
        "--rebuild-template",
        action="store_true",
        help=f"build {TEMPLATE_DB} again first",
    )
    if "--" in argv:
        cut = argv.index("--")
        argv, pytest_args = argv[:cut], argv[cut + 1 :]
    else:
        pytest_args = []
    options = parser.parse_args(argv)
    options.pytest_args = pytest_args
    options.db = check_db_name(options.db)
    if options.db in (START_DB, TEMPLATE_DB):
        parser.error(f"--db {options.db} would drop a database that is not for tests")
    addons = [name.strip() for name in options.addons.split(",") if name.strip()]
    unknown = sorted(set(addons) - set(ADDONS))
    if unknown or not addons:
        parser.error(f"--addons takes names among {', '.join(ADDONS)}")
    options.addons = [name for name in ADDONS if name in addons]
    return options


def cmd_test(argv):
    options = parse_test_args(argv)
    total_started = time.monotonic()
    run_lint_stage = not (
        options.no_lint or options.only_odoo_runner or options.only_pytest
    )
    run_odoo_stage = not (options.lint_only or options.only_pytest)
    run_pytest_stage = not (options.lint_only or options.only_odoo_runner)
    odoo = find_odoo() if run_odoo_stage or run_pytest_stage else None
    ensure_requirements()
    results = []

    if run_lint_stage:
        heading("lint")
        started = time.monotonic()
        failed = run_lint(options.addons)
        results.append(
            StageResult(
                "lint",
                ok=not failed,
                detail=", ".join(failed) + " failed"
                if failed
                else "ruff, ruff format, pylint-odoo clean",
                seconds=time.monotonic() - started,
            )
        )

    addons = options.addons
    installed = True
    if run_odoo_stage or run_pytest_stage:
        ensure_postgres()
        if (
            not shutil.which("chromium")
            and not shutil.which("chromium-browser")
            and not shutil.which("google-chrome")
        ):
            say(
                "warning: Chromium is not installed (apt-get install chromium): "
                "browser tests (tours) will be skipped."
            )
        if options.rebuild_template:
            ensure_template(odoo, rebuild=True)
        addons = [name for name in options.addons if name in present_addons(addons)]
        if not addons:
            results.append(
                StageResult("install", ok=False, detail="no addon with a manifest")
            )
            installed = False

    if run_odoo_stage and addons:
        heading("Odoo test runner")
        result, installed = run_odoo_tests(odoo, options, addons)
        results.append(result)
        if len(addons) < len(options.addons):
            result.ok = False
            result.detail += " (addons without a manifest)"

    if run_pytest_stage and addons:
        if not run_odoo_stage:
            heading("install")
            installed = install_for_pytest(odoo, options, addons)
            if not installed:
                results.append(
                    StageResult(
                        "install", ok=False, detail="the addons did not install"
                    )
                )
        heading("pytest")
        if installed:
            results.append(run_pytest(odoo, options, addons))
        else:
            say("Skipped: the addons are not installed in the test database.")
            results.append(StageResult("pytest", ok=False, detail="not run"))

    heading("summary")
    for result in results:
        status = "ok  " if result.ok else "FAIL"
        say(f"{status} {result.name:12} {result.seconds:6.0f} s  {result.detail}")
    say(f"     {'total':12} {time.monotonic() - total_started:6.0f} s")
    ok = all(result.ok for result in results)
    if not ok:
        logs = LOCAL / "test-logs"
        say(f"Logs: {logs}")
    if run_odoo_stage or run_pytest_stage:
        passed = sum(result.passed for result in results)
        failed = sum(result.failed for result in results)
        skipped = sum(result.skipped for result in results)
        say(f"tests: {passed} passed, {failed} failed, {skipped} skipped")
    return 0 if ok else 1


def main(argv):
    if len(argv) < 1 or argv[0] not in ("start", "test"):
        say(__doc__)
        return 2
    try:
        if argv[0] == "start":
            return cmd_start(argv[1:])
        return cmd_test(argv[1:])
    except SetupError as error:
        say(f"level2work: {error}")
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
