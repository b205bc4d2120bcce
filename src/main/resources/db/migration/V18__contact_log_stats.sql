-- Compliance dashboard (io.tixing.stats): every aggregate reads one slice "kind = ?, at in [start, end)" and only
-- these columns, so one covering index per monthly partition answers it with an index-only scan (no heap visits
-- once the partition is vacuumed, which autovacuum does for insert-only tables).
CREATE INDEX contact_log_stats ON contact_log (kind, at) INCLUDE (channel, outcome, decision, rule_pack, zone, borrower_id, reasons);
