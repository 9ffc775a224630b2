import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { loadConfig, SETTINGS } from '@factledger/platform';
import { SERVICE_NODE_FLAGS } from '../tools/node-flags';

const ROOT = path.resolve(__dirname, '..');
const composeText = fs.readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8');
/** Compose's interpolation for a .env that sets every variable to `<name>-secret` (the required ones fail without it). */
const interpolated = composeText.replace(/\$\{([A-Z_]+)(:\?[^}]*)?\}/g, (_, name: string) => `${name.toLowerCase()}-secret`).replace(/\$\$/g, '$');
type Service = {
  image?: string;
  profiles?: string[];
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  ports?: string[];
  healthcheck?: unknown;
  volumes?: string[];
  network_mode?: string;
  stop_grace_period?: string;
};
const compose = parse(interpolated, { merge: true }) as { services: Record<string, Service> };
const APPS = ['api', 'worker', 'init', 'seed'];
const known = new Set(SETTINGS.map((s) => s.env));

describe('docker-compose.yml agrees with the configuration schema', () => {
  it('has postgres, redis, init, keygen, api, worker and seed services, and prometheus and grafana in the observability profile only', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['api', 'grafana', 'init', 'keygen', 'postgres', 'prometheus', 'redis', 'seed', 'worker']);
    for (const [name, service] of Object.entries(compose.services)) {
      expect(service.profiles).toEqual(['prometheus', 'grafana'].includes(name) ? ['observability'] : undefined);
    }
  });

  it.each(APPS)('%s only sets variables the config knows, and they validate', (name) => {
    const env = compose.services[name]!.environment ?? {};
    for (const key of Object.keys(env)) expect(known).toContain(key);
    expect(() => loadConfig(env)).not.toThrow();
    expect(new URL(env.DATABASE_URL!).hostname).toBe('postgres');
    expect(new URL(env.REDIS_URL!).hostname).toBe('redis');
  });

  it('gives the administrator to init alone, the owner to init alone, the sealer role to init and the worker', () => {
    const pg = compose.services.postgres!.environment!;
    const admin = new URL(compose.services.init!.environment!.DATABASE_ADMIN_URL!);
    expect([admin.username, admin.password]).toEqual([pg.POSTGRES_USER, pg.POSTGRES_PASSWORD]);
    const user = (name: string, key: string) => {
      const value = compose.services[name]!.environment?.[key];
      return value === undefined ? undefined : new URL(value).username;
    };
    for (const name of APPS) {
      expect(user(name, 'DATABASE_URL')).toBe('factledger_app');
      expect(new URL(compose.services[name]!.environment!.DATABASE_URL!).pathname).toBe('/factledger');
      expect(user(name, 'DATABASE_ADMIN_URL')).toBe(name === 'init' ? 'postgres' : undefined);
      expect(user(name, 'MIGRATION_DATABASE_URL')).toBe(name === 'init' ? 'factledger_owner' : undefined);
      expect(user(name, 'SEALER_DATABASE_URL')).toBe(['init', 'worker'].includes(name) ? 'factledger_sealer' : undefined);
    }
    expect(compose.services.init!.command).toEqual(expect.arrayContaining(['db-init', '--migrate']));
    // Every secret is required from the environment (compose's ${VAR:?message}), none is written in the file.
    for (const name of [
      'POSTGRES_PASSWORD',
      'FACTLEDGER_APP_PASSWORD',
      'FACTLEDGER_OWNER_PASSWORD',
      'FACTLEDGER_SEALER_PASSWORD',
      'REDIS_PASSWORD',
    ]) {
      expect(composeText).toMatch(new RegExp(`\\$\\{${name}:\\?`));
      expect(composeText).not.toMatch(new RegExp(`\\$\\{${name}:-`));
    }
  });

  it('publishes neither PostgreSQL nor Redis on the host, and Redis requires the password the apps send', () => {
    for (const store of ['postgres', 'redis']) expect(compose.services[store]!.ports).toBeUndefined();
    const redis = compose.services.redis!;
    expect(redis.command!.join(' ')).toContain('--requirepass "$REDISCLI_AUTH"');
    for (const name of APPS) expect(new URL(compose.services[name]!.environment!.REDIS_URL!).password).toBe(redis.environment!.REDISCLI_AUTH);
  });

  it('makes the signing key once in keygen (no network, no database) on a volume only the worker mounts, read-only', () => {
    const keygen = compose.services.keygen!;
    expect(keygen.command).toContain('signing-key');
    expect(keygen.network_mode).toBe('none');
    expect(Object.keys(keygen.environment!).sort()).toEqual(['NODE_ENV', 'SIGNING_KEY_FILE']);
    const mounts = Object.entries(compose.services)
      .filter(([, s]) => (s.volumes ?? []).some((v) => v.startsWith('signing-key:')))
      .map(([name]) => name);
    expect(mounts.sort()).toEqual(['keygen', 'worker']);
    expect(compose.services.worker!.volumes).toContain('signing-key:/keys:ro');
    expect(path.dirname(compose.services.worker!.environment!.SIGNING_KEY_FILE!)).toBe('/keys');
    expect(compose.services.worker!.environment!.SIGNING_KEY_FILE).toBe(keygen.environment!.SIGNING_KEY_FILE);
    expect(compose.services.worker!.environment!.NODE_ENV).toBe('production');
    expect(compose.services.api!.environment!.SIGNING_KEY_FILE).toBeUndefined();
  });

  it('runs init before the apps start, the worker after keygen, and the apps after the stores are healthy', () => {
    for (const app of ['api', 'worker', 'seed']) {
      expect(compose.services[app]!.depends_on).toMatchObject({
        init: { condition: 'service_completed_successfully' },
        redis: { condition: 'service_healthy' },
      });
    }
    expect(compose.services.worker!.depends_on).toMatchObject({ keygen: { condition: 'service_completed_successfully' } });
    expect(compose.services.init!.depends_on).toMatchObject({ postgres: { condition: 'service_healthy' } });
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
    for (const name of [...APPS, 'keygen']) {
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

  it('gives the API and the worker more time to stop than their own shutdown deadline, so SIGTERM drains before SIGKILL', () => {
    const deadlineMs = loadConfig({ ...compose.services.api!.environment }).shutdownTimeoutMs;
    for (const name of ['api', 'worker']) {
      const grace = /^(\d+)s$/.exec(compose.services[name]!.stop_grace_period ?? '');
      expect(Number(grace?.[1]) * 1000).toBeGreaterThan(deadlineMs);
    }
  });

  it('documents every variable in .env.example', () => {
    const example = fs.readFileSync(path.join(ROOT, '.env.example'), 'utf8');
    const documented = new Set([...example.matchAll(/^([A-Z_]+)=/gm)].map((m) => m[1]));
    expect(documented).toEqual(known);
  });
});

describe('the observability profile', () => {
  const OBS = path.join(ROOT, 'deploy/observability');
  const mounts = (name: string) => (compose.services[name]!.volumes ?? []).filter((v) => v.startsWith('./')).map((v) => v.split(':'));
  const prometheus = parse(fs.readFileSync(path.join(OBS, 'prometheus.yml'), 'utf8')) as {
    scrape_configs: { job_name: string; static_configs?: { targets: string[] }[]; dns_sd_configs?: { names: string[]; port: number }[] }[];
  };
  const dashboard = JSON.parse(fs.readFileSync(path.join(OBS, 'grafana/dashboards/factledger.json'), 'utf8')) as {
    uid: string;
    panels: { title: string; datasource: { uid: string }; targets: { expr: string; datasource: { uid: string } }[] }[];
  };

  it('mounts files that exist in the repository, read-only', () => {
    for (const name of ['prometheus', 'grafana']) {
      expect(mounts(name).length).toBeGreaterThan(0);
      for (const [source, , mode] of mounts(name)) {
        expect(fs.existsSync(path.join(ROOT, source!))).toBe(true);
        expect(mode).toBe('ro');
      }
    }
  });

  it('scrapes the API and the worker on their private metrics listeners, which the apps are told to open', () => {
    const portOf = (listen: string) => Number(listen.split(':').at(-1));
    const api = loadConfig(compose.services.api!.environment!).metricsListen!;
    const worker = loadConfig(compose.services.worker!.environment!).workerMetricsListen!;
    const job = (name: string) => prometheus.scrape_configs.find((c) => c.job_name === name)!;
    expect(job('factledger-api').static_configs![0]!.targets).toEqual([`api:${portOf(api)}`]);
    expect(job('factledger-worker').dns_sd_configs![0]).toMatchObject({ names: ['worker'], port: portOf(worker) });
    // Not published on the host: the listeners have no authentication.
    for (const name of ['api', 'worker']) expect((compose.services[name]!.ports ?? []).join(' ')).not.toMatch(/946[45]/);
    for (const name of ['prometheus', 'grafana']) for (const port of compose.services[name]!.ports ?? []) expect(port).toMatch(/^127\.0\.0\.1:/);
  });

  it('provisions the datasource the dashboard names, and every metric the dashboard queries is one factledger exports', () => {
    const datasources = parse(fs.readFileSync(path.join(OBS, 'grafana/provisioning/datasources/prometheus.yml'), 'utf8')) as {
      datasources: { uid: string; url: string }[];
    };
    const uid = datasources.datasources[0]!.uid;
    expect(new URL(datasources.datasources[0]!.url).host).toBe('prometheus:9090');
    const sources = [
      'libs/platform/src/observability',
      'libs/projections/src/read-models',
      'libs/audit/application/src/sealer',
      'libs/ingestion/src/queue',
    ]
      .flatMap((dir) =>
        fs
          .readdirSync(path.join(ROOT, dir))
          .filter((f) => f.endsWith('.ts'))
          .map((f) => fs.readFileSync(path.join(ROOT, dir, f), 'utf8')),
      )
      .join('\n');
    const titles = dashboard.panels.map((p) => p.title.toLowerCase()).join(' | ');
    for (const topic of ['request rate', 'latency', 'append', 'projection lag', 'sealer', 'queue depth', 'failures']) expect(titles).toContain(topic);
    for (const panel of dashboard.panels) {
      expect(panel.datasource.uid).toBe(uid);
      for (const target of panel.targets) {
        expect(target.datasource.uid).toBe(uid);
        for (const [name] of target.expr.matchAll(/factledger_[a-z_]+/g)) expect(sources).toContain(`'${name!.replace(/_(bucket|count|sum)$/, '')}'`);
      }
    }
  });
});
