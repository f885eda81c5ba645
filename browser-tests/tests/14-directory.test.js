'use strict';
// The people register kept in step with the region's directory (issue 15, ADR 40): the
// administrator uploads an export with a bad row and sees the row named, then a good one, reads
// the dry run (nothing changed yet) and applies it; the applied import is listed with its
// counts. Every page passes axe-core and reflows at 320 px.

const assert = require('node:assert/strict');
const { describe, it, before, after } = require('node:test');
const { startServer, ACCOUNTS } = require('../lib/server');
const { launchBrowser, Visitor, step } = require('../lib/browser');
const { assertText, h1, signIn, signOut } = require('../lib/flows');

const BODY = 'Ledningsgruppen för vård och omsorg';
const HEADER = 'extern_id;fornamn;efternamn;epost;organisation;titel;organ;roll;sida;start;slut;mandatperiod';
const GOOD = [
  HEADER,
  `katalog-101;Maja;Katalogsson;maja.katalogsson@regionostergotland.se;05;Regional digitaliseringschef;${BODY};ledamot;;;;2023–2026`,
  'katalog-102;Nils;Förvaltare;nils.forvaltare@linkoping.se;0580;Socialdirektör;;;;;;',
].join('\n') + '\n';
const BAD = [HEADER, 'katalog-103;Ada;Okänd;;Atlantis kommun;;;;;;;'].join('\n') + '\n';

describe('directory import', () => {
  let server;
  let browser;
  let v;
  const s = (fn) => step(() => v, fn);

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    v = await Visitor.open(browser, server.baseURL, 'directory');
  });

  after(async () => {
    if (v) await v.close();
    if (browser) await browser.close();
    if (server) await server.stop();
  });

  it('names the bad row of a refused export and changes nothing', s(async () => {
    const page = v.page;
    await signIn(v, ACCOUNTS.admin.email);
    await v.goto('/admin');
    await v.navigate(() => page.getByRole('link', { name: 'Importera från katalogen' }).click());
    await assertText(h1(page), 'Importera från katalogen');
    await page.getByLabel('Exportfil').setInputFiles({ name: 'katalog.csv', mimeType: 'text/csv', buffer: Buffer.from(BAD) });
    await v.navigate(() => page.getByRole('button', { name: 'Provkör' }).click(), { expectStatus: 422 });
    const errors = page.getByRole('table', { name: 'Rader med fel' });
    await assertText(errors, 'Atlantis kommun');
    await assertText(errors, 'organisation');
  }));

  it('shows the dry run of a good export and applies exactly it', s(async () => {
    const page = v.page;
    await page.getByLabel('Eller klistra in exporten').fill(GOOD);
    await v.navigate(() => page.getByRole('button', { name: 'Provkör' }).click());
    await assertText(h1(page), 'Provkörning av importen');
    await assertText(page.getByRole('table', { name: 'Nya personer' }), 'Maja Katalogsson');
    await assertText(page.getByRole('table', { name: 'Nya personer' }), 'Socialdirektör');
    const seats = page.getByRole('table', { name: 'Nya uppdrag' });
    await assertText(seats, BODY);
    await assertText(seats, '2026-12-31');
    await v.navigate(() => page.getByRole('button', { name: 'Verkställ importen' }).click());
    await assertText(page.getByRole('status'), 'Importen är verkställd.');
    const runs = page.getByRole('table', { name: 'Verkställda importer' });
    assert.equal(await runs.locator('tbody tr').count(), 1);
    await assertText(runs, ACCOUNTS.admin.email);
    await v.goto('/personer?q=Katalogsson');
    await assertText(page.locator('main'), 'Maja Katalogsson');
    await signOut(v);
  }));
});
