'use strict';
// The consultation structure: an administrator builds a consultation group with a presidium and
// a management group, sets its representation rules, adds and imports members, enters a meeting
// plan and a work plan, and finds the body on the compliance dashboard and the structure chart.
// A plain user may read but not manage; a visitor who is not signed in may read.

const assert = require('node:assert/strict');
const { describe, it, before, after } = require('node:test');
const { startServer, ACCOUNTS } = require('../lib/server');
const { launchBrowser, Visitor, step } = require('../lib/browser');
const { assertText, assertNoText, h1, signIn, tabUntil, optionsOf } = require('../lib/flows');

const GROUP = 'Testsamrådet';
const PRESIDIUM = 'Presidiet för Testsamrådet';
const MANAGEMENT = 'Ledningsgruppen för Testsamrådet';
const NETWORK = 'Testnätverket';
const COUNTY = 'Östergötlands län';
const DUTIES = ['Samordna den regionala utvecklingsstrategin', 'Följa upp gemensamma överenskommelser'];
const ORGS = ['Region Östergötland', 'Ydre kommun', 'Kinda kommun'];
const IMPORTED = ['Testa Importsson', 'Tilda Importdotter'];
const DEMO_BODY = 'Samrådet för strategiska frågor';

const pathOf = (page) => new URL(page.url()).pathname;

describe('consultation structure', () => {
  let server;
  let browser;
  let admin; // Visitor: the administrator
  let user; // Visitor: a plain user (ledamot)
  let anon; // Visitor: not signed in
  let current; // the visitor whose page a failing step photographs
  let groupId; // Testsamrådet
  let presidiumId;
  let managementId;
  let today; // the server's date, YYYY-MM-DD
  let member; // { name, personPath } of the member added through the form

  const as = (get) => (fn) =>
    step(() => current, async (t) => {
      current = get();
      await fn(t);
    });
  const sa = as(() => admin);
  const su = as(() => user);
  const sn = as(() => anon);
  const group = () => {
    assert.ok(groupId, `${GROUP} was not created`);
    return `/organ/${groupId}`;
  };

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    admin = await Visitor.open(browser, server.baseURL, 'structure-admin');
    user = await Visitor.open(browser, server.baseURL, 'structure-ledamot');
    anon = await Visitor.open(browser, server.baseURL, 'structure-anonymous');
  });

  after(async () => {
    for (const v of [admin, user, anon]) if (v) await v.close();
    if (browser) await browser.close();
    if (server) await server.stop();
  });

  /** Opens the body form, from the list of bodies or (`direct`) by its address. */
  async function openNewBodyForm({ direct = false } = {}) {
    const page = admin.page;
    if (direct) {
      await admin.goto('/organ/ny');
    } else {
      await admin.goto('/organ');
      await admin.navigate(() => page.getByRole('main').getByRole('link', { name: 'Nytt organ' }).click());
    }
    assert.equal(pathOf(page), '/organ/ny');
    assert.equal((await h1(page).innerText()).trim(), 'Nytt organ');
    return page.locator('main form');
  }

  /** Saves the body form and returns the new body's id. */
  async function saveNewBody(form, name) {
    const page = admin.page;
    await admin.navigate(() => form.getByRole('button', { name: 'Spara' }).click(), { expectStatus: 200 });
    const url = new URL(page.url());
    assert.match(url.pathname, /^\/organ\/\d+$/, `not on a body page after saving ${name}`);
    assert.equal(url.searchParams.get('klart'), 'skapat');
    await assertText(page.getByRole('status'), 'Organet är skapat.');
    assert.equal((await h1(page).innerText()).trim(), name);
    return url.pathname.split('/').pop();
  }

  /** Stays on `path` if the previous step left the page there, else loads it. */
  async function ensureAt(v, path) {
    if (pathOf(v.page) !== path) await v.goto(path);
  }

  /** The <dd> of a fact on a body page. */
  function fact(page, term) {
    return page.locator('dl.facts dt', { hasText: term }).locator('xpath=following-sibling::dd[1]');
  }

  it('signs in as the administrator', sa(async () => {
    await signIn(admin, ACCOUNTS.admin.email);
    await assertText(admin.page.getByRole('banner'), `Inloggad som ${ACCOUNTS.admin.name}`);
  }));

  it(`creates the consultation group "${GROUP}" with duties and organisations`, sa(async () => {
    const page = admin.page;
    const form = await openNewBodyForm();
    await form.getByLabel(/^Namn/).fill(GROUP);
    await form.getByLabel('Typ av organ', { exact: true }).selectOption({ label: 'Samrådsgrupp' });
    await form.getByRole('combobox', { name: /^Län/ }).selectOption({ label: COUNTY });
    await form.getByLabel(/^Uppdrag/).fill(DUTIES.join('\n'));
    const orgs = form.getByRole('group', { name: 'Organisationer bakom organet' });
    for (const name of ORGS) {
      // Tick with the keyboard: focus the check box by its label and press Space.
      const box = orgs.getByLabel(name, { exact: true });
      await box.focus();
      await page.keyboard.press('Space');
      assert.equal(await box.isChecked(), true, `${name} is not ticked`);
    }
    groupId = await saveNewBody(form, GROUP);

    await assertText(page.locator('.kind-line'), 'Samrådsgrupp');
    await assertText(page.locator('.kind-line'), COUNTY);
    const behind = fact(page, 'Organisationer bakom organet');
    for (const name of ORGS) assert.ok(await behind.getByRole('link', { name, exact: true }).count(), `${name} not listed`);
    const duties = page.locator('h2', { hasText: 'Uppdrag' }).locator('xpath=following-sibling::ul[1]/li');
    assert.deepEqual((await duties.allTextContents()).map((s) => s.trim()), DUTIES);
    await assertText(page.getByRole('region', { name: /^Efterlevnad/ }), 'Organet har inga representationsregler.');
    await assertText(page.getByRole('region', { name: /^Ledamöter/ }), 'Inga ledamöter vid detta datum.');
  }));

  it('creates a presidium and a management group that prepares cases for it', sa(async () => {
    const page = admin.page;
    let form = await openNewBodyForm({ direct: true });
    await form.getByLabel(/^Namn/).fill(PRESIDIUM);
    await form.getByLabel('Typ av organ', { exact: true }).selectOption({ label: 'Presidium' });
    await form.getByRole('combobox', { name: /^Län/ }).selectOption({ label: COUNTY });
    await form.getByLabel(/^Presidium för/).selectOption({ label: GROUP });
    presidiumId = await saveNewBody(form, PRESIDIUM);
    assert.equal(await fact(page, 'Presidium för').getByRole('link', { name: GROUP }).getAttribute('href'), group());

    form = await openNewBodyForm({ direct: true });
    await form.getByLabel(/^Namn/).fill(MANAGEMENT);
    await form.getByLabel('Typ av organ', { exact: true }).selectOption({ label: 'Ledningsgrupp' });
    await form.getByRole('combobox', { name: /^Län/ }).selectOption({ label: COUNTY });
    await form.getByLabel(/^Bereder ärenden åt/).selectOption({ label: GROUP });
    managementId = await saveNewBody(form, MANAGEMENT);
    const prepares = fact(page, 'Bereder ärenden åt');
    assert.equal(await prepares.getByRole('link', { name: GROUP }).getAttribute('href'), group());

    // The group's own page links to its presidium.
    await admin.navigate(() => prepares.getByRole('link', { name: GROUP }).click());
    assert.equal(pathOf(page), group());
    const presidium = fact(page, 'Presidium').filter({ hasText: PRESIDIUM });
    assert.equal(await presidium.getByRole('link', { name: PRESIDIUM }).getAttribute('href'), `/organ/${presidiumId}`);
  }));

  it('a network that prepares cases gets the error at the field', sa(async () => {
    const page = admin.page;
    const form = await openNewBodyForm({ direct: true });
    await form.getByLabel(/^Namn/).fill(NETWORK);
    await form.getByLabel('Typ av organ', { exact: true }).selectOption({ label: 'Nätverk' });
    await form.getByLabel(/^Bereder ärenden åt/).selectOption({ label: GROUP });
    await admin.navigate(() => form.getByRole('button', { name: 'Spara' }).click(), { expectStatus: 422 });
    assert.equal(pathOf(page), '/organ');

    const summary = page.locator('.error-summary[role=alert]');
    await assertText(summary, 'Det finns fel i formuläret');
    await assertText(summary, 'bereder inga ärenden');
    const field = page.locator('#f-prepares_for');
    assert.equal(await field.getAttribute('aria-invalid'), 'true');
    assert.ok((await field.getAttribute('aria-describedby')).split(/\s+/).includes('f-prepares_for-error'));
    await assertText(page.locator('#f-prepares_for-error.field-error'), 'bereder inga ärenden');
    // The typed values are kept.
    assert.equal(await page.locator('#f-name').inputValue(), NETWORK);
    assert.equal(await page.locator('#f-kind').inputValue(), 'network');
    assert.equal(await page.locator('#f-prepares_for').inputValue(), groupId);
    await summary.getByRole('link', { name: /bereder inga ärenden/ }).click();
    assert.equal(await page.evaluate(() => document.activeElement.id), 'f-prepares_for');
  }));

  it('lists bodies filtered by name, kind and county', sa(async () => {
    const page = admin.page;
    await admin.goto('/organ');
    const search = page.getByRole('search', { name: 'Filtrera' });
    await search.getByLabel('Sök på namn').fill('Testsamrådet');
    await search.getByLabel('Typ av organ').selectOption({ label: 'Samrådsgrupp' });
    await search.getByLabel('Län', { exact: true }).selectOption({ label: COUNTY });
    await admin.navigate(() => search.getByLabel('Sök på namn').press('Enter'), { expectStatus: 200 });
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('kind'), 'consultation_group');
    assert.equal(url.searchParams.get('county'), '05');
    const names = await page.getByRole('table', { name: 'Organ i samverkan' }).locator('tbody tr td:first-child').allTextContents();
    assert.ok(names.includes(GROUP), `${GROUP} not among ${JSON.stringify(names)}`);
    assert.ok(!names.includes(PRESIDIUM) && !names.includes(MANAGEMENT), `other kinds listed: ${JSON.stringify(names)}`);
    assert.equal(await search.getByLabel('Typ av organ').inputValue(), 'consultation_group');
    const main = page.getByRole('main');
    assert.equal(await main.getByRole('link', { name: 'Samverkansstrukturen' }).getAttribute('href'), '/struktur');
    assert.equal(await main.getByRole('link', { name: 'Efterlevnad av samverkansreglerna' }).getAttribute('href'), '/efterlevnad');

    await search.getByLabel('Typ av organ').selectOption({ label: 'Presidium' });
    await admin.navigate(() => search.getByRole('button', { name: 'Filtrera' }).click(), { expectStatus: 200 });
    const presidiums = await page.getByRole('table', { name: 'Organ i samverkan' }).locator('tbody tr td:first-child').allTextContents();
    assert.deepEqual(presidiums, [PRESIDIUM]);

    await search.getByLabel('Län', { exact: true }).selectOption({ label: 'Jönköpings län' });
    await admin.navigate(() => search.getByRole('button', { name: 'Filtrera' }).click(), { expectStatus: 200 });
    await assertText(page.getByRole('main'), 'Inga träffar.');
  }));

  it('replaces the rules with the standard set and sees the findings', sa(async () => {
    const page = admin.page;
    await admin.goto(group());
    await admin.navigate(() => page.getByRole('main').getByRole('link', { name: 'Representationsregler' }).click());
    assert.equal(pathOf(page), `${group()}/regler`);
    await assertText(h1(page), GROUP);
    await assertText(page.getByRole('main'), 'Organet har inga representationsregler.');
    await page.getByLabel('Uppsättning').selectOption({ label: 'Strategiskt samråd (regel 1, 4–6)' });
    await admin.navigate(() => page.getByRole('button', { name: 'Ersätt med uppsättningen' }).click(), { expectStatus: 200 });
    assert.equal(pathOf(page), group());
    await assertText(page.getByRole('status'), 'Ändringarna är sparade.');

    const compliance = page.getByRole('region', { name: /^Efterlevnad/ });
    const findings = await compliance.getByRole('list').first().getByRole('listitem').allTextContents();
    assert.ok(findings.length > 0, 'no findings listed');
    assert.ok(findings.some((f) => f.includes('saknar ordinarie')), `no "saknar ordinarie" finding: ${JSON.stringify(findings)}`);
    assert.ok(
      findings.includes(`Ydre kommun saknar ordinarie majoritetsföreträdare i ${GROUP}.`),
      `Ydre's missing majority seat not reported: ${JSON.stringify(findings)}`,
    );

    // The rules page now describes the rules in force.
    await admin.goto(`${group()}/regler`);
    const rules = page.getByRole('heading', { name: 'Gällande regler' }).locator('xpath=following-sibling::ul[1]/li');
    assert.ok((await rules.count()) >= 4, `rules in force: ${JSON.stringify(await rules.allTextContents())}`);
    assert.match(await page.getByLabel('Regler (JSON)').inputValue(), /seats_per_organisation/);

    // One rule changed by its own form: a bad number is shown at its field, then saved.
    const meets = () => page.locator('form.rule-form').filter({ has: page.getByRole('heading', { name: /^Regel \d+: sammanträden per år$/ }) });
    await meets().getByLabel('Minst antal sammanträden per år').fill('fyra');
    await admin.navigate(() => meets().getByRole('button', { name: 'Spara regeln' }).click(), { expectStatus: 422 });
    await assertText(page.getByRole('alert'), 'Sammanträden per år');
    assert.equal(await meets().getByLabel('Minst antal sammanträden per år').inputValue(), 'fyra');
    await meets().getByLabel('Minst antal sammanträden per år').fill('6');
    await admin.navigate(() => meets().getByRole('button', { name: 'Spara regeln' }).click());
    await assertText(page.getByRole('status'), 'Ändringarna är sparade.');
    assert.equal(await meets().getByLabel('Minst antal sammanträden per år').inputValue(), '6');
  }));

  it('adds a member through the form; an end date before the start is refused at the field', sa(async () => {
    const page = admin.page;
    await admin.goto(group());
    await admin.navigate(() => page.getByRole('region', { name: /^Ledamöter/ }).getByRole('link', { name: 'Lägg till ledamot' }).click());
    assert.equal(pathOf(page), `${group()}/ledamoter/ny`);
    await assertText(h1(page), GROUP);
    const form = page.locator('main form').first();
    const start = form.getByLabel('Från och med', { exact: true });
    today = await start.inputValue();
    assert.match(today, /^\d{4}-\d{2}-\d{2}$/, 'the start date is not prefilled with today');

    const person = form.getByLabel('Person', { exact: true });
    const candidate = (await optionsOf(person)).find((o) => /^[^,]+, Ydre kommun$/.test(o.label));
    assert.ok(candidate, 'no demo person of Ydre kommun to choose');
    member = { name: candidate.label.split(',')[0], personPath: `/personer/${candidate.value}` };
    await person.selectOption({ label: candidate.label });
    await form.getByLabel('Företräder').selectOption({ label: 'Ydre kommun' });
    await form.getByLabel('Roll', { exact: true }).selectOption({ label: 'Ledamot' });
    await form.getByLabel('Politisk sida').selectOption({ label: 'Majoritet' });
    await start.fill(`${today.slice(0, 4)}-01-01`);
    await form.getByLabel(/^Till och med/).fill('2000-01-01');
    await admin.navigate(() => form.getByRole('button', { name: 'Spara' }).click(), { expectStatus: 422 });

    const message = 'Slutdatumet kan inte vara före startdatumet.';
    await assertText(page.locator('.error-summary[role=alert]'), message);
    const end = page.locator('#f-end');
    assert.equal(await end.getAttribute('aria-invalid'), 'true');
    assert.ok((await end.getAttribute('aria-describedby')).split(/\s+/).includes('f-end-error'));
    await assertText(page.locator('#f-end-error.field-error'), message);
    // Everything typed is kept.
    assert.equal(await page.locator('#f-person').inputValue(), candidate.value);
    assert.equal(await page.locator('#f-side').inputValue(), 'majority');
    assert.equal(await page.locator('#f-start').inputValue(), `${today.slice(0, 4)}-01-01`);

    await end.fill('');
    await admin.navigate(() => page.locator('main form').first().getByRole('button', { name: 'Spara' }).click(), { expectStatus: 200 });
    assert.equal(pathOf(page), `${group()}/ledamoter`);
    await assertText(page.getByRole('status'), 'Uppdraget är tillagt.');
    const row = page.getByRole('table', { name: 'Ledamöter och andra deltagare' }).locator('tbody tr', { hasText: member.name });
    await assertText(row, 'Ledamot');
    await assertText(row, 'Ydre kommun');
    await assertText(row, 'Majoritet');
  }));

  it('edits the member\'s assignment', sa(async () => {
    const page = admin.page;
    await ensureAt(admin, `${group()}/ledamoter`);
    await admin.navigate(() => page.getByRole('link', { name: `Ändra ${member.name}` }).click());
    assert.match(pathOf(page), new RegExp(`^${group()}/ledamoter/\\d+/redigera$`));
    assert.equal(await page.locator('#f-side').inputValue(), 'majority');
    assert.equal(await page.getByLabel('Företräder').inputValue(), await page.locator('#f-organisation option', { hasText: 'Ydre kommun' }).getAttribute('value'));
    assert.ok(await page.getByRole('button', { name: 'Ta bort uppdraget' }).isVisible());
    await admin.navigate(() => page.locator('main form').first().getByRole('button', { name: 'Spara' }).click(), { expectStatus: 200 });
    assert.equal(pathOf(page), `${group()}/ledamoter`);
    await assertText(page.getByRole('status'), 'Ändringarna är sparade.');
  }));

  it('imports members from CSV: a bad row saves nothing, the fixed file saves both', sa(async () => {
    const page = admin.page;
    const year = today.slice(0, 4);
    const head = 'namn;organisation;roll;sida;parti;start;slut;ersattare_for';
    const good = `${IMPORTED[0]};0512;ledamot;opposition;M;${year}-01-01;;`;
    const bad = `${IMPORTED[1]};0513;ledamot;majoritet;S;${year}-03-01;${year}-02-01;`;
    const fixed = `${IMPORTED[1]};0513;ledamot;majoritet;S;${year}-01-01;;`;

    await ensureAt(admin, `${group()}/ledamoter`);
    await admin.navigate(() => page.getByRole('main').getByRole('link', { name: 'Importera ledamöter' }).click());
    assert.equal(pathOf(page), `${group()}/ledamoter/import`);
    await page.getByLabel('CSV-data').fill([head, good, bad].join('\n'));
    await admin.navigate(() => page.getByRole('button', { name: 'Importera' }).click(), { expectStatus: 422 });

    await assertText(page.locator('.error-summary[role=alert]'), 'Inget har sparats.');
    const errors = page.getByRole('table', { name: 'Rader med fel' });
    const cells = await errors.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent.trim())));
    assert.equal(cells.length, 1, `one bad row expected: ${JSON.stringify(cells)}`);
    assert.deepEqual(cells[0].slice(0, 2), ['3', 'slut']);
    assert.match(cells[0][2], /före startdatumet/);
    assert.match(await page.getByLabel('CSV-data').inputValue(), /Tilda Importdotter/, 'the pasted text is kept');

    // Nothing was saved, not even the good row.
    const api = await admin.context.request.get(`/api/v1/bodies/${groupId}/memberships`);
    assert.equal(api.status(), 200);
    const names = (await api.json()).items.map((m) => m.person_name);
    assert.ok(!names.includes(IMPORTED[0]), `the good row was saved although the import failed: ${JSON.stringify(names)}`);

    await page.getByLabel('CSV-data').fill([head, good, fixed].join('\n'));
    await admin.navigate(() => page.getByRole('button', { name: 'Importera' }).click(), { expectStatus: 200 });
    assert.equal(pathOf(page), `${group()}/ledamoter`);
    await assertText(page.getByRole('status'), 'Ledamöterna är importerade.');
    const listed = await page.getByRole('table', { name: 'Ledamöter och andra deltagare' }).locator('tbody tr').allInnerTexts();
    assert.equal(listed.length, 3, `three members expected: ${JSON.stringify(listed)}`);
    for (const name of [member.name, ...IMPORTED]) assert.ok(listed.some((r) => r.includes(name)), `${name} not listed`);
    assert.ok(listed.some((r) => r.includes(IMPORTED[0]) && r.includes('(M)') && r.includes('Opposition')));
  }));

  it('shows the members at a date and offers them as CSV', sa(async () => {
    const page = admin.page;
    await ensureAt(admin, `${group()}/ledamoter`);
    const filter = page.locator('main form.filters');
    await filter.getByLabel('Datum').fill(today);
    await admin.navigate(() => filter.getByRole('button', { name: 'Filtrera' }).click(), { expectStatus: 200 });
    assert.equal(new URL(page.url()).searchParams.get('datum'), today);
    const table = page.getByRole('table', { name: 'Ledamöter och andra deltagare' });
    for (const name of [member.name, ...IMPORTED]) await assertText(table, name);

    const href = await page.getByRole('link', { name: 'Ladda ner som CSV' }).getAttribute('href');
    assert.equal(href, `${group()}/ledamoter.csv?datum=${today}`);
    const csv = await admin.context.request.get(href);
    assert.equal(csv.status(), 200);
    assert.match(csv.headers()['content-type'], /^text\/csv/);
    const text = (await csv.text()).replace(/^\uFEFF/, '');
    assert.match(text, /^namn[;,]organisation[;,]roll/);
    for (const name of [member.name, ...IMPORTED]) assert.ok(text.includes(name), `${name} not in the CSV: ${text}`);
    assert.ok(text.includes('0512') && text.includes('0513'), `organisation codes not in the CSV: ${text}`);

    await filter.getByLabel('Datum').fill('2000-01-01');
    await admin.navigate(() => filter.getByLabel('Datum').press('Enter'), { expectStatus: 200 });
    assert.equal(new URL(page.url()).searchParams.get('datum'), '2000-01-01');
    assert.equal(await page.getByRole('table', { name: 'Ledamöter och andra deltagare' }).count(), 0);
    await assertText(page.getByRole('main'), 'Inga ledamöter vid detta datum.');
  }));

  it('the person page lists the assignment', sa(async () => {
    const page = admin.page;
    await admin.goto(`${group()}/ledamoter`);
    await admin.navigate(() => page.getByRole('table', { name: 'Ledamöter och andra deltagare' }).getByRole('link', { name: member.name, exact: true }).click());
    assert.equal(pathOf(page), member.personPath);
    const row = page.getByRole('table', { name: 'Uppdrag i samverkan' }).locator('tbody tr', { hasText: GROUP });
    assert.equal(await row.count(), 1, 'the assignment is not listed');
    await assertText(row, 'Ledamot (Majoritet)');
    await assertText(row, 'Ydre kommun');
    assert.equal(await row.getByRole('link', { name: GROUP }).getAttribute('href'), group());
  }));

  it('enters next year\'s meeting plan on the body page', sa(async () => {
    const page = admin.page;
    const next = Number(today.slice(0, 4)) + 1;
    const dates = [`${next}-02-12`, `${next}-04-16`, `${next}-09-17`, `${next}-11-19`];
    await admin.goto(group());
    const plan = page.getByRole('region', { name: /^Sammanträdesplan/ });
    await plan.getByLabel('År', { exact: true }).fill(String(next));
    const field = plan.getByLabel('Sammanträdesdagar');
    await field.fill('');
    await field.pressSequentially(dates.join('\n'));
    await admin.navigate(() => plan.getByRole('button', { name: 'Spara' }).click(), { expectStatus: 200 });
    assert.equal(pathOf(page), group());
    await assertText(page.getByRole('status'), 'Ändringarna är sparade.');
    const r = await admin.context.request.get(`/api/v1/bodies/${groupId}/meeting-plan/${next}`);
    assert.equal(r.status(), 200);
    assert.deepEqual((await r.json()).dates, dates);

    // The members added and imported fill Ydre's two seats and Kinda's majority seat.
    const compliance = page.getByRole('region', { name: /^Efterlevnad/ });
    await assertNoText(compliance, 'Ydre kommun saknar');
    await assertNoText(compliance, `Kinda kommun saknar ordinarie majoritetsföreträdare i ${GROUP}.`);
    await assertText(compliance, `Kinda kommun saknar ordinarie oppositionsföreträdare i ${GROUP}.`);
    await assertText(page.getByRole('region', { name: /^Ledamöter/ }), 'Ledamöter och andra deltagare (3)');
  }));

  it('saves a work plan version with two questions linked to duties', sa(async () => {
    const page = admin.page;
    await ensureAt(admin, group());
    await admin.navigate(() => page.getByRole('link', { name: 'Öppna arbetsplanen och dess historik' }).click());
    assert.equal(pathOf(page), `${group()}/arbetsplan`);
    await assertText(page.getByRole('main'), 'Ingen arbetsplan är registrerad.');
    const form = page.getByRole('region', { name: 'Ny version av arbetsplanen' });
    assert.equal(await form.getByLabel('Beslutsdatum').inputValue(), today);
    const questions = [
      ['Gemensam kompetensförsörjning', DUTIES[0]],
      ['Uppföljning av avtalen', DUTIES[1]],
    ];
    for (const [i, [title, duty]] of questions.entries()) {
      const q = form.getByRole('group', { name: `Utvecklingsfråga ${i + 1}` });
      await q.getByLabel('Rubrik').fill(title);
      await q.getByLabel('Uppdragspunkt').selectOption({ label: duty });
    }
    await form.getByRole('group', { name: 'Utvecklingsfråga 2' }).getByLabel('Status').selectOption({ label: 'Pågår' });
    await admin.navigate(() => form.getByRole('button', { name: 'Spara som ny version' }).click(), { expectStatus: 200 });
    assert.equal(pathOf(page), `${group()}/arbetsplan`);
    await assertText(page.getByRole('status'), 'Ändringarna är sparade.');
    const version = page.getByRole('region', { name: /^Version 1:/ });
    await assertText(version.getByRole('heading', { level: 2 }), 'gällande');
    const rows = await version.getByRole('table').locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent.trim())));
    assert.deepEqual(rows, [
      [questions[0][0], questions[0][1], 'Planerad'],
      [questions[1][0], questions[1][1], 'Pågår'],
    ]);

    await admin.navigate(() => page.getByRole('link', { name: 'Tillbaka till organet' }).click());
    const summary = page.getByRole('region', { name: 'Arbetsplan' });
    await assertText(summary, 'Version 1');
    await assertText(summary, '2 utvecklingsfrågor');
  }));

  it('opens the edit form with the saved values', sa(async () => {
    const page = admin.page;
    await ensureAt(admin, group());
    await admin.navigate(() => page.getByRole('link', { name: 'Ändra organ' }).click());
    assert.equal(pathOf(page), `${group()}/redigera`);
    assert.equal((await h1(page).innerText()).trim(), 'Ändra organ');
    assert.equal(await page.getByLabel(/^Namn/).inputValue(), GROUP);
    assert.equal(await page.getByRole('combobox', { name: /^Län/ }).inputValue(), '05');
    assert.equal(await page.getByLabel(/^Uppdrag/).inputValue(), DUTIES.join('\n'));
    const orgs = page.getByRole('group', { name: 'Organisationer bakom organet' });
    for (const name of ORGS) assert.equal(await orgs.getByLabel(name, { exact: true }).isChecked(), true, `${name} not ticked`);
    assert.equal(await orgs.getByLabel('Linköpings kommun', { exact: true }).isChecked(), false);
    await admin.navigate(() => page.locator('main form').getByRole('button', { name: 'Spara' }).click(), { expectStatus: 200 });
    assert.equal(pathOf(page), group());
    await assertText(page.getByRole('status'), 'Ändringarna är sparade.');
  }));

  it('the compliance dashboard shows the group, filtered by date and county', sa(async () => {
    const page = admin.page;
    await admin.goto('/efterlevnad');
    assert.equal((await h1(page).innerText()).trim(), 'Efterlevnad av samverkansreglerna');
    const filters = page.locator('main form.filters');
    await filters.getByLabel('Datum').fill(today);
    await filters.getByLabel('Län').selectOption({ label: COUNTY });
    await admin.navigate(() => filters.getByRole('button', { name: 'Filtrera' }).click(), { expectStatus: 200 });
    assert.equal(new URL(page.url()).searchParams.get('county'), '05');
    const section = page.getByRole('region', { name: GROUP });
    assert.equal(await section.getByRole('link', { name: GROUP }).getAttribute('href'), group());
    await assertText(section, `Kinda kommun saknar ordinarie oppositionsföreträdare i ${GROUP}.`);
    await assertText(page.getByRole('status'), 'organ');

    await filters.getByLabel('Län').selectOption({ label: 'Jönköpings län' });
    await admin.navigate(() => filters.getByRole('button', { name: 'Filtrera' }).click(), { expectStatus: 200 });
    assert.equal(await page.getByRole('region', { name: GROUP }).count(), 0, `${GROUP} shown for Jönköpings län`);
  }));

  it('the structure chart links to the group and has a text alternative; Tab reaches it', sa(async () => {
    const page = admin.page;
    await admin.goto('/struktur');
    assert.equal((await h1(page).innerText()).trim(), 'Samverkansstrukturen');
    const county = page.locator('main form.filters').getByLabel('Län');
    if (await county.count()) {
      // Several counties have bodies: choose Östergötland.
      await county.selectOption({ label: COUNTY });
      await admin.navigate(() => page.locator('main form.filters').getByRole('button', { name: 'Filtrera' }).click(), { expectStatus: 200 });
    }
    const region = page.getByRole('region', { name: 'Samverkansstrukturen' });
    assert.equal(await region.count(), 1, 'no chart region');
    const svg = region.locator('svg[role=group]');
    assert.equal(await svg.count(), 1, 'no svg with role=group in the region');
    assert.match(await svg.getAttribute('aria-labelledby'), /\S/);
    for (const [id, name] of [[groupId, GROUP], [presidiumId, PRESIDIUM], [managementId, MANAGEMENT]]) {
      const a = svg.locator(`a[href="/organ/${id}"]`);
      assert.equal(await a.count(), 1, `no link to ${name} in the chart`);
      assert.equal((await a.locator('title').textContent()).trim(), name);
    }
    await assertNoText(region, NETWORK);

    await assertText(page.getByRole('heading', { level: 2, name: 'Strukturen i text' }), 'Strukturen i text');
    const outline = page.locator('main .outline');
    assert.ok(await outline.getByRole('list').first().isVisible(), 'no text alternative list');
    for (const name of [GROUP, PRESIDIUM, MANAGEMENT]) {
      assert.equal(await outline.getByRole('link', { name, exact: true }).count(), 1, `${name} not in the text alternative`);
    }
    await assertText(outline.getByRole('listitem').filter({ hasText: MANAGEMENT }).last(), `Bereder ärenden åt ${GROUP}`);

    // Keyboard: Tab reaches the scrollable region, and the next Tab a link inside the SVG.
    await page.evaluate(() => document.activeElement && document.activeElement.blur());
    await tabUntil(page, () => document.activeElement?.getAttribute('role') === 'region', { what: 'the chart region' });
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const e = document.activeElement;
      return { tag: e.tagName.toLowerCase(), inSvg: !!e.closest('svg'), href: e.getAttribute('href') };
    });
    assert.deepEqual({ tag: focused.tag, inSvg: focused.inSvg }, { tag: 'a', inSvg: true }, `focus went to ${JSON.stringify(focused)}`);
    assert.match(focused.href, /^\/organ\/\d+$/);
  }));

  it(`visits the demo's "${DEMO_BODY}" if the demo has it`, sa(async (t) => {
    const page = admin.page;
    await admin.goto(`/organ?q=${encodeURIComponent(DEMO_BODY)}`);
    const link = page.getByRole('table', { name: 'Organ i samverkan' }).getByRole('link', { name: DEMO_BODY, exact: true });
    if ((await link.count()) === 0) {
      t.diagnostic(`the demo has no body named "${DEMO_BODY}"`);
      return;
    }
    await admin.navigate(() => link.first().click());
    assert.equal((await h1(page).innerText()).trim(), DEMO_BODY);
    const id = pathOf(page).split('/').pop();
    await admin.goto(`/organ/${id}/ledamoter`);
    await admin.goto(`/organ/${id}/arbetsplan`);
    await admin.goto(`/organ/${id}/regler`);
  }));

  it('has no horizontal page scroll at 320 px: list, body page, members, membership form, dashboard', sa(async () => {
    await admin.assertNoHorizontalScrollAt320('/organ');
    await admin.assertNoHorizontalScrollAt320(group());
    await admin.assertNoHorizontalScrollAt320(`${group()}/ledamoter`);
    await admin.assertNoHorizontalScrollAt320(`${group()}/ledamoter/ny`);
    await admin.assertNoHorizontalScrollAt320('/efterlevnad');
  }));

  it('at 320 px the structure chart scrolls inside its own region, not the page', sa(async () => {
    const page = admin.page;
    const before = page.viewportSize();
    await page.setViewportSize({ width: 320, height: 720 });
    try {
      await admin.goto('/struktur');
      const region = await page.getByRole('region', { name: 'Samverkansstrukturen' }).evaluate((r) => ({
        right: r.getBoundingClientRect().right,
        scrollWidth: r.scrollWidth,
        clientWidth: r.clientWidth,
      }));
      assert.ok(region.right <= 320.5, `the chart region reaches ${region.right} px`);
      assert.ok(region.scrollWidth > region.clientWidth, `the chart does not scroll in its region: ${JSON.stringify(region)}`);
    } finally {
      await page.setViewportSize(before);
    }
    // The page as a whole may not scroll sideways (the chart's own scrolling is allowed).
    await admin.assertNoHorizontalScrollAt320('/struktur');
  }));

  it('a plain user is asked to sign in, then gets the 403 page for the management forms', su(async () => {
    const page = user.page;
    await user.goto(`${group()}/ledamoter/ny`);
    assert.equal(pathOf(page), '/logga-in', 'the membership form does not ask for a sign-in');
    // Signing in brings the user back to the form, which a plain user may not use.
    await signIn(user, ACCOUNTS.ledamot.email, undefined, { expectStatus: 403 });
    assert.equal(pathOf(page), `${group()}/ledamoter/ny`);
    assert.equal((await h1(page).innerText()).trim(), 'Ingen behörighet');
    await assertText(page.getByRole('banner'), `Inloggad som ${ACCOUNTS.ledamot.name}`);
    for (const p of [`${group()}/regler`, '/organ/ny']) {
      await user.goto(p, { expectStatus: 403 });
      assert.equal((await h1(page).innerText()).trim(), 'Ingen behörighet', p);
    }
  }));

  it('a plain user reads the body page and the work plan without edit links or forms', su(async () => {
    const page = user.page;
    await user.goto(group());
    assert.equal((await h1(page).innerText()).trim(), GROUP);
    const main = page.getByRole('main');
    for (const name of ['Ändra organ', 'Representationsregler', 'Ta bort', 'Lägg till ledamot', 'Importera ledamöter']) {
      assert.equal(await main.getByRole('link', { name, exact: true }).count(), 0, `a plain user is offered "${name}"`);
    }
    assert.equal(await main.getByRole('link', { name: /^Ändra / }).count(), 0, 'a plain user is offered to edit a member');
    assert.equal(await main.getByLabel('Sammanträdesdagar').count(), 0, 'a plain user is offered the meeting plan form');
    await assertText(main.getByRole('table'), member.name);

    await user.navigate(() => main.getByRole('link', { name: 'Öppna arbetsplanen och dess historik' }).click());
    assert.equal(await page.getByRole('region', { name: 'Ny version av arbetsplanen' }).count(), 0);
    await assertText(page.getByRole('main'), 'Version 1');
  }));

  it('a visitor who is not signed in can read the bodies, the members and the compliance dashboard', sn(async () => {
    const page = anon.page;
    await anon.goto('/efterlevnad');
    assert.equal((await h1(page).innerText()).trim(), 'Efterlevnad av samverkansreglerna');
    await assertText(page.getByRole('region', { name: GROUP }), 'saknar ordinarie');

    await anon.navigate(() => page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Organ', exact: true }).click());
    assert.equal(pathOf(page), '/organ');
    assert.equal((await h1(page).innerText()).trim(), 'Organ i samverkan');
    assert.equal(await page.getByRole('link', { name: 'Nytt organ' }).count(), 0);

    await anon.navigate(() => page.getByRole('table', { name: 'Organ i samverkan' }).getByRole('link', { name: GROUP, exact: true }).click());
    assert.equal(pathOf(page), group());
    const main = page.getByRole('main');
    await assertText(main.getByRole('table'), member.name);
    for (const name of ['Ändra organ', 'Representationsregler', 'Lägg till ledamot', 'Importera ledamöter']) {
      assert.equal(await main.getByRole('link', { name, exact: true }).count(), 0, `an anonymous visitor is offered "${name}"`);
    }
    assert.equal(await main.getByLabel('Sammanträdesdagar').count(), 0);

    await anon.navigate(() => main.getByRole('link', { name: 'Visa ledamöter vid ett annat datum' }).click());
    assert.equal(pathOf(page), `${group()}/ledamoter`);
    assert.equal(await page.getByLabel('Datum', { exact: true }).inputValue(), today);
    for (const name of [member.name, ...IMPORTED]) await assertText(page.getByRole('table'), name);
  }));

  it('checked every page it loaded', () => {
    admin.assertEveryPageChecked();
    user.assertEveryPageChecked();
    anon.assertEveryPageChecked();
  });
});
