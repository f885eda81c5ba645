'use strict';
// Surveys (issue 14, ADR 50): the strategy owner builds a small survey — a required free-text
// question in a new section and a single choice — sends it to every municipality of
// Östergötland in one step; the demo member, one of Linköping's people, saves a draft for the
// municipality, is refused a submission without the required choice, and submits; the owner
// reads the results (a chart with its table) and publishes them; the demo's seed-004 survey's
// results (ranking scores, the heat-table, frequent terms) are read too. Every page passes
// axe-core and reflows at 320 px.

const { describe, it, before, after } = require('node:test');
const { startServer, ACCOUNTS } = require('../lib/server');
const { launchBrowser, Visitor, step } = require('../lib/browser');
const { assertText, h1, signIn, signOut } = require('../lib/flows');

const TITLE = 'Enkät om samverkan i länet';

describe('surveys (enkäter)', () => {
  let server;
  let browser;
  let v;
  let surveyUrl;
  const s = (fn) => step(() => v, fn);

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    v = await Visitor.open(browser, server.baseURL, 'surveys');
  });

  after(async () => {
    if (v) await v.close();
    if (browser) await browser.close();
    if (server) await server.stop();
  });

  it('lets the owner build a survey and send it to a county\'s municipalities', s(async () => {
    const page = v.page;
    await signIn(v, ACCOUNTS.admin.email);
    await v.goto('/enkater');
    await v.navigate(() => page.getByRole('link', { name: 'Ny enkät' }).click());
    await page.getByLabel('Rubrik', { exact: true }).fill(TITLE);
    await v.navigate(() => page.getByRole('button', { name: 'Spara' }).click());
    await assertText(h1(page), TITLE);
    surveyUrl = new URL(page.url()).pathname;
    await page.getByLabel('Rubrik på nytt avsnitt').fill('Kommunen');
    await page.getByLabel('Fråga', { exact: true }).fill('Kommunens styrkor');
    await page.getByLabel('Obligatorisk').check();
    await v.navigate(() => page.getByRole('button', { name: 'Lägg till en fråga' }).click());
    await assertText(page.locator('ol.questions'), 'Kommunens styrkor');
    await page.getByLabel('Fråga', { exact: true }).fill('Speglar strategin kommunens prioriteringar?');
    await page.getByLabel('Sorts fråga').selectOption('single');
    await page.getByLabel(/^Alternativ/).fill('Ja\nDelvis\nNej');
    await page.getByLabel('Obligatorisk').check();
    await v.navigate(() => page.getByRole('button', { name: 'Lägg till en fråga' }).click());
    await assertText(page.locator('ol.questions').last(), 'Ja · Delvis · Nej');
    await page.getByLabel('Län', { exact: true }).selectOption('05');
    await v.navigate(() => page.getByRole('button', { name: 'Lägg till organisationer' }).click());
    await assertText(page.getByRole('table', { name: 'Organisationer som tillfrågas' }), 'Linköpings kommun');
    await v.navigate(() => page.getByRole('button', { name: 'Skicka ut enkäten' }).click());
    await assertText(page.locator('#status'), 'Öppen för svar');
    await signOut(v);
  }));

  it('lets a municipality\'s member draft the answer and submit it once', s(async () => {
    const page = v.page;
    await signIn(v, ACCOUNTS.ledamot.email);
    await v.goto('/enkater');
    await v.navigate(() => page.getByRole('link', { name: TITLE }).first().click());
    await assertText(page.locator('main'), 'Ni svarar för');
    await page.getByLabel(/Kommunens styrkor/).fill('Närheten till universitetet och ett starkt näringsliv.');
    await v.navigate(() => page.getByRole('button', { name: 'Spara utkast' }).click());
    await assertText(page.locator('main'), 'Utkastet sparades senast av');
    await v.navigate(() => page.getByRole('button', { name: 'Skicka in svaret' }).click(), { expectStatus: 422 });
    await assertText(page.locator('.error-summary'), 'Frågan måste besvaras');
    await page.getByLabel('Delvis').check();
    await v.navigate(() => page.getByRole('button', { name: 'Skicka in svaret' }).click());
    await assertText(page.locator('main'), 'Organisationens svar är inskickat');
    await assertText(page.locator('main'), 'Närheten till universitetet');
    await signOut(v);
  }));

  it('shows the owner the results with a chart and its table, and publishes them', s(async () => {
    const page = v.page;
    await signIn(v, ACCOUNTS.admin.email);
    await v.goto(surveyUrl);
    await v.navigate(() => page.getByRole('link', { name: 'Resultat', exact: true }).click());
    await assertText(h1(page), 'Resultat');
    await assertText(page.getByRole('table', { name: 'Tabell till fråga 2' }), 'Delvis');
    await v.goto(surveyUrl);
    await v.navigate(() => page.getByRole('button', { name: 'Publicera resultaten' }).click());
    await v.goto('/enkater');
    await v.navigate(() => page.getByRole('link', { name: 'Enkät inför arbete med ny RUS', exact: true }).click());
    await v.navigate(() => page.getByRole('link', { name: 'Resultat', exact: true }).click());
    await assertText(page.locator('main'), 'Demografisk utveckling');
    await assertText(page.locator('table.heat').first(), 'Lärosäten');
    await v.navigate(() => page.getByRole('link', { name: 'Organisationernas svar sida vid sida' }).click());
    await assertText(h1(page), 'sida vid sida');
  }));
});
