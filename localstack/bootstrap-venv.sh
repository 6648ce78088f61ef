#!/usr/bin/env bash
# Creates or refreshes the project-local virtualenv (.venv) with the pinned moto server.
# Idempotent and quiet when nothing changed: the requirements file's hash is remembered.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.venv"
requirements="$root/localstack/requirements.txt"
stamp="$venv/.requirements.sha256"
want="$(sha256sum "$requirements" | cut -d' ' -f1)"
if [[ -x "$venv/bin/moto_server" && -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
  exit 0
fi
exec 9>"$root/.venv.lock"            # concurrent builds (several JVMs) must not install twice at once
flock 9
if [[ -x "$venv/bin/moto_server" && -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
  exit 0
fi
echo "eventline: installing moto into $venv from $requirements" >&2
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check -r "$requirements"
echo "$want" > "$stamp"
