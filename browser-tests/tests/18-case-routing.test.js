'use strict';
// Case routing (issue 11, seed 001 § 6.2, ADR 47): a visitor reads the RUS case's path through
// the structure — prepared and handled in the strategic line, a referral added by a recorded
// deviation, the boards' decisions under way — with the deviation's reason; the demo registrar,
// an officer of the region, removes a step (refused first without a reason) and skips one
// (refused first without a note). Every page passes axe-core and reflows at 320 px.

const assert = require('node:assert/strict');
const { describe, it, before, after } = require('node:test');
const { startServer, ACCOUNTS } = require('../lib/server');
const { launchBrowser, Visitor, step } = require('../lib/browser');
const { assertText, assertNoText, h1, signIn } = require('../lib/flows');

const RUS = 'Regional utvecklingsstrategi (RUS) för Östergötland – gemensam arbetsprocess';
const DEVIATIONS = 'Avvikelser från förslaget';

describe('case routing (ärendets gång)', () => {
  let server;
  let browser;
  let v;
  let caseUrl;
  const s = (fn) => step(() => v, fn);

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    v = await Visitor.open(browser, server.baseURL, 'routing');
  });

  after(async () => {
    if (v) await v.close();
    if (browser) await browser.close();
    if (server) await server.stop();
  });

  it('shows a visitor the path of the RUS case with its deviation and reason', s(async () => {
    const page = v.page;
    await v.goto('/diarium?q=arbetsprocess');
    await v.navigate(() => page.getByRole('link', { name: /^RÖ \d{4}\/1$/ }).click());
    await assertText(h1(page), RUS);
    caseUrl = new URL(page.url()).pathname;
    const timeline = page.locator('ol.timeline');
    await assertText(timeline, 'Beredning i ledningsgruppen för strategiska frågor');
    await assertText(timeline, 'Behandling i samrådet för strategiska frågor');
    await assertText(timeline, 'Remiss till parterna');
    await assertText(timeline, 'Tillagt genom avvikelse');
    await assertText(timeline, 'Klart');
    await assertText(page.getByRole('table', { name: DEVIATIONS }), 'formellt få lämna synpunkter');
    assert.equal(await page.getByRole('button', { name: 'Registrera avvikelse' }).count(), 0);
  }));

  it('lets the region\'s officer deviate only with a reason, and skip a step only with a note', s(async () => {
    const page = v.page;
    await signIn(v, ACCOUNTS.registrator.email);
    await v.goto(caseUrl);
    await page.getByLabel('Åtgärd').selectOption('remove');
    await page.getByLabel('Steg (för att ta bort eller ändra)').selectOption({ label: 'Remiss till parterna' });
    await v.navigate(() => page.getByRole('button', { name: 'Registrera avvikelse' }).click(), { expectStatus: 422 });
    await assertText(page.locator('#f-reason-error'), 'Ange skälet till avvikelsen');
    await page.locator('#f-reason').fill('Kommunerna lämnar sina synpunkter i dialogmötena i stället.');
    await v.navigate(() => page.getByRole('button', { name: 'Registrera avvikelse' }).click());
    await assertNoText(page.locator('ol.timeline'), 'Remiss till parterna');
    await assertText(page.getByRole('table', { name: DEVIATIONS }), 'dialogmötena i stället');

    const decide = page.locator('ol.timeline > li').filter({ hasText: 'Beslut i kommunstyrelserna och regionstyrelsen' });
    await decide.getByLabel('Status för steget').selectOption('skipped');
    await v.navigate(() => decide.getByRole('button', { name: 'Uppdatera steget' }).click(), { expectStatus: 422 });
    const again = page.locator('ol.timeline > li').filter({ hasText: 'Beslut i kommunstyrelserna och regionstyrelsen' });
    await assertText(again.locator('.field-error'), 'Ange skälet');
    await again.getByLabel('Skäl (krävs för överhoppat)').fill('Regionstyrelsen beslutar i stället för styrelserna var för sig.');
    await v.navigate(() => again.getByRole('button', { name: 'Uppdatera steget' }).click());
    await assertText(page.locator('ol.timeline'), 'Överhoppat');
    await assertText(page.getByRole('table', { name: DEVIATIONS }), 'Steg överhoppat');
  }));
});
