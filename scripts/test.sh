#!/usr/bin/env bash
# Quorum's whole test suite, against real servers: this is the README's test command and what CI runs.
#
# Installs what the tests need when it is missing (Debian's redis-server, chromium and python3-pydantic when run as root,
# the pinned Chroma server from package-lock.json), then runs every module's tests with Maven.
# Each test class starts its own redis-server / Chroma on free loopback ports and stops them.
set -euo pipefail
cd "$(dirname "$0")/.."

apt_install() {
  if [ "$(id -u)" -ne 0 ]; then
    echo "test.sh: '$1' is missing and I am not root; install Debian package(s): ${*:2}" >&2
    return 1
  fi
  if [ -z "${QUORUM_APT_UPDATED:-}" ]; then
    apt-get update -qq
    QUORUM_APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${@:2}" >/dev/null
}

command -v redis-server >/dev/null || apt_install redis-server redis-server
command -v chromium >/dev/null || apt_install chromium chromium || echo "test.sh: chromium unavailable; browser tests will fail" >&2

# The Chroma server, pinned in package-lock.json (plain 'npm install chromadb' needs a newer glibc).
if [ ! -x node_modules/.bin/chroma ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

# The cross-language envelope test (seed 004) runs the Python reference consumer: python3 with pydantic 2.
python3 -c 'import pydantic' 2>/dev/null || apt_install python3-pydantic python3-pydantic \
  || echo "test.sh: python3 with pydantic could not be installed" >&2
if ! python3 -c 'import pydantic, sys; sys.exit(0 if pydantic.VERSION.startswith("2") else 1)' 2>/dev/null; then
  # Debian 12's python3-pydantic is 1.10: pydantic 2 then comes from pip (pip install 'pydantic>=2').
  if [ -n "${CI:-}" ] && [ "${CI}" != "false" ] && [ "${CI}" != "0" ]; then
    echo "test.sh: python3 with pydantic 2 not found; under CI the cross-language envelope test will FAIL" >&2
  else
    echo "test.sh: python3 with pydantic 2 not found; the cross-language envelope test will skip" >&2
  fi
fi

exec mvn -B -ntp verify "$@"
