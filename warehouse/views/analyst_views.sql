-- Views for analysts: recreated on every migration run, so they always match the code.
CREATE OR REPLACE VIEW school_judgements AS
SELECT i.urn, i.school_name, i.inspection_start, i.inspection_end, i.framework, i.inspection_type,
       j.area, j.area_key, j.grade, j.grade_score, j.grade_rank, j.grade_scale, j.page, j.evidence,
       d.uri, d.document_id
FROM judgements j
JOIN documents d USING (document_id)
LEFT JOIN inspections i USING (inspection_id);
COMMENT ON VIEW school_judgements IS 'One row per judgement (graded area), with the inspected body, its inspection''s dates, framework and type, and the document it was read from. Every remit, not only schools: join inspections on document_id to filter by remit.';
COMMENT ON COLUMN school_judgements.urn IS 'The inspected body''s Unique Reference Number as printed (inspections.urn); NULL when not printed.';
COMMENT ON COLUMN school_judgements.school_name IS 'The inspected body''s name as printed: a school, provider, council or trust (inspections.school_name).';
COMMENT ON COLUMN school_judgements.inspection_start IS 'First day of the inspection (inspections.inspection_start); NULL when no date was found.';
COMMENT ON COLUMN school_judgements.inspection_end IS 'Last day of the inspection (inspections.inspection_end); NULL when only a start date is printed or none was found.';
COMMENT ON COLUMN school_judgements.framework IS 'Inspection framework by the first day: pre2005, 2005, 2009, 2012, 2015, 2019, 2024, 2025; la2009, sif, ilacs for local authorities; NULL where the remit has none (inspections.framework).';
COMMENT ON COLUMN school_judgements.inspection_type IS 'Type of inspection, e.g. section_5, section_8, monitoring (inspections.inspection_type).';
COMMENT ON COLUMN school_judgements.area IS 'The graded area''s label as printed (judgements.area).';
COMMENT ON COLUMN school_judgements.area_key IS 'The area, normalised across frameworks, e.g. overall_effectiveness, quality_of_education (judgements.area_key).';
COMMENT ON COLUMN school_judgements.grade IS 'The grade in the framework''s own words, e.g. Good, Requires improvement, Strong standard (judgements.grade).';
COMMENT ON COLUMN school_judgements.grade_score IS '1 (Outstanding) to 4 (Inadequate) on Ofsted''s four-point scales; NULL for report-card grades (judgements.grade_score).';
COMMENT ON COLUMN school_judgements.grade_rank IS 'Order on the grade''s own scale, 1 = best: 1 to 4 (ofsted), 1 to 5 (report_card); NULL for Insufficient evidence (judgements.grade_rank).';
COMMENT ON COLUMN school_judgements.grade_scale IS 'The scale the grade is on: ofsted or report_card (judgements.grade_scale).';
COMMENT ON COLUMN school_judgements.page IS 'Page (1-based) on which the area''s label is printed (judgements.page).';
COMMENT ON COLUMN school_judgements.evidence IS 'The label and grade as printed, whitespace collapsed (judgements.evidence).';
COMMENT ON COLUMN school_judgements.uri IS 'The URL or local path of the document the grade was read from (documents.uri).';
COMMENT ON COLUMN school_judgements.document_id IS 'The document the grade was read from; joins documents.document_id and every extracted table.';

CREATE OR REPLACE VIEW latest_inspections AS
SELECT * EXCLUDE (rn) FROM (
    SELECT i.*, d.uri,
           row_number() OVER (PARTITION BY coalesce(i.urn, i.document_id)
                              ORDER BY i.inspection_start DESC NULLS LAST, i.document_id) AS rn
    FROM inspections i JOIN documents d USING (document_id)
    WHERE i.remit = 'school'
) WHERE rn = 1;
COMMENT ON VIEW latest_inspections IS 'One row per school (by URN; a school without a URN is its document''s own row): its latest inspection of the school remit by first day, report, monitoring or short inspection letter alike, with the document''s uri. Ties are broken by document_id.';
COMMENT ON COLUMN latest_inspections.inspection_id IS 'The inspection''s id; joins judgements.inspection_id for its grades.';
COMMENT ON COLUMN latest_inspections.document_id IS 'The document the inspection was read from; joins documents.document_id.';
COMMENT ON COLUMN latest_inspections.school_name IS 'The school''s name as printed (inspections.school_name).';
COMMENT ON COLUMN latest_inspections.urn IS 'The school''s Unique Reference Number as printed; NULL when not printed, and the row then stands for its document alone.';
COMMENT ON COLUMN latest_inspections.postcode IS 'The school''s postcode in upper case with one space (inspections.postcode); NULL when none was found.';
COMMENT ON COLUMN latest_inspections.local_authority IS 'The local authority as printed (inspections.local_authority); NULL when not printed.';
COMMENT ON COLUMN latest_inspections.school_type IS 'The type of school as printed, e.g. Primary (inspections.school_type); NULL when not printed.';
COMMENT ON COLUMN latest_inspections.school_category IS 'The school category as printed, e.g. Academy converter (inspections.school_category); NULL when not printed.';
COMMENT ON COLUMN latest_inspections.inspection_start IS 'First day of the inspection, the date that decides which is latest; NULL when no date was found (such a row comes last).';
COMMENT ON COLUMN latest_inspections.inspection_end IS 'Last day of the inspection (inspections.inspection_end); NULL when only a start date is printed or none was found.';
COMMENT ON COLUMN latest_inspections.inspection_type IS 'Type of inspection: section_5, section_8, monitoring or other (inspections.inspection_type).';
COMMENT ON COLUMN latest_inspections.framework IS 'Inspection framework by the first day: pre2005, 2005, 2009, 2012, 2015, 2019, 2024, 2025 (inspections.framework).';
COMMENT ON COLUMN latest_inspections.remit IS 'Always school: the view covers the school remit only (inspections.remit).';
COMMENT ON COLUMN latest_inspections.overall_effectiveness IS 'The school''s overall grade at this inspection, e.g. Good (inspections.overall_effectiveness); NULL when none is stated, as in monitoring letters and under the 2024 and 2025 frameworks.';
COMMENT ON COLUMN latest_inspections.previous_overall_effectiveness IS 'Overall grade at the previous inspection, as the report states it (inspections.previous_overall_effectiveness); NULL when not stated.';
COMMENT ON COLUMN latest_inspections.special_measures IS 'TRUE when the document formally states the school is in special measures (inspections.special_measures).';
COMMENT ON COLUMN latest_inspections.serious_weaknesses IS 'TRUE when the school is formally judged to have serious weaknesses or given a notice to improve (inspections.serious_weaknesses).';
COMMENT ON COLUMN latest_inspections.notice_to_improve IS 'TRUE when the school is formally given a notice to improve, the 2005 to 2012 category of concern (inspections.notice_to_improve).';
COMMENT ON COLUMN latest_inspections.safeguarding IS 'The safeguarding verdict: Met, Not met, Effective or Not effective (inspections.safeguarding); NULL when none is stated.';
COMMENT ON COLUMN latest_inspections.evidence IS 'Which rules decided the kind, dates and identity (inspections.evidence).';
COMMENT ON COLUMN latest_inspections.extractor_version IS 'Version of the extractors that produced the row (inspections.extractor_version).';
COMMENT ON COLUMN latest_inspections.ocr IS 'TRUE when the document had pages read by OCR, so values may carry recognition errors (inspections.ocr).';
COMMENT ON COLUMN latest_inspections.ocr_confidence IS 'The OCR engine''s mean confidence (0 to 1) over the document''s OCR pages; NULL when no page needed OCR (inspections.ocr_confidence).';
COMMENT ON COLUMN latest_inspections.uri IS 'The URL or local path of the document the inspection was read from (documents.uri).';

CREATE OR REPLACE VIEW document_problems AS
SELECT uri, status, error, media_type, size_bytes, loaded_run_id
FROM documents WHERE status <> 'ok';
COMMENT ON VIEW document_problems IS 'One row per document that could not be used (documents.status is not ok), with what went wrong and what to do about it.';
COMMENT ON COLUMN document_problems.uri IS 'The URL the document was fetched from, or the local path it was read from (documents.uri).';
COMMENT ON COLUMN document_problems.status IS 'What stopped it: needs_ocr, empty, corrupt, encrypted, unsupported, wrong_type, too_large, timeout, crashed, parse_error, extract_error, unreadable, not_a_file, link_outside or broken_link (documents.status; README, Document statuses).';
COMMENT ON COLUMN document_problems.error IS 'What went wrong and what to do about it, in one line (documents.error).';
COMMENT ON COLUMN document_problems.media_type IS 'What the bytes are (application/pdf, text/html, text/plain); NULL when the document could not be parsed (documents.media_type).';
COMMENT ON COLUMN document_problems.size_bytes IS 'Size in bytes; 0 for a document found but never read, except a too_large one (documents.size_bytes).';
COMMENT ON COLUMN document_problems.loaded_run_id IS 'The run that recorded the problem; joins runs.run_id (documents.loaded_run_id).';
