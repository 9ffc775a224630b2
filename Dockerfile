# One image for api, worker and the one-shot migrate/seed jobs (the command differs).
FROM node:20.20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
# npm install, not npm ci: lockfiles made on one platform miss other platforms' optional packages.
RUN npm install --no-fund --no-audit && npm cache clean --force
COPY . .
ENV NODE_ENV=production
EXPOSE 3000
CMD ["node", "-r", "./tools/register.cjs", "apps/api/src/main.ts"]
