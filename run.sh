#!/usr/bin/env bash
# Runs Wenjin. With no arguments: builds, loads the demo documents in samples/ into the knowledge base "demo"
# (data in ./.wenjin) and answers two example questions. With arguments: runs `wenjin ARGS...`.
set -euo pipefail
cd "$(dirname "$0")"
dll=src/Wenjin.Cli/bin/Release/net10.0/wenjin.dll
if [ ! -f "$dll" ] || [ -n "$(find src -name '*.cs' -newer "$dll" -print -quit)" ]; then
  dotnet build src/Wenjin.Cli -c Release -v quiet -nologo >/dev/null
fi
wenjin() { dotnet "$dll" "$@"; }
if [ $# -gt 0 ]; then
  wenjin "$@"
  exit
fi
wenjin ingest --kb demo samples
echo
echo "$ wenjin ask --kb demo \"千卡并行的有效算力达到多少？\""
wenjin ask --kb demo "千卡并行的有效算力达到多少？"
echo
echo "$ wenjin ask --kb demo \"公司食堂几点开门？\""
wenjin ask --kb demo "公司食堂几点开门？"
echo
echo "Try: ./run.sh ask --kb demo \"出差住宿费标准是多少？\"   ./run.sh search --kb demo --explain 液冷   ./run.sh ingest --kb mine ~/docs"
