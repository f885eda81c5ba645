'use strict';
// Search: a visitor uses the search field in the header, gets highlighted results with facets,
// narrows them to one kind, and sees the field error of an empty search. Every page is checked
// with axe-core and at 320 px (Visitor.goto/navigate call check()).

const assert = require('node:assert/strict');
const { describe, it, before, after } = require('node:test');
const { startServer } = require('../lib/server');
const { launchBrowser, Visitor, step } = require('../lib/browser');
const { assertText } = require('../lib/flows');

describe('search', () => {
  let server;
  let browser;
  let v;
  const s = (fn) => step(() => v, fn);

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    v = await Visitor.open(browser, server.baseURL, 'anonymous');
  });

  after(async () => {
    if (v) await v.close();
    if (browser) await browser.close();
    if (server) await server.stop();
  });

  it('searches from the header of any page and narrows by kind', s(async () => {
    const page = v.page;
    await v.goto('/organ');
    await page.getByRole('searchbox', { name: 'Sök i Samverkan' }).fill('kompetens');
    await v.navigate(() => page.getByRole('searchbox', { name: 'Sök i Samverkan' }).press('Enter'));
    assert.equal(new URL(page.url()).pathname, '/sok');
    await assertText(page.getByRole('heading', { level: 1 }), 'Sök');
    assert.ok(await page.locator('.search-results mark').count() > 0, 'matches are highlighted');
    const facets = page.getByRole('navigation', { name: 'Avgränsa sökningen' });
    await v.navigate(() => facets.getByRole('link', { name: 'Protokollsparagrafer' }).click());
    assert.equal(new URL(page.url()).searchParams.get('kind'), 'paragraph');
    await v.assertNoHorizontalScrollAt320(new URL(page.url()).pathname + new URL(page.url()).search);
  }));

  it('shows the field error of an empty search next to the field', s(async () => {
    const page = v.page;
    await v.goto('/sok?q=', { expectStatus: 422 });
    assert.equal(await page.locator('#f-q').getAttribute('aria-invalid'), 'true');
    await assertText(page.locator('#f-q-error'), 'Fältet måste fyllas i.');
  }));
});
