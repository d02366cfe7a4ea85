CREATE INDEX rel_leads_id IF NOT EXISTS FOR ()-[r:LEADS]-() ON (r.id);
