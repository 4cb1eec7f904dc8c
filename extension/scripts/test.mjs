// Runs the unit tests (src/*.test.ts, node:test) on Node 20, which cannot run TypeScript itself: esbuild bundles
// each test file to dist/tests/, then `node --test` runs them.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const extension = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(extension, 'dist/tests');
rmSync(out, { recursive: true, force: true });
const tests = readdirSync(join(extension, 'src')).filter((name) => name.endsWith('.test.ts'));
await build({
  entryPoints: tests.map((name) => join(extension, 'src', name)),
  outdir: out,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
});
const files = tests.map((name) => join(out, name.replace(/\.ts$/, '.mjs')));
const run = spawnSync(process.execPath, ['--test', ...files], { stdio: 'inherit' });
process.exit(run.status ?? 1);
