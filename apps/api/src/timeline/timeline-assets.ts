import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Asset {
  body: Buffer;
  type: string;
}

/** The page's own files, beside this module (tools/build.cjs copies them into dist/). */
const OWN = join(__dirname, 'assets');

/**
 * The directory of an installed package. Its "exports" hide dist/ from
 * require.resolve, so the lookup walks node's own search paths instead.
 */
function packageDir(name: string): string {
  for (const base of require.resolve.paths(name) ?? []) {
    if (existsSync(join(base, name, 'package.json'))) return join(base, name);
  }
  throw new Error(`package ${name} is not installed`);
}

const TYPES: Record<string, string> = { js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8' };

/** Every file the page may load, by the name it is served under: a fixed list, so no request names a path on disk. */
function assetFiles(): Record<string, string> {
  const own = ['timeline.css', 'main.js', 'api.js', 'state.js', 'chart.js', 'details.js', 'controls.js', 'summary.js'];
  return {
    ...Object.fromEntries(own.map((name) => [name, join(OWN, name)])),
    // UMD builds: d3 as a global, then Plot on top of it; no bundler needed.
    'd3.min.js': join(packageDir('d3'), 'dist', 'd3.min.js'),
    'plot.umd.min.js': join(packageDir('@observablehq/plot'), 'dist', 'plot.umd.min.js'),
  };
}

export interface PageAssets {
  /** A digest of every asset: the versioned path segment, so a new release is never served from an old cache. */
  version: string;
  assets: Map<string, Asset>;
  /** index.html with the versioned asset paths filled in. */
  html: Buffer;
}

export function loadPageAssets(): PageAssets {
  const assets = new Map<string, Asset>();
  const digest = createHash('sha256');
  for (const [name, file] of Object.entries(assetFiles())) {
    const body = readFileSync(file);
    digest.update(name).update(body);
    assets.set(name, { body, type: TYPES[name.slice(name.lastIndexOf('.') + 1)]! });
  }
  const version = digest.digest('hex').slice(0, 16);
  const html = Buffer.from(readFileSync(join(OWN, 'index.html'), 'utf8').replaceAll('{{assets}}', `/assets/${version}`));
  return { version, assets, html };
}

/**
 * Scripts and styles only from this origin, data only from this API, no
 * frames, no plugins. Styles also allow inline: Plot puts a <style> element
 * in each chart it draws (an injected style cannot run code; scripts stay strict).
 */
export const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');
