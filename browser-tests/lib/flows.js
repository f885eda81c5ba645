'use strict';
// Small steps shared by the test files.

const assert = require('node:assert/strict');
const { DEMO_PASSWORD } = require('./server');

async function assertText(locator, text) {
  const actual = await locator.innerText();
  assert.ok(actual.includes(text), `expected ${JSON.stringify(text)} in ${JSON.stringify(actual.slice(0, 400))}`);
}

async function assertNoText(locator, text) {
  const actual = await locator.innerText();
  assert.ok(!actual.includes(text), `did not expect ${JSON.stringify(text)} in ${JSON.stringify(actual.slice(0, 400))}`);
}

function h1(page) {
  return page.getByRole('heading', { level: 1 });
}

/** Signs in through the form with the keyboard: type into the fields and press Enter. */
async function signIn(v, email, password = DEMO_PASSWORD, { expectStatus } = {}) {
  const page = v.page;
  if (new URL(page.url(), v.baseURL).pathname !== '/logga-in') {
    await v.goto('/logga-in');
  }
  const email_ = page.getByLabel('E-postadress');
  await email_.fill(email);
  await page.getByLabel('Lösenord', { exact: true }).fill(password);
  return v.navigate(() => page.getByLabel('Lösenord', { exact: true }).press('Enter'), { expectStatus });
}

/** Signs out with the header button. */
async function signOut(v) {
  const page = v.page;
  await v.navigate(() => page.getByRole('banner').getByRole('button', { name: 'Logga ut' }).click());
  const url = new URL(page.url());
  assert.equal(url.pathname, '/');
  await assertText(page.getByRole('status'), 'Du är utloggad.');
  assert.ok(await page.getByRole('banner').getByRole('link', { name: 'Logga in' }).isVisible());
  assert.equal(await page.getByRole('banner').getByRole('button', { name: 'Logga ut' }).count(), 0);
  const cookies = await v.context.cookies();
  assert.equal(cookies.find((c) => c.name === 'samverkan_session'), undefined, 'session cookie left after sign-out');
}

/**
 * Presses Tab until `predicate` (run in the page, given document.activeElement) is true; returns
 * the number of presses, or fails after `max` presses with the elements that got focus.
 */
async function tabUntil(page, predicate, { max = 80, what = 'the element' } = {}) {
  const seen = [];
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(predicate)) return i;
    seen.push(await page.evaluate(() => {
      const e = document.activeElement;
      return e ? `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${e.getAttribute('href') ? `[href=${e.getAttribute('href')}]` : ''}` : 'none';
    }));
  }
  assert.fail(`Tab did not reach ${what} in ${max} presses; focus went to: ${seen.join(' → ')}`);
}

/** The values and labels of a <select>'s options. */
async function optionsOf(select) {
  return select.locator('option').evaluateAll((os) => os.map((o) => ({ value: o.value, label: o.textContent.trim() })));
}

module.exports = { assertText, assertNoText, h1, signIn, signOut, tabUntil, optionsOf };
