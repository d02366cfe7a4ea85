// The network page: reads only the public GraphQL API (search, network), draws with Cytoscape.js.
(function () {
  'use strict';

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

  const cy = cytoscape({
    container: $('graph'),
    style: [
      { selector: 'node', style: { 'background-color': (n) => COLORS[n.data('type')] || '#888', label: 'data(label)',
        'font-size': 10, 'text-valign': 'bottom', 'text-margin-y': 3, width: 18, height: 18 } },
      { selector: 'node.root', style: { width: 28, height: 28, 'border-width': 3, 'border-color': '#000' } },
      { selector: 'node:selected', style: { 'border-width': 3, 'border-color': '#ffeb3b' } },
      { selector: 'edge', style: { width: 1.5, 'line-color': '#bbb', 'target-arrow-color': '#bbb',
        'target-arrow-shape': 'triangle', 'curve-style': 'bezier', label: 'data(type)', 'font-size': 7, color: '#777' } },
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

  function layout() {
    cy.layout({ name: 'cose', animate: false, nodeRepulsion: 8000, idealEdgeLength: 80 }).run();
    legend();
  }

  function legend() {
    const types = [...new Set(cy.nodes().map((n) => n.data('type')))].sort();
    $('legend').innerHTML = types.map((t) => `<span style="--c:${COLORS[t] || '#888'}" data-type="${t}">${NAMES[t] || t} ${t}</span>`).join('');
  }

  async function show(rootId) {
    status('加载中…');
    try {
      const data = await graphql(NETWORK, { ids: [rootId], depth: Number($('depth').value), asOf: asOf() });
      cy.elements().remove();
      add(data.network);
      cy.getElementById(rootId).addClass('root');
      layout();
      status(data.network.truncated ? '网络较大，已截断显示' : '');
      cy.root = rootId;
    } catch (e) { status('出错：' + e.message); }
  }

  async function expand(node) {
    status('展开中…');
    try {
      const data = await graphql(NETWORK, { ids: [node.id()], depth: 1, asOf: asOf() });
      const added = add(data.network);
      layout();
      status(added ? '' : '没有更多相邻节点');
    } catch (e) { status('出错：' + e.message); }
  }

  function details(element) {
    const d = element.data();
    const props = d.properties || {};
    const rows = Object.keys(props).sort().map((k) => `<dt>${k}</dt><dd>${escape(JSON.stringify(props[k]))}</dd>`).join('');
    const head = element.isNode()
      ? `<h2>${escape(d.label)}</h2><p>${NAMES[d.type] || ''} ${d.type}</p><button id="expand">展开相邻节点</button>`
      : `<h2>${d.type}</h2><p>${escape(cy.getElementById(d.source).data('label'))} → ${escape(cy.getElementById(d.target).data('label'))}</p>`;
    $('details').innerHTML = head + `<dl>${rows}</dl>`;
    if (element.isNode()) { $('expand').onclick = () => expand(element); }
  }

  function escape(text) {
    return String(text).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]));
  }

  cy.on('tap', 'node, edge', (event) => details(event.target));
  cy.on('dbltap', 'node', (event) => expand(event.target));

  $('search-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = $('search').value.trim();
    if (!text) { return; }
    status('搜索中…');
    try {
      const data = await graphql('query($t: String!) { search(text: $t, first: 20) { node { id name __typename } } }', { t: text });
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
  // Opened from the dashboard or a link: network.html#<node id> draws that node's network.
  const opened = () => { if (location.hash.length > 1) { show(decodeURIComponent(location.hash.slice(1))); } };
  window.addEventListener('hashchange', opened);
  opened();
})();
