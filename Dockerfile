# pdsa-bot: a multi-stage image on Node 24, running as a non-root user.
# The sources run through tsx, so the image carries them as they are.

FROM node:24-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PDSA_HTTP_PORT=9090
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json ./
COPY bin ./bin
COPY src ./src
COPY adapters ./adapters
COPY migrations ./migrations
# The embedded database (used only without DATABASE_URL) lives in a volume.
RUN mkdir -p /app/.data && chown -R node:node /app/.data
USER node
EXPOSE 3000 3978 9090
HEALTHCHECK --interval=30s --timeout=5s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+process.env.PDSA_HTTP_PORT+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "bin/pdsa-bot.js", "start"]
