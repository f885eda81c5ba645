'use strict';
// An administrator: signs in with the keyboard, switches language, creates an organisation
// (first with errors), edits it, finds both changes in the audit log, deletes it, signs out.

const assert = require('node:assert/strict');
const { describe, it, before, after } = require('node:test');
const { startServer, ACCOUNTS } = require('../lib/server');
const { launchBrowser, Visitor, step } = require('../lib/browser');
const { assertText, assertNoText, h1, signIn, signOut } = require('../lib/flows');

const ORG_NAME = 'Webbläsartestets förening';
const ORG_RENAMED = 'Webbläsartestets förening i Eksjö';

describe('administrator', () => {
  let server;
  let browser;
  let v;
  let orgPath; // /organisationer/{id} of the organisation the test creates
  const s = (fn) => step(() => v, fn);

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    v = await Visitor.open(browser, server.baseURL, 'admin');
  });

  after(async () => {
    if (v) await v.close();
    if (browser) await browser.close();
    if (server) await server.stop();
  });

  it('is told when the password is wrong', s(async () => {
    const page = v.page;
    await signIn(v, ACCOUNTS.admin.email, 'inte-det-rätta-lösenordet', { expectStatus: 401 });
    assert.equal(new URL(page.url()).pathname, '/logga-in');
    const summary = page.locator('.error-summary[role=alert]');
    await assertText(summary, 'Det finns fel i formuläret');
    assert.equal(await page.locator('#f-email').inputValue(), ACCOUNTS.admin.email, 'the e-mail is kept');
    assert.equal(await page.locator('#f-email').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.locator('#f-email-error.field-error').count(), 1);
  }));

  it('signs in through the form with the keyboard and sees the name in the header', s(async () => {
    const page = v.page;
    await signIn(v, ACCOUNTS.admin.email);
    assert.equal(new URL(page.url()).pathname, '/');
    const header = page.getByRole('banner');
    await assertText(header, `Inloggad som ${ACCOUNTS.admin.name}`);
    assert.ok(await header.getByRole('link', { name: ACCOUNTS.admin.name }).isVisible());
    assert.ok(await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Administration' }).isVisible());

    // The Secure cookies are accepted by Chromium on http://127.0.0.1.
    const cookies = await v.context.cookies();
    const session = cookies.find((c) => c.name === 'samverkan_session');
    const csrf = cookies.find((c) => c.name === 'samverkan_csrf');
    assert.ok(session, `no session cookie stored: ${JSON.stringify(cookies.map((c) => c.name))}`);
    assert.equal(session.secure, true);
    assert.equal(session.httpOnly, true);
    assert.equal(session.sameSite, 'Lax');
    assert.ok(csrf, 'no CSRF cookie stored');
    assert.equal(csrf.secure, true);
    assert.equal(csrf.sameSite, 'Strict');
  }));

  it('switches the language to English and back', s(async () => {
    const page = v.page;
    const header = page.getByRole('banner');
    await v.goto('/organisationer');
    await v.navigate(() => header.getByRole('button', { name: 'In English' }).click());
    assert.equal(new URL(page.url()).pathname, '/organisationer', 'stays on the same page');
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    await assertText(h1(page), 'Organisations');
    assert.equal((await h1(page).innerText()).trim(), 'Organisations');
    await assertText(header, `Signed in as ${ACCOUNTS.admin.name}`);
    assert.ok(await page.getByRole('navigation', { name: 'Main menu' }).isVisible());
    assert.ok(await page.getByRole('link', { name: 'Skip to main content' }).count());

    await v.goto('/');
    assert.equal((await h1(page).innerText()).trim(), 'Welcome to Samverkan');
    await v.goto('/tillganglighet');
    assert.equal((await h1(page).innerText()).trim(), 'Accessibility statement');

    await v.navigate(() => header.getByRole('button', { name: 'På svenska' }).click());
    assert.equal(new URL(page.url()).pathname, '/tillganglighet');
    assert.equal(await page.locator('html').getAttribute('lang'), 'sv');
    assert.equal((await h1(page).innerText()).trim(), 'Tillgänglighetsredogörelse');
    await v.goto('/organisationer');
    assert.equal((await h1(page).innerText()).trim(), 'Organisationer');
  }));

  it('has no horizontal scrolling at 320 px on the organisation form', s(async () => {
    await v.assertNoHorizontalScrollAt320('/organisationer/ny');
  }));

  it('creating an organisation with an invalid code shows the errors in Swedish', s(async () => {
    const page = v.page;
    await v.goto('/organisationer');
    await v.navigate(() => page.getByRole('link', { name: 'Ny organisation' }).click());
    assert.equal(new URL(page.url()).pathname, '/organisationer/ny');
    assert.equal((await h1(page).innerText()).trim(), 'Ny organisation');

    const form = page.locator('main form');
    await form.getByLabel('Typ', { exact: true }).selectOption('municipality');
    await form.getByLabel(/^Kod/).fill('9999');
    await v.navigate(() => form.getByRole('button', { name: 'Spara' }).click(), { expectStatus: 422 });

    const summary = page.locator('.error-summary[role=alert]');
    assert.equal(await summary.count(), 1, 'no error summary');
    await assertText(summary, 'Det finns fel i formuläret');
    const codeMessage = 'Ange kommunens kommunkod med fyra siffror, t.ex. 0680 för Jönköping.';
    await assertText(summary, codeMessage);

    const code = page.locator('#f-code');
    assert.equal(await code.inputValue(), '9999', 'the typed code is kept');
    assert.equal(await code.getAttribute('aria-invalid'), 'true');
    const describedBy = (await code.getAttribute('aria-describedby')).split(/\s+/);
    assert.ok(describedBy.includes('f-code-error'), `aria-describedby=${describedBy}`);
    const codeError = page.locator('#f-code-error.field-error');
    await assertText(codeError, codeMessage);
    // The empty name is an error too, shown at its field.
    assert.equal(await page.locator('#f-name').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.locator('#f-name-error.field-error').count(), 1);

    // The summary links lead to the fields.
    await summary.getByRole('link', { name: codeMessage }).click();
    assert.equal(await page.evaluate(() => document.activeElement.id), 'f-code');
  }));

  it('fixing the form creates the organisation', s(async () => {
    const page = v.page;
    const form = page.locator('main form');
    await form.getByLabel(/^Namn/).fill(ORG_NAME);
    await form.getByLabel('Typ', { exact: true }).selectOption({ label: 'Annan' });
    await form.getByLabel(/^Kod/).fill('');
    await form.getByLabel(/^Län/).selectOption({ label: 'Jönköpings län (06)' });
    await form.getByLabel(/^Webbplats/).fill('https://example.se/forening');
    await form.getByLabel(/^Beskrivning/).fill('Skapad av webbläsartesterna.');
    await v.navigate(() => form.getByRole('button', { name: 'Spara' }).click(), { expectStatus: 200 });

    const url = new URL(page.url());
    assert.match(url.pathname, /^\/organisationer\/\d+$/);
    assert.equal(url.searchParams.get('klart'), 'skapat');
    orgPath = url.pathname;
    await assertText(page.getByRole('status'), 'Organisationen är skapad.');
    assert.equal((await h1(page).innerText()).trim(), ORG_NAME);
    const facts = await page.locator('dl.facts').innerText();
    assert.match(facts, /Annan/);
    assert.match(facts, /Jönköpings län/);
    assert.equal(await page.locator('.error-summary').count(), 0);
  }));

  it('edits the organisation and sees "Ändringarna är sparade."', s(async () => {
    assert.ok(orgPath, 'the organisation was not created');
    const page = v.page;
    await v.goto(orgPath);
    await v.navigate(() => page.getByRole('link', { name: 'Ändra organisation' }).click());
    assert.equal(new URL(page.url()).pathname, `${orgPath}/redigera`);
    assert.equal((await h1(page).innerText()).trim(), 'Ändra organisation');
    const name = page.locator('main form').getByLabel(/^Namn/);
    assert.equal(await name.inputValue(), ORG_NAME);
    await name.fill(ORG_RENAMED);
    await v.navigate(() => page.locator('main form').getByRole('button', { name: 'Spara' }).click(), { expectStatus: 200 });
    assert.equal(new URL(page.url()).pathname, orgPath);
    await assertText(page.getByRole('status'), 'Ändringarna är sparade.');
    assert.equal((await h1(page).innerText()).trim(), ORG_RENAMED);
  }));

  it('finds the creation and the change in the audit log', s(async () => {
    assert.ok(orgPath, 'the organisation was not created');
    const page = v.page;
    const id = orgPath.split('/').pop();
    await v.goto('/');
    await v.navigate(() => page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Administration' }).click());
    assert.equal((await h1(page).innerText()).trim(), 'Administration');
    const users = await page.getByRole('table', { name: 'Användarkonton' }).innerText();
    for (const a of Object.values(ACCOUNTS)) assert.ok(users.includes(a.email), `${a.email} not listed`);

    await v.navigate(() => page.getByRole('main').getByRole('link', { name: 'Ändringslogg' }).click());
    assert.equal(new URL(page.url()).pathname, '/admin/logg');
    const filters = page.getByRole('search', { name: 'Filtrera' });
    await filters.getByLabel(/^Typ av post/).fill('organisation');
    await filters.getByLabel(/^Vem/).fill(ACCOUNTS.admin.email);
    await v.navigate(() => filters.getByRole('button', { name: 'Filtrera' }).click(), { expectStatus: 200 });
    const rows = page.getByRole('table', { name: 'Ändringslogg' }).locator('tbody tr');
    const events = await rows.evaluateAll((trs) =>
      trs.map((tr) => [...tr.cells].map((td) => td.textContent.trim())),
    );
    // Each event reads as a sentence, with its code, record and JSON at hand.
    const mine = events.filter((cells) => cells[1].includes(`organisation ${id}`));
    const created = mine.find((cells) => cells[1].includes('organisation.create'));
    const update = mine.find((cells) => cells[1].includes('organisation.update'));
    assert.ok(created, `no organisation.create for ${id}: ${JSON.stringify(events)}`);
    assert.ok(update, `no organisation.update for ${id}: ${JSON.stringify(events)}`);
    assert.ok(created[1].includes('skapade organisationen'), created[1]);
    assert.ok(update[1].includes(`ändrade organisationen ${ORG_RENAMED}`), update[1]);
    assert.ok(update[2].includes(ORG_RENAMED), `the change does not show the new name: ${update[2]}`);
  }));

  it('deletes the organisation', s(async () => {
    assert.ok(orgPath, 'the organisation was not created');
    const page = v.page;
    await v.goto(orgPath);
    await v.navigate(() => page.getByRole('main').getByRole('link', { name: 'Ta bort', exact: true }).click());
    assert.equal(new URL(page.url()).pathname, `${orgPath}/ta-bort`);
    await assertText(h1(page), ORG_RENAMED);
    await v.navigate(() => page.getByRole('main').getByRole('button', { name: 'Ta bort' }).click(), { expectStatus: 200 });
    const url = new URL(page.url());
    assert.equal(url.pathname, '/organisationer');
    await assertText(page.getByRole('status'), 'Posten är borttagen.');
    await assertNoText(page.getByRole('main'), ORG_RENAMED);
    await v.goto(orgPath, { expectStatus: 404 });
    await v.goto(`/admin/logg?entity_type=organisation&action=organisation.delete`);
    await assertText(page.getByRole('table', { name: 'Ändringslogg' }), `organisation ${orgPath.split('/').pop()}`);
  }));

  it('reads the background jobs and the outbox', s(async () => {
    const page = v.page;
    await v.goto('/admin/jobb');
    await assertText(page.getByRole('heading', { level: 1 }), 'Bakgrundsjobb');
    await v.goto('/admin/utkorg');
    await assertText(page.getByRole('heading', { level: 1 }), 'Utkorg');
    const first = page.getByRole('main').locator('a[href^="/admin/utkorg/"]').first();
    if (await first.count()) {
      await v.goto(await first.getAttribute('href'));
    }
  }));

  it('gives the installation the region\'s name, colour and logo, and refuses a colour white text cannot be read on', s(async () => {
    const page = v.page;
    await v.goto('/admin/utseende');
    await page.getByLabel('Installationens namn').fill('Region Jönköpings län – Samverkan');
    await page.getByLabel('Accentfärg').fill('#ffdd00');
    await page.getByLabel('Logotyp').setInputFiles({
      name: 'logga.svg',
      mimeType: 'image/svg+xml',
      buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 10"><rect width="40" height="10" fill="#fff"/></svg>'),
    });
    await v.navigate(() => page.getByRole('button', { name: 'Spara' }).click(), { expectStatus: 422 });
    await assertText(page.getByRole('alert'), 'Accentfärg: Vit text på #ffdd00 har kontrasten');
    assert.equal(await page.getByLabel('Installationens namn').inputValue(), 'Region Jönköpings län – Samverkan');
    await page.getByLabel('Accentfärg').fill('#00573f');
    await page.getByLabel('Logotyp').setInputFiles({
      name: 'logga.svg',
      mimeType: 'image/svg+xml',
      buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 10"><rect width="40" height="10" fill="#fff"/></svg>'),
    });
    await v.navigate(() => page.getByRole('button', { name: 'Spara' }).click());
    await assertText(page.getByRole('status'), 'Ändringarna är sparade.');
    await assertText(page.getByRole('banner'), 'Region Jönköpings län – Samverkan');
    const bg = await page.locator('.site-header').evaluate((e) => getComputedStyle(e).backgroundColor);
    assert.equal(bg, 'rgb(0, 87, 63)');
    await v.goto('/anslagstavla');
    await assertText(page.locator('.board-mark'), 'Region Jönköpings län – Samverkan');
    // Back to the product's own look for the other tests.
    await v.goto('/admin/utseende');
    await page.getByLabel('Installationens namn').fill('Samverkan');
    await page.getByLabel('Accentfärg').fill('');
    await page.getByLabel('Ta bort logotypen').check();
    await v.navigate(() => page.getByRole('button', { name: 'Spara' }).click());
  }));

  it('creates an account and links it to a person found by name, without the command line', s(async () => {
    const page = v.page;
    await v.goto('/admin');
    await v.navigate(() => page.getByRole('link', { name: 'Nytt konto' }).click());
    await page.getByLabel('E-post').fill('ny.sekreterare@demo.samverkan.se');
    await page.getByLabel('Namn').fill('Ny Sekreterare');
    await page.getByLabel('Första lösenord').fill('kort');
    await v.navigate(() => page.getByRole('button', { name: 'Skapa kontot' }).click(), { expectStatus: 422 });
    await assertText(page.getByRole('alert'), 'Lösenordet måste ha minst 12 tecken.');
    await page.getByLabel('Första lösenord').fill('ett långt första lösenord');
    await v.navigate(() => page.getByRole('button', { name: 'Skapa kontot' }).click());
    await assertText(page.getByRole('status'), 'Kontot är skapat.');
    await page.getByRole('searchbox', { name: 'Sök person' }).fill('Carlén');
    await v.navigate(() => page.getByRole('main').getByRole('button', { name: 'Sök', exact: true }).click());
    await v.navigate(() => page.getByRole('button', { name: /^Koppla till / }).first().click());
    await assertText(page.getByRole('main'), 'Agerar som');
    await assertText(page.getByRole('heading', { name: 'Roller i organen' }), 'Roller i organen');
  }));

  it('signs out', s(async () => {
    await v.goto('/organisationer');
    await signOut(v);
    await v.goto('/admin');
    assert.equal(new URL(v.page.url()).pathname, '/logga-in', 'the admin page needs a sign-in again');
  }));

  it('checked every page it loaded', () => {
    v.assertEveryPageChecked();
  });
});
