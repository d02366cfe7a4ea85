// End-to-end test of the network page: a person's search, the drawn network, a click to expand.
// Usage: BASE_URL=http://127.0.0.1:18080 node network.e2e.mjs  (CHROMIUM defaults to /usr/bin/chromium)
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';

const base = process.env.BASE_URL || 'http://127.0.0.1:8080';
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const shots = process.env.SCREENSHOTS || '../target/e2e';
mkdirSync(shots, { recursive: true });

let passed = 0;
let failed = 0;
async function test(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`ok - ${name}`);
  } catch (e) {
    failed++;
    console.log(`not ok - ${name}\n  ${e.stack || e}`);
  }
}
function assert(condition, message) {
  if (!condition) throw new Error(message);
}

const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
// The demo profile's viewer (README): the page and the API need a user; the browser sends Basic.
const page = await browser.newPage({
  viewport: { width: 1400, height: 900 },
  httpCredentials: { username: 'viewer', password: 'viewer-demo' },
});
const errors = [];
page.on('pageerror', (e) => errors.push(String(e)));

// An intranet: a browser context (signed in as the viewer) in which anything not asked of the service
// itself fails, as it would there; `blocked` lists what was asked.
async function intranet(viewport, user = 'viewer') {
  const context = await browser.newContext({ viewport, httpCredentials: { username: user, password: user + '-demo' } });
  const blocked = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(base)) return route.continue();
    blocked.push(url);
    return route.abort('internetdisconnected');
  });
  return { context, blocked };
}

await test('without a user the page and the API are refused', async () => {
  // Chromium turns a 401 navigation without credentials into an error page, so ask over HTTP.
  const anonymous = await browser.newContext();
  for (const path of ['/network', '/network/index.html', '/graphiql', '/dashboard']) {
    const response = await anonymous.request.get(base + path, { maxRedirects: 0 });
    assert(response.status() === 401, `${path}: expected 401, got ${response.status()}`);
  }
  const api = await anonymous.request.post(base + '/graphql', { data: { query: '{ areas(first: 1) { totalCount } }' } });
  assert(api.status() === 401, 'graphql: expected 401, got ' + api.status());
  await anonymous.close();
});

await test('the page loads with its graph library from the service, not a CDN', async () => {
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(base + '/network', { waitUntil: 'networkidle' });
  assert(await page.evaluate(() => typeof window.cytoscape === 'function'), 'cytoscape is not loaded');
  assert(requests.every((u) => u.startsWith(base)), 'a request left the service: ' + requests.filter((u) => !u.startsWith(base)));
});

await test('searching 城北社区 in Chinese and opening it draws its network', async () => {
  await page.fill('#search', '城北社区');
  await page.click('#search-form button');
  await page.waitForSelector('#results button');
  const first = page.locator('#results button', { hasText: '城北社区（区域）' }).first();
  await first.click();
  await page.waitForFunction(() => window.cy && window.cy.nodes().length > 5, null, { timeout: 30000 });
  const labels = await page.evaluate(() => window.cy.nodes().map((n) => n.data('label')));
  for (const expected of ['城北社区', '城北大社区', '城北社区党委']) {
    assert(labels.includes(expected), `${expected} is not drawn; drawn: ${labels.slice(0, 20)}`);
  }
  const legend = await page.textContent('#legend');
  assert(legend.includes('区域') && legend.includes('党组织'), 'legend lacks types: ' + legend);
  await page.screenshot({ path: `${shots}/network.png` });
});

await test('clicking a node shows its details and expanding adds its neighbours', async () => {
  const before = await page.evaluate(() => window.cy.nodes().length);
  // A unit at the edge of the drawing: its own ties (staff, location) are not drawn yet.
  const [id, label] = await page.evaluate(() => {
    const node = window.cy.nodes().filter((n) => n.data('type') === 'Unit' && n.degree() === 1).first();
    node.emit('tap');
    return [node.id(), node.data('label')];
  });
  assert(id, 'no unit at the edge of the drawing');
  await page.waitForSelector('#details h2');
  assert((await page.textContent('#details h2')).includes(label), 'details do not show the node');
  await page.click('#expand');
  await page.waitForFunction((n) => window.cy.nodes().length > n, before, { timeout: 30000 });
  const after = await page.evaluate(() => window.cy.nodes().length);
  assert(after > before, `expanding ${id} added nothing (${before} -> ${after})`);
  await page.screenshot({ path: `${shots}/network-expanded.png` });
});

await test('activities are hidden until asked for, details read in Chinese, exports are offered', async () => {
  // The organization's own network: 城北社区党委 holds activities (组织生活).
  await page.evaluate(() => { location.hash = ''; });
  await page.fill('#search', '城北社区党委');
  await page.click('#search-form button');
  assert((await page.textContent('#details')).includes('点击结果'), 'details are not cleared by a new search');
  await page.locator('#results button', { hasText: '城北社区党委（党组织）' }).first().click();
  // The organization's own drawing, not the area's still on screen.
  await page.waitForFunction(() => window.cy && String(window.cy.root).startsWith('org-'), null, { timeout: 30000 });
  await page.waitForFunction(() => window.cy && window.cy.nodes('[type = "Activity"]').length > 0, null, { timeout: 30000 });
  const shownActivities = await page.evaluate(() => window.cy.nodes('[type = "Activity"]').filter((n) => n.visible()).length);
  assert(shownActivities === 0, shownActivities + ' activities shown by default');
  const box = page.locator('#legend input[value="Activity"]');
  assert(!(await box.isChecked()), 'the activity box is ticked by default');
  await box.check();
  await page.waitForFunction(() => window.cy.nodes('[type = "Activity"]').some((n) => n.visible()), null, { timeout: 10000 });
  await page.locator('#legend input[value="Activity"]').uncheck();
  const org = await page.evaluate(() => { const n = window.cy.nodes('[type = "PartyOrganization"]').first(); n.emit('tap'); return n.data('label'); });
  await page.waitForFunction((name) => (document.querySelector('#details h2') || {}).textContent === name, org);
  const terms = await page.textContent('#details dl');
  assert(terms.includes('名称') && terms.includes('类别'), 'details keys are not Chinese: ' + terms);
  assert(!/COMMITTEE|BRANCH/.test(terms), 'details show enum values in English: ' + terms);
  const graphml = await page.getAttribute('#graphml', 'href');
  assert(graphml.includes('/exports/graph.graphml?scope=org-'), 'GraphML link ' + graphml);
  assert(await page.isVisible('#png'), 'no PNG export');
  await page.screenshot({ path: `${shots}/network-organization.png` });
});

await test('the layouts: fCoSE by default, and each node type on a ring of its own', async () => {
  assert(await page.evaluate(() => typeof window.cytoscapeFcose === 'function'), 'fCoSE is not loaded');
  // fCoSE leaves no two visible nodes on the same spot.
  const overlaps = await page.evaluate(() => {
    const seen = new Set(); let same = 0;
    window.cy.nodes(':visible').forEach((n) => { const k = Math.round(n.position('x')) + ',' + Math.round(n.position('y')); if (seen.has(k)) same++; seen.add(k); });
    return same;
  });
  assert(overlaps === 0, overlaps + ' nodes drawn on top of others');
  await page.selectOption('#layout', 'types');
  // By type: the nodes of one type lie at one distance from the root, different types at different ones.
  const rings = await page.evaluate(() => {
    const root = window.cy.nodes('.root').first().position();
    const byType = {};
    window.cy.nodes(':visible').not('.root').forEach((n) => {
      const d = Math.hypot(n.position('x') - root.x, n.position('y') - root.y);
      const r = byType[n.data('type')] = byType[n.data('type')] || { min: Infinity, max: 0 };
      r.min = Math.min(r.min, d); r.max = Math.max(r.max, d);
    });
    return byType;
  });
  const types = Object.keys(rings);
  assert(types.length >= 2, 'fewer than two types shown: ' + JSON.stringify(rings));
  assert(types.every((t) => rings[t].max - rings[t].min < 2), 'a type spread over several rings: ' + JSON.stringify(rings));
  const radii = types.map((t) => rings[t].min).sort((a, b) => a - b);
  assert(radii.every((r, i) => i === 0 || r - radii[i - 1] > 5), 'two types share a ring: ' + JSON.stringify(rings));
  await page.screenshot({ path: `${shots}/network-by-type.png` });
  await page.selectOption('#layout', 'fcose');
});

await test('changing the date redraws the network as of that date', async () => {
  await page.fill('#as-of', '2016-01-01');
  await page.dispatchEvent('#as-of', 'change');
  // In 2016 the big communities did not exist yet (their ties start in 2018): fewer nodes.
  await page.waitForFunction(() => !window.cy.nodes().some((n) => n.data('label') === '城北大社区'), null, { timeout: 30000 });
});

await test('GraphiQL loads with every non-loopback request blocked, runs a query, shows the Chinese docs', async () => {
  const { context, blocked } = await intranet({ width: 1400, height: 900 });
  const graphiql = await context.newPage();
  const graphiqlErrors = [];
  graphiql.on('pageerror', (e) => graphiqlErrors.push(String(e)));
  await graphiql.goto(base + '/graphiql', { waitUntil: 'networkidle' });
  await graphiql.waitForSelector('.graphiql-container', { timeout: 30000 });
  await graphiql.click('.graphiql-execute-button');
  await graphiql.waitForFunction(
    () => (document.querySelector('.graphiql-response')?.textContent || '').includes('organizationalRate'),
    null, { timeout: 60000 });
  await graphiql.click('button[aria-label="Show Documentation Explorer"]');
  await graphiql.waitForSelector('.graphiql-doc-explorer', { timeout: 10000 });
  await graphiql.locator('.graphiql-doc-explorer a', { hasText: /^Query$/ }).first().click();
  await graphiql.waitForFunction(
    () => (document.querySelector('.graphiql-doc-explorer')?.textContent || '').includes('党组织'),
    null, { timeout: 10000 });
  await graphiql.screenshot({ path: `${shots}/graphiql.png` });
  assert(blocked.length === 0, 'GraphiQL asked the internet for: ' + blocked.join(', '));
  assert(graphiqlErrors.length === 0, graphiqlErrors.join('\n'));
  await context.close();
});

await test('the dashboard renders the sample\'s figures offline, in Chinese, with charts from the jar', async () => {
  const { context, blocked } = await intranet({ width: 1500, height: 1500 });
  const dash = await context.newPage();
  const dashErrors = [];
  dash.on('pageerror', (e) => dashErrors.push(String(e)));
  await dash.goto(base + '/dashboard?asOf=2020-03-01', { waitUntil: 'networkidle' });
  await dash.waitForFunction(() => document.body.dataset.loaded === 'true', null, { timeout: 120000 });
  assert(await dash.evaluate(() => typeof window.echarts === 'object'), 'echarts is not loaded');
  // What the API says, to compare the page with; and the report's figures the sample reproduces.
  const answer = await context.request.post(base + '/graphql', { data: { query: `{
    coverage(asOf: "2020-03-01", groupBy: BIG_COMMUNITY) { organizationalRate { percent } groups { label } }
    gridCoverage(asOf: "2020-03-01") { total }
    weakOrganizationStats(asOf: "2020-03-01") { categories { category rectified } }
    areas(kinds: [BIG_COMMUNITY]) { totalCount }
    statistics(asOf: "2020-03-01") { nodes { type count } ties { relType count } measures { disputesSettled } } }` } });
  const d = (await answer.json()).data;
  assert(d.areas.totalCount === 5, 'the sample has 5 big communities, the API says ' + d.areas.totalCount);
  const bigCommunities = await dash.locator('#scope option', { hasText: '大社区）' }).count();
  assert(bigCommunities === 5, 'the scope picker lists ' + bigCommunities + ' big communities');
  const coverage = await dash.locator('#coverage .figures').innerText();
  assert(coverage.includes(d.coverage.organizationalRate.percent), `coverage shows ${coverage}, the API ${d.coverage.organizationalRate.percent}`);
  assert(/%/.test(coverage), 'rates as percentages: ' + coverage);
  const places = await dash.locator('#places .figures').innerText();
  assert(d.gridCoverage.total === 124 && places.includes('124'), 'grids: ' + places);
  const rectified = Object.fromEntries(d.weakOrganizationStats.categories.map((c) => [c.category, c.rectified]));
  assert(rectified.COMMUNITY === 3 && rectified.ORGAN === 47 && rectified.TWO_NEW === 15, 'rectified ' + JSON.stringify(rectified));
  const weakChart = await dash.locator('#weak .chart svg').textContent();
  for (const text of ['社区党组织', '市直机关单位', '两新组织党组织', '3', '47', '15']) {
    assert(weakChart.includes(text), 'the rectification chart lacks ' + text);
  }
  const coverageChart = await dash.locator('#coverage .chart svg').textContent();
  assert(d.coverage.groups.some((g) => coverageChart.includes(g.label)), 'the coverage chart names no big community');
  const community = await dash.locator('#community .figures').innerText();
  const mediation = d.statistics.nodes.filter((n) => n.type === 'MEDIATION_ORGANIZATION').reduce((a, n) => a + n.count, 0);
  const pairings = d.statistics.ties.filter((t) => t.relType === 'PAIRED_WITH').reduce((a, t) => a + t.count, 0);
  assert(mediation > 0 && pairings > 0, `the sample has mediation (${mediation}) and pairings (${pairings})`);
  for (const [value, name] of [[mediation, '调解组织'], [pairings, '结对共建'], [d.statistics.measures.disputesSettled, '调处纠纷']]) {
    assert(community.includes(String(value)) && community.includes(name), `${name} ${value} not in: ${community}`);
  }
  const ruleRows = await dash.locator('#warnings table.rules tbody tr').count();
  assert(ruleRows >= 1, 'warning signs summarised by rule: ' + ruleRows + ' rows');
  assert((await dash.locator('#warnings .figures').innerText()).includes('预警信号'), 'the warning figures');
  const xlsx = await dash.locator('#coverage a.xlsx').getAttribute('href');
  assert(xlsx.includes('/exports/reports/coverage.xlsx') && xlsx.includes('asOf=2020-03-01'), 'xlsx link ' + xlsx);
  await dash.screenshot({ path: `${shots}/dashboard.png`, fullPage: true });
  // An organization's name opens its network.
  const link = dash.locator('#warnings table.top a').first();
  const orgName = (await link.innerText()).trim();
  await link.click();
  await dash.waitForFunction((name) => window.cy && window.cy.nodes().some((n) => n.data('label') === name), orgName,
    { timeout: 60000 });
  assert(blocked.length === 0, 'the dashboard asked the internet for: ' + blocked.join(', '));
  assert(dashErrors.length === 0, dashErrors.join('\n'));
  await context.close();
});

await test('the dashboard and the network page redraw when the graph changes: the changes subscription over WebSocket, offline', async () => {
  const { context, blocked } = await intranet({ width: 1200, height: 900 });
  const dash = await context.newPage();
  await dash.goto(base + '/dashboard?asOf=2020-03-01', { waitUntil: 'networkidle' });
  await dash.waitForFunction(() => document.body.dataset.loaded === 'true', null, { timeout: 120000 });
  await dash.waitForFunction(() => document.body.dataset.live === 'on', null, { timeout: 30000 });
  const editor = { Authorization: 'Basic ' + Buffer.from('editor:editor-demo').toString('base64') };
  const org = (await (await context.request.post(base + '/graphql', { headers: editor, data: { query:
    '{ partyOrganizations(nameContains: "东风社区党委", first: 1) { nodes { id name } } }' } })).json()).data.partyOrganizations.nodes[0];
  // The subscription may still be starting: change until the page has seen a change (at most 30 s).
  let seen = false;
  for (let i = 0; i < 30 && !seen; i++) {
    await context.request.post(base + '/graphql', { headers: editor, data: {
      query: 'mutation($id: ID!, $n: String!) { updatePartyOrganization(input: {id: $id, name: $n}) { partyOrganization { id } } }',
      variables: { id: org.id, n: org.name } } });
    seen = await dash.waitForFunction((id) => (document.body.dataset.lastChange || '').includes(id), org.id, { timeout: 1000 })
      .then(() => true, () => false);
  }
  assert(seen, 'the page saw no change; live = ' + await dash.evaluate(() => document.body.dataset.live));
  // The network page redraws when a drawn node changes.
  const net = await context.newPage();
  await net.goto(base + '/network#' + encodeURIComponent(org.id), { waitUntil: 'networkidle' });
  await net.waitForFunction((id) => window.cy && window.cy.getElementById(id).nonempty(), org.id, { timeout: 30000 });
  let redrawn = false;
  for (let i = 0; i < 30 && !redrawn; i++) {
    await context.request.post(base + '/graphql', { headers: editor, data: {
      query: 'mutation($id: ID!, $n: String!) { updatePartyOrganization(input: {id: $id, name: $n}) { partyOrganization { id } } }',
      variables: { id: org.id, n: org.name } } });
    redrawn = await net.waitForFunction((id) => (document.body.dataset.lastChange || '').includes(id), org.id, { timeout: 1000 })
      .then(() => true, () => false);
  }
  assert(redrawn, 'the network page saw no change');
  assert(blocked.length === 0, 'asked the internet for: ' + blocked.join(', '));
  await context.close();
});

await test('a user with a jurisdiction (dongfeng, 东风大社区) sees only it on the dashboard and the network page', async () => {
  const { context, blocked } = await intranet({ width: 1500, height: 1500 }, 'dongfeng');
  const dash = await context.newPage();
  const dashErrors = [];
  dash.on('pageerror', (e) => dashErrors.push(String(e)));
  await dash.goto(base + '/dashboard?asOf=2020-03-01', { waitUntil: 'networkidle' });
  await dash.waitForFunction(() => document.body.dataset.loaded === 'true', null, { timeout: 120000 });
  const options = await dash.locator('#scope option').allInnerTexts();
  assert(options.some((o) => o.startsWith('东风大社区')), 'the picker lacks 东风大社区: ' + options);
  assert(!options.some((o) => /城北|大同|那大镇|儋州市/.test(o)), 'the picker offers places outside: ' + options);
  // The page's coverage is the API's for 东风 (the jurisdiction, no scope given), not the whole graph's.
  const ask = async (user, query) => (await (await context.request.post(base + '/graphql', {
    data: { query }, headers: { Authorization: 'Basic ' + Buffer.from(user + ':' + user + '-demo').toString('base64') } })).json()).data;
  const mine = await ask('dongfeng', '{ coverage(asOf: "2020-03-01") { total organizationalRate { percent } } }');
  const dongfeng = await ask('viewer', '{ coverage(scope: "area-c000-0000003", asOf: "2020-03-01") { total organizationalRate { percent } } }');
  const whole = await ask('viewer', '{ coverage(asOf: "2020-03-01") { total } }');
  assert(mine.coverage.total === dongfeng.coverage.total && mine.coverage.total < whole.coverage.total,
    `coverage: dongfeng ${mine.coverage.total}, 东风 ${dongfeng.coverage.total}, whole ${whole.coverage.total}`);
  const coverage = await dash.locator('#coverage .figures').innerText();
  assert(coverage.includes(mine.coverage.organizationalRate.percent), `coverage shows ${coverage}, the API ${mine.coverage.organizationalRate.percent}`);
  await dash.screenshot({ path: `${shots}/dashboard-dongfeng.png`, fullPage: true });
  // The network page finds 东风's places and not 城北's.
  const net = await context.newPage();
  net.on('pageerror', (e) => dashErrors.push(String(e)));
  await net.goto(base + '/network', { waitUntil: 'networkidle' });
  await net.fill('#search', '城北社区');
  await net.click('#search-form button');
  await net.waitForFunction(() => { const r = document.querySelector('#results'); return r && r.innerText.trim() && !r.innerText.includes('搜索中'); },
    null, { timeout: 30000 });
  const found = await net.locator('#results button').allInnerTexts();
  assert(!found.some((t) => t.includes('城北')), 'the network page found outside: ' + found);
  await net.fill('#search', '东风社区');
  await net.click('#search-form button');
  await net.waitForSelector('#results button');
  await net.locator('#results button', { hasText: '东风社区（区域）' }).first().click();
  await net.waitForFunction(() => window.cy && window.cy.nodes().length > 3, null, { timeout: 30000 });
  const labels = await net.evaluate(() => window.cy.nodes().map((n) => n.data('label')));
  assert(labels.includes('东风社区') && !labels.some((l) => /城北|那大镇/.test(l)), 'drawn: ' + labels.slice(0, 30));
  assert(blocked.length === 0, 'asked the internet for: ' + blocked.join(', '));
  assert(dashErrors.length === 0, dashErrors.join('\n'));
  await context.close();
});

await test('no script error on the page', async () => {
  assert(errors.length === 0, errors.join('\n'));
});

await browser.close();
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
