#!/bin/sh
# Assembles Herald's production layout in an empty folder, from a workspace that has been built
# (npm ci && npx nx run-many -t build -p api web): the built API and web app, and the production
# dependencies alone. The Dockerfile and the deployment test both run this script, so the test starts
# what the image ships. npm settings come from the environment (npm_config_prefer_offline=true, …).
set -eu

dest=${1:?usage: deploy/production-layout.sh <new or empty folder>}
if [ -e "$dest" ] && [ -n "$(ls -A "$dest")" ]; then
  echo "$dest is not empty: assemble each release in a folder of its own" >&2
  exit 1
fi
cd "$(dirname "$0")/.."
for built in dist/apps/api/main.js dist/apps/web/browser/index.html; do
  [ -f "$built" ] || { echo "$built is missing: build the API and the web app first" >&2; exit 1; }
done

mkdir -p "$dest/dist/apps/web" "$dest/deploy"
cp package.json package-lock.json "$dest/"
cp -R dist/apps/api "$dest/dist/apps/api"
cp -R dist/apps/web/browser "$dest/dist/apps/web/browser"
cp deploy/healthcheck.mjs "$dest/deploy/"

# Production dependencies only, exactly as locked. No install scripts: none of them needs one, and the
# layout runs on the machine's (the image's) Node.js 24, not on the pinned `node` devDependency.
# --omit=optional drops typescript, which the lock keeps as an optional peer of @nestjs/swagger: only its
# build plugin uses it.
cd "$dest"
npm ci --omit=dev --omit=optional --ignore-scripts --no-audit --no-fund
