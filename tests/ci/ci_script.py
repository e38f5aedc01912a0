#!/usr/bin/python3
"""Turns a CI definition into the bash script its runner would execute, for tests that run the
shipped CI files locally (everything but what the cloud service does itself).

  ci_script.py codebuild BUILDSPEC
  ci_script.py codebuild-reports BUILDSPEC   (the report groups' files)
  ci_script.py github WORKFLOW JOB
  ci_script.py gitlab CI_FILE JOB

The script exits with the status the CI job would end with. Variables already set in the
environment win over the file's defaults, as a CodeBuild project's or a pipeline's settings do.
Steps that only the service performs (`uses:` actions, `${{ }}` expressions) are left to the test.
"""
import shlex
import sys

import yaml


def exports(variables):
    lines = []
    for name, value in (variables or {}).items():
        text = str(value).lower() if isinstance(value, bool) else str(value)
        if "${{" in text:
            continue  # a GitHub expression: the test sets the variable
        lines.append(f': "${{{name}={shlex.quote(text)}}}"; export {name}')
    return lines


def command_line(command):
    return f"bash -c {shlex.quote(command)}"


def codebuild(path):
    spec = yaml.safe_load(open(path))
    if str(spec.get("version")) != "0.2":
        sys.exit(f"{path}: buildspec version {spec.get('version')!r}, expected 0.2")
    env = spec.get("env") or {}
    # Each command runs as below only under bash; CodeBuild's default on Linux is sh.
    if env.get("shell") != "bash":
        sys.exit(f"{path}: `env: shell: bash` is missing")
    lines = ["set -u"] + exports(env.get("variables"))
    phases = spec.get("phases") or {}
    unknown = set(phases) - {"install", "pre_build", "build", "post_build"}
    if unknown:
        sys.exit(f"{path}: unknown phases {sorted(unknown)}")
    lines.append("failed=0")
    for phase in ["install", "pre_build", "build", "post_build"]:
        commands = (phases.get(phase) or {}).get("commands") or []
        lines.append(f"echo '[codebuild] phase {phase}' >&2")
        for command in commands:
            if phase == "post_build":
                lines.append(f"{command_line(command)} || exit $?")
            else:
                # A failed command ends its phase; after a failed build, post_build still runs.
                lines.append(f"if [ $failed = 0 ]; then {command_line(command)} || failed=$?; fi")
        if phase in ("install", "pre_build"):
            lines.append('if [ $failed != 0 ]; then exit $failed; fi')
    lines.append("exit $failed")
    return "\n".join(lines) + "\n"


def codebuild_reports(path):
    """The files a buildspec's report groups read, one `GROUP FORMAT PATH` line each."""
    spec = yaml.safe_load(open(path))
    lines = []
    for group, report in (spec.get("reports") or {}).items():
        base = report.get("base-directory", ".")
        for file in report.get("files") or []:
            lines.append(f"{group} {report.get('file-format', 'JUNITXML')} {base}/{file}")
    return "\n".join(lines) + "\n"


def github(path, job_name):
    workflow = yaml.safe_load(open(path))
    job = workflow["jobs"][job_name]
    lines = ["set -u"] + exports(workflow.get("env")) + exports(job.get("env"))
    lines.append("failed=0")
    default_shell = ((job.get("defaults") or {}).get("run") or {}).get("shell")
    for step in job["steps"]:
        if "run" not in step:
            continue  # `uses:` actions: done by the test (checkout) or by GitHub (uploads)
        # Only `shell: bash` runs as below; a container job's default is `sh -e`.
        if step.get("shell", default_shell) != "bash":
            sys.exit(f"{path}: step {step.get('name', step['run'][:30])!r} does not run with "
                     "`shell: bash`")
        condition = str(step.get("if", "success()"))
        guard = {"always()": "true", "success()": "[ $failed = 0 ]", "failure()": "[ $failed != 0 ]"}
        if condition not in guard:
            sys.exit(f"{path}: step condition {condition!r} is not one the test knows")
        env = " ".join(exports(step.get("env")))
        # GitHub runs a `run:` step with `bash --noprofile --norc -eo pipefail {0}`.
        run = f"( {env} bash --noprofile --norc -eo pipefail -c {shlex.quote(step['run'])} )"
        lines.append(f"if {guard[condition]}; then {run} || failed=$?; fi")
    lines.append("exit $failed")
    return "\n".join(lines) + "\n"


def gitlab(path, job_name):
    pipeline = yaml.safe_load(open(path))
    job = pipeline[job_name]
    lines = ["set -u"] + exports(pipeline.get("variables")) + exports(job.get("variables"))
    script = (job.get("before_script") or []) + (job.get("script") or [])
    # The runner stops at the first failing line of before_script and script.
    body = "set -eo pipefail\n" + "\n".join(script)
    lines.append(f"bash -c {shlex.quote(body)}; status=$?")
    after = job.get("after_script") or []
    if after:
        lines.append(f"bash -c {shlex.quote(chr(10).join(after))} || true")
    lines.append("exit $status")
    return "\n".join(lines) + "\n"


def main():
    kind = sys.argv[1]
    if kind == "codebuild" and len(sys.argv) == 3:
        print(codebuild(sys.argv[2]), end="")
    elif kind == "codebuild-reports" and len(sys.argv) == 3:
        print(codebuild_reports(sys.argv[2]), end="")
    elif kind == "github" and len(sys.argv) == 4:
        print(github(sys.argv[2], sys.argv[3]), end="")
    elif kind == "gitlab" and len(sys.argv) == 4:
        print(gitlab(sys.argv[2], sys.argv[3]), end="")
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
