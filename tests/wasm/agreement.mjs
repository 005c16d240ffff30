#!/usr/bin/env node
// Does the WebAssembly build compute what the native binary computes? (issue 17)
//
// 1. Same seed: the module (run in Node) and `doorstroom serve` must give the same differences to
//    rounding, since the random streams (Random123 Philox, wasm/random123_wasm.h) and the model are
//    the same code.
// 2. Independent seeds: every key outcome's difference with the baseline, for several scenarios,
//    is compared with a two-sample z-test, as bench/peers does for its peers: the standard error of
//    each side is its 95% Student-t interval over the replicates divided by 2 t; the check fails
//    when the worst |z| exceeds the Bonferroni bound for a 1% chance of a false failure.
//
//   node tests/wasm/agreement.mjs --module build/wasm/doorstroom_wasm.js --doorstroom build/doorstroom
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { startServe } from '../browser/serve_process.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const opt = (name, fallback) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : fallback; };
const STUDENTS = Number(opt('--students', 100000));
const SCENARIOS = opt('--scenarios', 'loopbaancoach,warme_overdracht,meer_bbl,strengere_toelating,doorlopende_leerroute,mbo_raad_1_overstap').split(',');
const REPLICATIONS = 10;  // serve/limits.h, both sides
const T975 = 2.2621571628;  // Student t, 9 degrees of freedom

async function wasmSide(modulePath) {
  const DoorstroomModule = createRequire(import.meta.url)(path.resolve(modulePath));
  const m = await DoorstroomModule();
  m.FS.mkdir('/scenarios');
  const names = fs.readdirSync(path.join(REPO, 'scenarios')).filter((f) => f.endsWith('.toml'));
  for (const n of names) m.FS.writeFile('/scenarios/' + n, fs.readFileSync(path.join(REPO, 'scenarios', n), 'utf8'));
  const list = JSON.parse(m.ccall('dw_init', 'string', ['string'], [names.map((n) => '/scenarios/' + n).join('\n')]));
  if (list.error) throw new Error('wasm: ' + list.error);
  return (scenario, seed) => {
    const r = JSON.parse(m.ccall('dw_compare', 'string', ['string'], [`scenario\t${scenario}\nstudents\t${STUDENTS}\nseed\t${seed}`]));
    if (r.error) throw new Error('wasm: ' + r.error);
    return r;
  };
}

async function nativeSide(binary) {
  const { proc, base } = await startServe(binary, ['--max-seconds', '600']);
  // A new connection per request (node:http without an agent): the wasm side runs for seconds
  // between requests, longer than the server keeps an idle connection open.
  const ask = (scenario, seed) => new Promise((resolve, reject) => {
    http.get(`${base}/api/compare?scenario=${scenario}&students=${STUDENTS}&seed=${seed}`, { agent: false }, (res) => {
      let body = '';
      res.on('data', (d) => { body += d; });
      res.on('end', () => {
        const r = JSON.parse(body);
        if (res.statusCode !== 200) reject(new Error('native: ' + r.error)); else resolve(r);
      });
    }).on('error', reject);
  });
  return { ask, stop: () => proc.kill() };
}

const se = (d) => (d.high - d.low) / (2 * T975);

async function main() {
  const wasm = await wasmSide(opt('--module', 'build/wasm/doorstroom_wasm.js'));
  const native = await nativeSide(opt('--doorstroom', 'build/doorstroom'));
  let failed = false;
  try {
    // 1. Same seed.
    const a = wasm(SCENARIOS[0], 1), b = await native.ask(SCENARIOS[0], 1);
    const gap = Math.max(...a.key.map((d, i) => Math.abs(d.delta - b.key[i].delta)));
    console.log(`same seed (${SCENARIOS[0]}): largest difference between wasm and native deltas ${gap.toExponential(2)}`);
    if (gap > 1e-6) { console.log('FAIL: the same seed should give the same numbers'); failed = true; }

    // 2. Independent seeds.
    const tested = [];
    for (const scenario of SCENARIOS) {
      const w = wasm(scenario, 2), n = await native.ask(scenario, 3);
      w.key.forEach((d, i) => {
        const e = n.key[i];
        const s = Math.hypot(se(d), se(e));
        if (s > 0) tested.push({ z: (d.delta - e.delta) / s, label: `${scenario}: ${d.label}`, w: d.delta, n: e.delta });
      });
    }
    const bound = inverseNormal(1 - 0.01 / (2 * tested.length));
    const worst = tested.reduce((x, y) => (Math.abs(y.z) > Math.abs(x.z) ? y : x));
    const meanZ2 = tested.reduce((s, t) => s + t.z * t.z, 0) / tested.length;
    console.log(`independent seeds, ${STUDENTS} students per variant: ${tested.length} z-tests, worst |z| ${Math.abs(worst.z).toFixed(2)} ` +
      `(${worst.label}: wasm ${(1000 * worst.w).toFixed(2)}, native ${(1000 * worst.n).toFixed(2)} per 1.000), ` +
      `Bonferroni bound ${bound.toFixed(2)}, mean z^2 ${meanZ2.toFixed(2)}`);
    if (Math.abs(worst.z) > bound) { console.log('FAIL: wasm and native disagree beyond Monte Carlo error'); failed = true; }
  } finally {
    native.stop();
  }
  process.exit(failed ? 1 : 0);
}

// The standard normal quantile by bisection, with erf from its Taylor series (exact enough below |x| = 5).
function inverseNormal(p) {
  const cdf = (x) => 0.5 * (1 + erf(x / Math.SQRT2));
  let lo = -10, hi = 10;
  for (let i = 0; i < 100; ++i) { const mid = (lo + hi) / 2; if (cdf(mid) < p) lo = mid; else hi = mid; }
  return (lo + hi) / 2;
}
function erf(x) {
  let sum = x, term = x;
  for (let n = 1; n < 200; ++n) { term *= -x * x / n; sum += term / (2 * n + 1); }
  return 2 / Math.sqrt(Math.PI) * sum;
}

main().catch((e) => { console.error(e.message); process.exit(1); });
