'use strict';
// Requests for official documents (issue 11, ADR 48): a visitor asks for the RUS case's
// tjänsteskrivelse from the public case page — refused first without an e-mail address, the
// typed text kept — and gets a receipt, anonymously (TF 2 kap. 18 §); the demo registrar finds
// it open at the top of the queue with the demo's handled one below, and marks it handled
// (refused first without a note). Every page passes axe-core and reflows at 320 px.

const { describe, it, before, after } = require('node:test');
const { startServer, ACCOUNTS } = require('../lib/server');
const { launchBrowser, Visitor, step } = require('../lib/browser');
const { assertText, h1, signIn } = require('../lib/flows');

const WHAT = 'Tjänsteskrivelsen om RUS, för en artikel';

describe('requests for official documents (begäran om allmän handling)', () => {
  let server;
  let browser;
  let v;
  let queueUrl;
  const s = (fn) => step(() => v, fn);

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    v = await Visitor.open(browser, server.baseURL, 'requests');
  });

  after(async () => {
    if (v) await v.close();
    if (browser) await browser.close();
    if (server) await server.stop();
  });

  it('lets a visitor request a document anonymously and shows the receipt', s(async () => {
    const page = v.page;
    await v.goto('/diarium?q=arbetsprocess');
    await v.navigate(() => page.getByRole('link', { name: /^RÖ \d{4}\/1$/ }).click());
    await v.navigate(() => page.getByRole('link', { name: /^Begär ut RÖ / }).first().click());
    await assertText(h1(page), 'Begär ut handling');
    await page.getByLabel('Vad du vill ta del av').fill(WHAT);
    await v.navigate(() => page.getByRole('button', { name: 'Skicka begäran' }).click(), { expectStatus: 422 });
    await assertText(page.locator('#f-requester_email-error'), 'Fältet måste fyllas i');
    await page.getByLabel('Din e-postadress').fill('reporter@example.org');
    await v.navigate(() => page.getByRole('button', { name: 'Skicka begäran' }).click());
    await assertText(h1(page), 'Begäran har tagits emot');
    await assertText(page.locator('main'), WHAT);
  }));

  it('shows the registrar the request open first in the queue, and handles it only with a note', s(async () => {
    const page = v.page;
    await signIn(v, ACCOUNTS.registrator.email);
    await v.goto('/diarium?q=arbetsprocess');
    await v.navigate(() => page.getByRole('link', { name: /^RÖ \d{4}\/1$/ }).click());
    const org = await page.evaluate(async () => {
      const id = location.pathname.split('/').pop();
      const r = await fetch(`/api/v1/cases/${id}`);
      return (await r.json()).organisation_id;
    });
    queueUrl = `/diarium/begaranden?organisation=${org}`;
    await v.goto(queueUrl);
    const table = page.getByRole('table', { name: /Begäranden om allmän handling/ });
    await assertText(table.locator('tbody tr').first(), 'Tjänsteskrivelsen om den gemensamma');
    await assertText(table, WHAT);
    await assertText(table, 'Lämnad ut');
    const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Markera som handlagd' }) }).last();
    await v.navigate(() => form.getByRole('button', { name: 'Markera som handlagd' }).click(), { expectStatus: 422 });
    const again = page.locator('form').filter({ has: page.getByRole('button', { name: 'Markera som handlagd' }) }).last();
    await again.getByLabel('Anteckning').fill('Skickad med e-post samma dag.');
    await v.navigate(() => again.getByRole('button', { name: 'Markera som handlagd' }).click());
    await assertText(page.getByRole('table', { name: /Begäranden om allmän handling/ }), 'Skickad med e-post samma dag.');
  }));
});
