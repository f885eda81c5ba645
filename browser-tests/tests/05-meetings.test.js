'use strict';
// Meetings: the administrator (as a secretary would) creates a meeting of Kommunalt forum,
// builds its agenda, uploads an attachment, chooses an adjuster, marks attendance and sends the
// notice; the meeting overview, the notice and the attendance pages pass axe and reflow at
// 320 px; both calendar feeds are valid iCalendar. A visitor who is not signed in reads the
// meeting but is offered no forms.

const assert = require('node:assert/strict');
const { describe, it, before, after } = require('node:test');
const { startServer, ACCOUNTS, TODAY } = require('../lib/server');
const { launchBrowser, Visitor, step } = require('../lib/browser');
const { assertText, assertNoText, h1, signIn } = require('../lib/flows');

const BODY = 'Kommunalt forum';
const PLACE = 'Regionens hus, Jönköping';
const ITEMS = [
  { title: 'Regional utvecklingsstrategi', kind: 'Beslut', case: 'RJL 2024/3336', presenters: 'Ola Götesson, verksamhetschef', from: '09:15', to: '10:00' },
  { title: 'Mötets öppnande', kind: 'Information', case: '', presenters: '', from: '09:00', to: '09:10' },
];
// A small real PDF.
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n' +
    'trailer\n<< /Root 1 0 R >>\n%%EOF\n',
);
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');

const pathOf = (page) => new URL(page.url()).pathname;

describe('meetings', () => {
  let server;
  let browser;
  let admin;
  let anon;
  let current;
  let bodyPath; // /organ/{id}
  let meetingPath; // /moten/{id}
  let chairPath; // /personer/{id}
  const year = Number(TODAY.slice(0, 4)) + 1;
  const date = `${year}-03-12`;

  const as = (get) => (fn) =>
    step(() => current, async (t) => {
      current = get();
      await fn(t);
    });
  const sa = as(() => admin);
  const sn = as(() => anon);
  const meeting = () => {
    assert.ok(meetingPath, 'the meeting was not created');
    return meetingPath;
  };

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    admin = await Visitor.open(browser, server.baseURL, 'meetings-admin');
    anon = await Visitor.open(browser, server.baseURL, 'meetings-anonymous');
  });

  after(async () => {
    for (const v of [admin, anon]) if (v) await v.close();
    if (browser) await browser.close();
    if (server) await server.stop();
  });

  it('signs in as the administrator and opens the body\'s meetings', sa(async () => {
    const page = admin.page;
    await signIn(admin, ACCOUNTS.admin.email);
    await admin.goto(`/organ?q=${encodeURIComponent(BODY)}`);
    const link = page.getByRole('table', { name: 'Organ i samverkan' }).getByRole('link', { name: BODY, exact: true });
    assert.ok(await link.count(), `the demo has no body named ${BODY}`);
    await admin.navigate(() => link.first().click());
    bodyPath = pathOf(page);
    assert.ok(await page.getByRole('link', { name: 'Prenumerera på kalendern' }).count(), 'no calendar link on the body page');
    await admin.navigate(() => page.getByRole('link', { name: 'Organets möten' }).click());
    assert.equal(pathOf(page), `${bodyPath}/moten`);
    assert.equal((await h1(page).innerText()).trim(), `Möten – ${BODY}`);
  }));

  it('creates a meeting; an end before the start is refused at the field first', sa(async () => {
    const page = admin.page;
    await admin.goto(`${bodyPath}/moten?ar=${year}`);
    const form = page.getByRole('region', { name: 'Nytt möte' }).locator('form');
    await form.getByLabel('Datum', { exact: true }).fill(date);
    await form.getByLabel('Starttid').fill('09:00');
    await form.getByLabel(/^Sluttid/).fill('08:00');
    await form.getByLabel(/^Plats/).fill(PLACE);
    await form.getByLabel(/^Ordförande/).selectOption({ index: 1 });
    await admin.navigate(() => form.getByRole('button', { name: 'Skapa mötet' }).click(), { expectStatus: 422 });
    await assertText(page.locator('.error-summary[role=alert]'), 'Sluttiden måste vara efter starttiden.');
    const end = page.locator('[id="f-end"]');
    assert.equal(await end.getAttribute('aria-invalid'), 'true');
    assert.match(await end.getAttribute('aria-describedby'), /f-end-error/);
    assert.equal(await page.locator('[id="f-place"]').inputValue(), PLACE, 'the place was lost');

    await end.fill('12:00');
    const again = page.getByRole('region', { name: 'Nytt möte' }).locator('form');
    await admin.navigate(() => again.getByRole('button', { name: 'Skapa mötet' }).click(), { expectStatus: 200 });
    assert.match(pathOf(page), /^\/moten\/\d+$/);
    meetingPath = pathOf(page);
    await assertText(page.getByRole('status'), 'Mötet är skapat.');
    assert.equal((await h1(page).innerText()).trim(), `${BODY} ${date}`);
    await assertText(page.locator('dl.facts'), PLACE);
    await assertText(page.locator('dl.facts'), '09:00–12:00');
    chairPath = await page.locator('dl.facts dt', { hasText: 'Ordförande' }).locator('xpath=following-sibling::dd[1]/a').getAttribute('href');
  }));

  it('builds the agenda: adds two items and moves the second up', sa(async () => {
    const page = admin.page;
    for (const it of ITEMS) {
      const form = page.locator('form', { has: page.getByRole('button', { name: 'Lägg till punkten' }) });
      await form.getByLabel('Rubrik', { exact: true }).fill(it.title);
      await form.getByLabel('Typ av punkt').selectOption({ label: it.kind });
      await form.getByLabel(/^Diarienummer/).fill(it.case);
      await form.getByLabel(/^Föredragande/).fill(it.presenters);
      await form.getByLabel(/^Från klockan/).fill(it.from);
      await form.getByLabel(/^Till klockan/).fill(it.to);
      await admin.navigate(() => form.getByRole('button', { name: 'Lägg till punkten' }).click(), { expectStatus: 200 });
      await assertText(page.getByRole('region', { name: 'Dagordning' }), it.title);
    }
    await admin.navigate(() => page.getByRole('button', { name: new RegExp(`^Flytta upp\\s*:\\s*${ITEMS[1].title}$`) }).click(), { expectStatus: 200 });
    const titles = await page.locator('ol.agenda > li h3').allTextContents();
    assert.deepEqual(titles.map((s) => s.trim()), [ITEMS[1].title, ITEMS[0].title]);
    await assertText(page.locator('ol.agenda'), 'Diarienummer RJL 2024/3336');
    await assertText(page.locator('ol.agenda'), ITEMS[0].presenters);
  }));

  it('adds several items in one post and reorders the agenda in one post, without JavaScript', sa(async () => {
    const page = admin.page;
    const many = page.locator('form', { has: page.getByRole('button', { name: 'Lägg till punkterna' }) });
    await many.getByLabel('Rubriker, en per rad').fill('Val av justerare\n\nÖvriga frågor\n');
    await many.getByLabel('Typ av punkt').selectOption({ label: 'Information' });
    await admin.navigate(() => many.getByRole('button', { name: 'Lägg till punkterna' }).click(), { expectStatus: 200 });
    const titles = async () => (await page.locator('ol.agenda > li h3').allTextContents()).map((s) => s.trim());
    assert.deepEqual(await titles(), [ITEMS[1].title, ITEMS[0].title, 'Val av justerare', 'Övriga frågor']);
    // Typing 3 beside the fourth item moves it before the third; one post saves the order.
    await page.getByLabel(/^Plats\s*:\s*Övriga frågor$/).fill('3');
    await admin.navigate(() => page.getByRole('button', { name: 'Spara ordningen' }).click(), { expectStatus: 200 });
    assert.deepEqual(await titles(), [ITEMS[1].title, ITEMS[0].title, 'Övriga frågor', 'Val av justerare']);
    assert.equal(await page.getByLabel(/^Plats\s*:\s*Övriga frågor$/).inputValue(), '3');
    // The printable notice is linked from the meeting page.
    const pdf = await page.getByRole('link', { name: 'Kallelse som PDF (för utskrift)' }).getAttribute('href');
    const r = await page.request.get(pdf);
    assert.equal(r.status(), 200);
    assert.equal(r.headers()['content-type'], 'application/pdf');
  }));

  it('uploads an attachment to an item; an SVG is refused at the field', sa(async () => {
    const page = admin.page;
    const form = () => page.locator('form[enctype="multipart/form-data"]');
    await form().getByLabel('Fil', { exact: true }).setInputFiles({ name: 'bild.svg', mimeType: 'image/svg+xml', buffer: SVG });
    await form().getByLabel(/^Bilagans titel/).fill('Fel fil');
    await admin.navigate(() => form().getByRole('button', { name: 'Ladda upp' }).click(), { expectStatus: 422 });
    await assertText(page.locator('.error-summary[role=alert]'), 'Filtypen stöds inte');
    assert.equal(await page.locator('[id="f-file"]').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.locator('[id="f-attachment_title"]').inputValue(), 'Fel fil');

    await form().getByLabel('Fil', { exact: true }).setInputFiles({ name: 'strategi.pdf', mimeType: 'application/pdf', buffer: PDF });
    await form().getByLabel(/^Bilagans titel/).fill('Förslag till strategi');
    await form().getByLabel(/^Hör till punkt/).selectOption({ label: `2. ${ITEMS[0].title}` });
    await admin.navigate(() => form().getByRole('button', { name: 'Ladda upp' }).click(), { expectStatus: 200 });
    const link = page.getByRole('region', { name: 'Bilagor' }).getByRole('link', { name: 'Bilaga 2: Förslag till strategi' });
    assert.equal(await link.count(), 1, 'the attachment is not listed');
    const href = await link.getAttribute('href');
    const r = await page.request.get(href);
    assert.equal(r.status(), 200);
    assert.equal(r.headers()['content-type'], 'application/pdf');
    assert.equal(r.headers()['x-content-type-options'], 'nosniff');
    assert.match(r.headers()['content-disposition'], /filename="strategi\.pdf"/);
    assert.deepEqual(Buffer.from(await r.body()), PDF);
  }));

  it('chooses an adjuster and sends the notice', sa(async () => {
    const page = admin.page;
    const adjusters = page.getByRole('group', { name: 'Välj justerare bland organets ledamöter' });
    // The chair is the body's first member and adjusts already (KL 5 kap. 69 §): the adjuster is
    // the second member.
    const second = adjusters.getByRole('checkbox').nth(1);
    const name = (await adjusters.locator('label').nth(1).innerText()).split(',')[0].trim();
    await second.check();
    await admin.navigate(() => page.getByRole('button', { name: 'Spara justerare' }).click(), { expectStatus: 200 });
    await assertText(page.locator('dl.facts dt', { hasText: 'Justerare' }).locator('xpath=following-sibling::dd[1]'), name);
    // "Skicka kallelse" mails it to members and substitutes and marks the meeting noticed.
    await admin.navigate(() => page.getByRole('button', { name: 'Skicka kallelse' }).click(), { expectStatus: 200 });
    await assertText(page.getByRole('status'), 'Kallelsen skickas nu');
    await assertText(page.locator('dl.facts'), 'Kallelse skickad');
    assert.match(await page.locator('#notice-sent').innerText(), /^Kallelse skickad \S+ \d+ \S+ \d{4}$/);
    assert.equal(await page.getByRole('button', { name: 'Skicka kallelse' }).count(), 0, 'sent once');
  }));

  it('the notice waits in the outbox with its invitation, valid iCalendar', sa(async () => {
    const page = admin.page;
    const { assertValidICalendar } = await import('../lib/feeds.mjs');
    // The server's worker writes the messages within seconds.
    let link;
    for (let i = 0; i < 40; i++) {
      await admin.goto('/admin/utkorg');
      link = page.getByRole('main').getByRole('link', { name: new RegExp(`^Kallelse: ${BODY} den `) }).first();
      if (await link.count()) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    assert.ok(await link.count(), 'no notice in the outbox');
    await admin.navigate(() => link.click());
    await assertText(page.getByRole('main'), 'Bifogade filer');
    const file = page.getByRole('main').getByRole('link', { name: 'invitation.ics' });
    assert.equal(await file.count(), 1);
    await assertText(page.getByRole('main'), 'text/calendar; charset=utf-8; method=REQUEST');
    const r = await page.request.get(await file.getAttribute('href'));
    assert.equal(r.status(), 200);
    const cal = assertValidICalendar(await r.text());
    assert.equal(cal.getFirstPropertyValue('method'), 'REQUEST');
    const ev = cal.getFirstSubcomponent('vevent');
    assert.equal(ev.getFirstPropertyValue('uid'), `meeting-${meeting().split('/').pop()}@samverkan`);
    assert.equal(ev.getAllProperties('attendee').length, 1);
    assert.match(ev.getFirstPropertyValue('organizer'), /^mailto:/);
    await admin.goto(meeting());
  }));

  it('the notice is a printable page with the agenda and the attachment', sa(async () => {
    const page = admin.page;
    await admin.navigate(() => page.getByRole('link', { name: 'Kallelse', exact: true }).click());
    assert.equal(pathOf(page), `${meeting()}/kallelse`);
    assert.equal((await h1(page).innerText()).trim(), `Kallelse: ${BODY}`);
    const main = page.getByRole('main');
    for (const text of [PLACE, '09:00–12:00', ITEMS[0].title, ITEMS[0].presenters, '09:15–10:00', 'Bilaga 2']) await assertText(main, text);
    await page.emulateMedia({ media: 'print' });
    try {
      assert.equal(await page.getByRole('navigation', { name: 'Huvudmeny' }).isVisible(), false, 'the menu is printed');
      assert.equal(await page.locator('footer').isVisible(), false, 'the footer is printed');
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  }));

  it('marks attendance in the table: all present, then a substitute serving, one leaving after § 6, and a guest', sa(async () => {
    const page = admin.page;
    await admin.goto(`${meeting()}/narvaro`);
    assert.match((await h1(page).innerText()).trim(), /^Närvaro: /);
    const form = () => page.getByRole('region', { name: 'Registrera närvaro' }).locator('form');
    const table = () => form().getByRole('table', { name: /^Registrera närvaro/ });
    const presence = () => table().locator('select[name$=".status"]');
    assert.ok((await presence().count()) >= 60, 'Kommunalt forum has 64 members, one row each');
    // "Alla närvarande" is the form's second button: Enter in a field saves, it never marks all.
    const buttons = await form().getByRole('button').allTextContents();
    assert.deepEqual(buttons.slice(0, 2).map((b) => b.trim()), ['Spara närvaron', 'Alla närvarande']);
    await admin.navigate(() => form().getByRole('button', { name: 'Alla närvarande' }).click(), { expectStatus: 200 });
    await assertText(page.getByRole('status'), 'Ändringarna är sparade.');
    const members = table().locator('tr', { has: page.locator('optgroup') });
    assert.ok((await members.count()) >= 30, 'the members are offered substitutes');
    assert.equal(await members.first().locator('select').inputValue(), 'present');

    // Exceptions: a municipality's member is replaced by the municipality's substitute (the
    // first offered), another member leaves after § 6; a guest outside the register.
    const replaced = members.last();
    const member = (await replaced.locator('td').first().locator('span').first().innerText()).trim();
    const substitute = (await replaced.locator('optgroup option').first().innerText()).trim();
    await replaced.locator('select').focus();
    await replaced.locator('select').selectOption({ index: 2 });
    const leaving = members.nth(1);
    await leaving.getByLabel(/^Till och med §/).fill('6');
    const guest = form().locator('fieldset.attendance-line').first();
    await guest.getByLabel(/^Namn/).fill('Ola Götesson');
    await guest.getByLabel(/^Organisation/).fill('Region Jönköpings län');
    await admin.navigate(() => form().getByRole('button', { name: 'Spara närvaron' }).first().click(), { expectStatus: 200 });
    await assertText(page.getByRole('status'), 'Ändringarna är sparade.');
    const list = page.getByRole('table', { name: /^Närvarolista/ });
    await assertText(list, 'Ola Götesson');
    await assertText(list, 'till och med § 6');
    await assertText(list, `tjänstgör för ${member}`);
    await assertText(list, substitute.split(' (')[0]);
    assert.equal(await replaced.locator('select').inputValue() !== 'present', true, 'the replacement is shown in the form');
  }));

  it('the attendance table reflows at 320 px: each row a block, no sideways scroll', sa(async () => {
    const page = admin.page;
    await admin.assertNoHorizontalScrollAt320(`${meeting()}/narvaro`);
    await page.setViewportSize({ width: 320, height: 720 });
    try {
      await admin.goto(`${meeting()}/narvaro`);
      const row = page.locator('table.attendance-table tbody tr:not(.group)').first();
      assert.equal(await row.evaluate((e) => getComputedStyle(e).display), 'block');
      const box = await row.locator('select').boundingBox();
      assert.ok(box && box.x + box.width <= 320, 'the presence select fits the screen');
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  }));

  it('the overview lists the meeting for its year, filtered by body', sa(async () => {
    const page = admin.page;
    await admin.goto('/moten');
    assert.equal((await h1(page).innerText()).trim(), 'Möten');
    await assertText(page.getByRole('main'), 'Protokoll som väntar på justering');
    const filters = page.locator('main form.filters');
    await filters.getByLabel('Organ', { exact: true }).selectOption({ label: BODY });
    await filters.getByLabel('År', { exact: true }).fill(String(year));
    await admin.navigate(() => filters.getByRole('button', { name: 'Filtrera' }).click(), { expectStatus: 200 });
    const section = page.getByRole('region', { name: `Möten år ${year}` });
    assert.equal(await section.locator(`a[href="${meeting()}"]`).count(), 1, 'the meeting is not listed');
  }));

  it('both calendar feeds are valid iCalendar with the meeting', sa(async () => {
    const { assertValidICalendar } = await import('../lib/feeds.mjs');
    const id = meeting().split('/').pop();
    for (const feed of [`${bodyPath}/kalender.ics`, `${chairPath}/kalender.ics`]) {
      const r = await fetch(`${server.baseURL}${feed}`);
      assert.equal(r.status, 200, feed);
      assert.equal(r.headers.get('content-type'), 'text/calendar; charset=utf-8');
      const text = await r.text();
      assertValidICalendar(text);
      assert.ok(text.includes(`UID:meeting-${id}@samverkan`), `${feed} lacks the meeting`);
    }
    await admin.goto(chairPath);
    assert.equal(await admin.page.getByRole('link', { name: 'Prenumerera på kalendern' }).getAttribute('href'), `${chairPath}/kalender.ics`);
  }));

  it('the agenda item form and the delete confirmation pass axe', sa(async () => {
    await admin.goto(meeting());
    const edit = await admin.page.locator('a[href*="/dagordning/"][href$="/redigera"]').first().getAttribute('href');
    await admin.goto(edit);
    await admin.goto(`${meeting()}/ta-bort`);
    await assertText(admin.page.locator('main'), 'Ta bort');
  }));

  it('has no horizontal page scroll at 320 px', sa(async () => {
    for (const p of ['/moten', `${bodyPath}/moten?ar=${year}`, meeting(), `${meeting()}/kallelse`, `${meeting()}/narvaro`, `${meeting()}/redigera`]) {
      await admin.assertNoHorizontalScrollAt320(p);
    }
  }));

  it('a visitor who is not signed in reads the meeting and the notice but gets no forms', sn(async () => {
    const page = anon.page;
    await anon.goto(meeting());
    const main = page.getByRole('main');
    await assertText(main, ITEMS[0].title);
    await assertNoText(main, 'Lägg till punkten');
    assert.equal(await main.locator('form').count(), 0, 'an anonymous visitor is offered a form');
    assert.equal(await main.getByRole('link', { name: 'Närvaro' }).count(), 0);
    await anon.navigate(() => main.getByRole('link', { name: 'Kallelse', exact: true }).click());
    await assertText(page.getByRole('main'), 'Bilaga 2');
    await anon.goto('/moten');
    await assertNoText(page.getByRole('main'), 'Protokoll som väntar på justering');
    await anon.goto(`${meeting()}/narvaro`);
    assert.equal(pathOf(page), '/logga-in');
  }));

  it('checked every page it loaded', () => {
    admin.assertEveryPageChecked();
    anon.assertEveryPageChecked();
  });
});
