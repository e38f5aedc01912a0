#!/usr/bin/env bash
# A git pre-commit hook: checks the migrations this commit adds (staged or untracked) against the
# remote default branch (origin/HEAD), or HEAD when there is no remote. Install with
#   ln -s ../../ci/pre-commit.sh .git/hooks/pre-commit
set -eu
exec twostep check
