'use strict';
// Governing documents and the strategy model (issue 13): a visitor reads the register — Region
// Jönköpings län's RUS overdue for review, the regional transport plan coordinated with the RUS
// and the public-transport programme — and Jönköping's RUS with its vision and six strategy
// areas as a nested list, a sub-strategy's page and Agenda 2030's goal 11; Östergötland's RUS in
// drafting is not listed for visitors. The administrator adds a part to Kalmar's RUS (refused
// first with an unknown global goal), links it to a target, and adds the target's Swedish text.
// Every page passes axe-core and reflows at 320 px.

const assert = require('node:assert/strict');
const { describe, it, before, after } = require('node:test');
const { startServer, ACCOUNTS } = require('../lib/server');
const { launchBrowser, Visitor, step } = require('../lib/browser');
const { assertText, assertNoText, h1, signIn, signOut } = require('../lib/flows');

const RUS_DOC = 'Regional utvecklingsstrategi 2020-2035';
const JKPG = 'Regional utvecklingsstrategi för Jönköpings län 2020–2035';
const KALMAR = 'Regional utvecklingsstrategi för Kalmar län 2019–2030';

describe('governing documents and strategies (styrande dokument och strategier)', () => {
  let server;
  let browser;
  let v;
  const s = (fn) => step(() => v, fn);

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    v = await Visitor.open(browser, server.baseURL, 'strategy');
  });

  after(async () => {
    if (v) await v.close();
    if (browser) await browser.close();
    if (server) await server.stop();
  });

  it('shows a visitor the register with the overdue review and the relations', s(async () => {
    const page = v.page;
    await v.goto('/styrdokument');
    await assertText(h1(page), 'Styrande dokument');
    const table = page.getByRole('table', { name: 'Styrande dokument' });
    await assertText(table, 'Östergötlands kulturplan');
    await page.getByLabel('Bara de vars översyn är försenad').check();
    await v.navigate(() => page.getByRole('button', { name: 'Visa' }).click());
    await assertText(table, RUS_DOC);
    await assertNoText(table, 'Östergötlands kulturplan');
    await v.navigate(() => page.getByRole('link', { name: RUS_DOC }).click());
    await assertText(h1(page), RUS_DOC);
    await assertText(page.locator('main'), 'Översynen är försenad');
    await v.navigate(() => page.getByRole('link', { name: 'Regional transportplan 2022-2033' }).click());
    await assertText(page.locator('ul.relations'), 'Regionalt trafikförsörjningsprogram 2021-2035');
  }));

  it('shows a visitor Jönköping\'s RUS as a tree, a sub-strategy and goal 11', s(async () => {
    const page = v.page;
    await v.goto('/strategier');
    await assertNoText(page.locator('main'), 'Östergötland');
    await v.navigate(() => page.getByRole('link', { name: JKPG }).click());
    await assertText(page.locator('main'), 'Sveriges mest hållbara, attraktiva och tillgängliga län');
    assert.equal(await page.getByRole('heading', { level: 3 }).count(), 6);
    const areas = page.locator('ul.strategy-tree > li');
    assert.equal(await areas.count(), 6);
    assert.equal(await areas.nth(2).locator('ul > li').count(), 2);
    await v.navigate(() => page.getByRole('link', { name: 'En hållbar region' }).click());
    await assertText(page.locator('main'), 'Ekologisk');
    await v.goto('/sdg');
    await v.navigate(() => page.getByRole('link', { name: 'Hållbara städer och samhällen' }).click());
    await assertText(page.locator('#t-11\\.2'), 'By 2030, provide access to safe, affordable');
    await assertText(page.locator('main'), 'Hållbar samhällsplanering');
  }));

  it('lets the administrator add a part with a target and the target\'s Swedish text', s(async () => {
    const page = v.page;
    await signIn(v, ACCOUNTS.admin.email);
    await v.goto('/strategier');
    await assertText(page.locator('main'), 'Regional utvecklingsstrategi (RUS) för Östergötland');
    await v.navigate(() => page.getByRole('link', { name: KALMAR }).click());
    await v.navigate(() => page.getByRole('link', { name: 'Lägg till del' }).click());
    await assertText(h1(page), 'Ny del av strategin');
    await page.getByLabel('Ligger under').selectOption({ label: 'Hållbar samhällsplanering' });
    await page.getByLabel('Typ').selectOption('overall_goal');
    await page.getByLabel('Rubrik').fill('Hållbara resor i hela länet');
    await page.getByLabel('Ekologisk').check();
    await page.getByLabel('Globala mål och delmål').fill('11.2 19');
    await v.navigate(() => page.getByRole('button', { name: 'Spara' }).click(), { expectStatus: 422 });
    await assertText(page.locator('#f-sdg-error'), 'är inget av de globala målen');
    assert.equal(await page.getByLabel('Rubrik').inputValue(), 'Hållbara resor i hela länet');
    await page.getByLabel('Globala mål och delmål').fill('11.2');
    await v.navigate(() => page.getByRole('button', { name: 'Spara' }).click());
    await assertText(h1(page), 'Hållbara resor i hela länet');
    await v.navigate(() => page.getByRole('link', { name: /^Delmål 11\.2/ }).click());
    const sv = 'Senast 2030 ge alla tillgång till säkra, ekonomiskt överkomliga, tillgängliga och hållbara transportsystem.';
    await page.getByLabel('Svensk text 11.2').fill(sv);
    await v.navigate(() => page.getByRole('button', { name: 'Spara svensk text 11.2' }).click());
    await assertText(page.locator('#t-11\\.2'), sv);
    await assertText(page.locator('main'), 'Hållbara resor i hela länet');
    await signOut(v);
  }));
});
