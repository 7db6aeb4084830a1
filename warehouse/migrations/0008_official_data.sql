-- Official data beside what the documents say: Ofsted's management information and GIAS,
-- brought in by `schoolpipe import-official FILE`; each import replaces the previous one of its kind.
CREATE TABLE official_imports (
    source_kind VARCHAR PRIMARY KEY,
    title VARCHAR,
    file_name VARCHAR,
    sha256 VARCHAR,
    rows_imported INTEGER,
    rows_skipped INTEGER,
    imported_at TIMESTAMP
);
COMMENT ON TABLE official_imports IS 'One row per kind of official file, for its latest import (schoolpipe import-official): which file, when, and how many rows it gave.';
COMMENT ON COLUMN official_imports.source_kind IS 'The kind of file: ofsted_latest (management information, latest inspections), ofsted_history (the inspection history file) or gias (GIAS edubasealldata).';
COMMENT ON COLUMN official_imports.title IS 'The kind of file in words.';
COMMENT ON COLUMN official_imports.file_name IS 'The file''s name as given to import-official.';
COMMENT ON COLUMN official_imports.sha256 IS 'SHA-256 of the file''s bytes: the same hash means the same release.';
COMMENT ON COLUMN official_imports.rows_imported IS 'Rows stored from the file: inspections for Ofsted files, establishments for GIAS.';
COMMENT ON COLUMN official_imports.rows_skipped IS 'Rows left out: no URN, or (Ofsted files) no inspection start date, as for a school never inspected.';
COMMENT ON COLUMN official_imports.imported_at IS 'When the import ran, in local time.';

CREATE TABLE official_inspections (
    source_kind VARCHAR NOT NULL,
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
    source_row INTEGER
);
COMMENT ON TABLE official_inspections IS 'One row per inspection in Ofsted''s management information (schoolpipe import-official): the official record that the reconciliation view compares with the documents.';
COMMENT ON COLUMN official_inspections.source_kind IS 'The file it came from: ofsted_latest or ofsted_history (official_imports.source_kind).';
COMMENT ON COLUMN official_inspections.urn IS 'The URN the school had at the time of the inspection (the file''s "URN at time of latest full inspection" where given, else its URN): the key to the documents'' inspections.urn.';
COMMENT ON COLUMN official_inspections.current_urn IS 'The school''s URN today, which differs from urn after an academy conversion.';
COMMENT ON COLUMN official_inspections.laestab IS 'The DfE number: a 3-digit local authority code and a 4-digit establishment number.';
COMMENT ON COLUMN official_inspections.school_name IS 'The school''s name in the official record.';
COMMENT ON COLUMN official_inspections.ofsted_phase IS 'Ofsted phase, e.g. Primary, Secondary, Special, Nursery.';
COMMENT ON COLUMN official_inspections.type_of_education IS 'Type of education, e.g. Academy converter, Community school.';
COMMENT ON COLUMN official_inspections.local_authority IS 'The local authority in the official record.';
COMMENT ON COLUMN official_inspections.postcode IS 'The school''s postcode in the official record.';
COMMENT ON COLUMN official_inspections.trust_name IS 'The multi-academy trust, when the school is in one.';
COMMENT ON COLUMN official_inspections.inspection_number IS 'Ofsted''s inspection number (may carry an ITS prefix).';
COMMENT ON COLUMN official_inspections.inspection_type IS 'The inspection type as the file words it, e.g. S5 Inspection, Section 8.';
COMMENT ON COLUMN official_inspections.inspection_start IS 'First day of the inspection: with urn, the key the reconciliation matches on.';
COMMENT ON COLUMN official_inspections.inspection_end IS 'Last day of the inspection, where the file has it.';
COMMENT ON COLUMN official_inspections.publication_date IS 'When the report was published.';
COMMENT ON COLUMN official_inspections.overall_effectiveness IS 'The overall grade in words (1 Outstanding, 2 Good, 3 Requires improvement, or Satisfactory before September 2012, 4 Inadequate); NULL when not graded (9, blank).';
COMMENT ON COLUMN official_inspections.category_of_concern IS 'special_measures, serious_weaknesses or notice_to_improve; none when the school is in no category; NULL when the file has no category column.';
COMMENT ON COLUMN official_inspections.safeguarding IS 'Effective or Not effective (the Yes/No "safeguarding is effective?" column), Met or Not met under report cards; NULL when not given.';
COMMENT ON COLUMN official_inspections.source_row IS 'Line of the file the row came from (1 = the first line).';

CREATE TABLE official_judgements (
    source_kind VARCHAR NOT NULL,
    urn VARCHAR NOT NULL,
    inspection_start DATE NOT NULL,
    area_key VARCHAR NOT NULL,
    grade VARCHAR NOT NULL,
    grade_score INTEGER
);
COMMENT ON TABLE official_judgements IS 'One row per graded area of an official inspection (official_inspections), with the area named as in judgements.area_key.';
COMMENT ON COLUMN official_judgements.source_kind IS 'The file it came from: ofsted_latest or ofsted_history.';
COMMENT ON COLUMN official_judgements.urn IS 'The URN at the time of the inspection (official_inspections.urn).';
COMMENT ON COLUMN official_judgements.inspection_start IS 'First day of the inspection (official_inspections.inspection_start).';
COMMENT ON COLUMN official_judgements.area_key IS 'The graded area, normalised as judgements.area_key, e.g. quality_of_education.';
COMMENT ON COLUMN official_judgements.grade IS 'The grade in words, as judgements.grade, e.g. Good, Strong standard.';
COMMENT ON COLUMN official_judgements.grade_score IS '1 (Outstanding) to 4 (Inadequate); NULL for report-card grades.';

CREATE TABLE official_schools (
    urn VARCHAR PRIMARY KEY,
    la_code VARCHAR,
    local_authority VARCHAR,
    establishment_number VARCHAR,
    school_name VARCHAR,
    type_of_establishment VARCHAR,
    establishment_status VARCHAR,
    open_date DATE,
    close_date DATE,
    phase VARCHAR,
    statutory_low_age INTEGER,
    statutory_high_age INTEGER,
    gender VARCHAR,
    religious_character VARCHAR,
    trust_code VARCHAR,
    trust_name VARCHAR,
    sponsor_name VARCHAR,
    ukprn VARCHAR,
    street VARCHAR,
    town VARCHAR,
    postcode VARCHAR,
    website VARCHAR,
    telephone VARCHAR,
    source_row INTEGER
);
COMMENT ON TABLE official_schools IS 'One row per establishment in GIAS, the register of schools (edubasealldata, schoolpipe import-official); school_details fills what a document lacks from here.';
COMMENT ON COLUMN official_schools.urn IS 'The establishment''s Unique Reference Number.';
COMMENT ON COLUMN official_schools.la_code IS 'The local authority''s 3-digit code.';
COMMENT ON COLUMN official_schools.local_authority IS 'The local authority''s name.';
COMMENT ON COLUMN official_schools.establishment_number IS 'The 4-digit establishment number within the local authority.';
COMMENT ON COLUMN official_schools.school_name IS 'The establishment''s name in GIAS.';
COMMENT ON COLUMN official_schools.type_of_establishment IS 'Type of establishment, e.g. Academy converter, Voluntary aided school.';
COMMENT ON COLUMN official_schools.establishment_status IS 'Open, Closed, Open but proposed to close, Proposed to open.';
COMMENT ON COLUMN official_schools.open_date IS 'When the establishment opened.';
COMMENT ON COLUMN official_schools.close_date IS 'When it closed; NULL while open.';
COMMENT ON COLUMN official_schools.phase IS 'Phase of education: Primary, Secondary, All-through, Nursery, Middle deemed primary or secondary, 16 plus.';
COMMENT ON COLUMN official_schools.statutory_low_age IS 'Youngest statutory age of its pupils.';
COMMENT ON COLUMN official_schools.statutory_high_age IS 'Oldest statutory age of its pupils.';
COMMENT ON COLUMN official_schools.gender IS 'Mixed, Boys or Girls.';
COMMENT ON COLUMN official_schools.religious_character IS 'Religious character, e.g. Church of England, Roman Catholic, Does not apply.';
COMMENT ON COLUMN official_schools.trust_code IS 'The trust''s code, when the establishment is in a trust.';
COMMENT ON COLUMN official_schools.trust_name IS 'The trust''s name, when the establishment is in a trust.';
COMMENT ON COLUMN official_schools.sponsor_name IS 'The academy sponsor, when it has one.';
COMMENT ON COLUMN official_schools.ukprn IS 'UK Provider Reference Number.';
COMMENT ON COLUMN official_schools.street IS 'Street of its address.';
COMMENT ON COLUMN official_schools.town IS 'Town of its address.';
COMMENT ON COLUMN official_schools.postcode IS 'Postcode of its address.';
COMMENT ON COLUMN official_schools.website IS 'Its website, as registered.';
COMMENT ON COLUMN official_schools.telephone IS 'Its telephone number, as registered.';
COMMENT ON COLUMN official_schools.source_row IS 'Line of the file the row came from (1 = the first line).';
