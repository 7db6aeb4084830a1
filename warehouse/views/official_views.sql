-- Every official release imported, as the earlier one-row-per-kind table was named.
CREATE OR REPLACE VIEW official_imports AS
SELECT source_kind, title, file_name, sha256, rows_imported, rows_skipped, imported_at, release_id, release_date
FROM official_releases;
COMMENT ON VIEW official_imports IS 'The official files imported, one row per release (official_releases, kept under its earlier name).';
COMMENT ON COLUMN official_imports.source_kind IS 'The kind of file (official_releases.source_kind).';
COMMENT ON COLUMN official_imports.title IS 'The kind of file in words.';
COMMENT ON COLUMN official_imports.file_name IS 'The file''s name as given to import-official.';
COMMENT ON COLUMN official_imports.sha256 IS 'SHA-256 of the file''s bytes.';
COMMENT ON COLUMN official_imports.rows_imported IS 'Rows stored from the file.';
COMMENT ON COLUMN official_imports.rows_skipped IS 'Rows of the file that gave nothing.';
COMMENT ON COLUMN official_imports.imported_at IS 'When the import ran, in local time.';
COMMENT ON COLUMN official_imports.release_id IS 'The release (official_releases.release_id).';
COMMENT ON COLUMN official_imports.release_date IS 'The date the release is as at; NULL when unknown.';

-- Every URN anyone knows, with the school it belongs to: URNs joined by GIAS links or by an
-- official inspection under an earlier URN are one school (school_chains).
CREATE OR REPLACE VIEW school_urns AS
WITH known AS (
    SELECT urn FROM official_schools
    UNION SELECT urn FROM official_inspections
    UNION SELECT current_urn FROM official_inspections WHERE current_urn IS NOT NULL
    UNION SELECT urn FROM inspections WHERE urn IS NOT NULL AND remit IN ('school', 'independent_school')
    UNION SELECT urn FROM school_resolutions
    UNION SELECT urn FROM school_chains
)
SELECT k.urn, coalesce(c.chain_id, k.urn) AS school_id, coalesce(c.current_urn, k.urn) AS current_urn
FROM known k LEFT JOIN school_chains c USING (urn);
COMMENT ON VIEW school_urns IS 'Every URN in the documents or the official data, with the school it belongs to across conversions, mergers and amalgamations (school_chains); a URN without links is a school of its own.';
COMMENT ON COLUMN school_urns.urn IS 'A URN.';
COMMENT ON COLUMN school_urns.school_id IS 'The school: the smallest URN of its chain (school_chains.chain_id), else the URN itself.';
COMMENT ON COLUMN school_urns.current_urn IS 'The school''s URN today (school_chains.current_urn), else the URN itself.';

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
    WHERE i.remit IN ('school', 'independent_school') AND i.urn IS NOT NULL AND i.inspection_start IS NOT NULL
),
matches AS (  -- a document dated a day off the official record, or inside its days, is that inspection
    SELECT d.inspection_id, o.inspection_start AS official_start
    FROM documented d JOIN official o ON o.urn = d.urn
     AND d.inspection_start BETWEEN o.inspection_start - 1 AND greatest(o.inspection_end, o.inspection_start + 1)
    QUALIFY row_number() OVER (PARTITION BY d.inspection_id
                               ORDER BY abs(date_diff('day', o.inspection_start, d.inspection_start)), o.inspection_start) = 1
),
pairs AS (
    SELECT coalesce(d.urn, o.urn) AS urn, coalesce(d.inspection_start, o.inspection_start) AS inspection_start,
           d.inspection_id, d.document_id, o.source_kind, o.inspection_number,
           d.urn IS NOT NULL AS in_documents, o.urn IS NOT NULL AS in_official,
           d.inspection_start AS d_start, o.inspection_start AS o_start,
           d.inspection_end AS d_end, o.inspection_end AS o_end,
           d.overall_effectiveness AS d_overall, o.overall_effectiveness AS o_overall,
           d.category AS d_category, o.category_of_concern AS o_category,
           d.safeguarding AS d_safeguarding, o.safeguarding AS o_safeguarding
    FROM (SELECT * FROM documented LEFT JOIN matches USING (inspection_id)) d
    FULL OUTER JOIN official o ON d.urn = o.urn AND d.official_start = o.inspection_start
    WHERE coalesce(d.urn, o.urn) IN (  -- schools both know, across their URNs (school_urns)
        SELECT s.urn FROM school_urns s WHERE s.school_id IN (
            SELECT s2.school_id FROM documented x JOIN school_urns s2 ON s2.urn = x.urn
            INTERSECT SELECT s3.school_id FROM official y JOIN school_urns s3 ON s3.urn = y.urn))
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
      ON oj.urn = m.urn AND oj.inspection_start = m.o_start AND oj.source_kind = m.source_kind
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
           strftime(d_start, '%Y-%m-%d') AS document_value, strftime(o_start, '%Y-%m-%d') AS official_value,
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
COMMENT ON VIEW reconciliation IS 'What the documents say against Ofsted''s management information, field by field, for every school both know under any of its URNs (school_urns), each inspection matched on URN at the time of inspection and its first day (a document dated a day off the official first day, or within the official days, is the same inspection). Field inspection says whether the inspection itself is in both, and disagrees where the two first days differ; the other fields are compared for inspections in both, each only when the official file gives that field at all. `schoolpipe reconcile` counts the outcomes per field.';
COMMENT ON COLUMN reconciliation.urn IS 'The school''s URN at the time of the inspection.';
COMMENT ON COLUMN reconciliation.inspection_start IS 'First day of the inspection, as the document gives it (else the official record): with urn, the row''s key.';
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

CREATE OR REPLACE VIEW schools AS
WITH official_latest AS (  -- the school as the newest official inspection row of its current URN describes it
    SELECT * FROM official_inspections WHERE current_urn IS NOT NULL
    QUALIFY row_number() OVER (PARTITION BY current_urn ORDER BY inspection_start DESC) = 1
),
documented AS (
    SELECT s.school_id, i.school_name, i.local_authority, i.postcode, i.school_type, i.school_category, i.inspection_start
    FROM inspections i JOIN school_urns s USING (urn)
    WHERE i.remit IN ('school', 'independent_school')
    QUALIFY row_number() OVER (PARTITION BY s.school_id ORDER BY i.inspection_start DESC NULLS LAST, i.inspection_id) = 1
),
counts AS (
    SELECT school_id, any_value(current_urn) AS current_urn, list(DISTINCT urn ORDER BY urn) AS urns
    FROM school_urns GROUP BY school_id
),
documented_counts AS (
    SELECT s.school_id, count(*) AS n FROM inspections i JOIN school_urns s USING (urn)
    WHERE i.remit IN ('school', 'independent_school') GROUP BY s.school_id
),
official_counts AS (
    SELECT s.school_id, count(*) AS n FROM official_inspections o JOIN school_urns s USING (urn) GROUP BY s.school_id
)
SELECT c.school_id, c.current_urn, c.urns,
       coalesce(g.school_name, o.school_name, d.school_name) AS school_name,
       coalesce(g.phase, o.ofsted_phase, d.school_type) AS phase,
       coalesce(g.type_of_establishment, o.type_of_education, d.school_category) AS school_type,
       coalesce(g.local_authority, o.local_authority, d.local_authority) AS local_authority,
       coalesce(g.trust_name, o.trust_name) AS trust,
       coalesce(g.postcode, o.postcode, d.postcode) AS postcode,
       g.town, g.establishment_status, g.open_date, g.close_date,
       coalesce(dc.n, 0) AS documented_inspections, coalesce(oc.n, 0) AS official_inspections
FROM counts c
LEFT JOIN documented_counts dc ON dc.school_id = c.school_id
LEFT JOIN official_counts oc ON oc.school_id = c.school_id
LEFT JOIN official_schools g ON g.urn = c.current_urn
LEFT JOIN official_latest o ON o.current_urn = c.current_urn
LEFT JOIN documented d ON d.school_id = c.school_id;
COMMENT ON VIEW schools IS 'One row per school across its URNs (school_urns): its URN today, every URN it has had, and its details from the register of schools (official_schools), else the newest official inspection, else its latest document.';
COMMENT ON COLUMN schools.school_id IS 'The school (school_urns.school_id): the smallest URN of its chain.';
COMMENT ON COLUMN schools.current_urn IS 'Its URN today.';
COMMENT ON COLUMN schools.urns IS 'Every URN it has had (predecessors, itself, schools merged into it), smallest first.';
COMMENT ON COLUMN schools.school_name IS 'Its name today: the register''s, else Ofsted''s, else as its latest document prints it.';
COMMENT ON COLUMN schools.phase IS 'Phase of education (register), else Ofsted phase, else the type of school as printed.';
COMMENT ON COLUMN schools.school_type IS 'Type of establishment (register), else Ofsted''s type of education, else the school category as printed.';
COMMENT ON COLUMN schools.local_authority IS 'Its local authority.';
COMMENT ON COLUMN schools.trust IS 'The multi-academy trust it is in, from the register or Ofsted; NULL when in none or unknown.';
COMMENT ON COLUMN schools.postcode IS 'Its postcode.';
COMMENT ON COLUMN schools.town IS 'Its town, from the register.';
COMMENT ON COLUMN schools.establishment_status IS 'Open, Closed, ... from the register; NULL when the register lacks it.';
COMMENT ON COLUMN schools.open_date IS 'When its current URN opened, from the register.';
COMMENT ON COLUMN schools.close_date IS 'When its current URN closed, from the register; NULL while open.';
COMMENT ON COLUMN schools.documented_inspections IS 'Inspections of it read from documents, under any of its URNs.';
COMMENT ON COLUMN schools.official_inspections IS 'Inspections of it in the official data, under any of its URNs.';

CREATE OR REPLACE VIEW school_history AS
WITH documented AS (  -- a document that prints no URN counts where its school was resolved by name (school_resolutions)
    SELECT i.* REPLACE (coalesce(i.urn, r.urn) AS urn), r.urn IS NOT NULL AS urn_resolved,
           CASE WHEN i.special_measures THEN 'special_measures' WHEN i.serious_weaknesses THEN 'serious_weaknesses'
                WHEN i.notice_to_improve THEN 'notice_to_improve' ELSE 'none' END AS category
    FROM inspections i
    LEFT JOIN school_resolutions r ON r.source_table = 'inspections' AND r.row_id = i.inspection_id
    WHERE i.remit IN ('school', 'independent_school') AND coalesce(i.urn, r.urn) IS NOT NULL AND i.inspection_start IS NOT NULL
),
matches AS (  -- as in the reconciliation: a day off the official record, or inside its days, is that inspection
    SELECT d.inspection_id, o.inspection_start AS official_start
    FROM documented d JOIN official_inspections o ON o.urn = d.urn
     AND d.inspection_start BETWEEN o.inspection_start - 1 AND greatest(o.inspection_end, o.inspection_start + 1)
    QUALIFY row_number() OVER (PARTITION BY d.inspection_id
                               ORDER BY abs(date_diff('day', o.inspection_start, d.inspection_start)), o.inspection_start) = 1
),
both_sides AS (
    SELECT coalesce(d.urn, o.urn) AS urn, coalesce(d.inspection_start, o.inspection_start) AS inspection_start,
           d.inspection_id, d.document_id, d.inspection_type AS document_type, d.overall_effectiveness AS d_overall,
           d.category AS d_category, d.safeguarding AS d_safeguarding, d.school_name AS d_name,
           o.inspection_type AS official_type, o.event, o.outcome, o.overall_effectiveness AS o_overall,
           o.category_of_concern AS o_category, o.safeguarding AS o_safeguarding, o.school_name AS o_name,
           o.inspection_number, o.release_id, o.inspection_start AS o_start, o.inspection_end AS o_end,
           d.inspection_end AS d_end, o.publication_date,
           d.urn IS NOT NULL AS in_documents, o.urn IS NOT NULL AS in_official, d.urn_resolved
    FROM (SELECT * FROM documented LEFT JOIN matches USING (inspection_id)) d
    FULL OUTER JOIN official_inspections o ON d.urn = o.urn AND d.official_start = o.inspection_start
)
SELECT s.school_id, s.current_urn, b.urn, b.inspection_start, coalesce(b.d_end, b.o_end) AS inspection_end,
       CASE WHEN in_documents AND in_official THEN 'both' WHEN in_documents THEN 'documents' ELSE 'official' END AS source,
       coalesce(b.d_name, b.o_name) AS school_name,
       coalesce(b.official_type, b.document_type) AS inspection_type, b.event,
       coalesce(b.d_overall, b.o_overall) AS overall_effectiveness, b.outcome,
       coalesce(b.o_category, b.d_category) AS category_of_concern,
       coalesce(b.d_safeguarding, b.o_safeguarding) AS safeguarding,
       b.d_overall AS document_overall, b.o_overall AS official_overall,
       CASE WHEN in_documents AND in_official THEN
           coalesce(reconcile_key(b.d_overall) = reconcile_key(b.o_overall), TRUE)
           AND coalesce(b.d_category = b.o_category OR b.o_category IS NULL, TRUE)
           AND coalesce(lower(b.d_safeguarding) = lower(b.o_safeguarding), TRUE) END AS agrees,
       b.publication_date, b.document_id, b.inspection_id, coalesce(b.urn_resolved, FALSE) AS urn_resolved,
       b.inspection_number, b.release_id, b.o_start AS official_start
FROM both_sides b JOIN school_urns s USING (urn)
ORDER BY s.school_id, b.inspection_start, b.urn;
COMMENT ON VIEW school_history IS 'Every inspection of a school, from the documents and from the official data, across its URNs, in date order; an inspection in both is one row (matched on URN at the time and first day, a day either way or within the official days; several documents of one inspection are a row each). schoolpipe school URN prints it.';
COMMENT ON COLUMN school_history.school_id IS 'The school (school_urns.school_id); filter on it, or on current_urn, for one school''s timeline.';
COMMENT ON COLUMN school_history.current_urn IS 'The school''s URN today.';
COMMENT ON COLUMN school_history.urn IS 'The URN at the time of the inspection.';
COMMENT ON COLUMN school_history.inspection_start IS 'First day of the inspection, as the document gives it, else the official record.';
COMMENT ON COLUMN school_history.inspection_end IS 'Last day, from the document, else the official record.';
COMMENT ON COLUMN school_history.source IS 'both, documents (only a document has it) or official (only the official data has it).';
COMMENT ON COLUMN school_history.school_name IS 'The school''s name at the time: as the document prints it, else as the official record gives it.';
COMMENT ON COLUMN school_history.inspection_type IS 'The official inspection type (e.g. S5 Inspection), else the document''s (section_5, section_8, monitoring, other).';
COMMENT ON COLUMN school_history.event IS 'Where the official record has it: latest, latest_oeif, previous, ungraded, monitoring or inspection (official_inspections.event).';
COMMENT ON COLUMN school_history.overall_effectiveness IS 'The overall grade, from the document, else the official record; NULL for ungraded inspections and report cards.';
COMMENT ON COLUMN school_history.outcome IS 'The official outcome in words of an ungraded or monitoring inspection, e.g. School remains Good.';
COMMENT ON COLUMN school_history.category_of_concern IS 'special_measures, serious_weaknesses, notice_to_improve, requires_significant_improvement or none: the official record''s, else the document''s.';
COMMENT ON COLUMN school_history.safeguarding IS 'Effective, Not effective, Met or Not met: the document''s, else the official record''s.';
COMMENT ON COLUMN school_history.document_overall IS 'The overall grade the document gives.';
COMMENT ON COLUMN school_history.official_overall IS 'The overall grade the official record gives.';
COMMENT ON COLUMN school_history.agrees IS 'For an inspection in both: TRUE when the overall grade (by its place on the scale), category and safeguarding agree wherever both give them; NULL when only one side has it. The reconciliation view has every field.';
COMMENT ON COLUMN school_history.publication_date IS 'When the report was published, from the official record.';
COMMENT ON COLUMN school_history.document_id IS 'The document, when one has it.';
COMMENT ON COLUMN school_history.inspection_id IS 'The document''s inspection (inspections.inspection_id).';
COMMENT ON COLUMN school_history.urn_resolved IS 'TRUE when the document prints no URN and its school was resolved by name from the registers (school_resolutions).';
COMMENT ON COLUMN school_history.inspection_number IS 'Ofsted''s inspection number, from the official record.';
COMMENT ON COLUMN school_history.official_start IS 'The first day as the official record gives it (official_inspections.inspection_start, the key to official_judgements); NULL when only the documents have the inspection.';
COMMENT ON COLUMN school_history.release_id IS 'The newest official release holding it (official_releases.release_id).';
