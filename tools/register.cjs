// Lets `node -r ./tools/register.cjs file.ts` run TypeScript sources directly:
// SWC transpiles on load (with decorator metadata for Nest DI) and resolves the
// tsconfig path aliases, so apps and CLIs need no separate build step.
const path = require('node:path');
process.env.SWC_NODE_PROJECT ??= path.join(__dirname, '..', 'tsconfig.json');
require('@swc-node/register');
