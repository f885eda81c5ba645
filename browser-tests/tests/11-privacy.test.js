'use strict';
// Personal data (GDPR, rule 22, ADR 35): the administrator opens the personal-data page of the
// secretary of a published protocol, is told in words that a removal needs a reason, removes
// the data from the web with one, and reads the register extract; an anonymous visitor then
// reads the published protocol with the secretary's name shown as "[borttaget]" and a note that
// the published copy is masked. Every page passes axe-core, and the new pages reflow at 320 px.

const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const { describe, it, before, after } = require('node:test');
const { startServer, ACCOUNTS } = require('../lib/server');
const { launchBrowser, Visitor, step } = require('../lib/browser');
const { assertText, assertNoText, h1, signIn } = require('../lib/flows');

describe('personal data', () => {
  let server;
  let browser;
  let admin;
  let anon;
  let current;
  let meeting; // a meeting of the demo with a published protocol
  let secretary; // its secretary, as the protocol names them: { person_id, name }

  const as = (get) => (fn) =>
    step(() => current, async (t) => {
      current = get();
      await fn(t);
    });
  const sa = as(() => admin);
  const sn = as(() => anon);
  const places = () => `/personer/${secretary.person_id}/personuppgifter`;

  before(async () => {
    server = await startServer();
    const token = execFileSync(
      server.bin,
      ['--data-dir', server.dataDir, 'token', 'create', '--email', ACCOUNTS.admin.email, '--name', 'gdprtest'],
      { encoding: 'utf8' },
    ).trim();
    const api = async (path) => {
      const r = await fetch(`${server.baseURL}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
      assert.ok(r.ok, `${path} → ${r.status}`);
      return r.json();
    };
    // The demo's meetings of the last year; the first whose published protocol names a secretary
    // of the register who is not an elected representative in it.
    const list = await api('/meetings?from=2000-01-01');
    for (const m of list.items.filter((x) => x.status === 'adjusted' || x.status === 'announced')) {
      const p = (await api(`/meetings/${m.id}/protocol`)).protocol;
      const s = p && p.secretary;
      const elected = (id) => p.attendance.some((a) => a.person.person_id === id && ['member', 'substitute'].includes(a.role));
      if (s && s.person_id && !elected(s.person_id) && s.name !== p.chair?.name) {
        meeting = m.id;
        secretary = s;
        break;
      }
    }
    assert.ok(meeting, 'a published protocol of the demo with a secretary of the register');
    browser = await launchBrowser();
    admin = await Visitor.open(browser, server.baseURL, 'privacy-admin');
    anon = await Visitor.open(browser, server.baseURL, 'privacy-anonymous');
  });

  after(async () => {
    for (const v of [admin, anon]) {
      if (v) {
        v.assertEveryPageChecked();
        await v.close();
      }
    }
    if (browser) await browser.close();
    if (server) await server.stop();
  });

  it('shows the published protocol with the secretary named before any removal', sn(async () => {
    await anon.goto(`/moten/${meeting}/protokoll`);
    await assertText(anon.page.getByRole('main'), secretary.name);
    await assertNoText(anon.page.getByRole('main'), '[borttaget]');
  }));

  it('lists where the secretary’s data is kept, with links', sa(async () => {
    await signIn(admin, ACCOUNTS.admin.email);
    await admin.goto(places());
    await assertText(h1(admin.page), `Personuppgifter: ${secretary.name}`);
    const link = admin.page.locator(`a[href="/moten/${meeting}/protokoll?version=1"]`);
    assert.equal(await link.count(), 1, 'a link to the protocol version that names the person');
  }));

  it('removes the data from the web with a reason', sa(async () => {
    await admin.goto(places());
    // The browser's own check stops an empty reason; without it the server says so at the field.
    // (A reason is required: GDPR art. 5.2.)
    await admin.page.getByLabel('Skäl').evaluate((e) => e.removeAttribute('required'));
    await admin.navigate(() => admin.page.getByRole('button', { name: 'Ta bort personuppgifter från webben' }).click(),
      { expectStatus: 422 });
    await assertText(admin.page.locator('#f-reason-error'), 'Fältet måste fyllas i.');
    await admin.page.getByLabel('Skäl').fill('Begäran om radering enligt artikel 17');
    await admin.navigate(() => admin.page.getByRole('button', { name: 'Ta bort personuppgifter från webben' }).click());
    await assertText(admin.page.getByRole('main'), 'Personuppgifterna är borttagna från webben');
    await assertText(admin.page.getByRole('main'), 'Begäran om radering enligt artikel 17');
    await admin.assertNoHorizontalScrollAt320(places());
  }));

  it('gives the register extract as a page and a PDF', sa(async () => {
    const extract = `/personer/${secretary.person_id}/registerutdrag`;
    await admin.goto(extract);
    await assertText(h1(admin.page), `Registerutdrag: ${secretary.name}`);
    await assertText(admin.page.getByRole('main'), 'Dina rättigheter');
    const pdf = await admin.page.request.get(`${extract}.pdf`);
    assert.equal(pdf.status(), 200);
    assert.equal(pdf.headers()['content-type'], 'application/pdf');
    await admin.assertNoHorizontalScrollAt320(extract);
  }));

  it('masks the secretary’s name in the published protocol and says so', sn(async () => {
    await anon.goto(`/moten/${meeting}/protokoll`);
    const main = anon.page.getByRole('main');
    await assertText(main, '[borttaget]');
    await assertText(main, 'Personuppgifter har tagits bort från den publicerade kopian');
    await assertNoText(main, secretary.name);
  }));
});
