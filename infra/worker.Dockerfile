# The team's Celery worker: the app's own code and locked dependencies, and a Chromium for Playwright.
# Built by infra/docker-compose.yml (context: the repository root).
FROM python:3.11-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends chromium fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements/app.txt requirements/app.txt
RUN pip install --no-cache-dir --require-hashes --no-deps -r requirements/app.txt
COPY pyproject.toml README.md ./
COPY pigmeu_desktop pigmeu_desktop
COPY resources resources
RUN pip install --no-cache-dir --no-deps --no-build-isolation -e .
ENV PIGMEU_BROWSER=/usr/bin/chromium \
    PIGMEU_HOME=/data \
    PIGMEU_BROWSER_ARGS="--no-sandbox"
RUN useradd --create-home pigmeu && mkdir -p /data && chown pigmeu /data
USER pigmeu
CMD ["pigmeu", "worker"]
