// Preloaded (`node -r`) into a measured child: prints its peak RSS (VmHWM) as
// it exits, the one moment a sampler from outside cannot catch.
const fs = require('node:fs');
process.on('exit', () => {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (kb) fs.writeSync(2, `\npeak-rss-kb ${kb}\n`);
  } catch {
    /* not Linux: the parent's samples stand */
  }
});
