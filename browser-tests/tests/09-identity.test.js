'use strict';
// Single sign-on (ADR 29): the sign-in page offers "Logga in med <label>" for the configured
// provider; a person clicks it, signs in at a real OpenID Connect provider (oidc-provider, the
// tests' own in crates/web/tests/support/oidc) and comes back signed in; an address nobody in
// the register has is refused in words; signing out signs out at the provider too; the
// administrators' page shows the provider. Every page
// passes axe-core and reflows at 320 px.

const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const readline = require('node:readline');
const { describe, it, before, after } = require('node:test');
const { startServer, freePort, ACCOUNTS, TODAY } = require('../lib/server');
const { launchBrowser, Visitor, step } = require('../lib/browser');
const { assertText, h1, signIn } = require('../lib/flows');

const PROVIDER_DIR = path.resolve(__dirname, '..', '..', 'crates', 'web', 'tests', 'support', 'oidc');
const LABEL = 'Testregionens konto';
const SECRET = 'webblasarens-hemlighet';

/** The provider on a free port, its clock at 10:00 Swedish time on TODAY like the server's. */
async function startProvider(redirect, signedOut) {
  if (!fs.existsSync(path.join(PROVIDER_DIR, 'node_modules', 'oidc-provider'))) {
    throw new Error(`the test provider is not installed: run "npm ci" in ${PROVIDER_DIR} (scripts/test does)`);
  }
  const clock = Date.parse(`${TODAY}T09:00:00Z`) / 1000; // 10:00 CET in November
  const child = spawn('node', ['provider.mjs'], {
    cwd: PROVIDER_DIR,
    env: {
      ...process.env,
      CLOCK_START: String(clock),
      CLIENTS: JSON.stringify([
        { client_id: 'samverkan', client_secret: SECRET, redirect_uris: [redirect], post_logout_redirect_uris: [signedOut] },
      ]),
    },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const first = await new Promise((resolve, reject) => {
    readline.createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the provider exited (${code})`)));
  });
  const issuer = first.replace(/^issuer /, '');
  return { issuer, stop: () => child.kill('SIGTERM') };
}

describe('single sign-on through an OpenID Connect provider', () => {
  let provider;
  let server;
  let browser;
  let v;
  const s = (fn) => step(() => v, fn);
  // A browser of its own: the provider remembers who signed in at it (that is single sign-on).
  const fresh = async (label) => {
    v.assertEveryPageChecked();
    await v.close();
    v = await Visitor.open(browser, server.baseURL, label);
  };

  before(async () => {
    const port = await freePort();
    provider = await startProvider(
      `http://127.0.0.1:${port}/logga-in/oidc/svar`,
      `http://127.0.0.1:${port}/?klart=utloggad`,
    );
    server = await startServer({
      port,
      env: {
        SAMVERKAN_OIDC_1_ISSUER: provider.issuer,
        SAMVERKAN_OIDC_1_CLIENT_ID: 'samverkan',
        SAMVERKAN_OIDC_1_CLIENT_SECRET: SECRET,
        SAMVERKAN_OIDC_1_LABEL: LABEL,
      },
    });
    browser = await launchBrowser();
    v = await Visitor.open(browser, server.baseURL, 'identity');
  });

  after(async () => {
    if (v) {
      v.assertEveryPageChecked();
      await v.close();
    }
    if (browser) await browser.close();
    if (server) await server.stop();
    if (provider) provider.stop();
  });

  it('offers the provider on the sign-in page beside the password form', s(async () => {
    const page = v.page;
    await v.goto('/logga-in');
    await assertText(h1(page), 'Logga in');
    const button = page.getByRole('button', { name: `Logga in med ${LABEL}` });
    assert.equal(await button.count(), 1);
    assert.ok(await page.getByLabel('E-postadress').isVisible(), 'the password form stays for local accounts');
  }));

  it('signs a person in at the provider and brings them back signed in', s(async () => {
    const page = v.page;
    await v.goto('/logga-in');
    await v.navigate(() => page.getByRole('button', { name: `Logga in med ${LABEL}` }).click());
    assert.ok(page.url().startsWith(provider.issuer), `at the provider: ${page.url()}`);
    await page.getByLabel('E-post').fill(ACCOUNTS.ledamot.email);
    await v.navigate(() => page.getByRole('button', { name: 'Logga in' }).click());
    assert.equal(new URL(page.url()).origin, server.baseURL);
    assert.ok(await page.getByRole('banner').getByRole('button', { name: 'Logga ut' }).isVisible());
    await v.goto('/konto');
    await assertText(page.getByRole('main'), ACCOUNTS.ledamot.email);
    // Signing out goes on to the provider (RP-Initiated Logout), which asks and sends the
    // person back here signed out; signing in again asks for the login at the provider anew.
    await v.navigate(() => page.getByRole('banner').getByRole('button', { name: 'Logga ut' }).click());
    assert.ok(page.url().startsWith(`${provider.issuer}/session/end`), `at the provider: ${page.url()}`);
    await v.navigate(() => page.getByRole('button', { name: 'Logga ut' }).click());
    assert.equal(new URL(page.url()).origin, server.baseURL);
    await assertText(page.getByRole('status'), 'Du är utloggad.');
    assert.equal(await page.getByRole('banner').getByRole('button', { name: 'Logga ut' }).count(), 0);
    await v.goto('/logga-in');
    await v.navigate(() => page.getByRole('button', { name: `Logga in med ${LABEL}` }).click());
    assert.ok(page.url().startsWith(provider.issuer), `at the provider's login again: ${page.url()}`);
    assert.ok(await page.getByLabel('E-post').isVisible());
  }));

  it('refuses, in words, an address nobody in the register has', s(async () => {
    await fresh('identity-refused');
    const page = v.page;
    await v.goto('/logga-in');
    await v.navigate(() => page.getByRole('button', { name: `Logga in med ${LABEL}` }).click());
    await page.getByLabel('E-post').fill('ingen.alls@example.se');
    await v.navigate(() => page.getByRole('button', { name: 'Logga in' }).click(), { expectStatus: 400 });
    await assertText(page.getByRole('alert'), 'Det finns inget konto eller någon person i registret');
    assert.equal(await page.getByRole('banner').getByRole('button', { name: 'Logga ut' }).count(), 0);
  }));

  it('shows administrators the provider and the address to register at it', s(async () => {
    await fresh('identity-admin');
    const page = v.page;
    await signIn(v, ACCOUNTS.admin.email);
    await v.goto('/admin/inloggning');
    await assertText(h1(page), 'Inloggning');
    await assertText(page.getByRole('main'), `${server.baseURL}/logga-in/oidc/svar`);
    await assertText(page.getByRole('table').first(), provider.issuer);
  }));
});
