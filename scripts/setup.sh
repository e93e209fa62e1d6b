#!/usr/bin/env bash
# Installs everything the wall and its tests need, where missing:
#   pnpm 10 (npm registry), Debian's Chromium + CJK fonts (browser tests and
#   screenshots), and the workspace's packages (better-sqlite3 builds from
#   source against the local Node headers: no download needed).
# Safe to run again: each step is skipped when already satisfied.
set -euo pipefail

log() { printf '\033[36m[setup]\033[0m %s\n' "$*"; }

# Whether Chromium and the Noto CJK fonts are both installed.
# Not `fc-list | grep -q`: grep -q exits at the first match, fc-list then dies of
# SIGPIPE writing the rest, and under pipefail the pipeline fails, so the fonts
# looked missing whenever fc-list had more to write (tests/contract/setup-script.test.ts).
browser_deps_present() {
  command -v chromium >/dev/null 2>&1 || return 1
  local fonts
  fonts="$(fc-list 2>/dev/null)" || return 1
  grep -qi 'Noto Sans CJK' <<<"$fonts"
}

main() {
  cd "$(dirname "$0")/.."

  if ! command -v pnpm >/dev/null 2>&1; then
    log "installing pnpm@10"
    npm install -g pnpm@10 >/dev/null
  fi

  local apt_pid="" SUDO
  if ! browser_deps_present; then
    if [ "$(id -u)" = "0" ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else SUDO="none"; fi
    if [ "$SUDO" = "none" ]; then
      log "WARNING: chromium / fonts-noto-cjk missing and no root: browser tests will be skipped with a message"
    else
      log "installing chromium and fonts-noto-cjk (Debian) in the background"
      # In parallel with pnpm install: both take about a minute on a fresh machine.
      ( $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-noto-cjk ) \
        > /tmp/futian-wall-apt.log 2>&1 &
      apt_pid=$!
    fi
  fi

  log "pnpm install"
  pnpm install --frozen-lockfile --reporter=silent

  if [ -n "$apt_pid" ]; then
    if wait "$apt_pid"; then log "chromium ready: $(chromium --version 2>/dev/null | head -1)"
    else log "WARNING: apt-get failed (see /tmp/futian-wall-apt.log)"; fi
  fi
  log "done"
}

# Sourced (by its test), it only defines the functions.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then main "$@"; fi
