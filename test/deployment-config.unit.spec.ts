import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { loadConfig, SETTINGS } from '@factledger/platform';
import { SERVICE_NODE_FLAGS } from '../tools/node-flags';

const ROOT = path.resolve(__dirname, '..');
const compose = parse(fs.readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, { command?: string[]; environment?: Record<string, string>; depends_on?: Record<string, { condition: string }>; ports?: string[]; healthcheck?: unknown }>;
};
const known = new Set(SETTINGS.map((s) => s.env));

describe('docker-compose.yml agrees with the configuration schema', () => {
  it('has postgres, redis, migrate, api, worker and seed services', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['api', 'migrate', 'postgres', 'redis', 'seed', 'worker']);
  });

  it.each(['api', 'worker', 'migrate', 'seed'])('%s only sets variables the config knows, and they validate', (name) => {
    const env = compose.services[name]!.environment ?? {};
    for (const key of Object.keys(env)) expect(known).toContain(key);
    expect(() => loadConfig(env)).not.toThrow();
    expect(new URL(env.DATABASE_URL!).hostname).toBe('postgres');
    expect(new URL(env.REDIS_URL!).hostname).toBe('redis');
  });

  it('points the database URL at the postgres service credentials', () => {
    const pg = compose.services.postgres!.environment!;
    const url = new URL(compose.services.api!.environment!.DATABASE_URL!);
    expect([url.username, url.password, url.pathname.slice(1)]).toEqual([pg.POSTGRES_USER, pg.POSTGRES_PASSWORD, pg.POSTGRES_DB]);
  });

  it('runs migrations before the apps start, and the apps after the stores are healthy', () => {
    for (const app of ['api', 'worker', 'seed']) {
      expect(compose.services[app]!.depends_on).toMatchObject({ migrate: { condition: 'service_completed_successfully' }, redis: { condition: 'service_healthy' } });
    }
    expect(compose.services.migrate!.depends_on).toMatchObject({ postgres: { condition: 'service_healthy' } });
    for (const store of ['postgres', 'redis', 'api', 'worker']) expect(compose.services[store]!.healthcheck).toBeDefined();
  });

  it('checks the worker by the age of the heartbeat file it is told to write', () => {
    const file = compose.services.worker!.environment!.WORKER_HEARTBEAT_FILE!;
    expect(loadConfig(compose.services.worker!.environment!).workerHeartbeatFile).toBe(file);
    expect(JSON.stringify(compose.services.worker!.healthcheck)).toContain(file);
  });

  it('publishes the API on the port it listens on', () => {
    const env = compose.services.api!.environment!;
    expect(compose.services.api!.ports).toContain(`${env.PORT}:${env.PORT}`);
  });

  it('starts each app from the build of a source that exists, which the image compiles', () => {
    for (const name of ['api', 'worker', 'migrate', 'seed']) {
      const command = compose.services[name]!.command!;
      const entry = command.find((part) => part.endsWith('main.js'))!;
      expect(command).toContain('./tools/register-dist.cjs');
      expect(entry).toMatch(/^dist\//);
      expect(fs.existsSync(path.join(ROOT, entry.replace(/^dist\//, '').replace(/\.js$/, '.ts')))).toBe(true);
    }
    const dockerfile = fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
    expect(dockerfile.indexOf('RUN npm run build')).toBeGreaterThan(dockerfile.indexOf('COPY . .'));
  });

  it('caps the heap of the long-running apps as npm start does', () => {
    for (const name of ['api', 'worker']) expect(compose.services[name]!.command).toContain(SERVICE_NODE_FLAGS[0]);
    expect(fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8')).toContain(`"${SERVICE_NODE_FLAGS[0]}"`);
  });

  it('documents every variable in .env.example', () => {
    const example = fs.readFileSync(path.join(ROOT, '.env.example'), 'utf8');
    const documented = new Set([...example.matchAll(/^([A-Z_]+)=/gm)].map((m) => m[1]));
    expect(documented).toEqual(known);
  });
});
