// Records of organizational life (meetings, Party classes), read by the warning sign on activity.
CREATE CONSTRAINT activity_id IF NOT EXISTS FOR (n:Activity) REQUIRE n.id IS UNIQUE;
CREATE INDEX activity_date IF NOT EXISTS FOR (n:Activity) ON (n.date);
CREATE INDEX activity_name IF NOT EXISTS FOR (n:Activity) ON (n.name);
CREATE INDEX rel_held_by_id IF NOT EXISTS FOR ()-[r:HELD_BY]-() ON (r.id);
