# One image for api, worker and the one-shot migrate/seed jobs (the command differs).
FROM node:20.20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
# npm install, not npm ci: lockfiles made on one platform miss other platforms' optional packages.
RUN npm install --no-fund --no-audit && npm cache clean --force
COPY . .
# Compiled JavaScript in dist/: no transpiler in the running processes (about 110 MB less each).
RUN npm run build
ENV NODE_ENV=production
# Not root: the code stays root-owned (read-only to the processes). /keys is where docker-compose mounts the
# signing-key volume; a new named volume takes this directory's owner, so the key is the node user's alone (0600).
RUN mkdir -p /keys /checkpoint-archive && chown node:node /keys /checkpoint-archive && chmod 700 /keys && chmod 750 /checkpoint-archive
USER node
EXPOSE 3000
# Heap cap as in tools/node-flags.ts: V8 would otherwise grow toward a limit sized from the host's memory.
CMD ["node", "--max-old-space-size=256", "-r", "./tools/register-dist.cjs", "dist/apps/api/src/main.js"]
