-- The schema contract of DESIGN.md plus what loading needs: runs and provenance columns.
CREATE TABLE runs (
    run_id VARCHAR PRIMARY KEY,
    command VARCHAR,
    corpus VARCHAR,
    started_at TIMESTAMP,
    finished_at TIMESTAMP,
    documents_seen INTEGER,
    documents_processed INTEGER,
    documents_unchanged INTEGER,
    documents_failed INTEGER,
    status VARCHAR,              -- running, completed, failed
    parser_version VARCHAR,
    extractor_version VARCHAR
);

CREATE TABLE documents (
    document_id VARCHAR PRIMARY KEY,  -- hash of the uri: one row per location
    uri VARCHAR NOT NULL UNIQUE,      -- the URL it was fetched from, or the local path it was read from
    file_name VARCHAR,
    sha256 VARCHAR NOT NULL,
    size_bytes BIGINT,
    media_type VARCHAR,
    kind VARCHAR,                     -- inspection_report, monitoring_letter, short_inspection_letter, case_study, other
    page_count INTEGER,
    status VARCHAR NOT NULL,          -- ok, needs_ocr, empty, corrupt, encrypted, unsupported, too_large, parse_error, extract_error
    error VARCHAR,                    -- what went wrong and what to do, when status is not ok
    parser_version VARCHAR,
    extractor_version VARCHAR,
    loaded_run_id VARCHAR,            -- the run that last (re)loaded this document
    processing_seconds DOUBLE
);

CREATE TABLE inspections (
    inspection_id VARCHAR PRIMARY KEY,
    document_id VARCHAR NOT NULL,
    school_name VARCHAR,
    urn VARCHAR,
    postcode VARCHAR,
    local_authority VARCHAR,
    school_type VARCHAR,
    school_category VARCHAR,
    inspection_start DATE,
    inspection_end DATE,
    inspection_type VARCHAR,          -- section_5, section_8, monitoring, other
    framework VARCHAR,                -- era by first day: pre2005, 2005, 2009, 2012, 2015, 2019, 2024, 2025
    remit VARCHAR,                    -- school, early_years, further_education, social_care, independent_school, trust
    overall_effectiveness VARCHAR,
    previous_overall_effectiveness VARCHAR,
    special_measures BOOLEAN NOT NULL,
    serious_weaknesses BOOLEAN NOT NULL,
    notice_to_improve BOOLEAN NOT NULL,
    safeguarding VARCHAR,             -- Met / Not met (report cards), Effective / Not effective
    evidence VARCHAR,
    extractor_version VARCHAR
);

CREATE TABLE judgements (
    judgement_id VARCHAR PRIMARY KEY,
    document_id VARCHAR NOT NULL,
    inspection_id VARCHAR,
    area VARCHAR NOT NULL,            -- as printed
    area_key VARCHAR NOT NULL,        -- normalised
    grade VARCHAR NOT NULL,           -- normalised label in the framework's own words
    grade_score INTEGER,              -- 1-4 on Ofsted's four-point scales; NULL for report cards
    grade_scale VARCHAR,              -- ofsted, report_card
    grade_rank INTEGER,               -- 1 = best on the grade's own scale (report cards 1-5)
    page INTEGER,
    start_char INTEGER,
    end_char INTEGER,
    evidence VARCHAR,
    rule_id VARCHAR,
    extractor_version VARCHAR
);

CREATE TABLE partnership_mentions (
    mention_id VARCHAR PRIMARY KEY,
    document_id VARCHAR NOT NULL,
    name VARCHAR NOT NULL,            -- the partnership's fullest name in the document
    mention_text VARCHAR,             -- the words as printed at this place
    partnership_type VARCHAR,
    named BOOLEAN NOT NULL,
    sentence VARCHAR,
    page INTEGER,
    start_char INTEGER,
    end_char INTEGER,
    rule_id VARCHAR,
    extractor_version VARCHAR
);

CREATE INDEX inspections_document ON inspections (document_id);
CREATE INDEX judgements_document ON judgements (document_id);
CREATE INDEX partnership_mentions_document ON partnership_mentions (document_id);
