// Headless Chromium driven over the DevTools protocol on a pipe (--remote-debugging-pipe: JSON
// messages ending in NUL on file descriptors 3 and 4), so no WebSocket package is needed. Only
// what the page tests use: open a URL, evaluate an expression, wait for a condition.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function findChromium() {
  for (const c of process.env.CHROMIUM ? [process.env.CHROMIUM] : ['chromium', 'chromium-browser', 'google-chrome']) {
    const r = spawnSync(c, ['--version'], { encoding: 'utf8', timeout: 30000 });
    if (!r.error && r.status === 0) return c;
  }
  throw new Error('no Chromium found (Debian: chromium, installed by make deps)');
}

export class Browser {
  constructor() {
    this.profile = fs.mkdtempSync(path.join(os.tmpdir(), 'doorstroom-chromium-'));
    this.proc = spawn(findChromium(), ['--headless', '--disable-gpu', '--no-sandbox', '--no-first-run',
      '--remote-debugging-pipe', `--user-data-dir=${this.profile}`, '--allow-file-access-from-files', 'about:blank'],
    { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] });
    this.stderr = '';
    this.proc.stderr.on('data', (d) => { this.stderr += d; });
    this.next = 0;
    this.waiting = new Map();
    let buffer = '';
    this.proc.stdio[4].on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      let end;
      while ((end = buffer.indexOf('\0')) >= 0) {
        const msg = JSON.parse(buffer.slice(0, end));
        buffer = buffer.slice(end + 1);
        const w = msg.id && this.waiting.get(msg.id);
        if (w) { this.waiting.delete(msg.id); msg.error ? w.reject(new Error(JSON.stringify(msg.error))) : w.resolve(msg.result); }
      }
    });
  }

  send(method, params = {}, sessionId) {
    const id = ++this.next;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.proc.stdio[3].write(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }) + '\0');
    });
  }

  /** A new tab at `url`; returns a page object with evaluate() and waitFor(). */
  async open(url) {
    const { targetId } = await this.send('Target.createTarget', { url });
    const { sessionId } = await this.send('Target.attachToTarget', { targetId, flatten: true });
    const page = {
      evaluate: async (expression) => {
        const r = await this.send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true }, sessionId);
        if (r.exceptionDetails) throw new Error(`${expression}: ${JSON.stringify(r.exceptionDetails)}`);
        return r.result.value;
      },
      waitFor: async (expression, seconds = 60) => {
        const until = Date.now() + seconds * 1000;
        for (;;) {
          const v = await page.evaluate(expression).catch(() => undefined);
          if (v) return v;
          if (Date.now() > until) throw new Error(`timed out after ${seconds} s waiting for ${expression}`);
          await new Promise((r) => setTimeout(r, 50));
        }
      },
      // The page printed on A4 as a PDF (a Buffer), as Ctrl-P would.
      pdf: async () => Buffer.from((await this.send('Page.printToPDF',
        { paperWidth: 8.27, paperHeight: 11.69, preferCSSPageSize: true }, sessionId)).data, 'base64'),
      close: () => this.send('Target.closeTarget', { targetId }),
    };
    return page;
  }

  /**
   * Stops Chromium and, once it has exited, removes its profile. Browser.close lets Chromium shut
   * its helper processes and flush the profile; a plain kill stopped only the main process, and a
   * helper still writing into the profile made the removal fail now and then (ENOTEMPTY).
   */
  async close() {
    const exited = new Promise((resolve) => this.proc.once('exit', resolve));
    const grace = new Promise((resolve) => setTimeout(resolve, 5000, 'timeout'));
    this.send('Browser.close').catch(() => {});
    if ((await Promise.race([exited, grace])) === 'timeout') {
      this.proc.kill();
      await exited;
    }
    try {
      fs.rmSync(this.profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    } catch (e) {
      // Left behind in the temporary folder: a cleanup problem, not a failure of the page.
      process.stderr.write(`note: could not remove the Chromium profile ${this.profile}: ${e.message}\n`);
    }
  }
}
