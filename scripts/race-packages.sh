#!/usr/bin/env bash
# Prints the module's packages that do not depend on Fyne, neither in their
# code nor in their tests, one per line: those the race detector runs on
# (Fyne's real driver needs cgo and a display; its test driver is not built
# for concurrent use). Computed afresh each time, so new packages join.
set -euo pipefail
go list -test -tags ci \
  -f '{{with .ForTest}}{{.}}{{else}}{{.ImportPath}}{{end}}{{range .Deps}} {{.}}{{end}}' ./... |
  awk '
    $1 ~ /\.test$/ { next }
    { if (!($1 in seen)) { seen[$1] = 1; order[++n] = $1 }
      for (i = 2; i <= NF; i++) if ($i ~ /^fyne\.io\//) fyne[$1] = 1 }
    END { for (i = 1; i <= n; i++) if (!(order[i] in fyne)) print order[i] }'
