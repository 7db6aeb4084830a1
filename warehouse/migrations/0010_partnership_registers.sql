-- Registers of groups of schools (the DfE's multi-academy trust file, GIAS groups), and each
-- partnership key's resolved id: one body printed several ways, in one or many documents, has one id.
CREATE TABLE official_groups (
    group_uid VARCHAR PRIMARY KEY,
    group_id VARCHAR,
    name VARCHAR NOT NULL,
    name_key VARCHAR NOT NULL,
    group_type VARCHAR,
    companies_house_number VARCHAR,
    status VARCHAR
);
COMMENT ON TABLE official_groups IS 'Groups of schools from an imported register (schoolpipe import-official with the DfE multi-academy trust file or a GIAS groups file): one row per trust or federation.';
COMMENT ON COLUMN official_groups.group_uid IS 'The register''s unique id of the group (GIAS Group UID, the DfE file''s trust_uid).';
COMMENT ON COLUMN official_groups.group_id IS 'The group''s public id, e.g. TR00002 for a trust; NULL when the file has none.';
COMMENT ON COLUMN official_groups.name IS 'The group''s name as the register prints it.';
COMMENT ON COLUMN official_groups.name_key IS 'The name folded as partnership keys are (case, The, &, hyphens, Academies/Academy): joins partnership_ids.partnership_key.';
COMMENT ON COLUMN official_groups.group_type IS 'What kind of group, as the register says (Multi-academy trust, Federation, ...).';
COMMENT ON COLUMN official_groups.companies_house_number IS 'The trust''s company number at Companies House; NULL for groups that are no company.';
COMMENT ON COLUMN official_groups.status IS 'The group''s status where the register gives one (Open, Closed); NULL otherwise.';

CREATE TABLE official_group_schools (
    group_uid VARCHAR NOT NULL,
    urn VARCHAR NOT NULL
);
COMMENT ON TABLE official_group_schools IS 'The schools of each group in an imported register, by URN.';
COMMENT ON COLUMN official_group_schools.group_uid IS 'The group (official_groups.group_uid).';
COMMENT ON COLUMN official_group_schools.urn IS 'A school of the group, by its Unique Reference Number.';

CREATE TABLE partnership_ids (
    partnership_key VARCHAR PRIMARY KEY,
    partnership_id VARCHAR NOT NULL,
    resolved_key VARCHAR NOT NULL,
    official_group_uid VARCHAR
);
COMMENT ON TABLE partnership_ids IS 'Each named partnership key and the id it resolves to, rebuilt whenever documents or registers change: a key that some document prints as another form of one body (its acronym, a short form, a former name) takes that body''s id; one also in an imported register gets the register''s group.';
COMMENT ON COLUMN partnership_ids.partnership_key IS 'A partnership key as the extractors give it (partnership_mentions.partnership_key): the name folded.';
COMMENT ON COLUMN partnership_ids.partnership_id IS 'The id its mentions, members and activities carry.';
COMMENT ON COLUMN partnership_ids.resolved_key IS 'The key of the body it is a form of (itself when it is no other body''s form).';
COMMENT ON COLUMN partnership_ids.official_group_uid IS 'The register''s group with the same name (official_groups.group_uid); NULL when no register names it.';
