// A full-text index of names per label, beside nameSearch (all labels): a search among some types asks
// their own indexes for their best hits, instead of streaming every hit of nameSearch and keeping those
// of the types (on a province, "物业" among organizations read the hits of every unit and compound).
CREATE FULLTEXT INDEX nameSearchArea IF NOT EXISTS FOR (n:Area) ON EACH [n.name] OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};
CREATE FULLTEXT INDEX nameSearchPartyOrganization IF NOT EXISTS FOR (n:PartyOrganization) ON EACH [n.name] OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};
CREATE FULLTEXT INDEX nameSearchUnit IF NOT EXISTS FOR (n:Unit) ON EACH [n.name] OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};
CREATE FULLTEXT INDEX nameSearchPerson IF NOT EXISTS FOR (n:Person) ON EACH [n.name] OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};
CREATE FULLTEXT INDEX nameSearchCompound IF NOT EXISTS FOR (n:Compound) ON EACH [n.name] OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};
CREATE FULLTEXT INDEX nameSearchGrid IF NOT EXISTS FOR (n:Grid) ON EACH [n.name] OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};
CREATE FULLTEXT INDEX nameSearchResource IF NOT EXISTS FOR (n:Resource) ON EACH [n.name] OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};
CREATE FULLTEXT INDEX nameSearchProject IF NOT EXISTS FOR (n:Project) ON EACH [n.name] OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};
CREATE FULLTEXT INDEX nameSearchMediationOrganization IF NOT EXISTS FOR (n:MediationOrganization) ON EACH [n.name] OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};
CREATE FULLTEXT INDEX nameSearchCampaign IF NOT EXISTS FOR (n:Campaign) ON EACH [n.name] OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};
CREATE FULLTEXT INDEX nameSearchDesignation IF NOT EXISTS FOR (n:Designation) ON EACH [n.name] OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};
CREATE FULLTEXT INDEX nameSearchRectification IF NOT EXISTS FOR (n:Rectification) ON EACH [n.name] OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};
