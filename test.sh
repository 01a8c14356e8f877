#!/usr/bin/env bash
# Runs every test on a fresh machine: installs what the browser tests need (Debian's chromium and a CJK font), restores,
# builds (the web UI with npm, everything else with dotnet), runs `dotnet test`, prints one summary line.
# Screenshots taken by the end-to-end tests are copied to artifacts/screenshots/.
set -euo pipefail
cd "$(dirname "$0")"

for tool in dotnet npm; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "$tool is required (the .NET 10 SDK and Node.js with npm)." >&2
    exit 1
  fi
done

# The end-to-end tests drive Debian's Chromium through Playwright (no browser download); Chinese text needs a CJK font.
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
fc-list 2>/dev/null | grep -qiE 'wqy|noto sans cjk|noto serif cjk|droid sans fallback' || missing+=(fonts-wqy-zenhei)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]} (Debian packages)…" >&2
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

dotnet restore Wenjin.slnx
dotnet build Wenjin.slnx -c Release --no-restore -warnaserror
log=$(mktemp)
status=0
dotnet test Wenjin.slnx -c Release --no-build 2>&1 | tee "$log" || status=$?

shots=tests/Wenjin.Server.Tests/bin/Release/net10.0/artifacts/screenshots
if [ -d "$shots" ]; then
  mkdir -p artifacts/screenshots
  cp "$shots"/*.png artifacts/screenshots/ 2>/dev/null || true
fi

# One closing line for CI: "N passed, N failed" summed over the test projects.
passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
rm -f "$log"
echo "$passed passed, $failed failed"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi
