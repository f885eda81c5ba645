'use strict';
// A file with an open answer (issue 12, ADR 52): a citizen answers Östergötland's open RUS
// referral at /remisser/{id}/yttra; the form without a file is checked like any other (the
// file is optional and its field raises nothing), a file of a kind not accepted is named at its
// field with the text kept, and a PDF is taken with the answer and the receipt shown. The demo
// registrar then finds the answer and its file in moderation. Every page passes axe-core and
// reflows at 320 px.

const assert = require('node:assert/strict');
const { describe, it, before, after } = require('node:test');
const { startServer, ACCOUNTS } = require('../lib/server');
const { launchBrowser, Visitor, step } = require('../lib/browser');
const { assertText, h1, signIn, signOut } = require('../lib/flows');

const OSTERGOTLAND = 'Regional utvecklingsstrategi för Östergötland, remissversion';
const COMMENT = 'Cykelvägarna mellan tätorterna behöver byggas ut; se min skiss.';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
const EXE = Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]);

describe('a file sent with an answer through the open form', () => {
  let server;
  let browser;
  let v;
  let referralPath;
  const s = (fn) => step(() => v, fn);

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    v = await Visitor.open(browser, server.baseURL, 'referral-open-form-file');
  });

  after(async () => {
    if (v) await v.close();
    if (browser) await browser.close();
    if (server) await server.stop();
  });

  it('names a bad file at its field, keeps the text, and takes a PDF', s(async () => {
    const page = v.page;
    await v.goto('/remisser');
    await v.navigate(() => page.getByRole('link', { name: OSTERGOTLAND }).click());
    referralPath = new URL(page.url()).pathname;
    await v.goto(`${referralPath}/yttra`);
    await assertText(h1(page), 'Lämna synpunkter');
    const send = () => page.getByRole('button', { name: 'Skicka synpunkterna' }).click();

    // The file field empty and the name missing: the name is named, the file is not.
    await page.getByLabel('2. Strategiområden').fill(COMMENT);
    await page.getByLabel('Privatperson').check();
    await page.getByLabel('Tillstyrker med ändringar').check();
    await v.navigate(send, { expectStatus: 422 });
    await assertText(page.locator('#f-name-error'), 'måste fyllas i');
    assert.equal(await page.locator('#f-file-error').count(), 0);
    assert.equal(await page.getByLabel('2. Strategiområden').inputValue(), COMMENT);

    // A file of a kind not accepted: said at the file field, the text kept, the field marked.
    await page.getByLabel('Ditt namn').fill('Nils Ek');
    await page.getByLabel(/Bifoga en fil/).setInputFiles({ name: 'skiss.exe', mimeType: 'application/octet-stream', buffer: EXE });
    await v.navigate(send, { expectStatus: 422 });
    await assertText(page.locator('#f-file-error'), 'Filtypen stöds inte');
    assert.equal(await page.locator('#f-file').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.getByLabel('Ditt namn').inputValue(), 'Nils Ek');
    assert.equal(await page.getByLabel('2. Strategiområden').inputValue(), COMMENT);

    // A PDF: the receipt with the registry number.
    await page.getByLabel(/Bifoga en fil/).setInputFiles({ name: 'Nils skiss.pdf', mimeType: 'application/pdf', buffer: PDF });
    await v.navigate(send);
    await assertText(h1(page), 'Tack för dina synpunkter');
    await assertText(page.locator('main'), 'Diarieförd som');
  }));

  it('shows the drafter the answer and its file in moderation', s(async () => {
    const page = v.page;
    await signIn(v, ACCOUNTS.registrator.email);
    await v.goto(`${referralPath}/moderering`);
    await assertText(h1(page), 'Granskning av öppna svar');
    const card = page.locator('section.card', { hasText: 'Nils Ek' });
    await assertText(card, COMMENT);
    await assertText(card, 'Väntar på granskning');
    const link = card.getByRole('link', { name: 'Nils skiss.pdf' });
    const href = await link.getAttribute('href');
    assert.match(href, /\/remisser\/\d+\/svarsbilagor\/\d+$/);
    const got = await page.request.get(new URL(href, server.baseURL).href);
    assert.equal(got.status(), 200);
    assert.ok((await got.body()).subarray(0, 5).equals(Buffer.from('%PDF-')));
    await signOut(v);
    // Before moderation and publication the file is the drafters' alone.
    const anonymous = await page.request.get(new URL(href, server.baseURL).href);
    assert.equal(anonymous.status(), 404);
  }));
});
