-- What every table and column holds, readable from the database itself (duckdb_tables(),
-- duckdb_columns(), `schoolpipe schema`). The views carry their own comments in the view files,
-- because they are recreated after every migration pass. A later migration that rebuilds a table
-- (as 0004 did) must repeat that table's comments.

-- runs ---------------------------------------------------------------------------------------
COMMENT ON TABLE runs IS 'One row per run of the pipeline (run, refresh, nightly, reprocess): what it read, how it ended and what it counted. An append-only log, the only table a repeated run adds to; documents.loaded_run_id joins run_id.';
COMMENT ON COLUMN runs.run_id IS 'The run''s id, 12 hexadecimal characters; documents.loaded_run_id refers to it.';
COMMENT ON COLUMN runs.command IS 'The command that started the run: run (schoolpipe run, with --corpus or --sources), refresh, nightly (the scheduled deployment) or reprocess.';
COMMENT ON COLUMN runs.corpus IS 'What the run read: the corpus folder for run --corpus, the sources file for run --sources, refresh and nightly, or the raw store folder (raw_dir) for reprocess.';
COMMENT ON COLUMN runs.started_at IS 'When the run began, in the local time of the machine that ran it.';
COMMENT ON COLUMN runs.finished_at IS 'When the run ended, in local time. NULL while it is running; for a run killed outright, NULL or the time the next run found it.';
COMMENT ON COLUMN runs.documents_seen IS 'Documents the run found in its corpus folder or sources, changed or not. NULL until the run ends, and for a run killed outright.';
COMMENT ON COLUMN runs.documents_processed IS 'Documents the run parsed and extracted (or recorded as never read) and loaded. NULL until the run ends, and for a run killed outright.';
COMMENT ON COLUMN runs.documents_unchanged IS 'Documents skipped because their bytes and the parser and extractor versions were the same as when they were loaded. NULL until the run ends, and for a run killed outright.';
COMMENT ON COLUMN runs.documents_failed IS 'Documents loaded with a status other than ok, plus URLs that could not be fetched (the failures in the run summary). NULL until the run ends, and for a run killed outright.';
COMMENT ON COLUMN runs.status IS 'How the run stands: running, completed, failed, or interrupted (stopped by Ctrl-C or SIGTERM, or killed and found by the next run).';
COMMENT ON COLUMN runs.parser_version IS 'Version of the parser that ran: a hash of its code, pattern and schema files and the versions of the libraries it uses.';
COMMENT ON COLUMN runs.extractor_version IS 'Version of the extractors that ran: a hash of their code and pattern files; compare documents.extractor_version.';
COMMENT ON COLUMN runs.requests IS 'HTTP requests the run made, robots.txt and retries included. NULL for runs that fetch nothing (run --corpus, reprocess).';
COMMENT ON COLUMN runs.downloads IS 'URLs whose bytes the run downloaded. NULL for runs that fetch nothing (run --corpus, reprocess).';
COMMENT ON COLUMN runs.not_modified IS 'URLs the server answered 304 Not Modified, so nothing was downloaded. NULL for runs that fetch nothing (run --corpus, reprocess).';
COMMENT ON COLUMN runs.fetch_failures IS 'URLs (and folder sources) the run could not fetch; their reasons are in fetches.status and fetches.error. NULL for runs that fetch nothing (run --corpus, reprocess).';

-- documents ----------------------------------------------------------------------------------
COMMENT ON TABLE documents IS 'One row per document location (file or URL), in its latest state: what it is, whether it could be used (status, error) and which versions read it. Every extracted table joins here on document_id.';
COMMENT ON COLUMN documents.document_id IS 'Stable id of the location: the first 20 hexadecimal characters of the SHA-256 of uri, so a changed file keeps its id and its rows are replaced. Joins document_id in every other table.';
COMMENT ON COLUMN documents.uri IS 'The URL the document was fetched from, or the absolute local path it was read from; unique. Joins fetches.url for fetched documents.';
COMMENT ON COLUMN documents.file_name IS 'The last part of uri (the query string removed), e.g. ofsted-103980-2016.pdf.';
COMMENT ON COLUMN documents.sha256 IS 'SHA-256 (hexadecimal) of the bytes parsed, also the name of their copy in the raw store; joins fetches.sha256. NULL for a document found but never read (unreadable, not_a_file, link_outside, broken_link, or a local file over max_bytes recorded as too_large).';
COMMENT ON COLUMN documents.size_bytes IS 'Size of the file or download in bytes; 0 for a document found but never read, except a too_large one, which carries its size.';
COMMENT ON COLUMN documents.media_type IS 'What the bytes are, read from the bytes themselves rather than the name or a server''s header: application/pdf, text/html or text/plain. NULL when the document could not be parsed.';
COMMENT ON COLUMN documents.kind IS 'What the document is: inspection_report, monitoring_letter, short_inspection_letter, case_study or other (README, What a document is). NULL when status is not ok.';
COMMENT ON COLUMN documents.page_count IS 'Pages of the parsed document: a PDF''s pages; text and HTML are split into pages only at form feeds, so usually 1. NULL when the document could not be parsed.';
COMMENT ON COLUMN documents.status IS 'Whether the document could be used: ok, or one of needs_ocr, empty, corrupt, encrypted, unsupported, wrong_type, too_large, timeout, crashed, parse_error, extract_error, and for a document found but never read unreadable, not_a_file, link_outside, broken_link. Anything but ok means nothing was extracted (README, Document statuses).';
COMMENT ON COLUMN documents.error IS 'What went wrong and what to do about it, in one line, when status is not ok; NULL when status is ok.';
COMMENT ON COLUMN documents.parser_version IS 'Version of the parser that read it: a hash of its code, pattern and schema files and its libraries'' versions. A change reprocesses the document.';
COMMENT ON COLUMN documents.extractor_version IS 'Version of the extractors that read it: a hash of their code and pattern files, the same value as on its extracted rows. A change reprocesses the document.';
COMMENT ON COLUMN documents.loaded_run_id IS 'The run that last (re)loaded this document; joins runs.run_id.';
COMMENT ON COLUMN documents.processing_seconds IS 'Wall-clock seconds spent reading, parsing and extracting the document in a worker (four decimal places); 0 for a document found but never read.';

-- inspections --------------------------------------------------------------------------------
COMMENT ON TABLE inspections IS 'One row per inspection a document records (at most one per document; none for case studies, nor for other documents without dates or grades): the inspected body, dates, type, framework, remit, overall grade and categories of concern. Joins documents on document_id and judgements on inspection_id.';
COMMENT ON COLUMN inspections.inspection_id IS 'The inspection''s id, the document_id followed by :i1; judgements.inspection_id refers to it.';
COMMENT ON COLUMN inspections.document_id IS 'The document the inspection was read from; joins documents.document_id.';
COMMENT ON COLUMN inspections.school_name IS 'The inspected body''s name as printed: a school, a provider, a council (local_authority remit) or a trust. NULL when it was not found.';
COMMENT ON COLUMN inspections.urn IS 'The Unique Reference Number printed beside its label (6 digits, sometimes 7), kept as text. NULL when the document prints none.';
COMMENT ON COLUMN inspections.postcode IS 'The inspected body''s postcode in upper case with one space (e.g. B69 2DP); Ofsted''s own office postcodes are ignored. NULL for the local_authority and trust remits and when none was found.';
COMMENT ON COLUMN inspections.local_authority IS 'The local authority as printed beside its label (e.g. Sandwell). NULL when the document prints none.';
COMMENT ON COLUMN inspections.school_type IS 'The type of school as printed beside "Type of school" (e.g. Primary, First). NULL when not printed.';
COMMENT ON COLUMN inspections.school_category IS 'The school category as printed beside "School category" (e.g. Community, Maintained, Academy converter). NULL when not printed.';
COMMENT ON COLUMN inspections.inspection_start IS 'First day of the inspection, from the document''s labelled inspection dates (a previous inspection''s date is skipped). NULL when no date was found.';
COMMENT ON COLUMN inspections.inspection_end IS 'Last day of the inspection; equal to inspection_start for a one-day inspection. NULL when only a start date is printed (a report card''s "Inspection report: <date>") or no date was found.';
COMMENT ON COLUMN inspections.inspection_type IS 'Type of inspection. Schools: section_5, section_8 (short and ungraded inspections), monitoring, other; independent schools: standard, pre_registration, material_change, progress_monitoring, additional; local authorities: safeguarding_and_looked_after, sif, ilacs, focused_visit, monitoring, joint_targeted_area, area_send, lscb_review; trusts: trust_evaluation; other remits: other.';
COMMENT ON COLUMN inspections.framework IS 'Inspection framework, by the inspection''s first day: pre2005 (before Sept 2005), 2005, 2009, 2012, 2015, 2019 (each from 1 September of that year), 2024 (1 Sept 2024 to 9 Nov 2025), 2025 (report cards, from 10 Nov 2025); local authorities la2009, sif or ilacs. NULL where the remit has no framework (regulatory visits, trusts, social care, initial teacher education) or the document is undated.';
COMMENT ON COLUMN inspections.remit IS 'The part of Ofsted''s work the inspection belongs to: school (state-funded schools), independent_school, early_years, further_education, local_authority (children''s services), trust, social_care, initial_teacher_education, or other (documents that are not Ofsted''s).';
COMMENT ON COLUMN inspections.overall_effectiveness IS 'The inspected body''s own overall grade, whatever the remit, in the framework''s words (as judgements.grade, e.g. Good); short inspection letters give it as "continues to be good". NULL when none is stated, as for schools under the 2024 and 2025 frameworks, which give no overall grade.';
COMMENT ON COLUMN inspections.previous_overall_effectiveness IS 'Overall grade at the previous inspection, as the report states it beside its grade table (e.g. "Previous inspection: Good"). School and early_years remits only; NULL otherwise or when not stated.';
COMMENT ON COLUMN inspections.special_measures IS 'TRUE when the document formally places or keeps the school in special measures (a mention of history does not count; a statement that it no longer is wins). NULL outside the school remit.';
COMMENT ON COLUMN inspections.serious_weaknesses IS 'TRUE when the school is formally judged to have serious weaknesses, or given a notice to improve (the earlier name of the same category of concern). NULL outside the school remit.';
COMMENT ON COLUMN inspections.notice_to_improve IS 'TRUE when the school is formally given a notice to improve (the 2005 to 2012 category of concern; serious_weaknesses is then TRUE too). NULL outside the school remit.';
COMMENT ON COLUMN inspections.safeguarding IS 'The safeguarding verdict: Met or Not met (report cards), Effective or Not effective (earlier reports). NULL when the document states none.';
COMMENT ON COLUMN inspections.evidence IS 'Which rules decided the kind, dates and identity, as notes separated by "; ": kind: <rule ids>; dates: <dates as printed> [<rule id>]; identity: <rule ids>.';
COMMENT ON COLUMN inspections.extractor_version IS 'Version of the extractors that produced this row (a hash of their code and pattern files); equals documents.extractor_version.';

-- judgements ---------------------------------------------------------------------------------
COMMENT ON TABLE judgements IS 'One row per graded area printed in a document''s grade table (or stated as a headline sentence), Overall effectiveness included; the grade at the previous inspection is in inspections.previous_overall_effectiveness instead. Joins documents on document_id and inspections on inspection_id.';
COMMENT ON COLUMN judgements.judgement_id IS 'The judgement''s id, the document_id followed by :j and its position among the document''s judgements.';
COMMENT ON COLUMN judgements.document_id IS 'The document the grade was read from; joins documents.document_id.';
COMMENT ON COLUMN judgements.inspection_id IS 'The inspection the grade belongs to; joins inspections.inspection_id. NULL only if the document has no inspection row.';
COMMENT ON COLUMN judgements.area IS 'The graded area''s label as printed, whitespace collapsed (e.g. Quality of education); a few long variants are stored under their usual label, such as Overall effectiveness.';
COMMENT ON COLUMN judgements.area_key IS 'The area, normalised across frameworks (e.g. overall_effectiveness, quality_of_education, leadership_and_management, early_years, sixth_form; for local authorities help_and_protection, children_in_care, lscb; for monitoring letters progress_since_special_measures). At most one row per area_key in a document.';
COMMENT ON COLUMN judgements.grade IS 'The grade in the framework''s own words: Outstanding, Good, Requires improvement, Satisfactory (grade 3, 2005 to Aug 2012), Adequate (local authorities'' grade 3), Inadequate; report cards Exceptional, Strong standard, Expected standard, Needs attention, Urgent improvement, Insufficient evidence.';
COMMENT ON COLUMN judgements.grade_score IS 'The grade on Ofsted''s four-point scales, 1 (Outstanding) to 4 (Inadequate); a digit printed beside the grade word is taken as printed. NULL for report-card grades, which are not on that scale.';
COMMENT ON COLUMN judgements.grade_scale IS 'The scale the grade is on: ofsted (the four-point scales of 2005 onwards, local authorities'' included) or report_card (from November 2025).';
COMMENT ON COLUMN judgements.grade_rank IS 'Order of the grade on its own scale, 1 = best: 1 to 4 on the ofsted scale, 1 (Exceptional) to 5 (Urgent improvement) on report cards. NULL for Insufficient evidence.';
COMMENT ON COLUMN judgements.page IS 'Page (1-based) on which the area''s label is printed.';
COMMENT ON COLUMN judgements.start_char IS 'Offset of the area label''s first character (or the headline sentence''s) in the document''s reading-order text (0-based; running headers and footers are not in that text).';
COMMENT ON COLUMN judgements.end_char IS 'Offset just past the grade (end exclusive) in the document''s reading-order text.';
COMMENT ON COLUMN judgements.evidence IS 'The label and grade as printed, from start_char to end_char, whitespace collapsed.';
COMMENT ON COLUMN judgements.rule_id IS 'The rules that read it, from extractors/judgements.patterns.jsonl: the area pattern''s id and the grade pattern''s id joined by + (e.g. area-oe-1+grade-good-1, or a digits- scale for a bare digit), or one sentence- rule for a headline sentence.';
COMMENT ON COLUMN judgements.extractor_version IS 'Version of the extractors that produced this row (a hash of their code and pattern files); equals documents.extractor_version.';

-- partnership_mentions -----------------------------------------------------------------------
COMMENT ON TABLE partnership_mentions IS 'One row per mention of a partnership of schools: named ones (a trust, federation, alliance, cluster, programme) and unnamed, typed ones ("a hard federation"). Joins documents on document_id; partnership_id joins partnership_members, collaboration_activities and the partnerships view.';
COMMENT ON COLUMN partnership_mentions.mention_id IS 'The mention''s id, the document_id followed by :p and its position among the document''s mentions in reading order.';
COMMENT ON COLUMN partnership_mentions.document_id IS 'The document it was read from; joins documents.document_id.';
COMMENT ON COLUMN partnership_mentions.name IS 'For a named partnership its fullest name in the document (one name per partnership, shorter forms mapped to it); for an unnamed one the phrase used, e.g. teaching school alliance, federated with A and B.';
COMMENT ON COLUMN partnership_mentions.mention_text IS 'The words as printed at this place, whitespace collapsed (may be a shorter form of name).';
COMMENT ON COLUMN partnership_mentions.partnership_type IS 'The kind of partnership, from its name''s last words or the rule that found it: e.g. multi_academy_trust, single_academy_trust, trust, cooperative_trust, federation, teaching_school_alliance, teaching_school_hub, hub, maths_hub, research_school, alliance, network, cluster, collaboration, consortium, group, partnership, programme (a national programme such as Challenge Partners).';
COMMENT ON COLUMN partnership_mentions.named IS 'TRUE for a named partnership (one partnership_id across all documents); FALSE for an unnamed, typed mention, which is its document''s own.';
COMMENT ON COLUMN partnership_mentions.sentence IS 'The sentence the mention is in, whitespace collapsed, at most 600 characters.';
COMMENT ON COLUMN partnership_mentions.page IS 'Page (1-based) on which the mention starts.';
COMMENT ON COLUMN partnership_mentions.start_char IS 'Offset of the mention''s first character in the document''s reading-order text (0-based).';
COMMENT ON COLUMN partnership_mentions.end_char IS 'Offset just past the mention (end exclusive) in the document''s reading-order text.';
COMMENT ON COLUMN partnership_mentions.rule_id IS 'Id of the pattern in extractors/partnerships.patterns.jsonl that found it (federated-with for "federated with A and B").';
COMMENT ON COLUMN partnership_mentions.extractor_version IS 'Version of the extractors that produced this row (a hash of their code and pattern files); equals documents.extractor_version.';
COMMENT ON COLUMN partnership_mentions.partnership_key IS 'For a named partnership its name folded for case, a leading "the", "&" and punctuation (the same partnership in every document); for an unnamed one ~ and its type, e.g. ~federation.';
COMMENT ON COLUMN partnership_mentions.partnership_id IS 'The partnership''s id: p- and a hash of partnership_key for a named one, shared across documents; u- and a hash of the document and key for an unnamed one. Joins partnership_members, collaboration_activities and the partnerships view.';

-- fetches ------------------------------------------------------------------------------------
COMMENT ON TABLE fetches IS 'One row per URL fetched from the sources file (index pages and documents), in its latest state, for conditional requests and reports. A 304 Not Modified answer changes nothing; documents fetched join documents on url = uri.';
COMMENT ON COLUMN fetches.url IS 'The URL as listed or linked (for a folder source that could not be read, the folder''s path); equals documents.uri for the documents it gave.';
COMMENT ON COLUMN fetches.source IS 'Name of the source in the sources file that listed it (the first one, when two sources list the same URL).';
COMMENT ON COLUMN fetches.status IS 'Outcome of the latest fetch that changed something: downloaded, or a failure (http_error, timeout, connection_error, too_large, truncated, bad_redirect, bad_url, bad_response, robots_disallowed, robots_unreachable, folder_missing, fetch_error). A 304 answer leaves the row as it was, so not_modified is not stored here (runs.not_modified counts them).';
COMMENT ON COLUMN fetches.http_status IS 'HTTP status code of that latest answer (e.g. 200, 404, 503). NULL when no response came (a timeout, a connection error, a bad URL).';
COMMENT ON COLUMN fetches.etag IS 'The ETag the server sent with the last download, sent back as If-None-Match next time. NULL when the server sent none or nothing was downloaded.';
COMMENT ON COLUMN fetches.last_modified IS 'The Last-Modified header of the last download, as text exactly as the server wrote it, sent back as If-Modified-Since next time. NULL when the server sent none or nothing was downloaded.';
COMMENT ON COLUMN fetches.sha256 IS 'SHA-256 (hexadecimal) of the bytes last downloaded, kept when a later fetch fails; the name of their copy in the raw store, and joins documents.sha256. NULL when nothing was ever downloaded.';
COMMENT ON COLUMN fetches.bytes IS 'Size of the last download in bytes. NULL when nothing was ever downloaded.';
COMMENT ON COLUMN fetches.content_type IS 'The Content-Type header of the last download, as the server said (it may disagree with media_type). NULL when nothing was ever downloaded.';
COMMENT ON COLUMN fetches.media_type IS 'What the downloaded bytes are, read from the bytes: application/pdf, text/html, text/plain or application/octet-stream. NULL when nothing was ever downloaded.';
COMMENT ON COLUMN fetches.final_url IS 'The URL the last download came from after redirects (only http and https redirects are followed). NULL when nothing was ever downloaded.';
COMMENT ON COLUMN fetches.fetched_at IS 'When the bytes in sha256 were downloaded, in local time; a 304 answer or a failure leaves it unchanged. NULL when nothing was ever downloaded.';
COMMENT ON COLUMN fetches.error IS 'What went wrong and what to do about it, for a failure status; NULL after a successful download.';

-- partnership_members ------------------------------------------------------------------------
COMMENT ON TABLE partnership_members IS 'One row per school in a partnership, as a document says (case-study establishment blocks, "federated with A and B", "part of the X Trust", lists of member schools), at most one per school and partnership in a document. Joins documents on document_id and partnerships on partnership_id.';
COMMENT ON COLUMN partnership_members.member_id IS 'The row''s id, the document_id followed by :m and its position among the document''s members.';
COMMENT ON COLUMN partnership_members.document_id IS 'The document that says so; joins documents.document_id.';
COMMENT ON COLUMN partnership_members.partnership_id IS 'The partnership''s id, as in partnership_mentions (p- for a named partnership, u- for a document''s unnamed one); joins the partnerships view.';
COMMENT ON COLUMN partnership_members.partnership_key IS 'The partnership''s key, as in partnership_mentions: the folded name of a named one, or ~ and a type (~federation; ~collaboration for establishment blocks in a document that names no partnership).';
COMMENT ON COLUMN partnership_members.partnership_name IS 'The partnership''s name as the document gives it: its fullest name, the "federated with …" phrase, or collaboration when establishment blocks name no partnership.';
COMMENT ON COLUMN partnership_members.school_name IS 'The member school''s name as printed (tidied of words around it).';
COMMENT ON COLUMN partnership_members.role IS 'The school''s part: lead (a case study''s Lead Establishment), member, or this_school (the school the inspection report is about).';
COMMENT ON COLUMN partnership_members.urn IS 'The school''s Unique Reference Number, known only for this_school (from the report); NULL otherwise.';
COMMENT ON COLUMN partnership_members.postcode IS 'The school''s postcode in upper case with one space, from an establishment block''s address or, for this_school, the report. NULL otherwise.';
COMMENT ON COLUMN partnership_members.address IS 'The address as printed in a case study''s establishment block; NULL elsewhere.';
COMMENT ON COLUMN partnership_members.telephone IS 'The telephone number as printed in a case study''s establishment block; NULL elsewhere.';
COMMENT ON COLUMN partnership_members.email IS 'The email address as printed in a case study''s establishment block; NULL elsewhere.';
COMMENT ON COLUMN partnership_members.headteacher IS 'The headteacher or manager as printed in a case study''s establishment block ("Headteacher / Manager"); NULL elsewhere.';
COMMENT ON COLUMN partnership_members.local_authority IS 'The local authority, from a case study''s establishment block or, for this_school, the report; NULL otherwise.';
COMMENT ON COLUMN partnership_members.phase IS 'The phase of education as printed in a case study''s establishment block (e.g. Primary); NULL elsewhere.';
COMMENT ON COLUMN partnership_members.school_type IS 'The type and status of provider as printed in a case study''s establishment block (e.g. Community school); NULL elsewhere.';
COMMENT ON COLUMN partnership_members.page IS 'Page (1-based) on which the statement or block starts.';
COMMENT ON COLUMN partnership_members.start_char IS 'Offset of the statement''s or block''s first character in the document''s reading-order text (0-based).';
COMMENT ON COLUMN partnership_members.end_char IS 'Offset just past the statement or block (end exclusive) in the document''s reading-order text.';
COMMENT ON COLUMN partnership_members.evidence IS 'The text it was read from, whitespace collapsed (an establishment block''s at most 600 characters).';
COMMENT ON COLUMN partnership_members.rule_id IS 'Id of the pattern in extractors/membership.patterns.jsonl that read it (federated-with for "federated with A and B").';
COMMENT ON COLUMN partnership_members.extractor_version IS 'Version of the extractors that produced this row (a hash of their code and pattern files); equals documents.extractor_version.';

-- collaboration_activities -------------------------------------------------------------------
COMMENT ON TABLE collaboration_activities IS 'One row per phrase naming something schools do together (joint moderation, peer review, shared CPD…), each attributed to its document''s main partnership. Joins documents on document_id and partnerships on partnership_id.';
COMMENT ON COLUMN collaboration_activities.activity_id IS 'The row''s id, the document_id followed by :a and its position among the document''s activities in reading order.';
COMMENT ON COLUMN collaboration_activities.document_id IS 'The document it was read from; joins documents.document_id.';
COMMENT ON COLUMN collaboration_activities.partnership_id IS 'The document''s main partnership (its most mentioned named partnership, else its first unnamed one), not one read from the sentence itself; joins partnerships. NULL when the document mentions no partnership.';
COMMENT ON COLUMN collaboration_activities.partnership_key IS 'The main partnership''s key, as in partnership_mentions. NULL when the document mentions no partnership.';
COMMENT ON COLUMN collaboration_activities.activity IS 'The activity, normalised: joint_moderation, learning_walks, peer_review, joint_cpd, shared_staff, joint_governor_training, school_to_school_support, joint_development_plans, sharing_good_practice, joint_commissioning or joint_events.';
COMMENT ON COLUMN collaboration_activities.phrase IS 'The words as printed, whitespace collapsed (e.g. joint moderation, learning walks).';
COMMENT ON COLUMN collaboration_activities.sentence IS 'The sentence the phrase is in, whitespace collapsed, at most 600 characters.';
COMMENT ON COLUMN collaboration_activities.page IS 'Page (1-based) on which the phrase starts.';
COMMENT ON COLUMN collaboration_activities.start_char IS 'Offset of the phrase''s first character in the document''s reading-order text (0-based).';
COMMENT ON COLUMN collaboration_activities.end_char IS 'Offset just past the phrase (end exclusive) in the document''s reading-order text.';
COMMENT ON COLUMN collaboration_activities.rule_id IS 'Id of the pattern in extractors/activities.patterns.jsonl that matched (e.g. moderation-joint, peer-review).';
COMMENT ON COLUMN collaboration_activities.extractor_version IS 'Version of the extractors that produced this row (a hash of their code and pattern files); equals documents.extractor_version.';

-- grade_mentions -----------------------------------------------------------------------------
COMMENT ON TABLE grade_mentions IS 'One row per Ofsted grade quoted in prose (case studies, letters, pages that are not Ofsted''s), not a report''s own grade table: one school''s grade or an aggregate over many schools, with flags for hypothetical, previous and negated statements. Joins documents on document_id.';
COMMENT ON COLUMN grade_mentions.grade_mention_id IS 'The row''s id, the document_id followed by :g and its position among the document''s grade mentions in reading order.';
COMMENT ON COLUMN grade_mentions.document_id IS 'The document it was read from; joins documents.document_id.';
COMMENT ON COLUMN grade_mentions.statement IS 'What kind of statement: single (one grade of one school or area), continues ("this school continues to be good"), aggregate_share (a share of schools at a grade, "76% Good") or aggregate_all ("all our schools are good or outstanding").';
COMMENT ON COLUMN grade_mentions.grade IS 'The grade, normalised as in judgements.grade (e.g. Good); for a range such as "good or outstanding" or "good or better" the lower bound; "grade 2" read by the scale of its era. NULL when no grade word could be read.';
COMMENT ON COLUMN grade_mentions.area IS 'The graded area as printed (e.g. Effectiveness of leadership and management), abbreviations such as L&M spelt out. NULL when the statement names none.';
COMMENT ON COLUMN grade_mentions.school_name IS 'The school the grade is about, from a heading line above it. NULL where the text does not say, and always for aggregates.';
COMMENT ON COLUMN grade_mentions.about_date IS 'The date the grade is about, as printed or ISO (e.g. Feb 2017, 2014), from the heading line above, the year in a previous-grade statement, or an aggregate''s "since …" phrase (e.g. since 2015); text, not a DATE. NULL when not stated.';
COMMENT ON COLUMN grade_mentions.hypothetical IS 'TRUE for a hypothetical ("could be judged outstanding"): not a grade anyone was given.';
COMMENT ON COLUMN grade_mentions.previous IS 'TRUE when the grade is from an earlier inspection ("at its previous inspection", "(2014 L&M RI)").';
COMMENT ON COLUMN grade_mentions.negated IS 'TRUE when the statement denies the grade ("not yet good", "It is not good because").';
COMMENT ON COLUMN grade_mentions.share_percent IS 'For an aggregate, the share of schools at the grade in per cent (0 to 100; 100 for aggregate_all). NULL for single and continues statements.';
COMMENT ON COLUMN grade_mentions.of_schools IS 'For an aggregate, the number of schools it is about ("all 16 schools", "16 schools have received"). NULL when no number is stated.';
COMMENT ON COLUMN grade_mentions.sentence IS 'The sentence the grade is quoted in, whitespace collapsed, at most 600 characters.';
COMMENT ON COLUMN grade_mentions.page IS 'Page (1-based) on which the statement starts.';
COMMENT ON COLUMN grade_mentions.start_char IS 'Offset of the statement''s first character in the document''s reading-order text (0-based).';
COMMENT ON COLUMN grade_mentions.end_char IS 'Offset just past the statement (end exclusive) in the document''s reading-order text.';
COMMENT ON COLUMN grade_mentions.rule_id IS 'Id of the rule in extractors/grade_mentions.patterns.jsonl that read it (e.g. verb-judged, aggregate-share, continues-subject).';
COMMENT ON COLUMN grade_mentions.extractor_version IS 'Version of the extractors that produced this row (a hash of their code and pattern files); equals documents.extractor_version.';

-- metrics ------------------------------------------------------------------------------------
COMMENT ON TABLE metrics IS 'One row per figure in prose: progress scores and percentages, with the subject, pupil group, year and place they are about and what they are compared with. Joins documents on document_id.';
COMMENT ON COLUMN metrics.metric_id IS 'The row''s id, the document_id followed by :x and its position among the document''s figures in reading order.';
COMMENT ON COLUMN metrics.document_id IS 'The document it was read from; joins documents.document_id.';
COMMENT ON COLUMN metrics.measure IS 'What the figure is: progress_score (a progress score such as +0.2 or -0.7, read only in a sentence about progress) or percentage.';
COMMENT ON COLUMN metrics.value IS 'The figure as a number, sign kept: the score itself, or the percentage in per cent (23% is 23.0).';
COMMENT ON COLUMN metrics.subject IS 'The subject it is about: reading, writing, maths, English, science, phonics, GPS (grammar, punctuation and spelling) or combined (reading, writing and maths). NULL when none is named near it.';
COMMENT ON COLUMN metrics.pupil_group IS 'The pupils it is about: disadvantaged, FSM, SEND, EAL, boys, girls, most able or all. NULL when no group is named.';
COMMENT ON COLUMN metrics.year IS 'The year it is about: the last year named before it in its sentence, else the first after it; an academic year such as 2015/16 counts as its second year (2016). NULL when none is named.';
COMMENT ON COLUMN metrics.area IS 'The place it is about, as printed before the figure (e.g. Stoke-on-Trent). NULL when none is named.';
COMMENT ON COLUMN metrics.comparison IS 'What it is compared with: national, regional, statistical neighbours, local authority or a region as printed (e.g. West Midlands), several joined by " and ". NULL when no comparison is made.';
COMMENT ON COLUMN metrics.comparison_value IS 'The figure it is compared with, printed after it ("-0.2 Reading (national -0.7)" gives -0.7), in the same unit as value. NULL when none is printed.';
COMMENT ON COLUMN metrics.text IS 'The number as printed (e.g. +0.2, 23%).';
COMMENT ON COLUMN metrics.sentence IS 'The sentence the figure is in, whitespace collapsed, at most 600 characters (the part around the figure for a longer one).';
COMMENT ON COLUMN metrics.page IS 'Page (1-based) on which the number is printed.';
COMMENT ON COLUMN metrics.start_char IS 'Offset of the number''s first character in the document''s reading-order text (0-based).';
COMMENT ON COLUMN metrics.end_char IS 'Offset just past the number (end exclusive) in the document''s reading-order text.';
COMMENT ON COLUMN metrics.rule_id IS 'Id of the number pattern in extractors/metrics.patterns.jsonl: num-percent, num-per-cent or num-progress-score.';
COMMENT ON COLUMN metrics.extractor_version IS 'Version of the extractors that produced this row (a hash of their code and pattern files); equals documents.extractor_version.';

-- schema_migrations --------------------------------------------------------------------------
COMMENT ON TABLE schema_migrations IS 'One row per schema migration applied to this warehouse (warehouse/migrations/NNNN_name.sql); the highest version is the schema''s version.';
COMMENT ON COLUMN schema_migrations.version IS 'The migration''s number, from its file name (6 for 0006_comments.sql).';
COMMENT ON COLUMN schema_migrations.name IS 'The migration''s name, from its file name (comments for 0006_comments.sql).';
COMMENT ON COLUMN schema_migrations.applied_at IS 'When the migration was applied to this warehouse, in local time.';
