// The review web UI, driven as an analyst and a supervisor would in Debian's chromium, against
// the real server tests/ui/run.sh starts (the bundled lists and customer book, monitored). Every
// page is also checked with axe-core at 1280x800 and 768 wide. With SHOTS=DIR it saves the main
// screens as PNGs there (scripts/screenshots.sh).
import assert from 'node:assert/strict';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, test} from 'node:test';
import {createRequire} from 'node:module';
import {chromium} from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const URL_ = process.env.INTERDICT_UI_URL;
const ANN = process.env.ANN_KEY;
const SAM = process.env.SAM_KEY;
const ARTICLE = readFileSync(process.env.ARTICLE, 'utf8');
const SHOTS = process.env.SHOTS || '';
// Generous: the tests also run against an ASan build, several times slower.
const TIMEOUT = 60000;
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let profile;
let context;
let page;
const problems = [];  // console errors and CSP violations: the UI must cause none

before(async () => {
  profile = mkdtempSync(join(tmpdir(), 'interdict-ui-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: FLAGS,
    viewport: {width: 1280, height: 800},
  });
  page = context.pages()[0] || await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  // A refused request (the wrong key on purpose) is logged by chromium too: not a problem of the UI.
  page.on('console', (m) => {
    if (m.type() === 'error' && !/^Failed to load resource/.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(String(e)));
});

after(async () => {
  await context?.close();
  rmSync(profile, {recursive: true, force: true});
});

// The API as the test reads it to pick its alerts (the UI itself is what is under test).
async function api(path, key, body) {
  const r = await fetch(URL_ + path, {method: body ? 'POST' : 'GET',
    headers: {'Authorization': 'Bearer ' + key, 'Content-Type': 'application/json'},
    body: body ? JSON.stringify(body) : undefined});
  const text = await r.text();
  assert.ok(r.ok, path + ': HTTP ' + r.status + ' ' + text);
  return JSON.parse(text);
}

// axe-core on the current page, at both widths: no serious or critical violation.
async function accessible(name) {
  for (const size of [{width: 1280, height: 800}, {width: 768, height: 1024}]) {
    await page.setViewportSize(size);
    // Evaluated over the DevTools protocol, so the page's CSP (script-src 'self') stays in force.
    await page.evaluate(AXE + ';0');
    const found = await page.evaluate(async () => {
      const r = await window.axe.run(document, {resultTypes: ['violations']});
      return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | '));
    });
    assert.deepEqual(found, [], name + ' at ' + size.width + ' wide');
  }
  await page.setViewportSize({width: 1280, height: 800});
}

// Opens `hash` and waits until that page is drawn (app.js marks <main> with the route it shows).
async function go(hash) {
  await page.goto(URL_ + '/' + hash);
  await page.locator('#main:not([aria-busy])').and(page.locator(`#main[data-route="${hash}"]`)).waitFor();
}

async function shot(name, fullPage) {
  if (SHOTS) await page.screenshot({path: join(SHOTS, name + '.png'), fullPage: Boolean(fullPage)});
}

async function login(key) {
  await go('#/login');
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', {name: 'Log in'}).click();
  await page.getByRole('heading', {level: 1, name: 'Alert queue'}).waitFor();
}

async function logout() {
  await page.getByRole('button', {name: 'Log out'}).click();
  await page.getByRole('heading', {level: 1, name: 'Log in'}).waitFor();
}

// The newest status text of the alert page.
const statusText = () => page.locator('.facts .badge').first().textContent();

test('the page is served with its content types and a strict CSP, without a key', async () => {
  const r = await fetch(URL_ + '/');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^text\/html/);
  assert.match(r.headers.get('content-security-policy'), /default-src 'none'; script-src 'self'/);
  const js = await fetch(URL_ + '/ui/app.js');
  assert.match(js.headers.get('content-type'), /^text\/javascript/);
  const again = await fetch(URL_ + '/ui/app.js', {headers: {'If-None-Match': js.headers.get('etag')}});
  assert.equal(again.status, 304);
  assert.equal((await fetch(URL_ + '/ui/nothing.js')).status, 404);
  assert.equal((await fetch(URL_ + '/v1/alerts')).status, 401, 'the API still needs a key');
});

test('login refuses an unknown key, and takes a real one', async () => {
  await page.goto(URL_ + '/');
  await page.getByRole('heading', {level: 1, name: 'Log in'}).waitFor();
  await accessible('login');
  await page.getByLabel('API key').fill('idk_not-a-key-anyone-has-0123456789');
  await page.getByRole('button', {name: 'Log in'}).click();
  await page.getByText('This API key is not known to the server.').waitFor();
  await login(ANN);
  assert.equal(await page.locator('#who-name').textContent(), 'Signed in as ann (analyst)');
  assert.equal(await page.evaluate(() => sessionStorage.getItem('interdict.apiKey')), ANN);
});

test('the queue filters by status and list, counts, and opens alerts from the keyboard', async () => {
  await go('#/queue');
  const rows = page.locator('table.queue tbody tr');
  await rows.first().waitFor();
  const all = await api('/v1/alerts?status=open&status=in_review&status=escalated', ANN);
  assert.equal(await rows.count(), all.alerts.length);
  assert.ok(all.alerts.length > 0);
  await shot('queue');
  await accessible('queue');
  // Delisted only: every row says so in words.
  await go('#/queue?status=delisted');
  await page.getByText(/alerts match these filters/).waitFor();
  const delisted = await page.locator('table.queue tbody tr .badge').allTextContents();
  assert.ok(delisted.length > 0, 'the bundled demo has delisted alerts');
  assert.ok(delisted.every((t) => t === 'Delisted'), delisted.join(','));
  assert.match(await page.locator('.statuses').textContent(), /Delisted \(\d+\)/);
  // List filter: a list without alerts shows none, and says so.
  await go('#/queue?status=open&source=un-sc');
  const unsc = await api('/v1/alerts?status=open&source=un-sc', ANN);
  if (unsc.total === 0) await page.getByText('No alert matches these filters.').waitFor();
  else assert.equal(await rows.count(), unsc.alerts.length);
  // Sorting: lowest score first, over two statuses.
  await go('#/queue?status=open&status=delisted&sort=score');
  const scores = (await page.locator('table.queue tbody td.num').allTextContents()).map(Number);
  assert.ok(scores.length > 1);
  assert.deepEqual(scores, scores.slice().sort((x, y) => x - y));
  // Keyboard: j selects the first row, Enter opens it; / jumps to the filters.
  await go('#/queue?status=open&sort=id');
  await rows.first().waitFor();
  await page.locator('main').focus();
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'filter-first');
  await page.locator('main').focus();
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  const second = await rows.nth(1).getAttribute('data-id');
  await page.keyboard.press('Enter');
  await page.waitForURL(new RegExp('#/alert/' + second + '$'));
  await page.getByRole('heading', {level: 1, name: new RegExp('^Alert ' + second + ':')}).waitFor();
});

// An open alert whose name matched with a typo: the explanation must show it.
async function typoAlert() {
  const open = await api('/v1/alerts?status=open&limit=1000', ANN);
  const a = open.alerts.find((x) => x.explanation.explanation.tokens.some((t) => t.evidence === 'typo'));
  assert.ok(a, 'the demo has an open alert matched through a typo');
  return a;
}

test('an analyst reads the explanation and decides a false positive; a supervisor approves it', async () => {
  const a = await typoAlert();
  const ex = a.explanation.explanation;
  const typo = ex.tokens.find((t) => t.evidence === 'typo');
  await go('#/alert/' + a.id);
  await page.getByRole('heading', {level: 2, name: 'Why it matched'}).waitFor();
  assert.equal(await page.locator('.sentence').textContent(), ex.sentence);
  const marks = page.locator('mark.ev-typo');
  assert.ok(await marks.count() >= 2, 'the typo is marked in both names');
  assert.deepEqual((await marks.allTextContents()).map((s) => s.toLowerCase()).sort(),
    [typo.query.toLowerCase(), typo.list.toLowerCase()].sort());
  const tokenRow = page.locator('table.tokens tbody tr', {hasText: typo.list});
  assert.match(await tokenRow.textContent(), /typo \(1 edit\)/);
  const side = page.locator('table.side');
  assert.match(await side.locator('tr', {hasText: 'Birth date'}).textContent(), /\+0\.08/);
  assert.match(await page.locator('dl.facts-list').textContent(), /Programmes.*SDGT|Programmes/s);
  await shot('detail', true);
  await accessible('alert detail');

  // Assign it to herself, then find it in the queue by assignee.
  await page.getByRole('button', {name: 'Assign…'}).click();
  await page.getByRole('dialog').getByLabel('Assignee').selectOption('ann');
  await page.getByRole('dialog').getByRole('button', {name: 'Assign'}).click();
  await page.getByText('Assignee: ann').waitFor();
  await go('#/queue?status=open&assignee=ann');
  assert.deepEqual(await page.locator('table.queue tbody tr').evaluateAll((rs) => rs.map((r) => r.dataset.id)),
    [String(a.id)]);
  await go('#/alert/' + a.id);
  await page.getByRole('button', {name: 'Decide…'}).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('False positive').check();
  await dialog.getByLabel(/^Reason/).fill('Different person: date of birth differs from the customer file.');
  await shot('decide');
  await accessible('decide dialog');
  await dialog.getByRole('button', {name: 'Record decision'}).click();
  await page.locator('.pending').waitFor();
  assert.equal(await statusText(), 'In review · awaiting approval');
  assert.equal(await page.getByRole('button', {name: 'Approve false positive'}).count(), 0,
    'the analyst who decided cannot approve');

  await logout();
  await login(SAM);
  await go('#/alert/' + a.id);
  await page.getByRole('button', {name: 'Approve false positive'}).click();
  await page.getByRole('dialog').getByLabel('Your reason').fill('Checked the passport copy: not the listed person.');
  await page.getByRole('dialog').getByRole('button', {name: 'Approve'}).click();
  await page.getByText('Decision approved').waitFor();
  await page.waitForFunction(() => document.querySelector('.facts .badge')?.textContent === 'False positive');
  const history = await page.locator('section', {hasText: 'History'}).locator('tbody').textContent();
  assert.match(history, /ann/);
  assert.match(history, /sam/);

  // The audit page shows the approval, by sam, about this alert.
  await go('#/audit?subject=alert%3A' + a.id);
  const row = page.locator('table.audit tbody tr', {hasText: 'alert.approval'});
  await row.first().waitFor();
  assert.match(await row.first().textContent(), /sam/);
  assert.match(await page.locator('table.audit tbody').textContent(), /alert\.decision/);
  await page.getByRole('button', {name: 'Verify the hash chain'}).click();
  await page.getByText(/^Intact: \d+ events checked/).waitFor();
  await shot('audit');
  await accessible('audit');
});

test('a supervisor makes a good-guy rule from an alert, with an expiry', async () => {
  const open = await api('/v1/alerts?status=open&limit=1000', SAM);
  const a = open.alerts.find((x) => !x.pending);
  assert.ok(a, 'an open alert is left');
  await go('#/alert/' + a.id);
  await page.getByRole('button', {name: 'Good-guy rule…'}).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Reason').fill('Long-standing customer, identity verified in person.');
  await dialog.getByLabel(/Expires on/).fill('2030-01-31');
  await dialog.getByRole('button', {name: 'Create rule'}).click();
  await page.getByText(/Good-guy rule \d+ created, expires 2030-01-31/).waitFor();
  await go('#/rules');
  const rule = page.locator('table tbody tr', {hasText: a.entity});
  await rule.waitFor();
  assert.match(await rule.textContent(), /2030-01-31/);
  await accessible('rules');
});

test('the screening page explains a match', async () => {
  await go('#/screen');
  await page.getByLabel('Name').fill('Evin Prision');
  await page.getByRole('button', {name: 'Screen'}).click();
  const first = page.locator('article.match').first();
  await first.waitFor();
  assert.match(await first.locator('h3').textContent(), /EVIN PRISON/);
  assert.ok(await first.locator('mark.ev-typo').count() >= 1, 'Prision ~ PRISON is marked as a typo');
  await shot('screening');
  await accessible('screening');
});

test('the free-text page marks the example article\'s hits', async () => {
  await go('#/scan');
  await page.getByLabel(/Text to scan/).fill(ARTICLE);
  await page.getByRole('button', {name: 'Scan'}).click();
  await page.locator('.scanned').waitFor();
  const want = await api('/v1/scan', SAM, {text: ARTICLE});
  const parties = want.hits.filter((x) => x.kind === 'party');
  assert.ok(parties.length > 0);
  const marked = await page.locator('.scanned mark.hit-party').allTextContents();
  for (const p of parties) assert.ok(marked.some((m) => m.startsWith(p.text)), p.text + ' is marked');
  assert.ok(await page.locator('.scanned mark.hit-jurisdiction').count() > 0);
  await page.locator('.scanned mark.hit-party').first().scrollIntoViewIfNeeded();
  await shot('free-text');
  await accessible('free text');
});

test('the lists page shows versions and what changed between them', async () => {
  // The whole-list diff (2021 -> current: thousands of records) takes the server seconds, and
  // far longer under ASan.
  page.setDefaultTimeout(180000);
  await go('#/lists?source=us-ofac-sdn');
  await page.getByRole('heading', {name: 'Versions of us-ofac-sdn'}).waitFor();
  const removed = page.locator('table', {has: page.locator('caption', {hasText: /^Removed \(\d+/})});
  await removed.waitFor();
  assert.match(await removed.locator('caption').textContent(), /^Removed \([1-9]/);
  assert.match(await removed.locator('caption').textContent(), /^Removed \(881, the first 200 shown\)/);
  assert.equal(await removed.locator('tbody tr').count(), 200);
  await shot('lists');
  await accessible('lists');
  page.setDefaultTimeout(TIMEOUT);
});

test('logging out forgets the key', async () => {
  await logout();
  assert.equal(await page.evaluate(() => sessionStorage.getItem('interdict.apiKey')), null);
  await go('#/queue');
  await page.getByRole('heading', {level: 1, name: 'Log in'}).waitFor();
  assert.deepEqual(problems, [], 'no console error or CSP violation on any page');
});
