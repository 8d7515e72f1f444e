#!/usr/bin/env bash
# Installs Debian's libglpk-dev (GLPK's header and library) when glpk.h is missing.
# Kinmu links GLPK directly; nothing else here needs a system package.
set -euo pipefail
if [ -f /usr/include/glpk.h ] || [ -f /usr/local/include/glpk.h ]; then
  exit 0
fi
echo "kinmu: glpk.h not found; installing libglpk-dev with apt-get" >&2
if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1; then
  SUDO="sudo"
else
  echo "kinmu: GLPK is missing and this user is not root and has no sudo." >&2
  echo "       Ask an administrator to run: apt-get update && apt-get install -y libglpk-dev" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq libglpk-dev >/dev/null
test -f /usr/include/glpk.h || { echo "kinmu: libglpk-dev installed but glpk.h is still missing" >&2; exit 1; }
