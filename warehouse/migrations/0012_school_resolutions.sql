-- Schools the documents name without a URN, resolved from the registers of schools
-- (pipeline/school_names.py); rebuilt at every publish after documents or official data changed.
CREATE TABLE school_resolutions (
    source_table VARCHAR NOT NULL,
    row_id VARCHAR NOT NULL,
    school_name VARCHAR NOT NULL,
    postcode VARCHAR,
    place VARCHAR,
    urn VARCHAR NOT NULL,
    score DOUBLE,
    how VARCHAR
);
COMMENT ON TABLE school_resolutions IS 'A school a document names without printing its URN (an inspection, a partnership''s member school), resolved to a URN from the imported registers of schools (official_schools, Ofsted''s management information, GIAS links'' former names). Only names one school clearly fits are here; rebuilt at every publish.';
COMMENT ON COLUMN school_resolutions.source_table IS 'Where the name is: inspections or partnership_members.';
COMMENT ON COLUMN school_resolutions.row_id IS 'The row: inspections.inspection_id or partnership_members.member_id.';
COMMENT ON COLUMN school_resolutions.school_name IS 'The name as the document prints it.';
COMMENT ON COLUMN school_resolutions.postcode IS 'The postcode the document gives with it, used to look.';
COMMENT ON COLUMN school_resolutions.place IS 'The local authority the document gives with it, used to look.';
COMMENT ON COLUMN school_resolutions.urn IS 'The URN resolved.';
COMMENT ON COLUMN school_resolutions.score IS 'How closely the name fits the school''s (rapidfuzz, 0-100; 100 for the same name once folded).';
COMMENT ON COLUMN school_resolutions.how IS 'Why: exact name at the postcode, closest name in the town, the only school so named, ...';
