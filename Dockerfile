# newsdesk: one image for every role (web, worker, cluster, beat); see docs/deploy.md.
FROM python:3.11-slim
ENV PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1 NEWSDESK_DATA_DIR=/data
WORKDIR /app
COPY pyproject.toml constraints.txt README.md ./
COPY newsdesk ./newsdesk
RUN pip install --no-cache-dir -c constraints.txt '.[scale]' \
    && useradd --system --home /data newsdesk \
    && mkdir -p /data/static && chown -R newsdesk /data
# /data/static exists in the image so the compose file's named volume starts owned by
# newsdesk (collectstatic writes there as that user).
USER newsdesk
EXPOSE 8000
CMD ["gunicorn", "newsdesk.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
