#!/usr/bin/env bash
# Makes the deployed version reachable for `twostep check` in a CI clone, and prints the option
# that names it. Shipped in the release package as bin/twostep-fetch-deployed.
#
#   args=$(twostep-fetch-deployed deployed/production) && twostep check $args
#
# - The tag that marks the deployed release is fetched from `origin` by itself, without --depth:
#   a full clone stays full, and a shallow one gains the tagged commit.
# - No such tag on origin (the first run of a new pipeline): with TWOSTEP_FIRST_DEPLOY=true,
#   nothing is deployed yet and every migration is pending (`--nothing-deployed`); otherwise it
#   fails, saying how to mark the release that is running.
set -euo pipefail
tag=${1:?usage: twostep-fetch-deployed TAG}
remote=${TWOSTEP_REMOTE:-origin}

set +e
git ls-remote --exit-code --tags "$remote" "refs/tags/$tag" >/dev/null
found=$?
set -e
case $found in
  0)
    git fetch --quiet --no-tags --force "$remote" "+refs/tags/$tag:refs/tags/$tag" >&2
    echo "--deployed-ref $tag"
    ;;
  2)
    if [ "${TWOSTEP_FIRST_DEPLOY:-false}" = "true" ]; then
      echo "twostep: $remote has no tag $tag and TWOSTEP_FIRST_DEPLOY=true: nothing is deployed yet, so every migration is checked as pending" >&2
      echo "--nothing-deployed"
    else
      cat >&2 <<MESSAGE
twostep: error: $remote has no tag $tag, so nothing tells which release is deployed.
  If an app version is running now, mark its commit once:
    git tag $tag <deployed commit> && git push $remote refs/tags/$tag
  If nothing is deployed yet (a new app), set TWOSTEP_FIRST_DEPLOY=true for this run: every migration is then checked as pending.
  After each successful deploy the pipeline moves the tag (ci/codebuild/buildspec-mark-deployed.yml).
MESSAGE
      exit 2
    fi
    ;;
  *)
    echo "twostep: error: cannot look up tag $tag on $remote (git ls-remote exited $found): the clone needs the remote's URL and credentials" >&2
    exit 2
    ;;
esac
