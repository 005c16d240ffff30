#!/usr/bin/env node
// The workshop page in a real browser (issue 17): headless Chromium opens it, from disk
// (workshop.html, no network) or from `doorstroom serve`, with settings in the URL, and checks
// that it draws (<body data-status="klaar">) with the outcome labels and numbers, that a slider
// set through the URL changes the numbers, that the URL keeps the settings, and that opening that
// URL again gives the same numbers, and that printing gives one A4 page.
//
//   node tests/browser/workshop_page.mjs --html out/workshop/workshop.html [--redraws N]
//   node tests/browser/workshop_page.mjs --serve build/doorstroom
//
// --redraws N (workshop.html) moves a slider N times at 50,000 students per variant and prints
// the redraw times (docs/workshop.md quotes them). Exits 1 on a failed check.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Browser } from './cdp.mjs';
import { startServe } from './serve_process.mjs';

const args = process.argv.slice(2);
const opt = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };

function check(ok, message) {
  if (!ok) throw new Error('check failed: ' + message);
  console.log('ok: ' + message);
}

const forestText = 'document.getElementById("forest").textContent';
const drawn = 'document.body.dataset.status === "klaar"';

async function drawnPage(browser, url) {
  const page = await browser.open(url);
  await page.waitFor(`document.body.dataset.status === "klaar" || document.body.dataset.status === "fout"`, 120);
  const status = await page.evaluate('document.body.dataset.status + ": " + document.getElementById("status").textContent');
  check(status.startsWith('klaar'), `${url.slice(0, 90)}… is drawn (${status})`);
  return page;
}

async function main() {
  const html = opt('--html');
  const serveBinary = opt('--serve');
  const server = serveBinary ? await startServe(serveBinary) : null;
  const base = server ? server.base + '/' : pathToFileURL(path.resolve(html)).href;
  const browser = new Browser();
  try {
    const plain = await drawnPage(browser, `${base}?scenario=loopbaancoach&students=50000`);
    const text = await plain.evaluate(forestText);
    check(/entreediploma/.test(text) && /startkwalificatie/.test(text), 'the outcome labels are shown');
    check(/[+-−]?\d/.test(text), 'the numbers are shown');
    check((await plain.evaluate('document.getElementById("scenario").value')) === 'loopbaancoach', 'the scenario comes from the URL');
    const nodes = await plain.evaluate('document.querySelectorAll("#sankey g.node").length');
    check(nodes >= 12, `the Sankey is drawn (${nodes} nodes)`);
    const faded = await plain.evaluate(`(() => { document.querySelector('#sankey g.node[data-node="o:pro"]').dispatchEvent(new Event('click'));
      return [...document.querySelectorAll('#sankey path')].filter(p => Number(p.getAttribute('opacity')) < 0.1).length; })()`);
    check(faded > 0, `clicking a node keeps only its flows (${faded} others faded)`);
    const armText = await plain.evaluate(`(() => { document.getElementById('arm').click(); return document.getElementById('arm-name').textContent; })()`);
    check(armText === 'basis', 'the Sankey switches to the base');

    const moved = await drawnPage(browser, `${base}?scenario=loopbaancoach&students=50000&world.entree_uitval=1.3`);
    const movedText = await moved.evaluate(forestText);
    check(movedText !== text, 'a slider set through the URL changes the numbers');
    check((await moved.evaluate('document.querySelector("input[data-id=\'world.entree_uitval\']").value')) === '1.3', 'the slider shows the URL value');
    const href = await moved.evaluate('document.getElementById("link").value');
    const search = new URL(href).searchParams;
    check(search.get('scenario') === 'loopbaancoach' && search.get('students') === '50000' && search.get('world.entree_uitval') === '1.3',
      `the link keeps the settings (${new URL(href).search})`);
    const again = await drawnPage(browser, href);
    check((await again.evaluate(forestText)) === movedText, 'opening the link again gives the same numbers');
    const pages = ((await again.pdf()).toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
    check(pages === 1, `printing gives one page (${pages})`);
    const csv = await again.evaluate('csv()');
    check(csv.split('\n').length > 10 && csv.includes('verschil_per_1000'), 'the CSV holds the numbers');

    const presentation = await drawnPage(browser, `${base}?scenario=loopbaancoach&presentatie=1&schuifjes=world.entree_uitval`);
    const visible = await presentation.evaluate('[...document.querySelectorAll(".slider")].filter(s => getComputedStyle(s).display !== "none").length');
    check(visible === 1, `presentation mode shows only the listed slider (${visible})`);

    const redraws = Number(opt('--redraws') || 0);
    if (redraws > 0) {
      const times = [];
      for (let i = 0; i < redraws; ++i) {
        const v = (0.8 + 0.4 * ((i * 7) % redraws) / redraws).toFixed(2);
        await again.evaluate(`(() => { const s = document.querySelector("input[data-id='world.entree_uitval']");
          s.value = ${v}; s.dispatchEvent(new Event('input')); })()`);
        await again.waitFor(drawn, 60);
        times.push(Number(await again.evaluate('document.body.dataset.ms')));
      }
      times.sort((a, b) => a - b);
      console.log(`redraw at 50,000 students per variant, ${redraws} redraws: median ${times[Math.floor(redraws / 2)]} ms, ` +
        `min ${times[0]} ms, max ${times[redraws - 1]} ms`);
    }
  } finally {
    await browser.close();
    if (server) server.proc.kill();
  }
}

main().catch((e) => { console.error(e.message); process.exit(1); });
