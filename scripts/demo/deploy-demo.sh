#!/bin/sh
# The demo deploy action (OpsService__Deploy__Services__demo__Command): switches the demo service to
# version $1 by rewriting its version file ($DEMO_VERSION_FILE) atomically. DEMO_DEPLOY_SECONDS makes it
# take a while, like a rollout; a version starting with "broken" fails, one starting with "hang" never ends.
set -eu
version="$1"
file="${DEMO_VERSION_FILE:?DEMO_VERSION_FILE is not set}"
echo "rolling out demo $version"
case "$version" in
  broken*) echo "error: image demo:$version not found" >&2; exit 3 ;;
  hang*) echo "waiting for pods"; sleep 3600 & wait ;;
esac
sleep "${DEMO_DEPLOY_SECONDS:-1}"
printf '%s\n' "$version" > "$file.tmp"
mv "$file.tmp" "$file"
echo "demo now serves $version"
