# syntax=docker/dockerfile:1
# Herald's container image: built with the dev dependencies, shipped with the production install alone.
#   docker build -t herald .
#   docker run -d -p 3000:3000 -v herald-data:/app/data --stop-timeout 15 herald
# Docker has no stop-timeout instruction: give every container more than SHUTDOWN_TIMEOUT_MS (10 s by default)
# to drain, with `docker run --stop-timeout`, compose's stop_grace_period or Kubernetes'
# terminationGracePeriodSeconds (compose.yaml and deploy/helm/herald do), or the drain is cut short by SIGKILL.
# Pin the base image by digest in production (node:24-slim@sha256:…).
ARG NODE_IMAGE=node:24-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /src
# The lock first, so the dependency layer is rebuilt only when the dependencies change.
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
COPY . .
RUN npx nx run-many -t build -p api web --outputStyle=static
# The same script the deployment test runs (apps/api-e2e/src/deploy), so the test starts what ships here.
RUN --mount=type=cache,target=/root/.npm npm_config_prefer_offline=true sh deploy/production-layout.sh /release

FROM ${NODE_IMAGE}
ENV NODE_ENV=production
# A dedicated user with a fixed number, so Kubernetes' runAsNonRoot can check it and volumes can be granted to it.
RUN groupadd --system --gid 10001 herald \
  && useradd --system --uid 10001 --gid herald --home-dir /app --no-create-home --shell /usr/sbin/nologin herald
WORKDIR /app
# The code stays root's, read-only for Herald; only the data folder is its own. HERALD_STORE's default,
# sqlite:./data/herald.db, is /app/data/herald.db here.
COPY --from=build /release/ /app/
RUN mkdir /app/data && chown herald:herald /app/data && chmod 0750 /app/data
VOLUME ["/app/data"]
USER 10001:10001
EXPOSE 3000
# Herald drains on SIGTERM: answers new requests 503, finishes posts in flight, ends streams with a short retry.
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=10s --timeout=5s --start-period=20s --retries=3 CMD ["node", "deploy/healthcheck.mjs"]
CMD ["node", "dist/apps/api/main.js"]
