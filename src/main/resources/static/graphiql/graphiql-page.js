// GraphiQL, served by the service: the fetcher posts to /graphql on this origin, so the browser sends
// the user's credentials with it. The tabs hold the README's first questions, with Chinese comments;
// GraphiQL keeps the user's own tabs in the browser after the first visit.
(function () {
  const tabs = [
    {
      query: `# 覆盖情况：两新组织党组织覆盖率，按大社区分组（coverage）
# scope 为空即全部；可换成某个镇、大社区或党组织的 id
query Coverage {
  coverage(groupBy: BIG_COMMUNITY, asOf: "2020-03-01") {
    total organizational work uncoveredCount shouldBuildCount
    organizationalRate { value numerator denominator }
    groups { label total organizational work uncovered shouldBuild }
    uncovered(first: 5) { totalCount nodes { shouldBuild unit { name kind } area { name } } }
  }
}
`,
    },
    {
      query: `# 检索：按中文名称查找节点（search），再看大社区党委的兼职委员及其代表单位
query SearchAndPosts {
  search(text: "城北", types: [PARTY_ORGANIZATION, AREA], first: 10) { score node { id name __typename } }
  partyOrganizations(nameContains: "大社区党委", first: 5) {
    totalCount
    nodes { name posts { role since onBehalfOf { name } person { name } } }
  }
}
`,
    },
    {
      query: `# 软弱涣散党组织：认定、整顿进度与统计（weakOrganizations, weakOrganizationStats）
query WeakOrganizations {
  weakOrganizationStats(asOf: "2020-03-01") { total { identified rectifying rectified } }
  weakOrganizations(asOf: "2020-03-01", status: RECTIFIED) {
    organization { name } status designation { since reasons category }
    rectification { status plan acceptedOn } leaders { name } supporters { name }
  }
}
`,
    },
    {
      query: `# 预警信号：图谱中计算出的风险提示，每条带规则与证据（warningSigns）
query WarningSigns {
  warningSignRules { code title titleZh severity }
  warningSigns(asOf: "2020-03-01", first: 10) {
    totalCount
    nodes { rule { titleZh } severity organization { name } evidence }
  }
}
`,
    },
  ];
  const fetcher = GraphiQL.createFetcher({ url: '/graphql' });
  const root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(
    React.createElement(GraphiQL, {
      fetcher,
      defaultTabs: tabs,
      defaultEditorToolsVisibility: false,
      isHeadersEditorEnabled: false,
    }),
  );
})();
