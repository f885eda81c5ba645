'use strict';
// The pages added for a process's plan and an open survey's receipt (issue 14), clicked through
// with axe-core on every page: the administrator edits a phase of Jönköping's RUS revision
// (an end before the start is named at its field and the typed title kept), sees why a phase
// that holds milestones stays, removes the process lead's role after its confirmation page, and
// opens a question's removal page (refused while inputs answer it). Then a visitor answers an
// open survey and asks for a receipt: a bad address is named at its field with the answer kept,
// a good one brings the thanks with the receipt's note.

const assert = require('node:assert/strict');
const { describe, it, before, after } = require('node:test');
const { startServer, ACCOUNTS } = require('../lib/server');
const { launchBrowser, Visitor, step } = require('../lib/browser');
const { assertText, h1, signIn, signOut } = require('../lib/flows');

const JKPG = 'Revidering av den regionala utvecklingsstrategin';

describe('process plan edits and survey receipts', () => {
  let server;
  let browser;
  let v;
  const s = (fn) => step(() => v, fn);

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    v = await Visitor.open(browser, server.baseURL, 'plan-edits');
  });

  after(async () => {
    if (v) await v.close();
    if (browser) await browser.close();
    if (server) await server.stop();
  });

  it('edits a phase, explains a phase that stays, and removes a role', s(async () => {
    const page = v.page;
    await signIn(v, ACCOUNTS.admin.email);
    await v.goto('/processer');
    await v.navigate(() => page.getByRole('link', { name: JKPG }).click());
    await v.navigate(() => page.getByRole('link', { name: 'Ändra fasen – Förarbete och dialogmöten hösten 2024' }).click());
    await assertText(h1(page), 'Ändra fasen');
    await page.getByLabel('Rubrik').fill('Förarbete och dialogmöten 2024');
    await page.getByLabel('Slutar').fill('2024-08-01');
    await v.navigate(() => page.getByRole('button', { name: 'Spara' }).click(), { expectStatus: 422 });
    assert.ok(await page.locator('#f-ends_on-error').isVisible());
    assert.equal(await page.getByLabel('Rubrik').inputValue(), 'Förarbete och dialogmöten 2024');
    await page.getByLabel('Slutar').fill('2024-12-20');
    await v.navigate(() => page.getByRole('button', { name: 'Spara' }).click());
    await assertText(h1(page), JKPG);
    await assertText(page.locator('main'), 'Förarbete och dialogmöten 2024');

    // The writing phase holds the milestone "Antas i regionfullmäktige": it stays, and says why.
    await v.navigate(() => page.getByRole('link', { name: 'Ändra fasen – Skrivprocess och remiss' }).click());
    await assertText(page.locator('main'), 'Milstolpar i fasen');
    assert.equal(await page.getByRole('button', { name: /^Ta bort fasen/ }).count(), 0);
    await v.navigate(() => page.getByRole('link', { name: 'Avbryt' }).click());

    await v.navigate(() => page.getByRole('link', { name: /^Ta bort rollen – / }).first().click());
    await assertText(h1(page), 'Ta bort rollen');
    await v.navigate(() => page.getByRole('button', { name: 'Ta bort', exact: true }).click());
    await assertText(h1(page), JKPG);
    assert.equal(await page.getByRole('link', { name: /^Ta bort rollen – / }).count(), 0);

    // A question that inputs answer is not removed: its page says why instead of offering it.
    await v.navigate(() => page.getByRole('link', { name: /^Ta bort frågan – / }).first().click());
    await assertText(h1(page), 'Ta bort frågan');
    const refused = await page.getByRole('heading', { name: 'Kan inte tas bort' }).count();
    const offered = await page.getByRole('button', { name: 'Ta bort', exact: true }).count();
    assert.equal(refused + offered, 1, 'either the reason or the button');
  }));

  it('mails a receipt of an open survey to the address given, refusing a bad one at its field', s(async () => {
    const page = v.page;
    // The demo has no open survey: the administrator makes one through the API, signed in.
    await v.goto('/enkater');
    const id = await page.evaluate(async () => {
      const csrf = document.querySelector('input[name="csrf"]').value;
      const call = async (method, path, body) => {
        const r = await fetch(path, {
          method,
          headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
          body: JSON.stringify(body),
        });
        if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
        return r.json();
      };
      const survey = await call('POST', '/api/v1/surveys',
        { title: 'Hur vill du att länet ska utvecklas?', audience: 'open', closes_on: '' });
      await call('PUT', `/api/v1/surveys/${survey.id}/definition`, { sections: [{ title: 'Framtid', questions: [
        { key: 'ide', text: 'Din idé för länet', kind: 'text', required: true }] }] });
      await call('POST', `/api/v1/surveys/${survey.id}/sending`, {});
      return survey.id;
    });
    await signOut(v);

    await v.goto(`/enkater/${id}/oppet-svar`);
    await page.getByLabel('Din idé för länet').fill('Tåg varje halvtimme till Nässjö');
    await page.getByLabel('Skicka en kopia till mig (kvitto)').fill('anna@');
    await v.navigate(() => page.getByRole('button', { name: 'Skicka in svaret' }).click(), { expectStatus: 422 });
    assert.ok(await page.locator('#f-receipt_email-error').isVisible());
    assert.equal(await page.getByLabel('Din idé för länet').inputValue(), 'Tåg varje halvtimme till Nässjö');
    await page.getByLabel('Skicka en kopia till mig (kvitto)').fill('anna@example.se');
    await v.navigate(() => page.getByRole('button', { name: 'Skicka in svaret' }).click());
    await assertText(page.getByRole('status'), 'Ett kvitto med dina svar skickas');
  }));
});
