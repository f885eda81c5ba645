'use strict';
// Joint matters (issue 11, rule 9): a visitor reads Region Östergötland's RUS matter — the matrix
// of the 13 municipalities with their decisions — and its list; the demo registrar, an officer
// of the region, finds on the start page the matter where municipalities have not decided,
// records Vadstena's decision on its behalf (refused first without the note), sends a new joint
// matter from a case (refused first without decision points) and adds an overdue report-back
// item. Every page passes axe-core and reflows at 320 px.

const assert = require('node:assert/strict');
const { describe, it, before, after } = require('node:test');
const { startServer, ACCOUNTS, TODAY } = require('../lib/server');
const { launchBrowser, Visitor, step } = require('../lib/browser');
const { assertText, assertNoText, h1, signIn, signOut } = require('../lib/flows');

const RUS = 'Regional utvecklingsstrategi (RUS) för Östergötland – gemensam arbetsprocess';
const MATRIX = 'Organisationernas beslut';

function dayBefore(iso) {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

describe('joint matters (gemensamma ärenden)', () => {
  let server;
  let browser;
  let v;
  let matterId;
  const s = (fn) => step(() => v, fn);

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    v = await Visitor.open(browser, server.baseURL, 'joint');
  });

  after(async () => {
    if (v) await v.close();
    if (browser) await browser.close();
    if (server) await server.stop();
  });

  it('shows a visitor the matrix of the municipalities\' decisions', s(async () => {
    const page = v.page;
    await v.goto('/samverkan');
    await assertText(h1(page), 'Gemensamma ärenden');
    await v.navigate(() => page.getByRole('link', { name: RUS }).first().click());
    await assertText(h1(page), RUS);
    matterId = new URL(page.url()).pathname.split('/').pop();
    const matrix = page.getByRole('table', { name: MATRIX });
    await assertText(matrix, 'Finspångs kommun');
    await assertText(matrix, 'Ställer sig bakom med ändringar');
    await assertText(matrix, 'Under beredning');
    await assertText(page.locator('ol.points'), 'återrapporteras till kommunstyrelsens planeringsutskott');
    await assertText(page.locator('main'), 'Försenad');
    assert.equal(await page.getByRole('link', { name: /^Registrera beslut/ }).count(), 0);
    assert.equal(await page.getByRole('link', { name: 'Ladda ned tabellen som CSV' }).count(), 1);
  }));

  it('lets the region\'s officer record a decision on a municipality\'s behalf, with the note', s(async () => {
    const page = v.page;
    await signIn(v, ACCOUNTS.registrator.email);
    await v.goto('/');
    await assertText(page.locator('#joint-waiting'), 'Gemensamma ärenden där organisationer inte har beslutat');
    await v.navigate(() => page.locator('section[aria-labelledby="joint-waiting"]').getByRole('link', { name: RUS }).click());
    await v.navigate(() => page.getByRole('link', { name: 'Registrera beslut – Vadstena kommun' }).click());
    await assertText(h1(page), 'Vadstena kommun');
    await page.getByLabel('Beslutsdatum').fill(dayBefore(TODAY));
    await page.getByLabel('Beslutande organ').fill('Kommunstyrelsen');
    await page.getByLabel('Paragraf').fill('§ 77');
    await page.getByLabel('Beslutets text').fill('Kommunstyrelsen beslutar att aktivt delta i processen.');
    await page.getByLabel('Ställer sig bakom', { exact: true }).check();
    await v.navigate(() => page.getByRole('button', { name: 'Registrera beslut' }).click(), { expectStatus: 422 });
    await assertText(page.locator('#f-note-error'), 'för en annan organisation');
    await page.getByLabel('Varifrån beslutet kommer').fill('Protokollsutdrag mottaget per e-post');
    await v.navigate(() => page.getByRole('button', { name: 'Registrera beslut' }).click());
    const matrix = page.getByRole('table', { name: MATRIX });
    await assertText(matrix, '§ 77');
    await assertText(matrix, 'Protokollsutdrag mottaget per e-post');
    assert.match(new URL(page.url()).hash, /^#org-\d+$/);
  }));

  it('lets the region\'s officer send a case out as a joint matter and add a report-back item', s(async () => {
    const page = v.page;
    await v.navigate(() => page.getByRole('link', { name: /^RÖ \d{4}\/1$/ }).click());
    await v.navigate(() => page.getByRole('link', { name: 'Skicka ut som gemensamt ärende' }).click());
    await assertText(h1(page), 'Skicka ut som gemensamt ärende');
    // No adjusted minutes name the case's number in the demo: no paragraph to choose yet, and
    // the form says how one comes to be offered.
    assert.equal(await page.getByLabel('Ingen paragraf').isChecked(), true);
    await assertText(page.locator('#f-paragraph_id-hint'), 'Inget justerat protokoll anger ärendets diarienummer');
    await page.getByLabel('Rubrik').fill('RUS – remissversion');
    await v.navigate(() => page.getByRole('button', { name: 'Skapa gemensamt ärende' }).click(), { expectStatus: 422 });
    await assertText(page.locator('#f-points-error'), 'måste fyllas i');
    await page.getByLabel('Beslutspunkter').fill('1. Kommunstyrelsen yttrar sig över remissversionen.\n2. Yttrandet återrapporteras.');
    await v.navigate(() => page.getByRole('button', { name: 'Skapa gemensamt ärende' }).click());
    await assertText(h1(page), 'RUS – remissversion');
    await assertText(page.getByRole('table', { name: MATRIX }), 'Inte skickat');
    await v.navigate(() => page.getByRole('button', { name: 'Skicka till organisationerna' }).click());
    await assertNoText(page.getByRole('table', { name: MATRIX }), 'Inte skickat');
    await page.getByLabel('Vad ska återrapporteras').fill('Återrapportering till planeringsutskottet');
    await page.getByLabel('Sista dag').fill(dayBefore(TODAY));
    await v.navigate(() => page.getByRole('button', { name: 'Lägg till', exact: true }).click());
    await assertText(page.getByRole('table', { name: 'Återrapportering' }), 'Försenad');
    await signOut(v);
    await v.goto(`/samverkan/${matterId}`);
    await assertText(h1(page), RUS);
  }));
});
