// The unit a part-time committee member sits for, on the post: the warning rule NO_COBUILDING_TIE
// asks, per organization, whether its unit is represented on a committee.
CREATE INDEX rel_holds_post_on_behalf_of IF NOT EXISTS FOR ()-[h:HOLDS_POST]-() ON (h.onBehalfOf);
