#!/usr/bin/env bash
# Set up .venv and run the whole test suite, offline (tiny random-weight models built on the fly).
KURZBRIEF_EXTRAS=test source "$(dirname "$0")/_env.sh"
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 TOKENIZERS_PARALLELISM=false
exec .venv/bin/python -m pytest "$@"
