// `doorstroom serve` on a free loopback port for a test: resolves to { proc, base } once the
// server prints its address.
import { spawn } from 'node:child_process';

export function startServe(binary, extra = []) {
  const proc = spawn(binary, ['serve', '--port', '0', '--quiet', ...extra], { stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let text = '';
    proc.stderr.on('data', (d) => {
      text += d;
      const m = text.match(/(http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) resolve({ proc, base: m[1] });
    });
    proc.on('exit', (code) => reject(new Error(`doorstroom serve exited with ${code}: ${text}`)));
  });
}
