'use strict';
// The remaining parts of referrals (issue 12, ADR 52): Östergötland's RUS referral is open to
// everyone; a visitor answers through the open form (a refused form names its fields first,
// then the receipt gives the registry number); the demo registrar moderates the open answers
// (a rejection without a reason is named), adds a later version of the strategy and reads the
// comparison with the referral version, where struck and added words are marked and said in
// text. Every page passes axe-core and reflows at 320 px.

const assert = require('node:assert/strict');
const { describe, it, before, after } = require('node:test');
const { startServer, ACCOUNTS } = require('../lib/server');
const { launchBrowser, Visitor, step } = require('../lib/browser');
const { assertText, h1, signIn, signOut } = require('../lib/flows');

const OSTERGOTLAND = 'Regional utvecklingsstrategi för Östergötland, remissversion';
const LATER = '# Vision\nÖstergötland – ett attraktivt, hållbart och tryggt län.\n'
  + '# Strategiområden\nKompetens, livskvalitet, näringsliv och infrastruktur.\n'
  + '# Klimatomställning\nEtt nytt avsnitt efter remissen.';

describe('the open form, moderation and the version comparison of a referral', () => {
  let server;
  let browser;
  let v;
  let referralPath;
  const s = (fn) => step(() => v, fn);

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    v = await Visitor.open(browser, server.baseURL, 'referral-open-form');
  });

  after(async () => {
    if (v) await v.close();
    if (browser) await browser.close();
    if (server) await server.stop();
  });

  it('lets a visitor answer through the open form and get a receipt', s(async () => {
    const page = v.page;
    await v.goto('/remisser');
    await v.navigate(() => page.getByRole('link', { name: OSTERGOTLAND }).click());
    referralPath = new URL(page.url()).pathname;
    await v.navigate(() => page.getByRole('link', { name: 'Lämna synpunkter' }).click());
    await assertText(h1(page), 'Lämna synpunkter');
    await page.getByLabel('2. Strategiområden').fill('Fler turer i kollektivtrafiken på landsbygden.');
    await v.navigate(() => page.getByRole('button', { name: 'Skicka synpunkterna' }).click(), { expectStatus: 422 });
    await assertText(page.locator('#f-name-error'), 'måste fyllas i');
    await assertText(page.locator('#f-position-error'), 'ställningstagande');
    assert.equal(await page.getByLabel('2. Strategiområden').inputValue(), 'Fler turer i kollektivtrafiken på landsbygden.');
    await page.getByLabel('Ditt namn').fill('Lova Strand');
    await page.getByLabel('Privatperson').check();
    await page.getByLabel('Tillstyrker med ändringar').check();
    await v.navigate(() => page.getByRole('button', { name: 'Skicka synpunkterna' }).click());
    await assertText(h1(page), 'Tack för dina synpunkter');
    await assertText(page.locator('main'), 'Diarieförd som');
  }));

  it('lets the registrar moderate the open answers and compare a later version', s(async () => {
    const page = v.page;
    await signIn(v, ACCOUNTS.registrator.email);
    await v.goto(referralPath);
    await v.navigate(() => page.getByRole('link', { name: 'Granskning av öppna svar' }).first().click());
    await assertText(h1(page), 'Granskning av öppna svar');
    await assertText(page.locator('main'), 'Kinda hembygdsförening');
    await assertText(page.locator('main'), 'Lova Strand');
    const card = page.locator('section.card', { hasText: 'Kinda hembygdsförening' });
    await card.getByLabel('Avvisa', { exact: true }).check();
    await v.navigate(() => card.getByRole('button', { name: /Spara beslutet/ }).click(), { expectStatus: 422 });
    await assertText(page.locator('#f-reason-error'), 'Skriv varför');
    const again = page.locator('section.card', { hasText: 'Kinda hembygdsförening' });
    await again.getByLabel('Avvisa', { exact: true }).check();
    await again.getByLabel('Skäl för att avvisa').fill('Svaret gäller en annan remiss.');
    await v.navigate(() => again.getByRole('button', { name: /Spara beslutet/ }).click());
    await assertText(page.locator('section.card', { hasText: 'Kinda hembygdsförening' }), 'Avvisat');
    const lova = page.locator('section.card', { hasText: 'Lova Strand' });
    await v.navigate(() => lova.getByRole('button', { name: /Spara beslutet/ }).click());
    await assertText(page.locator('section.card', { hasText: 'Lova Strand' }), 'Publiceras');

    await v.goto(referralPath);
    await page.getByLabel('Versionens namn').fill('Beslutsversion');
    await page.getByLabel('Versionen i Markdown').fill(LATER);
    await v.navigate(() => page.getByRole('button', { name: 'Lägg till versionen och jämför' }).click());
    await assertText(h1(page), 'Jämförelse med remissversionen');
    await assertText(page.locator('ins').first(), 'Infogat');
    await assertText(page.locator('main'), 'Borttaget avsnitt');
    await assertText(page.locator('main'), 'Nytt avsnitt');
    await v.goto(`${referralPath}/redogorelse`);
    await assertText(page.locator('#jamforelse'), 'Beslutsversion');
    await signOut(v);
  }));
});
