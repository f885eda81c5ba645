'use strict';
// Referrals (issue 12): a visitor reads the open referrals and the published consultation
// report of Region Kalmar län's RUS review (seed 002), with personal data masked; a member of
// an Östergötland municipality answers the open referral after signing in (a refused
// submission names the position first); the demo registrar follows the answers on the
// dashboard and drafts the response to the new comment, where a missing reason is named.
// The report counts answers and comments by kind of respondent and is a PDF too; the registrar
// finds the form that asks one organisation or a named person, and all answers as PDF.
// Every page passes axe-core and reflows at 320 px.

const assert = require('node:assert/strict');
const { describe, it, before, after } = require('node:test');
const { startServer, ACCOUNTS } = require('../lib/server');
const { launchBrowser, Visitor, step } = require('../lib/browser');
const { assertText, assertNoText, h1, signIn, signOut } = require('../lib/flows');

const KALMAR = 'Regional utvecklingsstrategi för Kalmar län 2019–2030, remissversion';
const OSTERGOTLAND = 'Regional utvecklingsstrategi för Östergötland, remissversion';

describe('referrals (remiss)', () => {
  let server;
  let browser;
  let v;
  let referralPath; // Östergötland's open referral
  const s = (fn) => step(() => v, fn);

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    v = await Visitor.open(browser, server.baseURL, 'referrals');
  });

  after(async () => {
    if (v) await v.close();
    if (browser) await browser.close();
    if (server) await server.stop();
  });

  it('lets a visitor read the open referral and the published consultation report', s(async () => {
    const page = v.page;
    await v.goto('/remisser');
    await assertText(h1(page), 'Remisser');
    await v.navigate(() => page.getByRole('link', { name: OSTERGOTLAND }).click());
    await assertText(h1(page), OSTERGOTLAND);
    await assertText(page.locator('main'), 'Skyldig att svara');
    referralPath = new URL(page.url()).pathname;
    await v.goto('/remisser');
    await v.navigate(() => page.getByRole('link', { name: 'Samrådsredogörelse' }).first().click());
    await assertText(h1(page), 'Samrådsredogörelse');
    await assertText(page.locator('main'), 'remissvar med');
    await assertText(page.locator('main'), 'Delvis tillgodosedd');
    await assertText(page.locator('main'), '[maskerat]');
    await assertNoText(page.locator('main'), '070-123 45 67');
    await assertText(page.locator('main'), KALMAR);
    await assertText(page.getByRole('table', { name: 'Svar och synpunkter per sorts remissinstans' }), 'Kommun');
    const pdfHref = await page.getByRole('link', { name: 'Samrådsredogörelsen som PDF' }).getAttribute('href');
    const pdf = await page.request.get(new URL(pdfHref, page.url()).href);
    assert.equal(pdf.status(), 200);
    assert.equal(pdf.headers()['content-type'], 'application/pdf');
  }));

  it('lets a member of a consultee municipality answer after signing in', s(async () => {
    const page = v.page;
    await signIn(v, ACCOUNTS.ledamot.email);
    await v.goto(referralPath);
    await v.navigate(() => page.getByRole('link', { name: /^Svara för / }).first().click());
    await assertText(h1(page), 'Remissvar');
    await v.navigate(() => page.getByRole('button', { name: 'Skicka in svaret' }).click(), { expectStatus: 422 });
    await assertText(page.locator('#f-position-error'), 'ställningstagande');
    await page.getByLabel('Synpunkt').fill('Kollektivtrafiken i länets mindre orter behöver lyftas.');
    await v.navigate(() => page.getByRole('button', { name: 'Lägg till synpunkten' }).click());
    await page.getByLabel('Tillstyrker med ändringar').check();
    await page.getByLabel('Ert diarienummer').fill('KS 2026/0101');
    await v.navigate(() => page.getByRole('button', { name: 'Spara utkastet' }).click());
    await v.navigate(() => page.getByRole('button', { name: 'Skicka in svaret' }).click());
    await assertText(page.locator('main'), 'Svaret är inskickat och diariefört.');
    await assertText(page.locator('main'), 'RÖ ');
    await signOut(v);
  }));

  it('lets the registrar follow the answers and respond to the comment, naming a missing reason', s(async () => {
    const page = v.page;
    await signIn(v, ACCOUNTS.registrator.email);
    await v.goto(referralPath);
    await assertText(page.locator('main'), 'En organisation eller en namngiven person');
    await v.navigate(() => page.getByRole('link', { name: 'Svarsöversikt' }).click());
    await assertText(h1(page), 'Svarsöversikt');
    await assertText(page.getByRole('table', { name: 'Svar per sorts organisation' }), 'Kommun');
    await assertText(page.locator('main'), 'Alla svar som PDF');
    await v.goto(`${referralPath}/redogorelse`);
    await assertText(page.locator('main'), 'Kollektivtrafiken i länets mindre orter');
    await page.getByLabel('Bedömning').first().selectOption({ label: 'Inte tillgodosedd' });
    await v.navigate(() => page.getByRole('button', { name: 'Spara bemötandet' }).first().click(), { expectStatus: 422 });
    await assertText(page.locator('#f-reason'), 'Motivera');
    await page.getByLabel('Bedömning').first().selectOption({ label: 'Inte tillgodosedd' });
    await page.getByLabel('Motivering').first().fill('Frågan hanteras i den regionala trafikförsörjningsplanen.');
    await v.navigate(() => page.getByRole('button', { name: 'Spara bemötandet' }).first().click());
    await assertText(page.getByRole('table', { name: 'Hur synpunkterna har beaktats' }), 'Inte tillgodosedd\t1');
    assert.equal(await page.getByLabel('Motivering').first().inputValue(), 'Frågan hanteras i den regionala trafikförsörjningsplanen.');
    await signOut(v);
  }));
});
