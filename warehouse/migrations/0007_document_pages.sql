-- The reading-order text of every page, for full-text search (`schoolpipe search`, or
-- fts_main_document_pages.match_bm25 in `schoolpipe query`). The index is rebuilt by each run
-- before it publishes.
CREATE TABLE document_pages (
    page_id VARCHAR PRIMARY KEY,      -- <document_id>:<page>
    document_id VARCHAR NOT NULL,
    page INTEGER NOT NULL,
    text VARCHAR
);
COMMENT ON TABLE document_pages IS 'One row per page of every document that was read: its text in reading order (columns read one after the other, running headers and footers left out), for full-text search. Joins documents on document_id.';
COMMENT ON COLUMN document_pages.page_id IS 'The page''s id, <document_id>:<page>; the key of the full-text index (fts_main_document_pages.match_bm25(page_id, ''words'')).';
COMMENT ON COLUMN document_pages.document_id IS 'The document the page belongs to; joins documents.document_id.';
COMMENT ON COLUMN document_pages.page IS 'The page number, from 1 (text and HTML documents split into pages only at form feeds).';
COMMENT ON COLUMN document_pages.text IS 'The page''s text in reading order, as the extractors saw it (table cells separated by tabs, lines by newlines).';
