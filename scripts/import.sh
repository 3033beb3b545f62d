#!/usr/bin/env bash
# Regenerates the L1 constructs in imports/ from local schema files (CRDs or JSON schemas) in
# imports/schemas/. The core Kubernetes types are not generated: they come from cdk8s-plus-27
# (imports/k8s.ts), because `cdk8s import k8s` must download its schema.
set -euo pipefail
cd "$(dirname "$0")/.."
shopt -s nullglob
schemas=(imports/schemas/*.yaml imports/schemas/*.yml imports/schemas/*.json)
if [ ${#schemas[@]} -eq 0 ]; then
  echo "import: no local schemas in imports/schemas/; Kubernetes types come from cdk8s-plus-27 (imports/k8s.ts)."
  exit 0
fi
for schema in "${schemas[@]}"; do
  echo "import: $schema"
  npx cdk8s import --check-upgrade false --language typescript --output imports "$schema"
done
