#!/usr/bin/env bash
# Installs the Debian packages klynge builds with. Idempotent: installs only what is missing.
# Works as root or through sudo; says clearly what to do otherwise.
#   bash scripts/setup.sh [--with-tests]   (--with-tests: also what the tests compare with: ledger, hledger, LibreOffice Calc,
#   openpyxl to read the workbooks, headless Chromium to load the meeting pack's page, a PostgreSQL 15 server to start
#   and stop for the tests of the server backend)
set -euo pipefail

packages=(
  cmake ninja-build g++ pkg-config python3
  libsqlitecpp-dev libsqlite3-dev sqlite3
  libhowardhinnant-date-dev libspdlog-dev libfmt-dev
  libboost-test-dev libcli11-dev nlohmann-json3-dev libssl-dev
  libxlsxwriter-dev libpqxx-dev
)
if [ "${1:-}" = --with-tests ]; then
  packages+=(ledger hledger libreoffice-calc-nogui python3-openpyxl chromium chromium-driver python3-selenium)
  # The PostgreSQL tests start a throw-away server of their own (tests/pg/server.sh).
  packages+=(postgresql-15)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all packages present"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "setup: error: apt-get not found; install these packages by hand: ${missing[*]}" >&2
  exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo=(sudo -n)
else
  echo "setup: error: need root (or password-less sudo) to install: ${missing[*]}" >&2
  exit 1
fi

echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
