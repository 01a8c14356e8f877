#!/usr/bin/env bash
# Runs Wenjin. With no arguments: builds (the web UI with npm, the server with dotnet) and serves the web UI and HTTP
# API on http://127.0.0.1:5170 over ./.wenjin; on the first start it creates the knowledge base "demo" from samples/.
# With arguments: runs `wenjin ARGS...` (e.g. ./run.sh ask --kb demo "出差住宿费标准是多少？").
set -euo pipefail
cd "$(dirname "$0")"
for tool in dotnet npm; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "$tool is required (the .NET 10 SDK and Node.js with npm)." >&2
    exit 1
  fi
done
dll=src/Wenjin.Cli/bin/Release/net10.0/wenjin.dll
if [ ! -f "$dll" ] || [ -n "$(find src samples -newer "$dll" -type f -not -path '*/bin/*' -not -path '*/obj/*' -not -path '*/node_modules/*' -not -path '*/dist/*' -print -quit)" ]; then
  echo "building Wenjin…" >&2
  dotnet build src/Wenjin.Cli -c Release -v quiet -nologo >/dev/null
fi
if [ $# -gt 0 ]; then
  exec dotnet "$dll" "$@"
fi
exec dotnet "$dll" serve
