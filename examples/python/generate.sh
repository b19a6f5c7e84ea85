#!/usr/bin/env bash
# Generates Python stubs for the contract into ./gen (needs grpcio-tools).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
rm -rf "$here/gen" && mkdir -p "$here/gen"
python -m grpc_tools.protoc -I "$here/../../proto" \
  --python_out="$here/gen" --grpc_python_out="$here/gen" \
  "$here/../../proto/factx/v1/fact_set.proto" "$here/../../proto/factx/v1/extraction_service.proto"
