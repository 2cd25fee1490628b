'use strict';
/**
 * Preloaded into every process the benchmark measures (`node -r
 * tools/bench/recordMaxRss.js …`): when the process exits, it writes its peak
 * resident set size, `process.resourceUsage().maxRSS` in KB, to the file
 * named by REFLIB_BENCH_RSS_FILE. Works for any Node program (ajv-cli too).
 * Plain CommonJS with no dependencies, so that it costs next to nothing.
 */
const fs = require('node:fs');

const target = process.env.REFLIB_BENCH_RSS_FILE;
if (target) {
  // Not inherited by processes this one starts: they would overwrite the figure.
  delete process.env.REFLIB_BENCH_RSS_FILE;
  const record = () => {
    try {
      fs.writeFileSync(target, String(process.resourceUsage().maxRSS));
    } catch {
      // Measuring must never change how the process ends.
    }
  };
  process.on('exit', record);
  // A long-running process (validate --watch) is stopped with SIGTERM: record, then end as the signal would.
  process.once('SIGTERM', () => {
    record();
    process.kill(process.pid, 'SIGTERM');
  });
}
