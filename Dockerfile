# Airbyte's Python connector base (Python 3.11 line). Tests pass a locally built stand-in as BASE_IMAGE,
# since no image registry is reachable from CI.
ARG BASE_IMAGE=docker.io/airbyte/python-connector-base:4.0.2@sha256:9fdb1888c4264cf6fee473649ecb593f56f58e5d0096a87ee0b231777e2e3e73
FROM ${BASE_IMAGE}

WORKDIR /airbyte/integration_code
COPY --chown=airbyte:airbyte pyproject.toml README.md main.py ./
COPY --chown=airbyte:airbyte source_linkedin_pages ./source_linkedin_pages
USER root
RUN pip install --no-cache-dir . && chown -R airbyte:airbyte /airbyte
USER airbyte

ENV AIRBYTE_ENTRYPOINT="python /airbyte/integration_code/main.py"
ENTRYPOINT ["python", "/airbyte/integration_code/main.py"]

LABEL io.airbyte.name=airbyte/source-linkedin-pages
LABEL io.airbyte.version=0.1.0
