#!/usr/bin/env node
// The `factledger` command (package.json "bin"): the compiled CLI when `npm run build` made one,
// else the TypeScript sources through SWC (as `npm run cli` does).
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const built = path.join(root, 'dist', 'apps', 'cli', 'src', 'main.js');
if (fs.existsSync(built)) {
  require(path.join(root, 'tools', 'register-dist.cjs'));
  require(built);
} else {
  require(path.join(root, 'tools', 'register.cjs'));
  require(path.join(root, 'apps', 'cli', 'src', 'main.ts'));
}
