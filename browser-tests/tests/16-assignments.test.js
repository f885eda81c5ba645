'use strict';
// Assignments (uppdrag, seed 001 § 4.2.1, issue 11): a visitor sees on a management group's page
// the assignment it was given and has not reported back, overdue and among its findings, and on
// the culture group's page one reported back with the paragraph where it was presented; the
// administrator gives an assignment from a paragraph of the strategic management group's
// adjusted protocol (after a refused attempt that names the fields) and records the overdue
// one's report back in a later paragraph, after which it is no longer a finding. Every page
// passes axe-core and reflows at 320 px.

const assert = require('node:assert/strict');
const { describe, it, before, after } = require('node:test');
const { startServer, ACCOUNTS } = require('../lib/server');
const { launchBrowser, Visitor, step } = require('../lib/browser');
const { assertText, assertNoText, h1, signIn, signOut } = require('../lib/flows');

const STRATEGIC = 'Ledningsgruppen för strategiska frågor';
const PLANNING = 'Ledningsgruppen för samhällsplanering';
const CULTURE = 'Ledningsgruppen för kultur';
const EDUCATION = 'Ledningsgruppen för utbildning och kompetensförsörjning';
const NEW = 'Kartlägg behovet av gemensam kompetensförsörjning inom vård och omsorg i länets kommuner.';

describe('assignments (uppdrag)', () => {
  let server;
  let browser;
  let v;
  const s = (fn) => step(() => v, fn);
  const bodyId = async (name) => {
    const r = await v.page.request.get(`/api/v1/bodies?q=${encodeURIComponent(name)}`);
    const items = (await r.json()).items.filter((b) => b.name === name);
    assert.equal(items.length, 1, `one body named ${name}`);
    return items[0].id;
  };
  const assignments = async (id) => (await (await v.page.request.get(`/api/v1/assignments?body_id=${id}`)).json()).items;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    v = await Visitor.open(browser, server.baseURL, 'assignments');
  });

  after(async () => {
    if (v) await v.close();
    if (browser) await browser.close();
    if (server) await server.stop();
  });

  it('shows a visitor an overdue assignment among the group\'s findings and a reported one with its paragraph', s(async () => {
    const page = v.page;
    await v.goto(`/organ/${await bodyId(PLANNING)}`);
    await assertText(h1(page), PLANNING);
    const section = page.getByRole('region', { name: 'Uppdrag' });
    await assertText(section, 'Öppna uppdrag till organet');
    await assertText(section, 'Strukturbild Östergötland');
    await assertText(section, 'försenat');
    await assertText(page.locator('ul.findings'), 'skulle ha återrapporterats senast');
    await v.goto(`/organ/${await bodyId(CULTURE)}`);
    const culture = page.getByRole('region', { name: 'Uppdrag' });
    await culture.getByText('Återrapporterade uppdrag').click();
    await assertText(culture, 'Återrapporterat i');
    await assertText(culture, 'kulturplan');
    await v.goto(`/organ/${await bodyId(STRATEGIC)}`);
    await assertText(page.getByRole('region', { name: 'Uppdrag' }), 'Öppna uppdrag som organet har gett');
  }));

  it('lets the administrator give an assignment from a paragraph, naming refused fields first', s(async () => {
    const page = v.page;
    await signIn(v, ACCOUNTS.admin.email);
    const overdue = (await assignments(await bodyId(PLANNING))).find((a) => a.overdue);
    assert.ok(overdue, 'the demo has an overdue assignment');
    const given = overdue.given_in;
    await v.goto(`/moten/${given.meeting_id}/protokoll`);
    await v.navigate(() => page.getByRole('link', { name: `Uppdrag i § ${given.number}`, exact: true }).first().click());
    await assertText(h1(page), `Uppdrag – § ${given.number}`);
    await v.navigate(() => page.getByRole('button', { name: 'Ge uppdraget' }).click(), { expectStatus: 422 });
    await assertText(page.locator('#f-assignee_id-error'), 'måste fyllas i');
    await assertText(page.locator('.error-summary'), 'Vad ska göras');
    await page.getByLabel('Till grupp').selectOption({ label: EDUCATION });
    await page.getByLabel('Vad ska göras').fill(NEW);
    await page.getByLabel('Återrapporteras senast').fill(given.meeting_date.replace(/^(\d{4})/, (y) => String(Number(y) - 1)));
    await page.getByLabel('Hur återrapporteras').fill('Skriftlig rapport till ledningsgruppen för strategiska frågor.');
    await v.navigate(() => page.getByRole('button', { name: 'Ge uppdraget' }).click(), { expectStatus: 422 });
    await assertText(page.locator('#f-due_on-error'), 'före sammanträdet');
    assert.equal(await page.getByLabel('Vad ska göras').inputValue(), NEW);
    const due = new Date(Date.parse(given.meeting_date) + 400 * 86400000).toISOString().slice(0, 10);
    await page.getByLabel('Återrapporteras senast').fill(due);
    await v.navigate(() => page.getByRole('button', { name: 'Ge uppdraget' }).click());
    await assertText(page.getByRole('region', { name: 'Uppdrag som gavs eller återrapporterades i paragrafen' }), NEW);
    await v.goto(`/organ/${await bodyId(EDUCATION)}`);
    await assertText(page.getByRole('region', { name: 'Uppdrag' }), NEW);
  }));

  it('lets the administrator record the overdue one\'s report back, which ends the finding', s(async () => {
    const page = v.page;
    const planning = await bodyId(PLANNING);
    const overdue = (await assignments(planning)).find((a) => a.overdue);
    // The culture group's open assignment was given at the strategic group's latest meeting.
    const open = (await assignments(await bodyId(CULTURE))).find((a) => !a.reported_in);
    assert.ok(open, 'the demo has an open assignment');
    await v.goto(`/paragrafer/${open.given_in.paragraph_id}/uppdrag`);
    await page.getByLabel('Uppdrag', { exact: true }).selectOption(String(overdue.id));
    await v.navigate(() => page.getByRole('button', { name: 'Registrera återrapporten' }).click());
    await assertText(page.getByRole('region', { name: 'Uppdrag som gavs eller återrapporterades i paragrafen' }), 'Strukturbild Östergötland');
    await signOut(v);
    await v.goto(`/organ/${planning}`);
    const section = page.getByRole('region', { name: 'Uppdrag' });
    await assertNoText(section, 'försenat');
    await assertNoText(page.locator('main'), 'skulle ha återrapporterats senast');
    v.assertEveryPageChecked();
  }));
});
