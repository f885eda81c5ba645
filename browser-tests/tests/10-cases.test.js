'use strict';
// The registry (issue 11): a visitor finds cases in the public registry by organisation and by
// text, and sees of a secret document only its number, date and "Sekretess"; the demo registrar
// registers a case (after a refused attempt that names the field), registers a document with a
// file, and moves the case's status; an administrator reads the number series. Every page passes
// axe-core and reflows at 320 px.

const assert = require('node:assert/strict');
const { describe, it, before, after } = require('node:test');
const { startServer, ACCOUNTS, TODAY } = require('../lib/server');
const { launchBrowser, Visitor, step } = require('../lib/browser');
const { assertText, assertNoText, h1, signIn, signOut } = require('../lib/flows');

const RUS = 'Regional utvecklingsstrategi (RUS) för Östergötland – gemensam arbetsprocess';
const NEW_CASE = 'Länstransportplan 2026–2037, regional remiss';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

describe('registry (diarium)', () => {
  let server;
  let browser;
  let v;
  let caseId; // the case the registrar registers
  const s = (fn) => step(() => v, fn);

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    v = await Visitor.open(browser, server.baseURL, 'cases');
  });

  after(async () => {
    if (v) await v.close();
    if (browser) await browser.close();
    if (server) await server.stop();
  });

  it('lets a visitor filter the registry by organisation and find a case by its words', s(async () => {
    const page = v.page;
    await v.goto('/diarium');
    await assertText(h1(page), 'Diarium');
    await page.getByLabel('Organisation').selectOption({ label: 'Region Jönköpings län (RJL)' });
    await v.navigate(() => page.getByRole('button', { name: 'Filtrera' }).click());
    const table = page.getByRole('table', { name: 'Diarium' });
    await assertText(table, 'RJL 2024/3336');
    await assertText(table, 'RJL 2024/3340');
    await assertNoText(table, RUS);
    await v.goto('/diarium?q=arbetsprocess');
    await v.navigate(() => page.getByRole('link', { name: /^RÖ \d{4}\/1$/ }).click());
    await assertText(h1(page), RUS);
  }));

  it('shows the public a secret document as its number, date and "Sekretess" only', s(async () => {
    const page = v.page;
    const documents = page.getByRole('table', { name: 'Handlingar' });
    await assertText(documents, 'Tjänsteskrivelse');
    await assertText(documents, 'Sekretess');
    await assertNoText(documents, 'personliga förhållanden');
    await assertNoText(documents, 'Privatperson');
    assert.equal(await page.getByRole('link', { name: 'Registrera handling' }).count(), 0);
  }));

  it('lets the registrar register a case, naming a refused field first', s(async () => {
    const page = v.page;
    await signIn(v, ACCOUNTS.registrator.email);
    await v.goto('/diarium');
    await v.navigate(() => page.getByRole('link', { name: 'Registrera ärende' }).click());
    await page.getByLabel('Diarium (nummerserie)').selectOption({ label: 'Region Östergötland (RÖ)' });
    await page.getByLabel('Rubrik', { exact: true }).fill('Remiss från 19121212-1212');
    await page.getByLabel('Intern rubrik').fill('LTP-remissen');
    await v.navigate(() => page.getByRole('button', { name: 'Registrera' }).click(), { expectStatus: 422 });
    await assertText(page.locator('#f-public_title-error'), 'personnummer');
    await page.getByLabel('Rubrik', { exact: true }).fill(NEW_CASE);
    await v.navigate(() => page.getByRole('button', { name: 'Registrera' }).click());
    await assertText(h1(page), NEW_CASE);
    await assertText(page.getByRole('status'), 'Ärendet är registrerat.');
    await assertText(page.locator('main'), 'LTP-remissen');
    caseId = new URL(page.url()).pathname.split('/').pop();
    assert.match(caseId, /^\d+$/);
  }));

  it('lets the registrar register a document with a file and move the status', s(async () => {
    const page = v.page;
    await v.navigate(() => page.getByRole('link', { name: 'Registrera handling' }).click());
    await page.getByLabel('Inkommande').check();
    await page.getByLabel('Handlingens datum').fill(TODAY);
    await page.getByLabel('Avsändare eller mottagare').fill('Trafikverket');
    await page.getByLabel('Kort beskrivning').fill('Remiss: förslag till länstransportplan');
    await page.getByLabel('Fil', { exact: false }).first().setInputFiles({ name: 'remiss.pdf', mimeType: 'application/pdf', buffer: PDF });
    await v.navigate(() => page.getByRole('button', { name: 'Registrera' }).click());
    await assertText(page.getByRole('status'), 'Handlingen är registrerad.');
    const documents = page.getByRole('table', { name: 'Handlingar' });
    await assertText(documents, 'Trafikverket');
    assert.equal(await documents.getByRole('link', { name: 'remiss.pdf' }).count(), 1);
    await page.getByLabel('Ny status').selectOption({ label: 'Under beredning' });
    await v.navigate(() => page.getByRole('button', { name: 'Spara' }).click());
    await assertText(page.locator('main'), 'Under beredning');
    await signOut(v);
    // The visitor sees the public document and its file, but not the internal title.
    await v.goto(`/diarium/${caseId}`);
    await assertText(page.getByRole('table', { name: 'Handlingar' }), 'remiss.pdf');
    await assertNoText(page.locator('main'), 'LTP-remissen');
  }));

  it('shows the administrator the number series and their registrars', s(async () => {
    const page = v.page;
    await signIn(v, ACCOUNTS.admin.email);
    await v.goto('/diarium/serier');
    await assertText(h1(page), 'Nummerserier och registratorer');
    await assertText(page.locator('main'), 'RJL');
    await assertText(page.locator('main'), ACCOUNTS.registrator.name);
    await signOut(v);
  }));
});
