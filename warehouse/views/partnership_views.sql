-- One row per partnership, however many documents mention it (derived, so always consistent).
CREATE OR REPLACE VIEW partnerships AS
SELECT m.partnership_id,
       arg_max(m.name, length(m.name)) AS name,
       arg_max(m.partnership_type, length(m.name)) AS partnership_type,
       bool_or(m.named) AS named,
       count(DISTINCT m.document_id) AS documents,
       count(*) AS mentions,
       (SELECT count(DISTINCT lower(p.school_name)) FROM partnership_members p
         WHERE p.partnership_id = m.partnership_id) AS member_schools
FROM partnership_mentions m
GROUP BY m.partnership_id;

-- School - partnership edges, each with where it was read.
CREATE OR REPLACE VIEW partnership_network AS
SELECT p.school_name, p.urn, p.postcode, p.partnership_id, p.partnership_name, p.role,
       coalesce(k.partnership_type, CASE WHEN p.partnership_key LIKE '~%' THEN substr(p.partnership_key, 2) END)
           AS partnership_type,
       d.uri, p.page, p.evidence, p.rule_id
FROM partnership_members p
JOIN documents d USING (document_id)
LEFT JOIN partnerships k USING (partnership_id);

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
