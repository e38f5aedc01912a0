#!/usr/bin/env bash
# A plain git pre-commit hook, for repositories that do not use the pre-commit framework: checks
# the migrations as staged for this commit against the remote default branch (origin/HEAD), or
# HEAD when there is no remote. Install with
#   cp ci/pre-commit.sh .git/hooks/pre-commit
set -eu
exec twostep check --staged
