#!/usr/bin/env bash
# Uploads the event console to its environment's bucket and points it at that environment's API.
# Everything it needs comes from the Api stack's outputs (deploy the stacks first), so the console
# calls the same HTTP API, with the same JWT issuer and audience, as every other client.
# Usage: infrastructure/deploy-console.sh <dev|staging|prod>   (or: make deploy-console ENV=<env>)
# Needs the AWS CLI v2 and credentials for the environment's account; python3 writes config.json.
set -euo pipefail

env_name="${1:?usage: $0 <dev|staging|prod>}"
stack="Eventline-${env_name}-Api"
root="$(cd "$(dirname "$0")/.." && pwd)"
files="${root}/functions/tooling/console/src/main/resources/console"

output() {
  local value
  value="$(aws cloudformation describe-stacks --stack-name "${stack}" \
    --query "Stacks[0].Outputs[?OutputKey=='$1'].OutputValue | [0]" --output text)"
  if [[ "${value}" == "None" ]]; then value=""; fi
  printf '%s' "${value}"
}

bucket="$(output ConsoleBucket)"
distribution="$(output ConsoleDistributionId)"
if [[ -z "${bucket}" || -z "${distribution}" ]]; then
  echo "stack ${stack} has no ConsoleBucket/ConsoleDistributionId output: deploy it first (docs/deploy.md)" >&2
  exit 1
fi

# server push: the Ordering stack's WebSocket API (empty when that stack has none: the console polls)
push_url="$(aws cloudformation describe-stacks --stack-name "Eventline-${env_name}-Ordering" \
  --query "Stacks[0].Outputs[?OutputKey=='PushUrl'].OutputValue | [0]" --output text)"
if [[ "${push_url}" == "None" ]]; then push_url=""; fi

work="$(mktemp -d)"
trap 'rm -rf "${work}"' EXIT
API_URL="$(output ApiUrl)" API_AUTHORIZATION="$(output ApiAuthorization)" \
  JWT_ISSUER="$(output JwtIssuer)" JWT_AUDIENCE="$(output JwtAudience)" WS_URL="${push_url}" \
  python3 - "${work}/config.json" <<'PY'
import json, os, sys
audience = [a for a in os.environ["JWT_AUDIENCE"].split(",") if a]
# issuer and audience are null where the API authorizes with IAM (dev): no JWT would be accepted
config = {
    "apiUrl": os.environ["API_URL"],
    "authorization": os.environ["API_AUTHORIZATION"],
    "issuer": os.environ["JWT_ISSUER"] or None,
    "audience": audience or None,
    # the console appends ?token=<JWT> when it connects
    "wsUrl": os.environ["WS_URL"],
}
with open(sys.argv[1], "w") as out:
    json.dump(config, out, indent=2)
PY

# index.html, console.js and console.css keep their names across releases: browsers revalidate
# them, and the invalidation below drops CloudFront's copies
aws s3 sync "${files}/" "s3://${bucket}/console/" --delete --exclude config.json --cache-control "no-cache"
aws s3 cp "${work}/config.json" "s3://${bucket}/console/config.json" \
  --content-type application/json --cache-control "no-store"
aws cloudfront create-invalidation --distribution-id "${distribution}" --paths '/*' \
  --query Invalidation.Id --output text
echo "console deployed: $(output ConsoleUrl)"
