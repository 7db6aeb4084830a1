-- Official data as releases side by side: every import keeps its release (file, date, kind, rows,
-- problems); the inspections of all releases are kept per release, and official_inspections holds
-- each inspection once, merged from them. GIAS links give each school its chain of URNs.
CREATE TABLE official_releases (
    release_id VARCHAR PRIMARY KEY,
    source_kind VARCHAR NOT NULL,
    remit VARCHAR,
    title VARCHAR,
    file_name VARCHAR,
    sha256 VARCHAR NOT NULL,
    release_date DATE,
    rows_read INTEGER,
    rows_imported INTEGER,
    rows_skipped INTEGER,
    problems VARCHAR[],
    imported_at TIMESTAMP
);
COMMENT ON TABLE official_releases IS 'One row per official file imported (schoolpipe import-official): which release, of what kind, how many rows it gave and what was left out. Releases of one kind live side by side; importing the same file again changes nothing.';
COMMENT ON COLUMN official_releases.release_id IS 'The release''s id: the first 16 hex digits of the file''s SHA-256.';
COMMENT ON COLUMN official_releases.source_kind IS 'The kind of file: ofsted_latest (state-funded schools, latest inspections), ofsted_history (inspections in a period, year to date), ofsted_independent (non-association independent schools), gias (establishments), dfe_schools (the DfE performance tables'' schools), gias_links (links between establishments) or groups (a register of trusts and federations).';
COMMENT ON COLUMN official_releases.remit IS 'The remit its inspections belong to (school, independent_school); NULL for registers.';
COMMENT ON COLUMN official_releases.title IS 'The kind of file in words.';
COMMENT ON COLUMN official_releases.file_name IS 'The file''s name as given to import-official.';
COMMENT ON COLUMN official_releases.sha256 IS 'SHA-256 of the file''s bytes: the same hash means the same release.';
COMMENT ON COLUMN official_releases.release_date IS 'The date the release is as at (or published by), from its title rows or file name, or --as-at; NULL when none is given. Orders releases: the newest release''s value wins.';
COMMENT ON COLUMN official_releases.rows_read IS 'Data rows in the file.';
COMMENT ON COLUMN official_releases.rows_imported IS 'Rows stored from it: inspections (several may come from one school''s row), establishments, links or groups.';
COMMENT ON COLUMN official_releases.rows_skipped IS 'Rows of the file that gave nothing: no URN, never inspected, or a field count other than the header''s.';
COMMENT ON COLUMN official_releases.problems IS 'What was left NULL or left out, with counts, e.g. "early_years: ''8'' is not a grade (left NULL): 4".';
COMMENT ON COLUMN official_releases.imported_at IS 'When the import ran, in local time.';

INSERT INTO official_releases
SELECT substr(sha256, 1, 16), source_kind, CASE WHEN source_kind LIKE 'ofsted%' THEN 'school' END, title, file_name,
       sha256, NULL, rows_imported + rows_skipped, rows_imported, rows_skipped, [], imported_at
FROM official_imports;
DROP TABLE official_imports;

CREATE TABLE official_release_inspections (
    release_id VARCHAR NOT NULL,
    event VARCHAR NOT NULL,
    source_kind VARCHAR NOT NULL,
    remit VARCHAR,
    urn VARCHAR NOT NULL,
    current_urn VARCHAR,
    laestab VARCHAR,
    school_name VARCHAR,
    ofsted_phase VARCHAR,
    type_of_education VARCHAR,
    local_authority VARCHAR,
    postcode VARCHAR,
    trust_name VARCHAR,
    inspection_number VARCHAR,
    inspection_type VARCHAR,
    inspection_start DATE NOT NULL,
    inspection_end DATE,
    publication_date DATE,
    overall_effectiveness VARCHAR,
    category_of_concern VARCHAR,
    safeguarding VARCHAR,
    outcome VARCHAR,
    source_row INTEGER
);
COMMENT ON TABLE official_release_inspections IS 'Every inspection as each release gives it (one row per release and inspection): to compare releases. official_inspections holds each inspection once.';
COMMENT ON COLUMN official_release_inspections.release_id IS 'The release (official_releases.release_id).';
COMMENT ON COLUMN official_release_inspections.event IS 'Which inspection of the school''s row it is: latest (the latest graded inspection or report card), latest_oeif (the latest graded inspection under the previous framework), previous (the graded inspection before the latest), ungraded (the latest ungraded inspection), monitoring (independent schools'' progress monitoring) or inspection (a row of a file of inspections in a period).';
COMMENT ON COLUMN official_release_inspections.source_kind IS 'The kind of file (official_releases.source_kind).';
COMMENT ON COLUMN official_release_inspections.remit IS 'school or independent_school.';
COMMENT ON COLUMN official_release_inspections.urn IS 'The URN at the time of the inspection.';
COMMENT ON COLUMN official_release_inspections.current_urn IS 'The school''s URN in the release.';
COMMENT ON COLUMN official_release_inspections.laestab IS 'The DfE number in the release.';
COMMENT ON COLUMN official_release_inspections.school_name IS 'The school''s name at the time of the inspection where the release gives it, else its name in the release.';
COMMENT ON COLUMN official_release_inspections.ofsted_phase IS 'Ofsted phase (or, for independent schools, school type).';
COMMENT ON COLUMN official_release_inspections.type_of_education IS 'Type of education.';
COMMENT ON COLUMN official_release_inspections.local_authority IS 'Local authority.';
COMMENT ON COLUMN official_release_inspections.postcode IS 'Postcode.';
COMMENT ON COLUMN official_release_inspections.trust_name IS 'Multi-academy trust.';
COMMENT ON COLUMN official_release_inspections.inspection_number IS 'Ofsted''s inspection number.';
COMMENT ON COLUMN official_release_inspections.inspection_type IS 'The inspection type as the release words it.';
COMMENT ON COLUMN official_release_inspections.inspection_start IS 'First day of the inspection.';
COMMENT ON COLUMN official_release_inspections.inspection_end IS 'Last day, where given.';
COMMENT ON COLUMN official_release_inspections.publication_date IS 'When the report was published.';
COMMENT ON COLUMN official_release_inspections.overall_effectiveness IS 'Overall grade in words; NULL when not graded.';
COMMENT ON COLUMN official_release_inspections.category_of_concern IS 'special_measures, serious_weaknesses, notice_to_improve, requires_significant_improvement or none; NULL when not given or not a known code.';
COMMENT ON COLUMN official_release_inspections.safeguarding IS 'Effective, Not effective, Met or Not met; NULL when not given.';
COMMENT ON COLUMN official_release_inspections.outcome IS 'The outcome in words of an ungraded or monitoring inspection, e.g. School remains Good.';
COMMENT ON COLUMN official_release_inspections.source_row IS 'Line of the file the row came from (1 = the first line).';

INSERT INTO official_release_inspections BY NAME
SELECT r.release_id, CASE WHEN i.source_kind = 'ofsted_latest' THEN 'latest' ELSE 'inspection' END AS event, 'school' AS remit,
       i.* EXCLUDE (source_kind), i.source_kind
FROM official_inspections i JOIN official_releases r USING (source_kind);

CREATE TABLE official_release_judgements (
    release_id VARCHAR NOT NULL,
    urn VARCHAR NOT NULL,
    inspection_start DATE NOT NULL,
    area_key VARCHAR NOT NULL,
    grade VARCHAR NOT NULL,
    grade_score INTEGER
);
COMMENT ON TABLE official_release_judgements IS 'Every graded area as each release gives it; official_judgements holds each once.';
COMMENT ON COLUMN official_release_judgements.release_id IS 'The release (official_releases.release_id).';
COMMENT ON COLUMN official_release_judgements.urn IS 'The URN at the time of the inspection.';
COMMENT ON COLUMN official_release_judgements.inspection_start IS 'First day of the inspection.';
COMMENT ON COLUMN official_release_judgements.area_key IS 'The graded area, as judgements.area_key.';
COMMENT ON COLUMN official_release_judgements.grade IS 'The grade in words.';
COMMENT ON COLUMN official_release_judgements.grade_score IS '1 (Outstanding) to 4 (Inadequate); NULL for report-card grades.';

INSERT INTO official_release_judgements BY NAME
SELECT r.release_id, j.* EXCLUDE (source_kind) FROM official_judgements j JOIN official_releases r USING (source_kind);

ALTER TABLE official_inspections ADD COLUMN event VARCHAR;
ALTER TABLE official_inspections ADD COLUMN remit VARCHAR;
ALTER TABLE official_inspections ADD COLUMN outcome VARCHAR;
ALTER TABLE official_inspections ADD COLUMN release_id VARCHAR;
ALTER TABLE official_inspections ADD COLUMN releases INTEGER;
UPDATE official_inspections SET event = CASE WHEN source_kind = 'ofsted_latest' THEN 'latest' ELSE 'inspection' END,
    remit = 'school', releases = 1,
    release_id = (SELECT r.release_id FROM official_releases r WHERE r.source_kind = official_inspections.source_kind);
COMMENT ON TABLE official_inspections IS 'One row per inspection in Ofsted''s management information (schoolpipe import-official), whatever releases hold it: each field from the newest release that gives it. The official record that the reconciliation view compares with the documents.';
COMMENT ON COLUMN official_inspections.source_kind IS 'The kind of file of the newest release holding it: ofsted_latest, ofsted_history or ofsted_independent.';
COMMENT ON COLUMN official_inspections.urn IS 'The URN the school had at the time of the inspection (the file''s "URN at time of …" where given, else its URN): the key to the documents'' inspections.urn.';
COMMENT ON COLUMN official_inspections.category_of_concern IS 'special_measures, serious_weaknesses, notice_to_improve, requires_significant_improvement, or none when the school is in no category; NULL when the file gives no category for it.';
COMMENT ON COLUMN official_inspections.event IS 'Which inspection of a school''s row it was in the newest release holding it: latest, latest_oeif, previous, ungraded, monitoring or inspection (official_release_inspections.event).';
COMMENT ON COLUMN official_inspections.remit IS 'school (state-funded) or independent_school.';
COMMENT ON COLUMN official_inspections.outcome IS 'The outcome in words of an ungraded or monitoring inspection, e.g. School remains Good; NULL for graded inspections.';
COMMENT ON COLUMN official_inspections.release_id IS 'The newest release holding it (official_releases.release_id).';
COMMENT ON COLUMN official_inspections.releases IS 'How many releases hold it.';

ALTER TABLE official_judgements ADD COLUMN release_id VARCHAR;
UPDATE official_judgements SET release_id = (SELECT r.release_id FROM official_releases r WHERE r.source_kind = official_judgements.source_kind);
COMMENT ON COLUMN official_judgements.source_kind IS 'The kind of file of the release the grade came from.';
COMMENT ON COLUMN official_judgements.release_id IS 'The newest release giving this grade (official_releases.release_id).';

ALTER TABLE official_schools ADD COLUMN release_id VARCHAR;
UPDATE official_schools SET release_id = (SELECT r.release_id FROM official_releases r WHERE r.source_kind = 'gias');
COMMENT ON TABLE official_schools IS 'One row per establishment in the registers of schools (GIAS edubasealldata, the DfE performance tables'' schools; schoolpipe import-official): each field from the newest release that gives it. school_details and schools fill what a document lacks from here.';
COMMENT ON COLUMN official_schools.release_id IS 'The newest release that gave this row (official_releases.release_id).';

CREATE TABLE official_school_links (
    urn VARCHAR NOT NULL,
    link_urn VARCHAR NOT NULL,
    link_name VARCHAR,
    link_type VARCHAR NOT NULL,
    link_established_date DATE,
    release_id VARCHAR,
    source_row INTEGER
);
COMMENT ON TABLE official_school_links IS 'GIAS links between establishments (links_edubasealldata, schoolpipe import-official): a school''s predecessors and successors across academy conversions, mergers, amalgamations and splits.';
COMMENT ON COLUMN official_school_links.urn IS 'The establishment.';
COMMENT ON COLUMN official_school_links.link_urn IS 'The establishment it is linked to.';
COMMENT ON COLUMN official_school_links.link_name IS 'The linked establishment''s name, as GIAS gives it.';
COMMENT ON COLUMN official_school_links.link_type IS 'What link_urn is to urn, as GIAS words it: Predecessor, Successor, Predecessor - merged, Result of Amalgamation, Sixth Form Centre Link, ...';
COMMENT ON COLUMN official_school_links.link_established_date IS 'When the link was made (e.g. the conversion date).';
COMMENT ON COLUMN official_school_links.release_id IS 'The release the link came from (official_releases.release_id).';
COMMENT ON COLUMN official_school_links.source_row IS 'Line of the file the link came from (1 = the first line).';

CREATE TABLE school_chains (
    urn VARCHAR PRIMARY KEY,
    chain_id VARCHAR NOT NULL,
    current_urn VARCHAR NOT NULL
);
COMMENT ON TABLE school_chains IS 'Each URN''s school: URNs joined by GIAS links of succession (predecessor, successor, merged, amalgamated) are one school; rebuilt at every import of links or establishments. URNs without links are absent (each is its own school).';
COMMENT ON COLUMN school_chains.urn IS 'A URN.';
COMMENT ON COLUMN school_chains.chain_id IS 'The school it belongs to: the smallest URN of its chain.';
COMMENT ON COLUMN school_chains.current_urn IS 'The chain''s URN today: one no link names a successor of, open in the register where it is imported, else the newest.';
