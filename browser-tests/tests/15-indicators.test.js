'use strict';
// Indicators (issue 13): a visitor reads the demo's indicators — Kolada's values for Region
// Jönköpings län, with "Källa: Kolada" — opens greenhouse gases with its status, chart, data table
// and summary, and compares Jönköping with its county and Sweden; the administrator (the region's
// strategy owner) creates an indicator (refused first with a bad area code), uploads a CSV file
// with a bad row (nothing saved, the row named), then a good one, sees the dry run and imports it,
// then deletes the indicator after a page that names its values.
// Every page passes axe-core and reflows at 320 px.

const assert = require('node:assert/strict');
const { describe, it, before, after } = require('node:test');
const { startServer, ACCOUNTS } = require('../lib/server');
const { launchBrowser, Visitor, step } = require('../lib/browser');
const { assertText, h1, signIn } = require('../lib/flows');

const GHG = 'Utsläpp till luft av växthusgaser totalt, ton CO2-ekv/inv';
const TITLE = 'Andel förnybar el, egen uppföljning';

describe('indicators (indikatorer)', () => {
  let server;
  let browser;
  let v;
  const s = (fn) => step(() => v, fn);

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    v = await Visitor.open(browser, server.baseURL, 'indicators');
  });

  after(async () => {
    if (v) await v.close();
    if (browser) await browser.close();
    if (server) await server.stop();
  });

  it('shows a visitor the status, chart, table and comparison of a Kolada indicator', s(async () => {
    const page = v.page;
    await v.goto('/indikatorer');
    await assertText(h1(page), 'Indikatorer');
    await v.navigate(() => page.getByRole('link', { name: GHG }).click());
    await assertText(h1(page), GHG);
    await assertText(page.locator('main'), 'Framsteg, men takten behöver öka');
    await assertText(page.locator('main'), 'Källa: Kolada (RKA)');
    assert.equal(await page.locator('svg[role="img"]').count(), 1);
    await assertText(page.getByRole('table', { name: /Värdena i diagrammet/ }), 'Riket');
    await page.getByLabel('Område', { exact: true }).selectOption('0680');
    await v.navigate(() => page.getByRole('button', { name: 'Visa' }).click());
    await assertText(page.getByRole('table', { name: /Värdena i diagrammet/ }), 'Jönköping');
    assert.equal(await page.getByRole('link', { name: 'Ladda ned värdena som CSV' }).count(), 1);
  }));

  it('lets the strategy owner define an indicator and import values, all or nothing', s(async () => {
    const page = v.page;
    await signIn(v, ACCOUNTS.admin.email);
    await v.goto('/indikatorer');
    await v.navigate(() => page.getByRole('link', { name: 'Ny indikator' }).click());
    await page.getByLabel('Rubrik').fill(TITLE);
    await page.getByLabel('Enhet').fill('%');
    await page.getByLabel('Källa').selectOption('other');
    await page.getByLabel('Område för status').fill('6');
    await page.getByLabel(/Publicerad/).check();
    await v.navigate(() => page.getByRole('button', { name: 'Spara' }).click(), { expectStatus: 422 });
    await assertText(page.locator('#f-geography-error'), 'ingen områdeskod');
    await page.getByLabel('Område för status').fill('0006');
    await v.navigate(() => page.getByRole('button', { name: 'Spara' }).click());
    await assertText(h1(page), TITLE);
    await v.navigate(() => page.getByRole('link', { name: 'Importera värden' }).click());
    await page.getByLabel('Filformat').selectOption('csv');
    const upload = (text) => page.getByLabel('Fil', { exact: true }).setInputFiles({ name: 'varden.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
    await upload('område;år;värde\n0006;2020;61,5\n0006;20x0;62\n');
    await v.navigate(() => page.getByRole('button', { name: 'Provkör' }).click(), { expectStatus: 422 });
    await assertText(page.getByRole('table', { name: /Fel i filen/ }), 'Ange ett år');
    await page.getByLabel('Filformat').selectOption('csv');
    await upload('område;år;värde\n0006;2020;61,5\n0006;2021;63\n0006;2022;66,25\n');
    await v.navigate(() => page.getByRole('button', { name: 'Provkör' }).click());
    await assertText(h1(page), 'Provkörning av importen');
    await assertText(page.locator('ul.counts'), 'Nya: 3');
    await v.navigate(() => page.getByRole('button', { name: 'Importera' }).click());
    await assertText(h1(page), TITLE);
    await assertText(page.getByRole('table', { name: 'Importer' }), 'varden.csv');
    await assertText(page.locator('main'), 'På rätt väg');
  }));

  it('lets the strategy owner delete the indicator after a page that says what goes with it', s(async () => {
    const page = v.page;
    await v.navigate(() => page.getByRole('link', { name: 'Ta bort indikatorn' }).click());
    await assertText(h1(page), TITLE);
    await assertText(page.locator('main'), 'Dess 3 värden tas bort.');
    await v.navigate(() => page.getByRole('button', { name: 'Ta bort' }).click());
    await assertText(h1(page), 'Indikatorer');
    await assertText(page.locator('main'), 'borttag');
    assert.equal(await page.getByRole('link', { name: TITLE }).count(), 0);
  }));
});
