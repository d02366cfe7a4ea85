// The network page: reads only the public GraphQL API (search, network), draws with Cytoscape.js.
(function () {
  'use strict';
  if (window.cytoscapeFcose) { cytoscape.use(window.cytoscapeFcose); }

  const COLORS = {
    PartyOrganization: '#c62828', Unit: '#1565c0', Person: '#6a1b9a', Area: '#2e7d32', Compound: '#ef6c00',
    Grid: '#00838f', Resource: '#f9a825', Project: '#4e342e', MediationOrganization: '#5d4037', Campaign: '#ad1457',
    Designation: '#37474f', Rectification: '#546e7a', Activity: '#9e9e9e'
  };
  const NAMES = {
    PartyOrganization: '党组织', Unit: '单位', Person: '人员', Area: '区域', Compound: '小区/市场', Grid: '网格',
    Resource: '共建资源', Project: '更新项目', MediationOrganization: '调解组织', Campaign: '行动', Designation: '认定',
    Rectification: '整顿', Activity: '组织生活'
  };

  // Chinese names of the properties shown in the details pane; enum values by their labels (enumLabels).
  const KEYS = {
    name: '名称', kind: '类别', code: '代码', sector: '所属领域', since: '开始日期', until: '结束日期', role: '职务',
    status: '状态', onBehalfOf: '代表单位', mode: '方式', program: '共建项目', position: '职务', industry: '所属行业',
    staffCount: '职工人数', population: '人口', areaKm2: '面积（平方公里）', households: '户数', foundedOn: '成立日期',
    electedOn: '本届换届日期', gender: '性别', outOfContact: '失联', date: '日期', participants: '参加人数',
    type: '认定类型', category: '类别', reasons: '原因', note: '备注', plan: '整顿方案', progress: '进展',
    acceptedOn: '验收日期', disputesSettled: '调处纠纷数', servedPerYear: '年服务人次', startedOn: '开始日期'
  };
  // Hidden until asked for: activities outnumber everything around an organization.
  const hidden = new Set(['Activity']);
  let values = {};
  const $ = (id) => document.getElementById(id);
  const status = (text) => { const s = $('status'); s.textContent = text; s.style.display = text ? 'block' : 'none'; };

  async function graphql(query, variables) {
    const response = await fetch('../graphql', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/graphql-response+json, application/json' },
      body: JSON.stringify({ query, variables })
    });
    const body = await response.json();
    if (body.errors && body.errors.length) { throw new Error(body.errors.map((e) => e.message).join('; ')); }
    return body.data;
  }

  const RELS_SHORT = { REPORTS_TO: '隶属', MANAGED_BY: '管理', ESTABLISHED_IN: '组建于', MEMBER_OF: '党员', HOLDS_POST: '职务',
    WORKS_AT: '任职', PAIRED_WITH: '结对', LOCATED_IN: '位于', PART_OF: '属于', LEADS: '领导', HELD_BY: '组织生活',
    DESIGNATED: '认定', GRID_WORKER_FOR: '网格员', CONTRACTS: '包联', PROVIDES: '提供', SERVES: '服务', IN: '位于', COVERS: '覆盖' };
  const cy = cytoscape({
    container: $('graph'),
    style: [
      { selector: 'node', style: { 'background-color': (n) => COLORS[n.data('type')] || '#888', label: 'data(label)',
        'font-size': 10, 'text-valign': 'bottom', 'text-margin-y': 3,
        width: (n) => 14 + Math.min(26, n.degree() * 1.5), height: (n) => 14 + Math.min(26, n.degree() * 1.5) } },
      { selector: 'node.hidden', style: { display: 'none' } },
      { selector: 'node.root', style: { width: 28, height: 28, 'border-width': 3, 'border-color': '#000' } },
      { selector: 'node:selected', style: { 'border-width': 3, 'border-color': '#ffeb3b' } },
      { selector: 'edge', style: { width: 1.5, 'line-color': '#bbb', 'target-arrow-color': '#bbb',
        'target-arrow-shape': 'triangle', 'curve-style': 'bezier', label: (e) => RELS_SHORT[e.data('type')] || e.data('type'), 'font-size': 7, color: '#777' } },
      { selector: 'edge:selected', style: { 'line-color': '#ff9800', 'target-arrow-color': '#ff9800', width: 3 } }
    ],
    wheelSensitivity: 0.3
  });
  window.cy = cy; // for tests and for people who like the console

  const NETWORK = `query($ids: [ID!]!, $depth: Int, $asOf: Date) {
    network(rootIds: $ids, depth: $depth, asOf: $asOf, limit: 300) {
      truncated nodes { id type label properties } edges { id source target type properties } } }`;

  function asOf() { return $('as-of').value || null; }

  function add(network) {
    const elements = [];
    network.nodes.forEach((n) => {
      if (cy.getElementById(n.id).empty()) { elements.push({ group: 'nodes', data: n }); }
    });
    network.edges.forEach((e) => {
      if (cy.getElementById(e.id).empty()) { elements.push({ group: 'edges', data: e }); }
    });
    cy.add(elements);
    return elements.length;
  }

  function filter() {
    cy.nodes().forEach((n) => n.toggleClass('hidden', hidden.has(n.data('type')) && !n.hasClass('root')));
  }

  // fCoSE keeps a few hundred nodes apart and packs disconnected parts; "by type" puts each node
  // type on a ring of its own (organizations inside, then areas, units, people…), the root at the centre.
  const RINGS = ['PartyOrganization', 'Area', 'Unit', 'Compound', 'Grid', 'Person', 'Resource', 'Project',
    'MediationOrganization', 'Campaign', 'Designation', 'Rectification', 'Activity'];
  function layout() {
    filter();
    const visible = cy.elements(':visible');
    const options = $('layout').value === 'types'
      ? { name: 'concentric', animate: false, minNodeSpacing: 12, levelWidth: () => 1,
        concentric: (n) => (n.hasClass('root') ? 100 : RINGS.length - Math.max(0, RINGS.indexOf(n.data('type')))) }
      : { name: 'fcose', animate: false, quality: 'default', randomize: true, packComponents: true,
        nodeRepulsion: () => 9000, idealEdgeLength: () => 70, nodeSeparation: 90, numIter: 2500 };
    visible.layout(options).run();
    legend();
  }

  // The legend is the filter: one box per node type present, with its count; unticked types are hidden.
  function legend() {
    const counts = {};
    cy.nodes().forEach((n) => { counts[n.data('type')] = (counts[n.data('type')] || 0) + 1; });
    const types = Object.keys(counts).sort();
    $('legend').innerHTML = types.map((t) => `<label style="--c:${COLORS[t] || '#888'}" data-type="${t}">`
      + `<input type="checkbox" ${hidden.has(t) ? '' : 'checked'} value="${t}"> ${NAMES[t] || t}（${counts[t]}）</label>`).join('')
      + ' <button id="png" type="button">导出 PNG</button> <a id="graphml" href="#">导出 GraphML</a>';
    $('legend').querySelectorAll('input').forEach((box) => box.addEventListener('change', () => {
      if (box.checked) { hidden.delete(box.value); } else { hidden.add(box.value); }
      layout();
    }));
    $('png').onclick = () => {
      const a = document.createElement('a');
      a.href = cy.png({ full: true, scale: 2, bg: '#fff' });
      a.download = 'network.png';
      a.click();
    };
    const root = cy.getElementById(cy.root || '');
    const scoped = root.nonempty() && ['Area', 'PartyOrganization'].includes(root.data('type'));
    $('graphml').href = '../exports/graph.graphml?' + new URLSearchParams(Object.assign(
      scoped ? { scope: cy.root } : {}, asOf() ? { asOf: asOf() } : {}));
    $('graphml').title = scoped ? '该范围的全部节点与关系' : '整个图谱';
  }

  // Each drawing asked for gets a number; an answer that comes back after a newer request is dropped,
  // so a slow network never overwrites the one asked for last.
  let drawing = 0;
  async function show(rootId) {
    const mine = ++drawing;
    status('加载中…');
    try {
      const data = await graphql(NETWORK, { ids: [rootId], depth: Number($('depth').value), asOf: asOf() });
      if (mine !== drawing) { return; }
      cy.elements().remove();
      add(data.network);
      cy.getElementById(rootId).addClass('root');
      cy.root = rootId;
      layout();
      status(data.network.truncated ? '网络较大，已截断显示' : '');
    } catch (e) { if (mine === drawing) { status('出错：' + e.message); } }
  }

  async function expand(node) {
    const shown = drawing;
    status('展开中…');
    try {
      const data = await graphql(NETWORK, { ids: [node.id()], depth: 1, asOf: asOf() });
      if (shown !== drawing) { return; } // another network was drawn meanwhile
      const added = add(data.network);
      layout();
      status(added ? '' : '没有更多相邻节点');
    } catch (e) { status('出错：' + e.message); }
  }

  function shown(value) {
    if (Array.isArray(value)) { return value.map(shown).join('；'); }
    if (typeof value === 'boolean') { return value ? '是' : '否'; }
    return values[value] || String(value);
  }

  function details(element) {
    const d = element.data();
    const props = d.properties || {};
    const rows = Object.keys(props).filter((k) => k !== 'id').sort().map((k) =>
      `<dt>${escape(KEYS[k] || k)}</dt><dd data-key="${k}">${escape(shown(props[k]))}</dd>`).join('');
    const head = element.isNode()
      ? `<h2>${escape(d.label)}</h2><p>${NAMES[d.type] || d.type}</p><button id="expand">展开相邻节点</button>`
      : `<h2>${escape(values[d.type] || d.type)}</h2><p>${escape(cy.getElementById(d.source).data('label'))} → ${escape(cy.getElementById(d.target).data('label'))}</p>`;
    $('details').innerHTML = head + `<dl>${rows}</dl>`;
    if (element.isNode()) { $('expand').onclick = () => expand(element); }
    // A referenced id (the unit a part-time member represents) is shown by its name.
    if (props.onBehalfOf) {
      const known = cy.getElementById(props.onBehalfOf);
      const cell = $('details').querySelector('dd[data-key="onBehalfOf"]');
      if (known.nonempty()) { cell.textContent = known.data('label'); } else {
        graphql('query($id: ID!) { node(id: $id) { ... on Unit { name } } }', { id: props.onBehalfOf })
          .then((r) => { if (r.node && r.node.name) { cell.textContent = r.node.name; } }).catch(() => {});
      }
    }
  }

  function escape(text) {
    return String(text).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]));
  }

  cy.on('tap', 'node, edge', (event) => details(event.target));
  cy.on('dbltap', 'node', (event) => expand(event.target));

  // Enum values and relationship types in Chinese, from the schema's own descriptions.
  graphql('{ enumLabels { name values { value label } } }').then((r) => {
    r.enumLabels.forEach((e) => e.values.forEach((v) => { if (!values[v.value]) { values[v.value] = v.label; } }));
  }).catch(() => {});
  const RELS = { REPORTS_TO: '隶属', MANAGED_BY: '管理', ESTABLISHED_IN: '组建于', MEMBER_OF: '党员', HOLDS_POST: '职务',
    WORKS_AT: '任职', INSTRUCTS: '指导', PAIRED_WITH: '结对', LOCATED_IN: '位于', PART_OF: '属于', IN: '位于', HAS: '业委会',
    COVERS: '覆盖', GRID_WORKER_FOR: '网格员', CONTRACTS: '包联', PROVIDES: '提供', SERVES: '服务', HAS_BRANCH: '项目支部',
    MEDIATOR_OF: '调解员', MOBILIZED_FOR: '动员', LEADS: '领导', DESIGNATED: '认定', RECTIFIED_BY: '整顿', SUPPORTED_BY: '帮扶',
    LED_BY: '责任领导', HELD_BY: '组织生活' };
  Object.assign(values, RELS);

  // The previous results go at once (no click lands on a stale one); an older answer never replaces a newer.
  let searching = 0;
  $('search-form').addEventListener('submit', async (event) => {
    $('details').innerHTML = '<p class="hint">点击结果查看网络。</p>';
    event.preventDefault();
    const text = $('search').value.trim();
    if (!text) { return; }
    const mine = ++searching;
    $('results').innerHTML = '<p class="hint">搜索中…</p>';
    status('搜索中…');
    try {
      const data = await graphql('query($t: String!) { search(text: $t, first: 20) { node { id name __typename } } }', { t: text });
      if (mine !== searching) { return; }
      $('results').innerHTML = data.search.length ? '' : '<p class="hint">没有结果</p>';
      data.search.forEach((hit) => {
        const b = document.createElement('button');
        b.textContent = `${hit.node.name}（${NAMES[hit.node.__typename] || hit.node.__typename}）`;
        b.dataset.id = hit.node.id;
        b.onclick = () => show(hit.node.id);
        $('results').appendChild(b);
      });
      status('');
    } catch (e) { status('出错：' + e.message); }
  });

  const reload = () => { if (cy.root) { show(cy.root); } };
  $('as-of').addEventListener('change', reload);
  $('depth').addEventListener('change', reload);
  $('layout').addEventListener('change', layout);
  // Live: a committed change naming a drawn node redraws the network (the `changes` subscription
  // over WebSocket, graphql-ws from the jar), at most once every 2 seconds. Without it the page works.
  if (window.graphqlWs) {
    const url = new URL('../subscriptions', location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    let pending = null;
    window.graphqlWs.createClient({ url: url.href, lazy: false, retryAttempts: 3 }).subscribe(
      { query: 'subscription { changes { kind operation ids } }' },
      {
        next: (message) => {
          const change = message.data && message.data.changes;
          if (!change || !cy.root || !change.ids.some((id) => cy.getElementById(id).nonempty())) { return; }
          document.body.dataset.lastChange = change.operation + ' ' + change.ids.join(',');
          if (!pending) { pending = setTimeout(() => { pending = null; reload(); }, 2000); }
        },
        error: () => { document.body.dataset.live = 'off'; },
        complete: () => {},
      });
    document.body.dataset.live = 'on';
  }
  // Opened from the dashboard or a link: network.html#<node id> draws that node's network.
  const opened = () => { if (location.hash.length > 1) { show(decodeURIComponent(location.hash.slice(1))); } };
  window.addEventListener('hashchange', opened);
  opened();
})();
