#!/usr/bin/env bash
# Regenerates the service directory and brand icons that package
# vault/service embeds (vault/service/data/):
#
#   directory.json  from ../shared/data/2fa-directory/entries.json (MIT, its
#                   LICENSE.md is copied beside it as LICENSE-2fa-directory.md)
#   icons.tsv       from the npm package simple-icons@$SIMPLE_ICONS_VERSION
#                   (CC0; LICENSE.md copied as LICENSE-simple-icons.md), only
#                   the icons of services in the directory
#
# Run it from the repository root when the shared directory copy changes or
# to move to a newer simple-icons (change SIMPLE_ICONS_VERSION below, then
# update vault/service/data/README.md: version, date, sizes). Needs npm (only
# `npm pack`, which downloads the package tarball; nothing is installed and no
# node_modules is made) and Go.
set -euo pipefail

SIMPLE_ICONS_VERSION=16.37.0
# ../shared beside the main checkout (a git worktree finds it through the
# main checkout's .git folder).
if [[ -z ${DIRECTORY:-} ]]; then
  main=$(cd "$(git rev-parse --git-common-dir)/.." && pwd)
  DIRECTORY=$main/../shared/data/2fa-directory
fi
OUT=vault/service/data

[[ -f go.mod && -d $OUT ]] || { echo "run from the repository root" >&2; exit 2; }
[[ -f $DIRECTORY/entries.json ]] || { echo "no $DIRECTORY/entries.json (set DIRECTORY)" >&2; exit 2; }
command -v npm >/dev/null || { echo "npm is needed (apt-get install npm)" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "simple-icons@$SIMPLE_ICONS_VERSION" >/dev/null)
tar -xzf "$tmp/simple-icons-$SIMPLE_ICONS_VERSION.tgz" -C "$tmp"
got=$(sed -n 's/^[[:space:]]*"version":[[:space:]]*"\([^"]*\)".*/\1/p' "$tmp/package/package.json" | head -1)
[[ $got == "$SIMPLE_ICONS_VERSION" ]] || { echo "npm gave simple-icons $got, not $SIMPLE_ICONS_VERSION" >&2; exit 1; }

go run ./vault/service/internal/gen -entries "$DIRECTORY/entries.json" -icons "$tmp/package" -out "$OUT"
cat "$DIRECTORY/LICENSE.md" >"$OUT/LICENSE-2fa-directory.md"
cat "$tmp/package/LICENSE.md" >"$OUT/LICENSE-simple-icons.md"
echo "simple-icons $SIMPLE_ICONS_VERSION; directory from $DIRECTORY ($(sed -n 's/.*commit \([0-9a-f]*\).*/\1/p' "$DIRECTORY/README.md" | head -1))"
