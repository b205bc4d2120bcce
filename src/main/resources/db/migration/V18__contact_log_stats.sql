-- Compliance dashboard (io.tixing.stats): every aggregate reads one slice "kind = ?, at in [start, end)" and only
-- these columns, so one covering index per monthly partition answers it with an index-only scan (no heap visits
-- once the partition is vacuumed, which autovacuum does for insert-only tables). local_time is the borrower-local
-- time the entry recorded: the window and cap checks read it instead of converting every row's instant.
CREATE INDEX contact_log_stats ON contact_log (kind, at) INCLUDE (channel, outcome, decision, rule_pack, borrower_id, local_time, reasons);
