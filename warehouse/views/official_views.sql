-- The documents against the official record (tables from `schoolpipe import-official`).
-- A grade compares by its place on the four-point scale (so Satisfactory and Requires improvement,
-- both 3, agree), any other value by its words, ignoring case.
CREATE OR REPLACE MACRO reconcile_key(value) AS CASE lower(trim(value))
    WHEN 'outstanding' THEN '1' WHEN 'good' THEN '2' WHEN 'requires improvement' THEN '3'
    WHEN 'satisfactory' THEN '3' WHEN 'inadequate' THEN '4' ELSE lower(trim(value)) END;

CREATE OR REPLACE VIEW reconciliation AS
WITH official AS (
    SELECT * FROM official_inspections
    QUALIFY row_number() OVER (PARTITION BY urn, inspection_start
                               ORDER BY (source_kind = 'ofsted_latest') DESC, source_row) = 1
),
documented AS (
    SELECT i.*, CASE WHEN i.special_measures THEN 'special_measures' WHEN i.serious_weaknesses THEN 'serious_weaknesses'
                     WHEN i.notice_to_improve THEN 'notice_to_improve' ELSE 'none' END AS category
    FROM inspections i
    WHERE i.remit = 'school' AND i.urn IS NOT NULL AND i.inspection_start IS NOT NULL
),
pairs AS (
    SELECT coalesce(d.urn, o.urn) AS urn, coalesce(d.inspection_start, o.inspection_start) AS inspection_start,
           d.inspection_id, d.document_id, o.source_kind, o.inspection_number,
           d.urn IS NOT NULL AS in_documents, o.urn IS NOT NULL AS in_official,
           d.inspection_end AS d_end, o.inspection_end AS o_end,
           d.overall_effectiveness AS d_overall, o.overall_effectiveness AS o_overall,
           d.category AS d_category, o.category_of_concern AS o_category,
           d.safeguarding AS d_safeguarding, o.safeguarding AS o_safeguarding
    FROM documented d FULL OUTER JOIN official o ON d.urn = o.urn AND d.inspection_start = o.inspection_start
    WHERE coalesce(d.urn, o.urn) IN (SELECT urn FROM documented INTERSECT SELECT urn FROM official)
),
matched AS (SELECT * FROM pairs WHERE in_documents AND in_official),
carried AS (  -- what each kind of official file gives at all: a field it never fills is not compared
    SELECT source_kind, bool_or(inspection_end IS NOT NULL) AS inspection_end,
           bool_or(overall_effectiveness IS NOT NULL) AS overall_effectiveness,
           bool_or(category_of_concern IS NOT NULL) AS category_of_concern, bool_or(safeguarding IS NOT NULL) AS safeguarding
    FROM official_inspections GROUP BY source_kind
),
document_areas AS (
    SELECT m.inspection_id, j.area_key, min(j.grade) AS grade
    FROM matched m JOIN judgements j ON j.inspection_id = m.inspection_id
    WHERE j.area_key <> 'overall_effectiveness'  -- only areas the official file grades at all
      AND j.area_key IN (SELECT area_key FROM official_judgements oj WHERE oj.source_kind = m.source_kind)
    GROUP BY ALL
),
official_areas AS (
    SELECT m.inspection_id, oj.area_key, min(oj.grade) AS grade
    FROM matched m JOIN official_judgements oj
      ON oj.urn = m.urn AND oj.inspection_start = m.inspection_start AND oj.source_kind = m.source_kind
    WHERE oj.area_key <> 'overall_effectiveness' GROUP BY ALL
),
areas AS (
    SELECT coalesce(da.inspection_id, oa.inspection_id) AS inspection_id, coalesce(da.area_key, oa.area_key) AS field,
           da.grade AS document_value, oa.grade AS official_value
    FROM document_areas da FULL OUTER JOIN official_areas oa
      ON da.inspection_id = oa.inspection_id AND da.area_key = oa.area_key
),
compared AS (
    SELECT urn, inspection_start, 'inspection' AS field,
           CASE WHEN in_documents THEN strftime(inspection_start, '%Y-%m-%d') END AS document_value,
           CASE WHEN in_official THEN strftime(inspection_start, '%Y-%m-%d') END AS official_value,
           document_id, inspection_id, source_kind, inspection_number
    FROM pairs
    UNION ALL
    SELECT urn, inspection_start, 'inspection_end', strftime(d_end, '%Y-%m-%d'), strftime(o_end, '%Y-%m-%d'),
           document_id, inspection_id, source_kind, inspection_number
    FROM matched JOIN carried c USING (source_kind) WHERE c.inspection_end
    UNION ALL
    SELECT urn, inspection_start, 'overall_effectiveness', d_overall, o_overall,
           document_id, inspection_id, source_kind, inspection_number
    FROM matched JOIN carried c USING (source_kind) WHERE c.overall_effectiveness
    UNION ALL
    SELECT urn, inspection_start, 'category_of_concern', d_category, o_category,
           document_id, inspection_id, source_kind, inspection_number
    FROM matched JOIN carried c USING (source_kind) WHERE c.category_of_concern
    UNION ALL
    SELECT urn, inspection_start, 'safeguarding', d_safeguarding, o_safeguarding,
           document_id, inspection_id, source_kind, inspection_number
    FROM matched JOIN carried c USING (source_kind) WHERE c.safeguarding
    UNION ALL
    SELECT m.urn, m.inspection_start, a.field, a.document_value, a.official_value,
           m.document_id, m.inspection_id, m.source_kind, m.inspection_number
    FROM areas a JOIN matched m USING (inspection_id)
)
SELECT urn, inspection_start, field,
       CASE WHEN document_value IS NULL THEN 'only_official'
            WHEN official_value IS NULL THEN 'only_documents'
            WHEN reconcile_key(document_value) = reconcile_key(official_value) THEN 'agree'
            ELSE 'disagree' END AS outcome,
       document_value, official_value, document_id, inspection_id, source_kind, inspection_number
FROM compared
WHERE document_value IS NOT NULL OR official_value IS NOT NULL;
COMMENT ON VIEW reconciliation IS 'What the documents say against Ofsted''s management information, field by field, for every school both know (matched on URN at the time of inspection and the first day of the inspection). Field inspection says whether the inspection itself is in both; the other fields are compared for inspections in both, each only when the official file gives that field at all. `schoolpipe reconcile` counts the outcomes per field.';
COMMENT ON COLUMN reconciliation.urn IS 'The school''s URN at the time of the inspection.';
COMMENT ON COLUMN reconciliation.inspection_start IS 'First day of the inspection: with urn, the key of the match.';
COMMENT ON COLUMN reconciliation.field IS 'What is compared: inspection, inspection_end, overall_effectiveness, category_of_concern, safeguarding, or a graded area''s key (judgements.area_key), for the areas the official file grades at all.';
COMMENT ON COLUMN reconciliation.outcome IS 'agree, disagree, only_documents (the official record has no value) or only_official (the documents have none). Grades agree by their place on the scale, other values by their words, ignoring case.';
COMMENT ON COLUMN reconciliation.document_value IS 'The value the documents give, as stored (dates as YYYY-MM-DD); NULL when they give none.';
COMMENT ON COLUMN reconciliation.official_value IS 'The value in the official record, as imported; NULL when it has none.';
COMMENT ON COLUMN reconciliation.document_id IS 'The document the value was read from; NULL for an inspection only in the official record.';
COMMENT ON COLUMN reconciliation.inspection_id IS 'The document''s inspection (inspections.inspection_id); NULL for an inspection only in the official record.';
COMMENT ON COLUMN reconciliation.source_kind IS 'The official file the record came from: ofsted_latest or ofsted_history (an inspection in both is taken from the latest file); NULL for an inspection only in the documents.';
COMMENT ON COLUMN reconciliation.inspection_number IS 'Ofsted''s inspection number, from the official record.';

CREATE OR REPLACE VIEW school_details AS
SELECT l.urn,
       coalesce(l.school_name, g.school_name) AS school_name,
       coalesce(l.school_type, g.phase) AS phase,
       coalesce(l.school_category, g.type_of_establishment) AS school_type,
       coalesce(l.local_authority, g.local_authority) AS local_authority,
       g.trust_name AS trust,
       coalesce(l.postcode, g.postcode) AS postcode,
       g.establishment_status,
       l.inspection_start AS latest_inspection_start,
       l.overall_effectiveness AS latest_overall_effectiveness,
       list_filter([CASE WHEN l.school_name IS NULL AND g.school_name IS NOT NULL THEN 'school_name' END,
                    CASE WHEN l.school_type IS NULL AND g.phase IS NOT NULL THEN 'phase' END,
                    CASE WHEN l.school_category IS NULL AND g.type_of_establishment IS NOT NULL THEN 'school_type' END,
                    CASE WHEN l.local_authority IS NULL AND g.local_authority IS NOT NULL THEN 'local_authority' END,
                    CASE WHEN g.trust_name IS NOT NULL THEN 'trust' END,
                    CASE WHEN l.postcode IS NULL AND g.postcode IS NOT NULL THEN 'postcode' END],
                   x -> x IS NOT NULL) AS from_gias,
       l.document_id
FROM latest_inspections l LEFT JOIN official_schools g ON g.urn = l.urn;
COMMENT ON VIEW school_details IS 'One row per school (latest_inspections): its details as its latest document prints them, each filled from GIAS (official_schools) where the document lacks it; from_gias names the columns so filled.';
COMMENT ON COLUMN school_details.urn IS 'The school''s URN as printed; NULL when not printed (the row then stands for its document alone).';
COMMENT ON COLUMN school_details.school_name IS 'The name as printed, else GIAS''s EstablishmentName.';
COMMENT ON COLUMN school_details.phase IS 'The type of school as printed (e.g. Primary), else GIAS''s phase of education.';
COMMENT ON COLUMN school_details.school_type IS 'The school category as printed (e.g. Academy converter), else GIAS''s type of establishment.';
COMMENT ON COLUMN school_details.local_authority IS 'The local authority as printed, else GIAS''s.';
COMMENT ON COLUMN school_details.trust IS 'The trust the school is in, from GIAS (documents do not give it as a field); NULL when in none or not imported.';
COMMENT ON COLUMN school_details.postcode IS 'The postcode as printed, else GIAS''s.';
COMMENT ON COLUMN school_details.establishment_status IS 'GIAS status: Open, Closed, Open but proposed to close; NULL when GIAS is not imported or lacks the URN.';
COMMENT ON COLUMN school_details.latest_inspection_start IS 'First day of the school''s latest inspection in the documents.';
COMMENT ON COLUMN school_details.latest_overall_effectiveness IS 'Overall grade at that inspection, from the document; NULL when none is stated.';
COMMENT ON COLUMN school_details.from_gias IS 'The columns of this row filled from GIAS, e.g. [trust, phase]; empty when the document gave everything.';
COMMENT ON COLUMN school_details.document_id IS 'The document of the latest inspection; joins documents.document_id.';
