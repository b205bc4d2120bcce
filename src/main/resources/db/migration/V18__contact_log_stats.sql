-- Was: CREATE INDEX contact_log_stats ON contact_log (kind, at) INCLUDE (channel, outcome, decision, rule_pack,
-- borrower_id, local_time, reasons), a covering index for the dashboard's aggregates. It cost every append and the
-- aggregates still read every entry of the period (seconds for 31 days). The stats now read the rollup of V16
-- (contact_log_rollup*), which also drops this index where it had been created; on a fresh database it never is.
SELECT 1;
