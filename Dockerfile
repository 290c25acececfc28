# Airbyte's Python connector base (Python 3.11 line), pinned by version and digest. `make test-docker` passes a
# locally built stand-in as BASE_IMAGE, since no image registry is reachable from CI.
ARG BASE_IMAGE=docker.io/airbyte/python-connector-base:4.0.2@sha256:9fdb1888c4264cf6fee473649ecb593f56f58e5d0096a87ee0b231777e2e3e73
FROM ${BASE_IMAGE}

WORKDIR /airbyte/integration_code
USER root

# Dependencies first, from pyproject.toml alone (an empty package stands in for the code), so that a code change
# reuses this layer instead of downloading airbyte-cdk and its dependencies again.
COPY pyproject.toml README.md ./
RUN mkdir source_linkedin_pages \
    && touch source_linkedin_pages/__init__.py \
    && pip install --no-cache-dir . \
    && pip uninstall --yes source-linkedin-pages \
    && rm -rf source_linkedin_pages build *.egg-info

COPY main.py ./
COPY source_linkedin_pages ./source_linkedin_pages
RUN pip install --no-cache-dir --no-deps . \
    && rm -rf build *.egg-info \
    && chown -R airbyte:airbyte /airbyte
USER airbyte

ENV AIRBYTE_ENTRYPOINT="python /airbyte/integration_code/main.py"
ENTRYPOINT ["python", "/airbyte/integration_code/main.py"]

LABEL io.airbyte.name=airbyte/source-linkedin-pages
LABEL io.airbyte.version=0.1.0
