# syntax=docker/dockerfile:1
# Kurzbrief: the HTTP API (default command) and the batch runner, with the model weights baked in.
#
#   docker build -t kurzbrief .                                   # CPU image (python:3.11-slim)
#   docker build -t kurzbrief:cuda \
#     --build-arg BASE_IMAGE=nvidia/cuda:12.6.3-runtime-ubuntu24.04 \
#     --build-arg TORCH_INDEX=https://download.pytorch.org/whl/cu126 .   # GPU image
#
# The install steps are those of scripts/_env.sh (README, CI): torch first, pinned, from the chosen
# index; then the project (CTranslate2 included). Weights come from the pinned
# revisions in models/manifest.toml via `kurzbrief models download --convert`.

ARG BASE_IMAGE=python:3.11-slim

# --- base: a Python 3.10+ interpreter with venv support ---------------------------------------------
FROM ${BASE_IMAGE} AS base
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
# A CUDA base image ships no Python: take the distribution's (python:*-slim already has one).
# Distribution package versions differ per base image, so they are not pinned here.
# hadolint ignore=DL3008
RUN if ! command -v python3 >/dev/null 2>&1 || ! python3 -c "import ensurepip" >/dev/null 2>&1; then \
        apt-get update \
        && apt-get install -y --no-install-recommends python3 python3-venv \
        && rm -rf /var/lib/apt/lists/*; \
    fi
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# --- build: the virtual environment with torch and the project --------------------------------------
FROM base AS build
ARG TORCH_VERSION=2.13.0
ARG TORCH_INDEX=https://download.pytorch.org/whl/cpu
RUN python3 -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
# pip itself is upgraded unpinned, as scripts/_env.sh does.
# hadolint ignore=DL3013
RUN python -m pip install --upgrade pip \
    && python -m pip install "torch==${TORCH_VERSION}" --index-url "${TORCH_INDEX}"
WORKDIR /src
# Only what the wheel needs (hatchling also reads README.md and LICENSE for the metadata).
COPY pyproject.toml README.md LICENSE ./
COPY models/manifest.toml models/manifest.toml
COPY service/ service/
# The project itself: its dependency ranges live in pyproject.toml, as for every other install.
# hadolint ignore=DL3013
RUN python -m pip install "."

# --- weights: the pinned models and their CTranslate2 conversions -------------------------------------
FROM build AS weights
ENV HF_HUB_DISABLE_TELEMETRY=1
# The cache mount keeps the downloads across rebuilds, so a code change does not fetch ~1.5 GB
# again; the finished folder is copied out of it because cache mounts are not part of the image.
# `cp -a` keeps the mtimes the CTranslate2 conversions fingerprint, so they stay current.
# Downloaded files can be private to root (0600): make them readable for the service user.
RUN --mount=type=cache,target=/cache/models,sharing=locked \
    kurzbrief models download --model-dir /cache/models --convert \
    && mkdir -p /models \
    && cp -a /cache/models/. /models/ \
    && rm -rf /models/*/.cache \
    && chmod -R a+rX /models

# --- runtime: the venv and the weights, no compilers, no pip caches, not root -------------------------
FROM base AS runtime
LABEL org.opencontainers.image.title="kurzbrief" \
      org.opencontainers.image.description="German news article in, English brief out, every attribution kept." \
      org.opencontainers.image.licenses="Apache-2.0"
# The weights change least often: their layer comes first so it is reused across code changes.
COPY --from=weights /models /models
COPY --from=build /opt/venv /opt/venv
RUN groupadd --system --gid 10001 kurzbrief \
    && useradd --system --uid 10001 --gid 10001 --create-home --home-dir /home/kurzbrief kurzbrief
# DL3064 matches "TOKEN" in TOKENIZERS_PARALLELISM; nothing here is a secret.
# hadolint ignore=DL3064
ENV PATH=/opt/venv/bin:$PATH \
    KURZBRIEF_HOST=0.0.0.0 \
    KURZBRIEF_PORT=8000 \
    KURZBRIEF_MODEL_DIR=/models \
    HF_HUB_OFFLINE=1 \
    TRANSFORMERS_OFFLINE=1 \
    HF_HUB_DISABLE_TELEMETRY=1 \
    HF_HOME=/tmp/huggingface \
    TOKENIZERS_PARALLELISM=false
# Numeric, so Kubernetes' runAsNonRoot can verify it without reading /etc/passwd.
USER 10001:10001
WORKDIR /home/kurzbrief
EXPOSE 8000
# Ready = models loaded and serving. No curl in slim images: Python's urllib does the request
# and exits non-zero on a connection error or a non-2xx answer.
HEALTHCHECK --interval=30s --timeout=5s --start-period=180s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/readyz' % os.environ.get('KURZBRIEF_PORT', '8000'), timeout=4)"]
CMD ["kurzbrief", "serve"]
