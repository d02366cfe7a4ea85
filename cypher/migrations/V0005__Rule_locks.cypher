// One node per rule that spans more than the nodes a write touches (no cycle in a hierarchy of ties):
// writers checking the rule lock it first and take turns. The constraint makes MERGE of it race-free.
CREATE CONSTRAINT rule_lock_name IF NOT EXISTS FOR (n:RuleLock) REQUIRE n.name IS UNIQUE;
