'use strict';
// A plain user (ledamot): no administration, contact details visible, a personal API token
// created on "Mitt konto", shown once and usable against the API, the language of the e-mail
// chosen there, then sign-out.

const assert = require('node:assert/strict');
const { describe, it, before, after } = require('node:test');
const { startServer, ACCOUNTS } = require('../lib/server');
const { launchBrowser, Visitor, step } = require('../lib/browser');
const { assertText, assertNoText, h1, signIn, signOut } = require('../lib/flows');

const TOKEN_NAME = 'Webbläsartest';

describe('plain user (ledamot)', () => {
  let server;
  let browser;
  let v;
  let token;
  const s = (fn) => step(() => v, fn);

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    v = await Visitor.open(browser, server.baseURL, 'ledamot');
  });

  after(async () => {
    if (v) await v.close();
    if (browser) await browser.close();
    if (server) await server.stop();
  });

  it('signs in with the keyboard and is brought back to the page asked for', s(async () => {
    const page = v.page;
    await v.goto('/konto');
    assert.equal(new URL(page.url()).pathname, '/logga-in');
    await signIn(v, ACCOUNTS.ledamot.email);
    assert.equal(new URL(page.url()).pathname, '/konto');
    assert.equal((await h1(page).innerText()).trim(), 'Mitt konto');
    await assertText(page.getByRole('banner'), `Inloggad som ${ACCOUNTS.ledamot.name}`);
    assert.equal(
      await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Administration' }).count(),
      0,
      'a plain user is offered the admin menu',
    );
  }));

  it('gets the 403 page for /admin and the admin forms', s(async () => {
    const page = v.page;
    await v.goto('/admin', { expectStatus: 403 });
    assert.equal((await h1(page).innerText()).trim(), 'Ingen behörighet');
    await v.goto('/admin/logg', { expectStatus: 403 });
    assert.equal((await h1(page).innerText()).trim(), 'Ingen behörighet');
    await v.goto('/organisationer/ny', { expectStatus: 403 });
    assert.equal((await h1(page).innerText()).trim(), 'Ingen behörighet');
  }));

  it('sees the e-mail column in the people list', s(async () => {
    const page = v.page;
    await v.goto('/personer');
    const headers = await page.getByRole('table', { name: 'Personer' }).locator('thead th').allTextContents();
    assert.ok(headers.includes('E-post'), `no e-mail column: ${JSON.stringify(headers)}`);
    assert.ok((await page.locator('main a[href^="mailto:"]').count()) > 0);
  }));

  it('is told to name a new API token', s(async () => {
    const page = v.page;
    await v.goto('/konto');
    const tokens = page.getByRole('region', { name: 'Personliga API-nycklar' });
    await v.navigate(() => tokens.getByRole('button', { name: 'Skapa nyckel' }).click(), { expectStatus: 422 });
    assert.equal(await page.locator('.error-summary[role=alert]').count(), 1);
    assert.equal(await page.locator('#f-name-error.field-error').count(), 1);
    assert.equal(await page.locator('#f-name').getAttribute('aria-invalid'), 'true');
  }));

  it('chooses English for the e-mail Samverkan sends on /konto', s(async () => {
    const page = v.page;
    await v.goto('/konto');
    const mail = page.getByRole('region', { name: 'E-post från Samverkan' });
    assert.equal(await mail.getByLabel('Språk i e-post').inputValue(), 'sv', 'Swedish by default');
    await mail.getByLabel('Språk i e-post').selectOption('en');
    await v.navigate(() => mail.getByRole('button', { name: 'Spara' }).click(), { expectStatus: 200 });
    await assertText(page.getByRole('status'), 'Ändringarna är sparade.');
    assert.equal(await page.getByRole('region', { name: 'E-post från Samverkan' }).getByLabel('Språk i e-post').inputValue(), 'en');
  }));

  it('creates an API token on /konto that is shown once', s(async () => {
    const page = v.page;
    await v.goto('/konto');
    const tokens = page.getByRole('region', { name: 'Personliga API-nycklar' });
    await tokens.getByLabel('Namn på nyckeln').fill(TOKEN_NAME);
    await v.navigate(() => tokens.getByRole('button', { name: 'Skapa nyckel' }).click(), { expectStatus: 200 });
    const notice = tokens.getByRole('status');
    await assertText(notice, 'Kopiera den nu');
    token = (await notice.locator('code.token').innerText()).trim();
    assert.ok(token.length >= 20, `token looks too short: ${JSON.stringify(token)}`);
    const table = tokens.getByRole('table', { name: 'Personliga API-nycklar' });
    await assertText(table, TOKEN_NAME);
    await assertText(table, 'aldrig');

    // Coming back to the page, the token is no longer shown.
    await v.navigate(() => page.getByRole('banner').getByRole('link', { name: ACCOUNTS.ledamot.name }).click());
    assert.equal(new URL(page.url()).pathname, '/konto');
    assert.equal(await page.locator('code.token').count(), 0);
    assert.ok(!(await page.content()).includes(token), 'the token is shown again');
    await assertText(tokens.getByRole('table'), TOKEN_NAME);
  }));

  it('uses the token against /api/v1/me from Node', s(async () => {
    assert.ok(token, 'no token was created');
    const me = await fetch(`${v.baseURL}/api/v1/me`, { headers: { Authorization: `Bearer ${token}` } });
    assert.equal(me.status, 200);
    const body = await me.json();
    assert.equal(body.email, ACCOUNTS.ledamot.email);
    assert.equal(body.name, ACCOUNTS.ledamot.name);

    const anonymous = await fetch(`${v.baseURL}/api/v1/me`);
    assert.equal(anonymous.status, 401);
    const wrong = await fetch(`${v.baseURL}/api/v1/me`, { headers: { Authorization: 'Bearer not-a-token' } });
    assert.equal(wrong.status, 401);

    // The account page now tells when the token was last used.
    await v.goto('/konto');
    const row = v.page.getByRole('table', { name: 'Personliga API-nycklar' }).locator('tbody tr', { hasText: TOKEN_NAME });
    await assertNoText(row, 'aldrig');
  }));

  it('signs out', s(async () => {
    await signOut(v);
    await v.goto('/personer');
    const headers = await v.page.getByRole('table', { name: 'Personer' }).locator('thead th').allTextContents();
    assert.ok(!headers.includes('E-post'), 'contact details still shown after sign-out');
    // The token keeps working: signing out of the browser does not revoke API tokens.
    const me = await fetch(`${v.baseURL}/api/v1/me`, { headers: { Authorization: `Bearer ${token}` } });
    assert.equal(me.status, 200);
  }));

  it('checked every page it loaded', () => {
    v.assertEveryPageChecked();
  });
});
