'use strict';
// The start page says what needs each person: the public sees the notice board's latest items,
// the coming meetings and a search field; the secretary and the chair see their protocols with
// due dates and the findings of their bodies. An organisation's page shows where it sits, and
// the compliance dashboard carries late protocols and ending seats. Every page passes axe-core
// and reflows at 320 px.

const assert = require('node:assert/strict');
const { describe, it, before, after } = require('node:test');
const { startServer, ACCOUNTS } = require('../lib/server');
const { launchBrowser, Visitor, step } = require('../lib/browser');
const { assertText, h1, signIn, signOut } = require('../lib/flows');

describe('start page and where an organisation sits', () => {
  let server;
  let browser;
  let v;
  const s = (fn) => step(() => v, fn);

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    v = await Visitor.open(browser, server.baseURL, 'start-page');
  });

  after(async () => {
    if (v) await v.close();
    if (browser) await browser.close();
    if (server) await server.stop();
  });

  it('shows the public the notice board, the coming meetings and a labelled search field', s(async () => {
    const page = v.page;
    await v.goto('/');
    await assertText(page.getByRole('heading', { level: 2, name: 'Senast på anslagstavlan' }), 'anslagstavlan');
    await assertText(page.getByRole('heading', { level: 2, name: 'Kommande möten' }), 'möten');
    // The search field is the header's, on the start page as on every page (one field, one landmark).
    assert.equal(await page.getByRole('search').count(), 1);
    const search = page.getByRole('search', { name: 'Sök i Samverkan' });
    assert.equal(await search.getAttribute('action'), '/sok');
    assert.equal(await page.getByRole('heading', { name: 'Det här väntar på dig' }).count(), 0);
  }));

  it('shows the secretary what needs her', s(async () => {
    const page = v.page;
    await signIn(v, ACCOUNTS.sekreterare.email);
    await v.goto('/');
    await assertText(page.getByRole('heading', { level: 2, name: 'Det här väntar på dig' }), 'väntar');
    await signOut(v);
  }));

  it('shows the chair the minutes to approve with their due date, and leads to them', s(async () => {
    const page = v.page;
    await signIn(v, 'ordforande@demo.samverkan.se');
    await v.goto('/');
    const heading = page.getByRole('heading', { level: 3, name: 'Protokoll som väntar på din justering' });
    assert.equal(await heading.count(), 1);
    const list = page.getByRole('region', { name: 'Protokoll som väntar på din justering' });
    await assertText(list, 'justeras senast');
    await v.navigate(() => list.getByRole('link').first().click());
    const protocol = new URL(page.url()).pathname;
    assert.match(protocol, /^\/moten\/\d+\/protokoll$/);
    // The meeting page states the same due date.
    await v.goto(protocol.replace(/\/protokoll$/, ''));
    await assertText(page.locator('main'), 'Justeras senast');
    await signOut(v);
  }));

  it('shows where Ydre kommun sits: bodies, representatives, findings and meetings', s(async () => {
    const page = v.page;
    await v.goto('/organisationer?q=Ydre');
    await v.navigate(() => page.getByRole('link', { name: 'Ydre kommun', exact: true }).first().click());
    await assertText(h1(page), 'Ydre kommun');
    const table = page.getByRole('table', { name: 'Representation i samverkansorgan' });
    await assertText(table, 'Samrådet för strategiska frågor');
    await assertText(page.getByRole('heading', { level: 2, name: 'Vakanta platser och brister' }), 'Vakanta');
  }));

  it('carries late protocols and ending seats on the compliance dashboard', s(async () => {
    const page = v.page;
    await v.goto('/efterlevnad');
    await assertText(page.locator('main'), 'mandatperioden 2023–2026 slutar 2026-12-31');
  }));
});
