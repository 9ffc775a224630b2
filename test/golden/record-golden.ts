// Records the golden fixture with the code as it is: run only to pin NEW cases, never to make a failing comparison pass.
//   node -r ./tools/register.cjs test/golden/record-golden.ts
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { computeGolden } from './golden-outputs';

writeFileSync(join(__dirname, 'ids-and-hashes.golden.json'), `${JSON.stringify(computeGolden(), null, 1)}\n`);
