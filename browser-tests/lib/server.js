'use strict';
// Starts the Samverkan server as a child process on a free loopback port with a fresh data
// directory and the demo region, and stops it again (SIGTERM).

const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const DEMO_PASSWORD = 'webblasare-demo-2024!';
// The day the server believes it is (SAMVERKAN_TODAY): the suite never depends on the real date.
// Set for every process the suite starts (the server and the CLI calls alike).
const TODAY = '2026-11-16';
process.env.SAMVERKAN_TODAY = TODAY;
const ACCOUNTS = {
  admin: { email: 'admin@demo.samverkan.se', name: 'Anders Admin' },
  sekreterare: { email: 'sekreterare@demo.samverkan.se', name: 'Josefin Sekreterare' },
  ledamot: { email: 'ledamot@demo.samverkan.se', name: 'Tore Ledamot' },
  registrator: { email: 'registrator@demo.samverkan.se', name: 'Rebecka Registrator' },
  kommundirektor: { email: 'kommundirektor@demo.samverkan.se', name: 'Mikael Kommundirektör' },
};

function binaryPath() {
  const fromEnv = process.env.SAMVERKAN_BIN;
  const bin = fromEnv ? path.resolve(fromEnv) : path.resolve(__dirname, '..', '..', 'target', 'debug', 'samverkan');
  if (!fs.existsSync(bin)) {
    throw new Error(
      `Samverkan binary not found at ${bin}. Build it with "cargo build -p samverkan" ` +
        'in the repository root, or set SAMVERKAN_BIN.',
    );
  }
  return bin;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * A data directory with the demo region already loaded, made once per binary and day and copied
 * for each server: loading the demo takes seconds in a debug build, copying it milliseconds. The
 * server started on the copy finds data, so it keeps it and only sets the demo passwords.
 */
function demoTemplate(bin) {
  const { mtimeMs, size } = fs.statSync(bin);
  const key = `${Math.round(mtimeMs)}-${size}-${TODAY}`;
  const dir = path.join(os.tmpdir(), `samverkan-browser-demo-${key}`);
  if (fs.existsSync(path.join(dir, 'ready'))) return dir;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'samverkan-browser-demo-work-'));
  const r = spawnSync(bin, ['--data-dir', work, 'demo'], {
    env: { ...process.env, SAMVERKAN_LOG: 'warn' },
    encoding: 'utf8',
  });
  if (r.status !== 0) {
    fs.rmSync(work, { recursive: true, force: true });
    throw new Error(`samverkan demo failed (${r.status}):\n${r.stdout}${r.stderr}`);
  }
  fs.writeFileSync(path.join(work, 'ready'), key);
  try {
    fs.renameSync(work, dir);
  } catch {
    // Another process made it first: use theirs.
    fs.rmSync(work, { recursive: true, force: true });
  }
  return dir;
}

/**
 * Starts the server; resolves to { baseURL, stop(), log() } once GET /healthz answers 200.
 * `port` (default: a free one) and more environment (`env`) may be given.
 */
async function startServer({ port: chosen, env = {} } = {}) {
  const bin = binaryPath();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samverkan-browser-'));
  fs.cpSync(demoTemplate(bin), dataDir, { recursive: true });
  fs.rmSync(path.join(dataDir, 'ready'));
  const port = chosen || (await freePort());
  const baseURL = `http://127.0.0.1:${port}`;
  let output = '';
  const child = spawn(bin, ['--data-dir', dataDir, 'serve', '--demo', '--addr', `127.0.0.1:${port}`], {
    env: {
      ...process.env,
      SAMVERKAN_DEMO_PASSWORD: DEMO_PASSWORD,
      SAMVERKAN_LOG: process.env.SAMVERKAN_LOG || 'warn',
      ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  let exited = null;
  child.on('exit', (code, signal) => (exited = { code, signal }));
  // Never leave the server behind, even if the test process ends abruptly.
  const reap = () => {
    if (!exited) child.kill('SIGTERM');
  };
  process.once('exit', reap);

  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited) {
      throw new Error(`samverkan exited early (${JSON.stringify(exited)}):\n${output}`);
    }
    try {
      const r = await fetch(`${baseURL}/healthz`);
      if (r.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(`samverkan did not answer /healthz within 30 s:\n${output}`);
    }
    await sleep(100);
  }

  async function stop() {
    if (!exited) {
      child.kill('SIGTERM');
      const until = Date.now() + 5_000;
      while (!exited && Date.now() < until) await sleep(50);
      if (!exited) child.kill('SIGKILL');
    }
    process.removeListener('exit', reap);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }

  return { baseURL, stop, log: () => output, dataDir, bin };
}

module.exports = { startServer, freePort, DEMO_PASSWORD, ACCOUNTS, TODAY };
