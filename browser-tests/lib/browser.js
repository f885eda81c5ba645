'use strict';
// Headless Debian Chromium through playwright-core, and the checks every visited page gets:
// axe-core (WCAG 2.0/2.1 A and AA), exactly one h1, a working skip link, and no failed
// sub-resources. A failing step saves a screenshot to artifacts/.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const ARTIFACTS = path.resolve(__dirname, '..', 'artifacts');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

async function launchBrowser() {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  }
  // launch() gives every run a fresh, throw-away user-data-dir.
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, timeout: 30_000 });
}

function slug(s) {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);
}

function formatViolations(violations) {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .map((n) => `    target: ${JSON.stringify(n.target)}\n    html:   ${n.html}\n    ${(n.failureSummary || '').replace(/\n/g, '\n    ')}`)
        .join('\n');
      return `  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes}`;
    })
    .join('\n');
}

/**
 * One signed-in (or anonymous) person: a browser context with its own cookies and one page.
 * Every new document the page loads must be checked with `check()` before the next one loads;
 * `assertEveryPageChecked()` fails the suite otherwise.
 */
class Visitor {
  constructor(context, page, baseURL, label) {
    this.context = context;
    this.page = page;
    this.baseURL = baseURL;
    this.label = label;
    this.pending = null; // the URL of a loaded document not yet checked
    this.unchecked = [];
    this.checked = [];
    this.badResources = [];
    page.on('domcontentloaded', () => {
      if (this.pending) this.unchecked.push(this.pending);
      this.pending = page.url();
    });
    // net::ERR_ABORTED is the browser dropping a request itself, as when a click navigates away
    // while the favicon still loads: not a resource the server failed to give.
    page.on('requestfailed', (r) => {
      const error = r.failure()?.errorText;
      if (error !== 'net::ERR_ABORTED') this.badResources.push(`${r.url()} failed: ${error}`);
    });
    page.on('response', (r) => {
      const type = r.request().resourceType();
      if (type !== 'document' && r.status() >= 400) this.badResources.push(`${r.url()} answered ${r.status()}`);
    });
  }

  static async open(browser, baseURL, label, options = {}) {
    const context = await browser.newContext({
      baseURL,
      bypassCSP: true, // the site's CSP forbids inline scripts; axe is injected as one
      locale: 'sv-SE',
      viewport: { width: 1280, height: 900 },
      ...options,
    });
    context.setDefaultTimeout(10_000);
    context.setDefaultNavigationTimeout(15_000);
    const page = await context.newPage();
    return new Visitor(context, page, baseURL, label);
  }

  /** GET a path (or URL), check the page, return the main response. */
  async goto(url, { expectStatus = 200 } = {}) {
    const response = await this.page.goto(url, { waitUntil: 'load' });
    assert.ok(response, `no response for ${url}`);
    assert.equal(response.status(), expectStatus, `status of ${this.page.url()}`);
    await this.check();
    return response;
  }

  /** Runs an action that loads a new document (a click, Enter in a form), waits for it, checks it. */
  async navigate(action, { expectStatus } = {}) {
    const [response] = await Promise.all([
      this.page.waitForNavigation({ waitUntil: 'load' }),
      action(),
    ]);
    if (expectStatus !== undefined) {
      assert.ok(response, 'no response');
      assert.equal(response.status(), expectStatus, `status of ${this.page.url()}`);
    }
    await this.check();
    return response;
  }

  /**
   * axe-core, one h1, a skip link to the main content, no horizontal scrolling at 320 px
   * (WCAG 1.4.10), no failed sub-resources.
   */
  async check() {
    const page = this.page;
    const url = page.url();
    this.pending = null; // this document is being checked, whatever the outcome
    await page.addScriptTag({ content: AXE_SOURCE });
    const result = await page.evaluate(async (tags) => {
      // eslint-disable-next-line no-undef
      const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      return r.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        helpUrl: v.helpUrl,
        nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, failureSummary: n.failureSummary })),
      }));
    }, AXE_TAGS);
    const structure = await page.evaluate(() => {
      const h1s = [...document.querySelectorAll('h1')].map((h) => h.textContent.trim());
      const tabbable = document.querySelector(
        'a[href], button:not([disabled]), input:not([type=hidden]):not([disabled]), select, textarea, [tabindex]:not([tabindex="-1"])',
      );
      const href = tabbable && tabbable.tagName === 'A' ? tabbable.getAttribute('href') : null;
      const target = href && href.startsWith('#') ? document.getElementById(href.slice(1)) : null;
      return {
        h1s,
        firstTabbable: tabbable ? tabbable.outerHTML : null,
        skipText: href ? tabbable.textContent.trim() : null,
        skipTargetIsMain: !!target && (target.tagName === 'MAIN' || target.getAttribute('role') === 'main'),
        lang: document.documentElement.getAttribute('lang'),
      };
    });
    const problems = [];
    if (result.length) problems.push(`axe-core found ${result.length} violation(s):\n${formatViolations(result)}`);
    if (structure.h1s.length !== 1) problems.push(`expected exactly one h1, found ${structure.h1s.length}: ${JSON.stringify(structure.h1s)}`);
    if (!structure.skipTargetIsMain) {
      problems.push(`the first focusable element is not a skip link to <main>: ${structure.firstTabbable}`);
    }
    const wide = await this.reflowProblemAt320();
    if (wide) problems.push(wide);
    if (this.badResources.length) problems.push(`failed sub-resources: ${this.badResources.join('; ')}`);
    this.badResources = [];
    if (problems.length) {
      this.checked.push({ url, ok: false });
      throw new Error(`Page check failed for ${url}:\n${problems.join('\n')}`);
    }
    this.checked.push({ url, ok: true, h1: structure.h1s[0], lang: structure.lang });
    return structure;
  }

  /** Every document this visitor loaded was checked. */
  assertEveryPageChecked() {
    const missed = [...this.unchecked, ...(this.pending ? [this.pending] : [])];
    assert.deepEqual(missed, [], `pages loaded but never checked with axe: ${missed.join(', ')}`);
  }

  /**
   * Measures the loaded document at 320 CSS px wide (WCAG 1.4.10 reflow) and restores the
   * viewport. Returns a description of what scrolls sideways, or null.
   */
  async reflowProblemAt320() {
    const url = this.page.url();
    const before = this.page.viewportSize();
    await this.page.setViewportSize({ width: 320, height: 720 });
    try {
      const m = await this.page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
        wide: [...document.querySelectorAll('body *')]
          .filter((e) => e.getBoundingClientRect().right > 320.5)
          .slice(0, 5)
          .map((e) => e.outerHTML.slice(0, 160)),
        // Content wider than its own box (a long word in a heading, say), outside elements that
        // scroll on purpose: it does not show in the boxes above but widens the page.
        overflowing: [...document.querySelectorAll('body *')]
          .filter((e) => e.scrollWidth > e.clientWidth + 1 && e.clientWidth > 0)
          .filter((e) => {
            for (let a = e; a && a !== document.body; a = a.parentElement) {
              if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(a).overflowX)) return false;
            }
            return true;
          })
          .slice(0, 5)
          .map((e) => `<${e.tagName.toLowerCase()}> scrollWidth ${e.scrollWidth} > ${e.clientWidth}: ${JSON.stringify(e.textContent.trim().slice(0, 60))}`),
      }));
      if (m.scrollWidth <= 320) return null;
      return (
        `${url} scrolls horizontally at 320 px: scrollWidth ${m.scrollWidth}; widest: ${m.wide.join(' | ')}` +
        (m.overflowing.length ? `; overflowing: ${m.overflowing.join(' | ')}` : '')
      );
    } finally {
      if (before) await this.page.setViewportSize(before);
    }
  }

  /** Loads `url` and asserts there is no horizontal scrolling at 320 CSS px wide. */
  async assertNoHorizontalScrollAt320(url) {
    const before = this.page.viewportSize();
    await this.page.setViewportSize({ width: 320, height: 720 });
    try {
      await this.goto(url);
      const problem = await this.reflowProblemAt320();
      assert.ok(!problem, problem);
    } finally {
      await this.page.setViewportSize(before);
    }
  }

  async screenshot(name) {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const file = path.join(ARTIFACTS, `${slug(this.label)}--${slug(name)}.png`);
    await this.page.screenshot({ path: file, fullPage: true }).catch(() => {});
    return file;
  }

  async close() {
    await this.context.close().catch(() => {});
  }
}

/**
 * `it`-style step whose failure saves a screenshot of the visitor's page. Use as
 * `it('name', step(() => visitor, async () => { ... }))`.
 */
function step(getVisitor, fn) {
  return async function (t) {
    try {
      await fn(t);
    } catch (err) {
      const v = getVisitor();
      if (v) {
        const file = await v.screenshot(t?.name || 'failure');
        err.message += `\n(screenshot: ${file}; page: ${v.page.url()})`;
      }
      throw err;
    }
  };
}

module.exports = { launchBrowser, Visitor, step, formatViolations, ARTIFACTS };
