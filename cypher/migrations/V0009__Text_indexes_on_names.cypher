// Text indexes on names, for the lists' `nameContains` (CONTAINS): without one, a filtered list read
// every node of its label (a province's 110,000 organizations for "社区党委"); the range indexes of
// V0001 serve equality, ranges and ordering, not CONTAINS.
CREATE TEXT INDEX area_name_text IF NOT EXISTS FOR (n:Area) ON (n.name);
CREATE TEXT INDEX party_organization_name_text IF NOT EXISTS FOR (n:PartyOrganization) ON (n.name);
CREATE TEXT INDEX unit_name_text IF NOT EXISTS FOR (n:Unit) ON (n.name);
CREATE TEXT INDEX person_name_text IF NOT EXISTS FOR (n:Person) ON (n.name);
CREATE TEXT INDEX compound_name_text IF NOT EXISTS FOR (n:Compound) ON (n.name);
CREATE TEXT INDEX grid_name_text IF NOT EXISTS FOR (n:Grid) ON (n.name);
CREATE TEXT INDEX resource_name_text IF NOT EXISTS FOR (n:Resource) ON (n.name);
CREATE TEXT INDEX project_name_text IF NOT EXISTS FOR (n:Project) ON (n.name);
CREATE TEXT INDEX mediation_organization_name_text IF NOT EXISTS FOR (n:MediationOrganization) ON (n.name);
CREATE TEXT INDEX campaign_name_text IF NOT EXISTS FOR (n:Campaign) ON (n.name);
CREATE TEXT INDEX designation_name_text IF NOT EXISTS FOR (n:Designation) ON (n.name);
CREATE TEXT INDEX rectification_name_text IF NOT EXISTS FOR (n:Rectification) ON (n.name);
