-- What Ofsted's report site lists about each report an "ofsted" source fetched (corpus/ofsted.py).
CREATE TABLE report_listings (
    url VARCHAR PRIMARY KEY,
    source VARCHAR,
    provider_urn VARCHAR,
    provider_name VARCHAR,
    provider_url VARCHAR,
    local_authority VARCHAR,
    title VARCHAR,
    inspection_date DATE,
    publication_date DATE,
    listed_at TIMESTAMP
);
COMMENT ON TABLE report_listings IS 'One row per report file an "ofsted" source found on Ofsted''s report site: what the provider''s page lists about it (its provenance, beside the fetch). Joins fetches and documents on url = documents.uri.';
COMMENT ON COLUMN report_listings.url IS 'The report file''s URL (files.ofsted.gov.uk/v1/file/…); documents.uri of the document read from it.';
COMMENT ON COLUMN report_listings.source IS 'The source (its name in the sources file, or "ofsted" for refresh --urn / --local-authority) that found it.';
COMMENT ON COLUMN report_listings.provider_urn IS 'The URN of the provider whose page lists the report.';
COMMENT ON COLUMN report_listings.provider_name IS 'The provider''s name as its page prints it.';
COMMENT ON COLUMN report_listings.provider_url IS 'The provider''s page on the report site.';
COMMENT ON COLUMN report_listings.local_authority IS 'The local authority the provider''s page gives.';
COMMENT ON COLUMN report_listings.title IS 'The report''s type as listed, e.g. School inspection, Monitoring visit.';
COMMENT ON COLUMN report_listings.inspection_date IS 'The date the listing gives the event (the inspection''s).';
COMMENT ON COLUMN report_listings.publication_date IS 'The publication date the listing gives the report file.';
COMMENT ON COLUMN report_listings.listed_at IS 'When a run last saw this listing.';
