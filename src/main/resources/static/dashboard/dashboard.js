// 党建工作看板: every figure from the service's GraphQL API (same origin, the browser's sign-in),
// charts drawn by Apache ECharts from the jar; enum values shown by their Chinese labels (enumLabels).
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const panel = (id) => document.querySelector('#' + id);
  const status = (text, error) => { $('status').textContent = text; $('status').className = error ? 'error' : ''; };
  const charts = {};
  let labels = {};

  async function graphql(query, variables) {
    const response = await fetch('../graphql', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/graphql-response+json, application/json' },
      credentials: 'same-origin',
      body: JSON.stringify({ query, variables }),
    });
    const body = await response.json();
    if (body.errors && body.errors.length) { throw new Error(body.errors.map((e) => e.message).join('; ')); }
    return body.data;
  }

  const label = (type, value) => (labels[type] && labels[type][value]) || value;
  const pct = (rate) => (rate && rate.percent) || '—';
  const esc = (text) => String(text == null ? '' : text).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]));
  const networkLink = (node) => node && node.id
    ? '<a href="../network/index.html#' + encodeURIComponent(node.id) + '">' + esc(node.name) + '</a>' : esc(node && node.name);

  function figures(section, items) {
    panel(section).querySelector('.figures').innerHTML = items
      .map(([value, text]) => '<div class="figure"><b>' + esc(value) + '</b><span>' + esc(text) + '</span></div>').join('');
  }

  function table(element, head, rows) {
    element.innerHTML = '<thead><tr>' + head.map((h) => '<th>' + esc(h) + '</th>').join('') + '</tr></thead><tbody>'
      + rows.map((r) => '<tr>' + r.map((c) => '<td>' + c + '</td>').join('') + '</tr>').join('') + '</tbody>';
  }

  function bars(section, names, series, percent) {
    const element = panel(section).querySelector('.chart');
    charts[section] = charts[section] || echarts.init(element, null, { renderer: 'svg' });
    charts[section].setOption({
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 12, top: 30, bottom: 60 },
      xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: names.length > 5 ? 30 : 0 } },
      yAxis: percent ? { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } } : { type: 'value' },
      series: series.map((s) => ({ type: 'bar', name: s.name, data: s.data, label: { show: names.length <= 8, position: 'top', formatter: percent ? '{c}%' : '{c}' } })),
    }, true);
  }

  const scope = () => $('scope').value || null;
  const asOf = () => $('as-of').value || null;

  function links() {
    document.querySelectorAll('a.xlsx').forEach((a) => {
      const params = new URLSearchParams();
      if (scope()) params.set('scope', scope());
      if (asOf()) params.set('asOf', asOf());
      if (a.dataset.group) params.set('groupBy', a.dataset.group);
      a.href = '../exports/reports/' + a.dataset.form + '.xlsx?' + params;
    });
  }

  async function coverage() {
    const q = `query($s: ID, $a: Date, $g: CoverageGrouping) { coverage(scope: $s, asOf: $a, groupBy: $g) {
      total organizational work uncoveredCount shouldBuildCount organizationalRate { value percent } totalRate { percent }
      groups { label total organizational organizationalRate { value percent } totalRate { value } }
      uncovered(first: 20) { nodes { shouldBuild formalMembers unit { id name kind } area { name } managingOrganization { id name } } } } }`;
    const [byBig, byIndustry] = await Promise.all([
      graphql(q, { s: scope(), a: asOf(), g: 'BIG_COMMUNITY' }),
      graphql(q, { s: scope(), a: asOf(), g: 'INDUSTRY_COMMITTEE' }),
    ]);
    const c = byBig.coverage;
    figures('coverage', [[pct(c.organizationalRate), '组织覆盖率'], [pct(c.totalRate), '总覆盖率'], [c.total, '两新组织数'],
      [c.organizational, '已建党组织'], [c.shouldBuildCount, '应建未建'], [c.groups.length, '大社区']]);
    const pctOf = (r) => (r && r.value != null ? Math.round(r.value * 1000) / 10 : 0);
    bars('coverage', c.groups.map((g) => g.label), [
      { name: '组织覆盖率', data: c.groups.map((g) => pctOf(g.organizationalRate)) },
      { name: '总覆盖率', data: c.groups.map((g) => pctOf(g.totalRate)) }], true);
    table(panel('coverage').querySelector('table'), ['大社区', '单位数', '已建', '组织覆盖率'],
      c.groups.map((g) => [esc(g.label), g.total, g.organizational, pct(g.organizationalRate)]));
    const i = byIndustry.coverage;
    bars('industry', i.groups.map((g) => g.label), [{ name: '组织覆盖率', data: i.groups.map((g) => pctOf(g.organizationalRate)) }], true);
    table(panel('should-build').querySelector('table'), ['单位', '类别', '正式党员', '所在区域', '管理党组织'],
      c.uncovered.nodes.filter((u) => u.shouldBuild).map((u) => [esc(u.unit.name), esc(label('UnitKind', u.unit.kind)),
        u.formalMembers, esc(u.area && u.area.name), networkLink(u.managingOrganization)]));
  }

  async function places() {
    const d = await graphql(`query($s: ID, $a: Date) {
      compoundCoverage(scope: $s, asOf: $a) { total byPropertyCompany byOwnersCommittee byGrid byNone }
      gridCoverage(scope: $s, asOf: $a) { total withoutWorkers communitiesWithoutGrids { id } } }`, { s: scope(), a: asOf() });
    const c = d.compoundCoverage;
    const g = d.gridCoverage;
    figures('places', [[c.total, '小区'], [c.byPropertyCompany, '物业党组织覆盖'], [c.byOwnersCommittee, '业委会党员覆盖'],
      [c.byNone, '均未覆盖'], [g.total, '网格'], [g.withoutWorkers, '无网格员的网格'], [g.communitiesWithoutGrids.length, '无网格的社区']]);
  }

  async function weak() {
    const d = await graphql(`query($s: ID, $a: Date) {
      weakOrganizationStats(scope: $s, asOf: $a) { categories { category designated identified rectifying rectified demonstrationSites } }
      weakOrganizations(scope: $s, asOf: $a) { status organization { id name } designation { category since }
        rectification { progress } } }`, { s: scope(), a: asOf() });
    const cats = d.weakOrganizationStats.categories.filter((c) => c.designated > 0 || c.demonstrationSites > 0);
    const names = cats.map((c) => label('DesignationCategory', c.category));
    bars('weak', names, [
      { name: '已认定', data: cats.map((c) => c.identified) },
      { name: '整顿中', data: cats.map((c) => c.rectifying) },
      { name: '已整顿', data: cats.map((c) => c.rectified) },
      { name: '示范点', data: cats.map((c) => c.demonstrationSites) }], false);
    const open = d.weakOrganizations.filter((w) => w.status === 'IDENTIFIED' || w.status === 'RECTIFYING');
    table(panel('weak').querySelector('table'), ['党组织', '类别', '状态', '最近进展'],
      open.slice(0, 15).map((w) => [networkLink(w.organization), esc(label('DesignationCategory', w.designation.category)),
        esc(label('RectificationStatus', w.status)), esc((w.rectification && w.rectification.progress || []).slice(-1)[0] || '')]));
  }

  async function warnings() {
    const d = await graphql(`query($s: ID, $a: Date) { warningSigns(scope: $s, asOf: $a, first: 500) {
      totalCount nodes { severity organization { id name } rule { code titleZh } } } }`, { s: scope(), a: asOf() });
    const w = d.warningSigns;
    const byRule = {};
    const byOrg = {};
    w.nodes.forEach((n) => {
      byRule[n.rule.titleZh] = (byRule[n.rule.titleZh] || 0) + 1;
      const key = n.organization.id;
      byOrg[key] = byOrg[key] || { org: n.organization, count: 0, rules: [] };
      byOrg[key].count += 1;
      byOrg[key].rules.push(n.rule.titleZh.replace(/^预警：/, ''));
    });
    figures('warnings', [[w.totalCount, '预警信号'], [Object.keys(byOrg).length + (w.totalCount > w.nodes.length ? '+' : ''), '涉及党组织']]);
    table(panel('warnings').querySelector('table.rules'), ['规则', '条数'],
      Object.entries(byRule).sort((a, b) => b[1] - a[1]).map(([rule, n]) => [esc(rule), n]));
    table(panel('warnings').querySelector('table.top'), ['党组织（预警最多）', '条数', '规则'],
      Object.values(byOrg).sort((a, b) => b.count - a.count).slice(0, 10)
        .map((o) => [networkLink(o.org), o.count, esc(o.rules.join('、'))]));
  }

  // Co-building (双联双帮双带 pairings, part-time committee members, shared resources, joint
  // branches) and mediation, from the statistics of the scope.
  async function community() {
    const d = await graphql(`query($s: ID, $a: Date) { statistics(scope: $s, asOf: $a) {
      nodes { type count } ties { relType fromType toType detail count starts }
      measures { disputesSettled servedPerYear } } }`, { s: scope(), a: asOf() });
    const st = d.statistics;
    const nodes = (type) => st.nodes.filter((n) => n.type === type).reduce((a, n) => a + n.count, 0);
    const ties = (rel, detail) => st.ties.filter((t) => t.relType === rel && (detail === undefined || t.detail === detail))
      .reduce((a, t) => a + t.count, 0);
    figures('community', [[ties('PAIRED_WITH'), '结对共建（双联双帮双带）'], [ties('HOLDS_POST', 'PART_TIME_MEMBER'), '兼职委员'],
      [ties('PROVIDES'), '共建资源'], [ties('CONTRACTS'), '包点包网'], [nodes('MEDIATION_ORGANIZATION'), '调解组织'],
      [ties('MEDIATOR_OF'), '调解员'], [st.measures.disputesSettled, '调处纠纷'], [st.measures.servedPerYear, '资源年服务人次']]);
  }

  async function refresh() {
    links();
    status('加载中…');
    const results = await Promise.allSettled([coverage(), places(), weak(), warnings(), community()]);
    const failed = results.filter((r) => r.status === 'rejected');
    if (failed.length) { status('部分面板加载失败：' + failed.map((f) => f.reason.message).join('; '), true); }
    else { status('已更新 ' + new Date().toLocaleTimeString('zh-CN')); document.body.dataset.loaded = 'true'; }
  }

  async function start() {
    try {
      const d = await graphql(`{ enumLabels(names: ["UnitKind", "DesignationCategory", "RectificationStatus"]) { name values { value label } }
        areas(kinds: [CITY, TOWN, BIG_COMMUNITY], first: 500, orderBy: ID_ASC) { nodes { id name kind } } }`);
      d.enumLabels.forEach((e) => { labels[e.name] = Object.fromEntries(e.values.map((v) => [v.value, v.label])); });
      const kinds = { CITY: '市', TOWN: '镇', BIG_COMMUNITY: '大社区' };
      d.areas.nodes.forEach((a) => {
        const option = document.createElement('option');
        option.value = a.id;
        option.textContent = a.name + '（' + kinds[a.kind] + '）';
        $('scope').appendChild(option);
      });
      const params = new URLSearchParams(location.search);
      if (params.get('scope')) $('scope').value = params.get('scope');
      if (params.get('asOf')) $('as-of').value = params.get('asOf');
    } catch (e) { status('无法连接服务：' + e.message, true); return; }
    $('refresh').addEventListener('click', refresh);
    $('scope').addEventListener('change', refresh);
    $('as-of').addEventListener('change', refresh);
    window.addEventListener('resize', () => Object.values(charts).forEach((c) => c.resize()));
    refresh();
    live();
  }

  // Live: the committed changes inside the chosen scope (the `changes` subscription over WebSocket,
  // graphql-ws from the jar) redraw the panels, at most once every 2 seconds. Without it the page
  // still works; the status line says so.
  let pending = null;
  let liveSubscription = null;
  function live() {
    if (!window.graphqlWs) { return; }
    const url = new URL('../subscriptions', location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const client = window.graphqlWs.createClient({ url: url.href, lazy: false, retryAttempts: 3 });
    const subscribe = () => {
      if (liveSubscription) { liveSubscription(); }
      liveSubscription = client.subscribe(
        { query: 'subscription($s: ID) { changes(scope: $s) { kind operation ids user at } }', variables: { s: scope() } },
        {
          next: (message) => {
            const change = message.data && message.data.changes;
            if (!change) { return; }
            document.body.dataset.lastChange = change.operation + ' ' + change.ids.join(',');
            if (!pending) { pending = setTimeout(() => { pending = null; refresh(); }, 2000); }
          },
          error: () => { document.body.dataset.live = 'off'; },
          complete: () => {},
        });
      document.body.dataset.live = 'on';
    };
    subscribe();
    $('scope').addEventListener('change', subscribe);
  }

  start();
}());
