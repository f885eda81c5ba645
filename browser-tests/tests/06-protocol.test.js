'use strict';
// Protocols: the secretary of Kommunalt forum starts the minutes of a held meeting, writes a
// decision and submits them; the chair and the adjuster approve with their own passwords; the
// notice board announces the adjustment; anyone reads the published minutes, an extract, the
// verification, the board, the notice and the archive. Every page passes axe-core, and the
// published minutes and the board reflow at 320 px.

const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const { describe, it, before, after } = require('node:test');
const { startServer, ACCOUNTS, TODAY } = require('../lib/server');

/** The ISO date `n` days before the ISO date `day`. */
const daysBefore = (day, n) => new Date(Date.parse(`${day}T12:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
const { launchBrowser, Visitor, step } = require('../lib/browser');
const { assertText, assertNoText, h1, signIn, signOut } = require('../lib/flows');

const PASSWORD = 'justerarens-eget-losenord-2024';
const CHAIR = 'ordforande@test.samverkan.se';
const ADJUSTER = 'justerare@test.samverkan.se';
const DECISION = 'Kommunalt forum fastställer sammanträdestider för år 2026.';

describe('protocol and notice board', () => {
  let server;
  let browser;
  let secretary;
  let chair;
  let adjuster;
  let anon;
  let current;
  let meeting; // the meeting's id
  let cli; // runs the samverkan command line against the server's data directory

  const as = (get) => (fn) =>
    step(() => current, async (t) => {
      current = get();
      await fn(t);
    });
  const ss = as(() => secretary);
  const sc = as(() => chair);
  const sj = as(() => adjuster);
  const sn = as(() => anon);
  const page = () => `/moten/${meeting}/protokoll`;

  /** The JSON API as the administrator, with a personal token from the command line. */
  let token;
  async function api(method, path, body) {
    const r = await fetch(`${server.baseURL}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    assert.ok(r.ok, `${method} ${path} → ${r.status}: ${text}`);
    return text ? JSON.parse(text) : null;
  }

  before(async () => {
    server = await startServer();
    cli = (args, input) =>
      execFileSync(server.bin, ['--data-dir', server.dataDir, ...args], { input, encoding: 'utf8' }).trim();
    token = cli(['token', 'create', '--email', ACCOUNTS.admin.email, '--name', 'protokolltest']);
    // Kommunalt forum: its secretary (the demo's secretary account), its chair and a member.
    const bodies = await api('GET', '/bodies?q=Kommunalt%20forum');
    const forum = bodies.items.find((b) => b.name === 'Kommunalt forum');
    assert.ok(forum && forum.secretary, 'Kommunalt forum with a secretary in the demo');
    const members = (await api('GET', `/bodies/${forum.id}/memberships?at=${TODAY}`)).items;
    const chairM = members.find((m) => m.role === 'chair');
    const memberM = members.find((m) => m.role === 'member' && m.person_id !== chairM.person_id);
    assert.ok(chairM && memberM, 'a chair and a member');
    // A meeting held two days ago, with one decision on the agenda.
    const date = daysBefore(TODAY, 2);
    const m = await api('POST', `/bodies/${forum.id}/meetings`, {
      date, start: '09:00', end: '11:00', place: 'Regionens hus, Jönköping',
      chair: chairM.person_id, secretary: forum.secretary.id,
    });
    meeting = m.id;
    await api('PUT', `/meetings/${meeting}/adjusters`, { adjusters: [memberM.person_id] });
    await api('POST', `/meetings/${meeting}/agenda`, {
      title: 'Sammanträdesdatum 2026', kind: 'decision', case_number: 'RJL 2024/3340',
    });
    await api('POST', `/meetings/${meeting}/status`, { status: 'held' });
    // Accounts for the chair and the adjuster, acting as those people.
    for (const [email, name, person] of [
      [CHAIR, 'Ordförande Test', chairM.person_id],
      [ADJUSTER, 'Justerare Test', memberM.person_id],
    ]) {
      cli(['user', 'add', '--email', email, '--name', name, '--password-stdin'], PASSWORD);
      cli(['user', 'link', '--email', email, '--person-id', String(person)]);
    }
    browser = await launchBrowser();
    secretary = await Visitor.open(browser, server.baseURL, 'protocol-secretary');
    chair = await Visitor.open(browser, server.baseURL, 'protocol-chair');
    adjuster = await Visitor.open(browser, server.baseURL, 'protocol-adjuster');
    anon = await Visitor.open(browser, server.baseURL, 'protocol-anonymous');
  });

  after(async () => {
    for (const v of [secretary, chair, adjuster, anon]) if (v) await v.close();
    if (browser) await browser.close();
    if (server) await server.stop();
  });

  it('asks a visitor to sign in before the minutes are adjusted', sn(async () => {
    await anon.goto(page());
    assert.equal(new URL(anon.page.url()).pathname, '/logga-in');
  }));

  it('lets the secretary start the minutes from the agenda', ss(async () => {
    await signIn(secretary, ACCOUNTS.sekreterare.email);
    await secretary.goto(page());
    await assertText(h1(secretary.page), 'Protokoll – Kommunalt forum');
    await assertText(secretary.page.locator('main'), 'Protokollet ska vara justerat senast');
    await secretary.navigate(() => secretary.page.getByRole('button', { name: 'Påbörja protokoll' }).click());
    await assertText(secretary.page.getByRole('status'), 'Protokollet är påbörjat.');
    await assertText(secretary.page.locator('main'), 'Val av protokollsjusterare');
    await assertText(secretary.page.locator('main'), 'Fastställande av dagordning');
  }));

  it('shows errors at the field and keeps what was typed', ss(async () => {
    const section = secretary.page.locator('section.work-paragraph', { hasText: 'Sammanträdesdatum 2026' });
    await section.getByLabel('Diarienummer').fill('2025-100');
    await section.getByLabel('Beslut', { exact: true }).fill(DECISION);
    await secretary.navigate(() => section.getByRole('button', { name: /^Spara/ }).click(), { expectStatus: 422 });
    await assertText(secretary.page.getByRole('alert'), 'Det finns fel i formuläret');
    const again = secretary.page.locator('section.work-paragraph', { hasText: 'Sammanträdesdatum 2026' });
    assert.equal(await again.getByLabel('Beslut', { exact: true }).inputValue(), DECISION);
    await again.getByLabel('Diarienummer').fill('RJL 2024/3340');
    await secretary.navigate(() => again.getByRole('button', { name: /^Spara/ }).click());
    await assertText(secretary.page.getByRole('status'), 'Ändringarna är sparade.');
  }));

  it('keeps the text typed into every paragraph when a button of another is pressed', ss(async () => {
    const main = secretary.page.locator('main');
    const section = (title) => secretary.page.locator('section.work-paragraph', { hasText: title });
    const A = 'Till att jämte ordföranden justera dagens protokoll utses den valda justeraren (skrivet i A).';
    const B = 'Dagordningen fastställs med ett tillägg (skrivet i B).';
    await section('Val av protokollsjusterare').getByLabel('Beslut', { exact: true }).fill(A);
    await section('Fastställande av dagordning').getByLabel('Beslut', { exact: true }).fill(B);
    // "Votering" of a third paragraph: saves both texts, then opens the vote of that paragraph only.
    await secretary.navigate(() => section('Sammanträdesdatum 2026').getByRole('button', { name: /^Votering/ }).click());
    assert.equal(await section('Val av protokollsjusterare').getByLabel('Beslut', { exact: true }).inputValue(), A);
    assert.equal(await section('Fastställande av dagordning').getByLabel('Beslut', { exact: true }).inputValue(), B);
    await assertText(section('Sammanträdesdatum 2026').getByRole('group', { name: /Lägg till omröstning/ }), 'Lägg till omröstning');
    assert.equal(await main.getByRole('group', { name: /Lägg till omröstning/ }).count(), 1, 'one vote section open');
    // And stored, not only shown.
    const decisions = (await api('GET', `/meetings/${meeting}/protocol`)).paragraphs.map((p) => p.decision);
    assert.ok(decisions.includes(A) && decisions.includes(B), decisions.join(' | '));
    await secretary.assertNoHorizontalScrollAt320(page());
  }));

  it('warns before leaving the editor with text not saved (JavaScript enhancing the form)', ss(async () => {
    const summary = secretary.page.locator('section.work-paragraph', { hasText: 'Val av protokollsjusterare' })
      .getByLabel('Sammanfattning');
    await summary.fill('Osparad text som inte får försvinna.');
    let warned = null;
    secretary.page.once('dialog', async (d) => { warned = d.type(); await d.dismiss(); });
    await secretary.page.getByRole('link', { name: 'Till mötet' }).click();
    await secretary.page.waitForTimeout(500);
    assert.equal(warned, 'beforeunload');
    assert.equal(new URL(secretary.page.url()).pathname, page());
    assert.equal(await summary.inputValue(), 'Osparad text som inte får försvinna.');
    // Saved, it leaves no warning behind.
    await secretary.navigate(() => secretary.page.getByRole('button', { name: 'Spara alla ändringar' }).click());
  }));

  it('adds a paragraph raised at the meeting, moves it with the keyboard and removes it', ss(async () => {
    const titles = () => secretary.page.locator('section.work-paragraph h3').allInnerTexts();
    const typedElsewhere = 'Text som skrivs samtidigt i en annan paragraf.';
    await secretary.page.locator('section.work-paragraph', { hasText: 'Sammanträdesdatum 2026' })
      .getByLabel('Sammanfattning').fill(typedElsewhere);
    await secretary.page.getByLabel('Rubrik för ny paragraf').fill('Extra ärende från mötet');
    await secretary.navigate(() => secretary.page.getByRole('button', { name: 'Lägg till paragraf' }).click());
    let now = await titles();
    assert.match(now[now.length - 1], /^§ \d+ Extra ärende från mötet$/);
    assert.equal(await secretary.page.locator('section.work-paragraph', { hasText: 'Sammanträdesdatum 2026' })
      .getByLabel('Sammanfattning').inputValue(), typedElsewhere);
    const numbers = now.map((t) => Number(t.match(/^§ (\d+)/)[1]));
    // Moved up from the keyboard: focus the button, press Enter; the numbers follow.
    const extra = secretary.page.locator('section.work-paragraph', { hasText: 'Extra ärende från mötet' });
    await extra.getByRole('button', { name: /^Flytta upp/ }).focus();
    await secretary.navigate(() => secretary.page.keyboard.press('Enter'));
    now = await titles();
    assert.equal(now[now.length - 2], `§ ${numbers[numbers.length - 2]} Extra ärende från mötet`);
    assert.deepEqual(now.map((t) => Number(t.match(/^§ (\d+)/)[1])), numbers);
    await secretary.navigate(() => secretary.page.locator('section.work-paragraph', { hasText: 'Extra ärende från mötet' })
      .getByRole('button', { name: /^Ta bort §/ }).click());
    now = await titles();
    assert.equal(now.length, numbers.length - 1);
    assert.ok(!now.some((t) => t.includes('Extra ärende')));
  }));

  it('submits the minutes for adjustment', ss(async () => {
    await secretary.navigate(() => secretary.page.getByRole('button', { name: 'Lämna för justering' }).click());
    await assertText(secretary.page.getByRole('status'), 'Protokollet är lämnat för justering.');
    await assertText(secretary.page.locator('main'), 'Väntar på justering av');
    await assertText(secretary.page.locator('main'), 'Utkast – ej justerat');
  }));

  it('refuses a wrong password and records the chair’s approval with the right one', sc(async () => {
    await signIn(chair, CHAIR, PASSWORD);
    await chair.goto('/');
    const waiting = chair.page.getByRole('region', { name: 'Protokoll som väntar på din justering' });
    await chair.navigate(() => waiting.getByRole('link').first().click());
    assert.equal(new URL(chair.page.url()).pathname, page());
    await assertText(chair.page.locator('main'), DECISION);
    await chair.page.getByLabel('Ditt lösenord').fill('fel lösenord');
    await chair.navigate(() => chair.page.getByRole('button', { name: 'Justera protokollet' }).click(), { expectStatus: 422 });
    await assertText(chair.page.getByRole('alert'), 'Fel lösenord');
    await chair.page.getByLabel('Ditt lösenord').fill(PASSWORD);
    await chair.navigate(() => chair.page.getByRole('button', { name: 'Justera protokollet' }).click());
    await assertText(chair.page.getByRole('status'), 'Din justering är registrerad.');
  }));

  it('adjusts and announces the minutes with the adjuster’s approval', sj(async () => {
    await signIn(adjuster, ADJUSTER, PASSWORD);
    await adjuster.goto(page());
    await adjuster.page.getByLabel('Ditt lösenord').fill(PASSWORD);
    await adjuster.navigate(() => adjuster.page.getByRole('button', { name: 'Justera protokollet' }).click());
    await assertText(adjuster.page.getByRole('status'), 'Protokollet är justerat och tillkännagivet på anslagstavlan.');
  }));

  it('publishes the minutes to everyone, with the digital approvals', sn(async () => {
    await anon.goto(page());
    const main = anon.page.locator('main');
    await assertText(main, 'PROTOKOLL');
    await assertText(main, DECISION);
    await assertText(main, 'justerat digitalt');
    await assertText(main, 'Bilaga 1');
    await assertNoText(main, 'Utkast – ej justerat');
    await anon.assertNoHorizontalScrollAt320(page());
  }));

  it('shows a certified extract and the verification', sn(async () => {
    await anon.navigate(() => anon.page.getByRole('link', { name: /Protokollsutdrag § \d+$/ }).last().click());
    await assertText(anon.page.locator('main'), 'Utdragsbestyrkande');
    await assertText(anon.page.locator('main'), DECISION);
    // The checksums are out of the reading flow, in a disclosure; opened, they still wrap at 320 px.
    await anon.page.locator('details.checksums summary').click();
    const wide = await anon.reflowProblemAt320();
    assert.ok(!wide, wide);
    await anon.goto(`${page()}/verifiera`);
    await assertText(anon.page.getByRole('status'), 'Varje versions text är exakt den som sparades med dess kontrollsumma.');
    const pdf = await anon.page.request.get(`${page()}.pdf`);
    assert.equal(pdf.status(), 200);
    assert.equal(pdf.headers()['content-type'], 'application/pdf');
  }));

  it('announces the adjustment on the notice board, in its feed and notice', sn(async () => {
    await anon.goto('/anslagstavla');
    await assertText(anon.page.locator('.board-mark'), 'Anslagstavla – den officiella anslagstavlan för regionen och kommunerna');
    // A consultation group has no decision power of its own (rule 9): no last day to appeal.
    await assertText(anon.page.locator('main'), 'Kan inte överklagas: organet har ingen egen beslutanderätt');
    await assertText(anon.page.locator('main'), 'förvaltningsrätten');
    const feed = await anon.page.evaluate(async () => {
      const r = await fetch('/anslagstavla.atom');
      const doc = new DOMParser().parseFromString(await r.text(), 'application/xml');
      return { type: r.headers.get('content-type'), error: !!doc.querySelector('parsererror'), entries: doc.getElementsByTagName('entry').length };
    });
    assert.ok(feed.type.startsWith('application/atom+xml'), feed.type);
    assert.equal(feed.error, false, 'the Atom feed is well-formed XML');
    assert.ok(feed.entries >= 1);
    const { assertValidAtom } = await import('../lib/feeds.mjs');
    assertValidAtom(await (await fetch(`${server.baseURL}/anslagstavla.atom`)).text());
    await anon.assertNoHorizontalScrollAt320('/anslagstavla');
    const notice = anon.page.locator('section.announcement', { hasText: 'Kommunalt forum' }).first().getByRole('link').first();
    await anon.navigate(() => notice.click());
    await assertText(anon.page.locator('main'), 'Protokollet förvaras');
    await assertText(anon.page.locator('main'), 'Organet är ett samverkansorgan utan egen beslutanderätt');
    await anon.goto('/anslagstavla/arkiv');
    await assertText(h1(anon.page), 'Arkiv över nedtagna tillkännagivanden');
  }));

  it('checked every page it loaded', async () => {
    await signOut(secretary);
    for (const v of [secretary, chair, adjuster, anon]) v.assertEveryPageChecked();
  });
});
