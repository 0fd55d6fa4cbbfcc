#!/usr/bin/env bash
# Set up .venv, fetch the default models once (needs internet the first time), start the API.
#   KURZBRIEF_MODEL_DIR=/path  use another model folder (e.g. one written by `kurzbrief models make-tiny`)
#   KURZBRIEF_HOST / KURZBRIEF_PORT  bind address (default 127.0.0.1:8000)
source "$(dirname "$0")/_env.sh"
if ! .venv/bin/kurzbrief models check >/dev/null 2>&1; then
  .venv/bin/kurzbrief models download
fi
exec .venv/bin/kurzbrief serve "$@"
