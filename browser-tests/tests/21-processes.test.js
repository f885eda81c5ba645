'use strict';
// Processes (issue 14): a visitor reads Jönköping's revision of the RUS — the plan with the
// milestone that slipped, the milestone presented in Kommunalt forum linked to its agenda item,
// the timeline as a Gantt chart with its table, the dialogue meetings with the four group
// questions — and sends an input through the public form (refused first without a text). The
// administrator publishes it from the moderation queue, masked, and it shows in the
// compilation. Every page passes axe-core and reflows at 320 px.

const assert = require('node:assert/strict');
const { describe, it, before, after } = require('node:test');
const { startServer, ACCOUNTS } = require('../lib/server');
const { launchBrowser, Visitor, step } = require('../lib/browser');
const { assertText, h1, signIn, signOut } = require('../lib/flows');

const JKPG = 'Revidering av den regionala utvecklingsstrategin';
const INPUT = 'Fler laddstolpar längs väg 40, ring mig på 070-111 22 33.';

describe('processes (processer)', () => {
  let server;
  let browser;
  let v;
  const s = (fn) => step(() => v, fn);

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    v = await Visitor.open(browser, server.baseURL, 'processes');
  });

  after(async () => {
    if (v) await v.close();
    if (browser) await browser.close();
    if (server) await server.stop();
  });

  it('shows a visitor the plan, the slipped milestone, the timeline and a dialogue', s(async () => {
    const page = v.page;
    await v.goto('/processer');
    await assertText(h1(page), 'Processer');
    await v.navigate(() => page.getByRole('link', { name: JKPG }).click());
    await assertText(h1(page), JKPG);
    await assertText(page.locator('tr.slipped'), 'Antas i regionfullmäktige');
    await v.navigate(() => page.getByRole('link', { name: 'Upplägget presenterat i Kommunalt forum' }).first().click());
    await assertText(page.locator('main'), 'Dialogmöten och processen med Regional utvecklingsstrategi');
    await v.navigate(() => page.getByRole('link', { name: 'Till processen' }).click());
    await v.navigate(() => page.getByRole('link', { name: 'Tidslinje' }).click());
    assert.equal(await page.locator('svg[role="img"]').count(), 1);
    await assertText(page.getByRole('table'), 'Försenad');
    await v.goto('/processer');
    await v.navigate(() => page.getByRole('link', { name: JKPG }).click());
    await v.navigate(() => page.getByRole('link', { name: /^Dialogmöte / }).first().click());
    await assertText(page.locator('main'), 'Hur skapar man genomförandekraft för en ny RUS?');
  }));

  it('takes an input from a visitor and the administrator publishes it masked', s(async () => {
    const page = v.page;
    await v.goto('/processer');
    await v.navigate(() => page.getByRole('link', { name: JKPG }).click());
    await v.navigate(() => page.getByRole('link', { name: 'Lämna inspel' }).click());
    await v.navigate(() => page.getByRole('button', { name: 'Lämna inspel' }).click(), { expectStatus: 422 });
    await assertText(page.locator('#f-text-error'), 'måste fyllas i');
    await page.getByLabel('Ditt inspel').fill(INPUT);
    await page.getByLabel('Du skriver som').selectOption('resident');
    await v.navigate(() => page.getByRole('button', { name: 'Lämna inspel' }).click());
    await assertText(page.locator('main'), 'publiceras när det har granskats');

    await signIn(v, ACCOUNTS.admin.email);
    await v.goto('/processer');
    await v.navigate(() => page.getByRole('link', { name: JKPG }).click());
    await v.navigate(() => page.getByRole('link', { name: 'Granskning av inspel' }).click());
    const card = page.locator('article', { hasText: 'laddstolpar' });
    await v.navigate(() => card.getByRole('button', { name: /^Publicera/ }).click());
    await v.navigate(() => page.getByRole('link', { name: JKPG }).click());
    await v.navigate(() => page.getByRole('link', { name: 'Sammanställning av inspel' }).click());
    await assertText(page.locator('main'), 'Fler laddstolpar längs väg 40');
    assert.equal(await page.locator('main', { hasText: '070-111' }).count(), 0);
    await signOut(v);
  }));
});
