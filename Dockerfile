# Airbyte's Python connector base (Python 3.11 line), pinned by version and digest. `make test-docker` passes a
# locally built stand-in as BASE_IMAGE, since no image registry is reachable from CI.
ARG BASE_IMAGE=docker.io/airbyte/python-connector-base:4.0.2@sha256:9fdb1888c4264cf6fee473649ecb593f56f58e5d0096a87ee0b231777e2e3e73
FROM ${BASE_IMAGE}

WORKDIR /airbyte/integration_code
USER root

# Dependencies first, from the hash-pinned export of uv.lock alone (make lock writes it), so that a code change
# reuses this layer. --require-hashes: pip refuses any file whose hash is not in requirements.lock; --no-deps: nothing
# outside it is resolved or installed.
COPY requirements.lock ./
RUN pip install --no-cache-dir --require-hashes --no-deps -r requirements.lock

# The package alone, built with the locked setuptools (no build isolation: nothing is downloaded for the build).
COPY pyproject.toml README.md main.py ./
COPY source_linkedin_pages ./source_linkedin_pages
RUN pip install --no-cache-dir --no-deps --no-build-isolation . \
    && rm -rf build *.egg-info \
    && chown -R airbyte:airbyte /airbyte
USER airbyte

ENV AIRBYTE_ENTRYPOINT="python /airbyte/integration_code/main.py"
ENTRYPOINT ["python", "/airbyte/integration_code/main.py"]

LABEL io.airbyte.name=airbyte/source-linkedin-pages
LABEL io.airbyte.version=0.1.0
