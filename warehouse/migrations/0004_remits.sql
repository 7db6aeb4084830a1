-- Categories of concern belong to schools: NULL for every other remit (local authorities,
-- independent schools, further education, early years, trusts). The table is rebuilt without
-- the NOT NULL constraints (DuckDB cannot alter a column an index or a view depends on; the
-- views are recreated after the migrations).
DROP VIEW IF EXISTS school_partnerships;
DROP VIEW IF EXISTS latest_inspections;
DROP VIEW IF EXISTS school_judgements;
DROP VIEW IF EXISTS partnership_network;
DROP VIEW IF EXISTS partnerships;
DROP VIEW IF EXISTS document_problems;
CREATE TABLE inspections_0004 (
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
    special_measures BOOLEAN,
    serious_weaknesses BOOLEAN,
    notice_to_improve BOOLEAN,
    safeguarding VARCHAR,             -- Met / Not met (report cards), Effective / Not effective
    evidence VARCHAR,
    extractor_version VARCHAR
);

INSERT INTO inspections_0004 SELECT * FROM inspections;
DROP TABLE inspections;
ALTER TABLE inspections_0004 RENAME TO inspections;
CREATE INDEX inspections_document ON inspections (document_id);
