# Sourced by scripts/serve.sh and scripts/test.sh: one virtual environment in .venv with the
# project installed (editable) — the same steps the Dockerfile and CI run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
# torch first, pinned, so pip does not pull a multi-GB build we did not choose. On a CPU-only
# machine with internet, KURZBRIEF_TORCH_INDEX=https://download.pytorch.org/whl/cpu avoids the
# CUDA wheels that PyPI serves for Linux.
if ! .venv/bin/python -c "import torch" 2>/dev/null; then
  .venv/bin/python -m pip install -q "torch==${KURZBRIEF_TORCH_VERSION:-2.13.0}" \
    ${KURZBRIEF_TORCH_INDEX:+--index-url "$KURZBRIEF_TORCH_INDEX"}
fi
# The service needs no extras; the tests add KURZBRIEF_EXTRAS=test.
.venv/bin/python -m pip install -q -e ".${KURZBRIEF_EXTRAS:+[$KURZBRIEF_EXTRAS]}"
