-- A document found in a corpus folder but never read (no permission, a FIFO, a symlink leading
-- out of the folder, a broken link) is recorded with its status and a NULL sha256: no bytes were
-- read, so none are claimed. The views are recreated after the migrations.
DROP VIEW IF EXISTS school_partnerships;
DROP VIEW IF EXISTS latest_inspections;
DROP VIEW IF EXISTS school_judgements;
DROP VIEW IF EXISTS partnership_network;
DROP VIEW IF EXISTS partnerships;
DROP VIEW IF EXISTS document_problems;
ALTER TABLE documents ALTER COLUMN sha256 DROP NOT NULL;
