#!/usr/bin/env bash
# Runs every test on a fresh machine: restores, builds, runs `dotnet test`, prints one summary line.
set -euo pipefail
cd "$(dirname "$0")"

# The tests need only the .NET SDK: SQLite comes with Microsoft.Data.Sqlite, everything else with NuGet restore.
if ! command -v dotnet >/dev/null 2>&1; then
  echo "dotnet (the .NET 10 SDK) is required: https://dot.net" >&2
  exit 1
fi

dotnet restore Wenjin.slnx
dotnet build Wenjin.slnx -c Release --no-restore -warnaserror
log=$(mktemp)
status=0
dotnet test Wenjin.slnx -c Release --no-build 2>&1 | tee "$log" || status=$?

# One closing line for CI: "N passed, N failed" summed over the test projects.
passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
rm -f "$log"
echo "$passed passed, $failed failed"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi
