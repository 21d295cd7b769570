#!/usr/bin/env bash
# bench/run's entry for polyctl: the CSV import figure (bench/polyctl/import.sh).
exec bash "$(dirname "$0")/import.sh" "$@"
