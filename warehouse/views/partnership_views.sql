-- One row per partnership, however many documents mention it (derived, so always consistent).
CREATE OR REPLACE VIEW partnerships AS
SELECT m.partnership_id,
       arg_max(m.name, length(m.name)) AS name,
       arg_max(m.partnership_type, length(m.name)) AS partnership_type,
       bool_or(m.named) AS named,
       count(DISTINCT m.document_id) AS documents,
       count(*) AS mentions,
       (SELECT count(DISTINCT lower(p.school_name)) FROM partnership_members p
         WHERE p.partnership_id = m.partnership_id) AS member_schools,
       string_agg(DISTINCT m.mention_text, '; ' ORDER BY m.mention_text) AS printed_as,
       any_value(g.group_uid) AS official_group_uid,
       any_value(g.group_id) AS official_group_id,
       any_value(g.name) AS official_name
FROM partnership_mentions m
LEFT JOIN partnership_ids i ON i.partnership_key = m.partnership_key
LEFT JOIN official_groups g ON g.group_uid = i.official_group_uid
GROUP BY m.partnership_id;
COMMENT ON VIEW partnerships IS 'One row per partnership, however many documents mention it, derived from partnership_mentions and partnership_members: a named partnership has one partnership_id across documents and printed forms (partnership_ids), with its group in an imported register; an unnamed one is its document''s own.';
COMMENT ON COLUMN partnerships.partnership_id IS 'The partnership''s id (p- named, u- unnamed); joins partnership_mentions, partnership_members and collaboration_activities.';
COMMENT ON COLUMN partnerships.name IS 'The longest name any of its mentions gives it (partnership_mentions.name); for an unnamed partnership the phrase used.';
COMMENT ON COLUMN partnerships.partnership_type IS 'The kind of partnership given with that longest name, e.g. multi_academy_trust, federation, teaching_school_alliance, cluster (partnership_mentions.partnership_type).';
COMMENT ON COLUMN partnerships.named IS 'TRUE when any of its mentions is a named partnership; FALSE for an unnamed, typed one.';
COMMENT ON COLUMN partnerships.documents IS 'Number of documents that mention it.';
COMMENT ON COLUMN partnerships.mentions IS 'Number of its rows in partnership_mentions, across all documents.';
COMMENT ON COLUMN partnerships.printed_as IS 'Every form the documents print it in (partnership_mentions.mention_text: the name, short forms, acronyms, former names), distinct, separated by "; ".';
COMMENT ON COLUMN partnerships.official_group_uid IS 'Its group in an imported register (official_groups.group_uid) when the register holds one of its names; NULL otherwise or with no register imported.';
COMMENT ON COLUMN partnerships.official_group_id IS 'That group''s public id (e.g. TR00002 for a trust; official_groups.group_id).';
COMMENT ON COLUMN partnerships.official_name IS 'That group''s name as the register prints it (official_groups.name).';
COMMENT ON COLUMN partnerships.member_schools IS 'Number of distinct member school names (compared in lower case) in partnership_members for it; 0 when no document lists its members.';

-- School - partnership edges, each with where it was read.
CREATE OR REPLACE VIEW partnership_network AS
SELECT p.school_name, p.urn, p.postcode, p.partnership_id, p.partnership_name, p.role,
       coalesce(k.partnership_type, CASE WHEN p.partnership_key LIKE '~%' THEN substr(p.partnership_key, 2) END)
           AS partnership_type,
       d.uri, p.page, p.evidence, p.rule_id
FROM partnership_members p
JOIN documents d USING (document_id)
LEFT JOIN partnerships k USING (partnership_id);
COMMENT ON VIEW partnership_network IS 'One row per school and partnership edge from partnership_members, each with its partnership''s type and where it was read (document, page, evidence, rule).';
COMMENT ON COLUMN partnership_network.school_name IS 'The member school''s name as printed (partnership_members.school_name).';
COMMENT ON COLUMN partnership_network.urn IS 'The school''s Unique Reference Number, known only for the school a report is about (role this_school); NULL otherwise.';
COMMENT ON COLUMN partnership_network.postcode IS 'The school''s postcode in upper case with one space, where the document gives it (partnership_members.postcode); NULL otherwise.';
COMMENT ON COLUMN partnership_network.partnership_id IS 'The partnership''s id (p- named, u- unnamed); joins the partnerships view and partnership_mentions.';
COMMENT ON COLUMN partnership_network.partnership_name IS 'The partnership''s name as the document gives it (partnership_members.partnership_name).';
COMMENT ON COLUMN partnership_network.role IS 'The school''s part: lead, member or this_school (the school the inspection report is about).';
COMMENT ON COLUMN partnership_network.partnership_type IS 'The kind of partnership, from the partnerships view, else the type in an unnamed partnership''s key (~federation gives federation); NULL when neither gives one.';
COMMENT ON COLUMN partnership_network.uri IS 'The URL or local path of the document that says so (documents.uri).';
COMMENT ON COLUMN partnership_network.page IS 'Page (1-based) on which the membership is stated (partnership_members.page).';
COMMENT ON COLUMN partnership_network.evidence IS 'The text the membership was read from, whitespace collapsed (partnership_members.evidence).';
COMMENT ON COLUMN partnership_network.rule_id IS 'Id of the pattern in extractors/membership.patterns.jsonl that read it (partnership_members.rule_id).';

-- Each school with its partnerships and its latest judgements.
CREATE OR REPLACE VIEW school_partnerships AS
WITH schools AS (
    SELECT coalesce(urn, lower(school_name)) AS school_key, any_value(urn) AS urn,
           arg_max(school_name, length(school_name)) AS school_name,
           string_agg(DISTINCT partnership_name, '; ' ORDER BY partnership_name) AS partnerships
    FROM partnership_members GROUP BY 1
), latest AS (
    SELECT coalesce(urn, lower(school_name)) AS school_key, inspection_id, inspection_start,
           framework, overall_effectiveness
    FROM latest_inspections
)
SELECT s.urn, s.school_name, s.partnerships, l.inspection_start AS latest_inspection, l.framework,
       l.overall_effectiveness,
       (SELECT string_agg(j.area || ': ' || j.grade, '; ' ORDER BY j.judgement_id)
          FROM judgements j WHERE j.inspection_id = l.inspection_id) AS latest_judgements
FROM schools s
LEFT JOIN latest l ON l.school_key = s.school_key
   OR (s.urn IS NULL AND l.school_key = lower(s.school_name));
COMMENT ON VIEW school_partnerships IS 'One row per school in partnership_members (by URN, else by lower-cased name), with its partnerships and its latest school-remit inspection from latest_inspections; a school without a URN is matched to inspections without one by name.';
COMMENT ON COLUMN school_partnerships.urn IS 'The school''s Unique Reference Number; NULL when no document gives it (only reports give URNs for their own school).';
COMMENT ON COLUMN school_partnerships.school_name IS 'The longest form of the school''s name among its partnership_members rows.';
COMMENT ON COLUMN school_partnerships.partnerships IS 'The names of its partnerships (partnership_members.partnership_name), distinct, in alphabetical order, separated by "; ".';
COMMENT ON COLUMN school_partnerships.latest_inspection IS 'First day of its latest inspection (latest_inspections.inspection_start); NULL when no inspection of it is loaded or the inspection is undated.';
COMMENT ON COLUMN school_partnerships.framework IS 'Framework of that latest inspection: pre2005, 2005, 2009, 2012, 2015, 2019, 2024, 2025; NULL when none is loaded.';
COMMENT ON COLUMN school_partnerships.overall_effectiveness IS 'Overall grade at that latest inspection, e.g. Good; NULL when none is stated (monitoring letters, the 2024 and 2025 frameworks) or no inspection is loaded.';
COMMENT ON COLUMN school_partnerships.latest_judgements IS 'The latest inspection''s judgements as "area: grade" pairs separated by "; ", in judgement_id order (compared as text); NULL when it has none.';
