#!/usr/bin/env bash
# The trainer's tests, as the Maven build runs them (distill-operator's test phase).
# Without python3 or the pinned packages: fails in CI (CI=true); elsewhere skips with a loud message, so a
# JDK-only checkout still builds (the packages take minutes and gigabytes to install).
set -uo pipefail
cd "$(dirname "$0")"

missing() {
  local why=$1
  local fix="python3 -m pip install -r distill-operator/trainer/requirements.txt"
  if [ "${CI:-}" = "true" ]; then
    echo "ERROR: distill-operator trainer tests cannot run: $why. Install them with: $fix" >&2
    exit 1
  fi
  cat >&2 <<MSG
************************************************************************************************
  SKIPPED: distill-operator trainer tests (Python): $why.
  To run them: $fix
  (In CI, with CI=true, this is an error.)
************************************************************************************************
MSG
  exit 0
}

PYTHON=${PYTHON:-python3}
command -v "$PYTHON" >/dev/null || missing "$PYTHON is not installed (Python 3.11 or newer is needed)"
"$PYTHON" - <<'PY' || missing "Python packages are missing or at other versions than requirements.txt pins"
import importlib.metadata as metadata
import sys

wrong = []
for line in open("requirements.txt", encoding="utf-8"):
    line = line.split("#", 1)[0].strip()
    if not line:
        continue
    name, pinned = line.split("==")
    try:
        installed = metadata.version(name)
    except metadata.PackageNotFoundError:
        installed = None
    # torch's wheels carry a local build label (2.13.0+cpu); the pin names the release.
    if installed is None or installed.split("+")[0] != pinned:
        wrong.append(f"{name} {installed or 'missing'} (pinned {pinned})")
if wrong:
    print("  " + "; ".join(wrong), file=sys.stderr)
    sys.exit(1)
PY
exec "$PYTHON" -m pytest -q
