-- Partnerships, their members, collaboration activities, grades and figures quoted in prose.
ALTER TABLE partnership_mentions ADD COLUMN partnership_key VARCHAR;
ALTER TABLE partnership_mentions ADD COLUMN partnership_id VARCHAR;  -- one id per named partnership across documents

CREATE TABLE partnership_members (
    member_id VARCHAR PRIMARY KEY,
    document_id VARCHAR NOT NULL,
    partnership_id VARCHAR NOT NULL,
    partnership_key VARCHAR,
    partnership_name VARCHAR,
    school_name VARCHAR NOT NULL,
    role VARCHAR,                 -- lead, member, this_school (the school the report is about)
    urn VARCHAR,
    postcode VARCHAR,
    address VARCHAR,
    telephone VARCHAR,
    email VARCHAR,
    headteacher VARCHAR,
    local_authority VARCHAR,
    phase VARCHAR,
    school_type VARCHAR,
    page INTEGER,
    start_char INTEGER,
    end_char INTEGER,
    evidence VARCHAR,
    rule_id VARCHAR,
    extractor_version VARCHAR
);

CREATE TABLE collaboration_activities (
    activity_id VARCHAR PRIMARY KEY,
    document_id VARCHAR NOT NULL,
    partnership_id VARCHAR,
    partnership_key VARCHAR,
    activity VARCHAR NOT NULL,    -- joint_moderation, learning_walks, peer_review, joint_cpd, shared_staff, ...
    phrase VARCHAR,
    sentence VARCHAR,
    page INTEGER,
    start_char INTEGER,
    end_char INTEGER,
    rule_id VARCHAR,
    extractor_version VARCHAR
);

CREATE TABLE grade_mentions (
    grade_mention_id VARCHAR PRIMARY KEY,
    document_id VARCHAR NOT NULL,
    statement VARCHAR,            -- single, continues, aggregate_share, aggregate_all
    grade VARCHAR,
    area VARCHAR,
    school_name VARCHAR,
    about_date VARCHAR,
    hypothetical BOOLEAN,
    previous BOOLEAN,
    negated BOOLEAN,
    share_percent DOUBLE,
    of_schools INTEGER,
    sentence VARCHAR,
    page INTEGER,
    start_char INTEGER,
    end_char INTEGER,
    rule_id VARCHAR,
    extractor_version VARCHAR
);

CREATE TABLE metrics (
    metric_id VARCHAR PRIMARY KEY,
    document_id VARCHAR NOT NULL,
    measure VARCHAR,              -- progress_score, percentage
    value DOUBLE,
    subject VARCHAR,
    pupil_group VARCHAR,
    year INTEGER,
    area VARCHAR,
    comparison VARCHAR,
    comparison_value DOUBLE,
    text VARCHAR,
    sentence VARCHAR,
    page INTEGER,
    start_char INTEGER,
    end_char INTEGER,
    rule_id VARCHAR,
    extractor_version VARCHAR
);

CREATE INDEX partnership_members_document ON partnership_members (document_id);
CREATE INDEX collaboration_activities_document ON collaboration_activities (document_id);
CREATE INDEX grade_mentions_document ON grade_mentions (document_id);
CREATE INDEX metrics_document ON metrics (document_id);
