/// <reference lib="dom" />
// Browser-side callbacks (page.evaluate, $$eval) run in the page: they need the DOM types.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Page } from 'playwright-core';
import { createApp } from '../apps/api/src/create-app';
import type { ApiHarness } from './support/api-harness';
import { launchChromium, type Browser } from './support/chromium';
import { startReadApi, type ReadApiHarness } from './support/read-api-harness';
import { METRIC, REPORTS, registerCatalog, figureBody as figure, writeOctoberScenario } from './support/scenario';

const ARTIFACTS = join(__dirname, '..', 'test-artifacts', 'timeline');
const HOSTILE_QUOTE = 'more than 20,000 <img src=x onerror="window.__xss=1"> say channels';
const fmt = (n: number) => n.toLocaleString('en-US');

/**
 * The timeline page in a real headless Chromium against a real API: several
 * sources, an update, a correction, a retraction, a corroboration, a party to
 * the conflict and an unverified source.
 */
describe('timeline page (real Chromium, real API)', () => {
  let api: ReadApiHarness;
  let browser: Browser;
  let base: string;
  const positions: Record<string, string> = {};
  const ids: Record<string, string> = {};

  const write = async (name: string, path: string, body: unknown) => {
    const response = await api.request('POST', path, body);
    if (response.status !== 201) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
    [positions[name], ids[name]] = [response.body.position, response.body.id];
    return response.body;
  };
  const get = async (url: string) => {
    const response = await api.request('GET', url);
    if (response.status !== 200) throw new Error(`GET ${url}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const estimate = async (query = '') => (await get(`/v1/metrics/${METRIC.key}/estimate${query}`)).data;
  const consensusShown = (page: Page) => page.locator('#consensusValue').textContent();

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    api = await startReadApi();
    await registerCatalog(api as unknown as ApiHarness);
    for (const body of [
      { sourceId: 'kr-nis', name: 'South Korean National Intelligence Service', kind: 'intelligence', country: 'KR' },
      { sourceId: 'tg-channel', name: 'A Telegram channel', kind: 'media', needsReview: true },
    ])
      await write(body.sourceId, '/v1/sources', body);
    await writeOctoberScenario(write);
    await write(
      'nis',
      '/v1/figures',
      figure('kr-nis', { qualifier: 'range', low: 10000, high: 12000 }, '2024-10-18', REPORTS.oct25.reportId, 'between 10,000 and 12,000'),
    );
    await write(
      'tg',
      '/v1/figures',
      figure('tg-channel', { qualifier: 'more_than', low: 20000 }, '2024-10-29', REPORTS.wire.reportId, HOSTILE_QUOTE),
    );
    await write('usFix', `/v1/figures/${ids.us}/revisions`, {
      kind: 'correction',
      amount: { qualifier: 'range', low: 11000, high: 12000 },
      citation: { reportId: REPORTS.wire.reportId, quote: 'between 11,000 and 12,000' },
      reason: 'misread the wire: it gave a range',
    });
    await write('nisRetract', `/v1/figures/${ids.nis}/retractions`, { reason: 'the service denied the report' });
    await api.settled(positions.nisRetract!);
    await api.app.listen(0, '127.0.0.1');
    base = (await api.app.getUrl()).replace('[::1]', '127.0.0.1');
    browser = await launchChromium();
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  /** A page that records every console error and uncaught exception. */
  const open = async (path: string) => {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}${path}`);
    await page
      .locator('.fl-pt-held > *')
      .first()
      .waitFor({ timeout: 15_000 })
      .catch((error: Error) => {
        throw new Error(`${path} drew no chart: ${error.message}; page errors: ${JSON.stringify(errors)}`);
      });
    return { page, errors };
  };

  it('serves the page with a strict CSP and versioned, immutable assets', async () => {
    const page = await fetch(`${base}/`);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const asset = /src="(\/assets\/[0-9a-f]{16}\/main\.js)"/.exec(await page.text())![1]!;
    const js = await fetch(`${base}${asset}`);
    expect([js.status, js.headers.get('cache-control')]).toEqual([200, 'public, max-age=31536000, immutable']);
    expect((await fetch(`${base}${asset.replace(/[0-9a-f]{16}/, '0000000000000000')}`)).status).toBe(404);
    // Only the listed files: nothing else on disk is reachable through the asset path.
    for (const name of ['..%2F..%2Fpackage.json', 'index.html', 'timeline-assets.ts'])
      expect((await fetch(`${base}${asset.replace('main.js', name)}`)).status).toBe(404);
  });

  it('plots every figure version the API returns, with the consensus, and no console errors', async () => {
    const { page, errors } = await open(`/?metric=${METRIC.key}`);
    const timeline = (await get(`/v1/metrics/${METRIC.key}/timeline`)).data;
    const versions = timeline.figures.flatMap((f: any) => f.versions.map((v: any) => `${f.figureId}:${v.version}`)).sort();
    const plotted = await page.$$eval('[class^="fl-pt-"] > *', (els) =>
      els.map((e) => `${(e as HTMLElement).dataset.figure}:${(e as HTMLElement).dataset.version}`),
    );
    expect(plotted.sort()).toEqual(versions);
    // Every figure the figures endpoint holds now is drawn as held; the corrected and retracted ones are marked.
    const held = (await get(`/v1/metrics/${METRIC.key}/figures`)).data.map((f: any) => `${f.figureId}:${f.version}`);
    const heldShown = await page.$$eval('.fl-pt-held > *', (els) =>
      els.map((e) => `${(e as HTMLElement).dataset.figure}:${(e as HTMLElement).dataset.version}`),
    );
    expect(heldShown).toEqual(expect.arrayContaining(held));
    expect(await page.$$eval('.fl-pt-corrected > *', (els) => els.map((e) => (e as HTMLElement).dataset.figure))).toEqual([ids.us]);
    expect(await page.$$eval('.fl-pt-retracted > *', (els) => els.map((e) => (e as HTMLElement).dataset.figure))).toEqual([ids.nis]);
    expect(await page.locator('.fl-correction-link > path').count()).toBe(1);
    expect(await page.locator('.fl-corroborations > *').allTextContents()).toEqual(['+1']);
    expect(await consensusShown(page)).toBe(fmt((await estimate()).consensus));
    // No date chosen: the page says the day is today in UTC, the API's default (the basis names it).
    expect(await page.locator('#consensusDay').textContent()).toBe(
      `Consensus on ${(await get(`/v1/metrics/${METRIC.key}/estimate`)).basis.validAt} (today, UTC): `,
    );
    expect(await page.locator('#basis').textContent()).toContain('(today in UTC: the default)');
    await page.screenshot({ path: join(ARTIFACTS, 'timeline-now.png'), fullPage: true });
    if (process.env.TIMELINE_README_SCREENSHOT) await page.screenshot({ path: process.env.TIMELINE_README_SCREENSHOT, fullPage: false });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('scrubbing "as of" back before the correction shows the consensus the API gave at that basis', async () => {
    const { page, errors } = await open(`/?metric=${METRIC.key}`);
    const now = await consensusShown(page);
    const before = (await estimate(`?asOf=${positions.tg}`)).consensus;
    expect(fmt(before)).not.toBe(now);
    // The slider's stops are the metric's changes; the last is "now". Three back: before the retraction, the correction.
    await page.locator('#asOfSlider').focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft');
    await page.waitForFunction((value) => document.getElementById('consensusValue')?.textContent === value, fmt(before));
    expect(new URL(page.url()).searchParams.get('asOf')).toBe(positions.tg);
    expect(await page.$$eval('.fl-pt-corrected > *', (els) => els.length)).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'timeline-before-correction.png'), fullPage: true });
    // The URL reproduces the view in a new tab.
    const { page: shared } = await open(new URL(page.url()).search);
    expect(await consensusShown(shared)).toBe(fmt(before));
    expect(errors).toEqual([]);
    await Promise.all([page.close(), shared.close()]);
  });

  it('clicking a point shows its quote verbatim (as text), source, report and history with proof links', async () => {
    const { page, errors } = await open(`/?metric=${METRIC.key}&includeUnverified=true`);
    const quoteOf = async (selector: string) => {
      await page.click(selector, { timeout: 5000 });
      return page
        .locator('#details .quote')
        .textContent({ timeout: 5000 })
        .catch((error: Error) => `${error.message}; page errors: ${JSON.stringify(errors)}`);
    };
    expect(await quoteOf(`[data-figure="${ids.tg}"]`)).toBe(HOSTILE_QUOTE);
    expect(await page.locator('#details img').count()).toBe(0);
    expect(await page.evaluate(() => (window as any).__xss)).toBeUndefined();
    await page.keyboard.press('Escape'); // the panel closes, uncovering the chart
    expect(await page.locator('#details').isHidden()).toBe(true);
    expect(await quoteOf(`[data-figure="${ids.us}"][data-version="2"]`)).toBe('between 11,000 and 12,000');
    const details = (await page.locator('#details').textContent())!;
    expect(details).toContain('US intelligence');
    expect(details).toContain(REPORTS.wire.title);
    expect(details).toContain('misread the wire: it gave a range');
    const proofs = await page.$$eval('#details a[href^="/v1/proofs/inclusion"]', (els) => els.map((e) => e.getAttribute('href')));
    expect(proofs).toEqual(expect.arrayContaining([`/v1/proofs/inclusion?event=${positions.us}`, `/v1/proofs/inclusion?event=${positions.usFix}`]));
    await page.screenshot({ path: join(ARTIFACTS, 'timeline-details.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('filters: leaving out parties and counting unverified sources match the API', async () => {
    const { page, errors } = await open(`/?metric=${METRIC.key}`);
    await page.check('#excludeParties');
    await page.waitForFunction(
      (v) => document.getElementById('consensusValue')?.textContent === v,
      fmt((await estimate('?excludeParties=true')).consensus),
    );
    await page.check('#includeUnverified');
    const both = (await estimate('?excludeParties=true&includeUnverified=true')).consensus;
    await page.waitForFunction((v) => document.getElementById('consensusValue')?.textContent === v, fmt(both));
    const query = new URL(page.url()).searchParams;
    expect([query.get('excludeParties'), query.get('includeUnverified')]).toEqual(['true', 'true']);
    expect(errors).toEqual([]);
    await page.close();
  });

  describe('when reads need a key (READ_ACCESS=key)', () => {
    let keyed: NestFastifyApplication;
    beforeAll(async () => {
      keyed = await createApp({ ...api.config, readAccess: 'key' }, { logger: false });
      await keyed.listen(0, '127.0.0.1');
    });
    // Chromium first (this is the file's last block): a socket it opened ahead of a request (a preconnect) would not count as
    // idle to Node's server, and closing the API would wait for it (suspected cause of a 90 s close seen twice under load). Then a whole second API (projector
    // listener, queues, pools) closing on a loaded CI machine.
    afterAll(async () => {
      await browser?.close();
      await keyed?.close();
    }, 90_000);

    it('asks for a key, keeps it for the tab only and never puts it in a URL', async () => {
      const page = await browser.context.newPage();
      const urls: string[] = [];
      page.on('request', (r) => urls.push(r.url()));
      await page.goto(`${(await keyed.getUrl()).replace('[::1]', '127.0.0.1')}/?metric=${METRIC.key}`);
      await page.locator('#keyDialog[open]').waitFor({ timeout: 10_000 });
      await page.fill('#keyInput', api.key.token);
      await page.click('#keyForm button[type=submit]');
      await page.locator('.fl-pt-held > *').first().waitFor({ timeout: 10_000 });
      expect(await page.evaluate(() => sessionStorage.getItem('factledger.apiKey'))).toBe(api.key.token);
      expect(await page.evaluate(() => localStorage.length)).toBe(0);
      expect(urls.filter((u) => u.includes(api.key.token) || u.includes('flk_'))).toEqual([]);
      expect(page.url()).not.toContain('flk_');
      await page.close();
    });
  });
});
