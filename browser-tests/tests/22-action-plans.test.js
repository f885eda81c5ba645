'use strict';
// Action plans, follow-up rounds and the annual report (issue 13, ADR 51): a visitor reads the
// forums' action plans and a plan with its activities, and finds the annual follow-up report of
// Jönköping's RUS from the strategy's page; the secretary (a member of the public-health forum)
// fills in the forum's answer to ReKo's follow-up round, refused first without a summary; the
// administrator edits a plan (refused first without a title) and reads how ready the report is.
// Every page passes axe-core and reflows at 320 px.

const { describe, it, before, after } = require('node:test');
const { startServer, ACCOUNTS, TODAY } = require('../lib/server');
const { launchBrowser, Visitor, step } = require('../lib/browser');
const { assertText, h1, signIn, signOut } = require('../lib/flows');

const JKPG = 'Regional utvecklingsstrategi för Jönköpings län 2020–2035';
const ROUND = 'Uppföljning av handlingsplaner inom Gemensamt ledningssystem för samverkan';
const LAST_YEAR = Number(TODAY.slice(0, 4)) - 1;

describe('action plans, follow-up and the annual report (handlingsplaner och uppföljning)', () => {
  let server;
  let browser;
  let v;
  let reportUrl;
  const s = (fn) => step(() => v, fn);

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    v = await Visitor.open(browser, server.baseURL, 'action-plans');
  });

  after(async () => {
    if (v) await v.close();
    if (browser) await browser.close();
    if (server) await server.stop();
  });

  it('shows a visitor the plans, a plan and the annual report from the strategy', s(async () => {
    const page = v.page;
    await v.goto('/handlingsplaner');
    await assertText(h1(page), 'Handlingsplaner');
    await v.navigate(() => page.locator('main table a[href^="/handlingsplaner/"]').first().click());
    await assertText(page.locator('main'), 'Aktiviteter');
    await v.goto('/strategier');
    await v.navigate(() => page.getByRole('link', { name: JKPG }).click());
    await v.navigate(() => page.getByRole('link', { name: `Årlig uppföljning ${LAST_YEAR}` }).click());
    reportUrl = new URL(page.url()).pathname;
    await assertText(h1(page), 'Årlig uppföljning');
    await assertText(page.locator('main'), 'En hållbar region');
  }));

  it('lets a forum member answer the follow-up round, refused first without a summary', s(async () => {
    const page = v.page;
    await signIn(v, ACCOUNTS.sekreterare.email);
    await v.goto('/uppfoljningar');
    await v.navigate(() => page.getByRole('link', { name: ROUND }).click());
    await assertText(h1(page), ROUND);
    const answer = page.getByRole('link', { name: /uppföljningen/ }).first();
    await v.navigate(() => answer.click());
    await page.locator('#f-summary').fill('');
    await v.navigate(() => page.getByRole('button', { name: 'Skicka in uppföljningen' }).click(), {
      expectStatus: 422,
    });
    await assertText(page.locator('#f-summary-error'), 'Fältet måste fyllas i');
    await page.locator('#f-summary').fill('Arbetet med de tre prioriteringarna fortsätter i nästa plan.');
    await v.navigate(() => page.getByRole('button', { name: 'Skicka in uppföljningen' }).click());
    await assertText(page.locator('main'), 'Arbetet med de tre prioriteringarna fortsätter i nästa plan.');
    await signOut(v);
  }));

  it('shows the administrator how ready the report is, and lets them edit a plan', s(async () => {
    const page = v.page;
    await signIn(v, ACCOUNTS.admin.email);
    await v.goto('/handlingsplaner');
    await v.navigate(() => page.locator('main table a[href^="/handlingsplaner/"]').first().click());
    await v.navigate(() => page.getByRole('link', { name: 'Ändra planen' }).click());
    const title = await page.locator('#f-title').inputValue();
    await page.locator('#f-title').fill('');
    await v.navigate(() => page.getByRole('button', { name: 'Spara' }).click(), { expectStatus: 422 });
    await assertText(page.locator('#f-title-error'), 'Fältet måste fyllas i');
    await page.locator('#f-title').fill(title);
    await v.navigate(() => page.getByRole('button', { name: 'Spara' }).click());
    await assertText(h1(page), title);
    await v.goto(reportUrl);
    await v.navigate(() => page.getByRole('link', { name: /Hur klar rapporten är/ }).click());
    await assertText(h1(page), 'Hur klar rapporten är');
    await signOut(v);
  }));
});
