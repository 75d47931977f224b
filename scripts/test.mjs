// `npm test`: make sure the system tools are there, then run every test of every package (lint and
// type checks run as tests too) and end with the one line CI reads, even when mocha cannot start.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { ensureSystemPackages } from './system-packages.mjs';

ensureSystemPackages();

const child = spawn(process.execPath, ['node_modules/mocha/bin/mocha.js', ...process.argv.slice(2)], {
  stdio: ['inherit', 'pipe', 'inherit'],
});
let sawSummary = false;
const summary = /^\d+ passed, \d+ failed(, \d+ skipped)?$/;
createInterface({ input: child.stdout }).on('line', (line) => {
  if (summary.test(line.trim())) sawSummary = true;
  process.stdout.write(line + '\n');
});
child.on('close', (code) => {
  if (!sawSummary) console.log(`0 passed, 1 failed`);
  process.exit(code ?? 1);
});
