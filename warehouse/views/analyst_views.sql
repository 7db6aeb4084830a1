-- Views for analysts: recreated on every migration run, so they always match the code.
CREATE OR REPLACE VIEW school_judgements AS
SELECT i.urn, i.school_name, i.inspection_start, i.inspection_end, i.framework, i.inspection_type,
       j.area, j.area_key, j.grade, j.grade_score, j.grade_rank, j.grade_scale, j.page, j.evidence,
       d.uri, d.document_id
FROM judgements j
JOIN documents d USING (document_id)
LEFT JOIN inspections i USING (inspection_id);

CREATE OR REPLACE VIEW latest_inspections AS
SELECT * EXCLUDE (rn) FROM (
    SELECT i.*, d.uri,
           row_number() OVER (PARTITION BY coalesce(i.urn, i.document_id)
                              ORDER BY i.inspection_start DESC NULLS LAST, i.document_id) AS rn
    FROM inspections i JOIN documents d USING (document_id)
    WHERE i.remit = 'school'
) WHERE rn = 1;

CREATE OR REPLACE VIEW document_problems AS
SELECT uri, status, error, media_type, size_bytes, loaded_run_id
FROM documents WHERE status <> 'ok';
