'use strict';
// Secrecy grants and archive packages (issue 11, ADR 54): the demo registrar grants Tore
// Ledamot reading of the RUS case's secret letter (refused first without a reason), Tore then
// reads its description where others see only "Sekretess", and the registrar exports the closed
// case RJL 2024/3336 as an archive package and opens the year's export form. Every page passes
// axe-core and reflows at 320 px.

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert');
const { startServer, ACCOUNTS } = require('../lib/server');
const { launchBrowser, Visitor, step } = require('../lib/browser');
const { assertText, assertNoText, h1, signIn, signOut } = require('../lib/flows');

const SECRET = 'Synpunkter på processplanen';

describe('secrecy grants and archive packages', () => {
  let server;
  let browser;
  let v;
  let rusUrl;
  const s = (fn) => step(() => v, fn);

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    v = await Visitor.open(browser, server.baseURL, 'registry-archive');
  });

  after(async () => {
    if (v) await v.close();
    if (browser) await browser.close();
    if (server) await server.stop();
  });

  it('lets the registrar grant a named person reading of a secret document', s(async () => {
    const page = v.page;
    await signIn(v, ACCOUNTS.registrator.email);
    await v.goto('/diarium?q=arbetsprocess');
    await v.navigate(() => page.getByRole('link', { name: /^RÖ \d{4}\/1$/ }).click());
    rusUrl = new URL(page.url()).pathname;
    await assertText(page.locator('main'), SECRET);
    const form = page.locator('#behorigheter').locator('..');
    await form.getByLabel('Person (kontots e-postadress)').fill(ACCOUNTS.ledamot.email);
    await v.navigate(() => form.getByRole('button', { name: 'Ge behörighet' }).click(), { expectStatus: 422 });
    await assertText(page.locator('#f-grant_reason-error'), 'Fältet måste fyllas i');
    await page.locator('#f-grant_reason').fill('Beredning av yttrande i Samrådet');
    await v.navigate(() => page.getByRole('button', { name: 'Ge behörighet' }).click());
    const table = page.getByRole('table', { name: 'Behörighet till sekretessmarkerade handlingar' });
    await assertText(table, ACCOUNTS.ledamot.email);
    await assertText(table, 'Gäller');
    await signOut(v);
  }));

  it('shows the granted person the document, and others only that it is secret', s(async () => {
    const page = v.page;
    await v.goto(rusUrl);
    await assertNoText(page.locator('main'), SECRET);
    await assertText(page.locator('main'), 'Sekretess');
    await signIn(v, ACCOUNTS.ledamot.email);
    await v.goto(rusUrl);
    await assertText(page.locator('main'), SECRET);
    await assertText(page.locator('main'), 'Du har fått behörighet');
    await signOut(v);
  }));

  it('exports a closed case as an archive package and offers the year export', s(async () => {
    const page = v.page;
    await signIn(v, ACCOUNTS.registrator.email);
    await v.goto('/diarium?q=Anmälningsärenden');
    await v.navigate(() => page.getByRole('link', { name: 'RJL 2024/3336' }).click());
    const link = page.getByRole('link', { name: 'Exportera arkivpaket (ZIP)' });
    const href = await link.getAttribute('href');
    const head = await page.evaluate(async (u) => {
      const r = await fetch(u);
      const b = new Uint8Array(await r.arrayBuffer());
      return { status: r.status, type: r.headers.get('content-type'), magic: String.fromCharCode(b[0], b[1]), size: b.length };
    }, href);
    assert.deepStrictEqual([head.status, head.type, head.magic], [200, 'application/zip', 'PK']);
    assert.ok(head.size > 500, `package of ${head.size} bytes`);
    await v.goto('/diarium/arkiv');
    await assertText(h1(page), 'Arkivpaket');
    await page.getByLabel('År').fill('1800');
    await v.navigate(() => page.getByRole('button', { name: 'Hämta arkivpaket' }).click(), { expectStatus: 422 });
    await assertText(page.locator('#f-archive_year-error'), 'Ange ett år mellan 1900');
  }));
});
