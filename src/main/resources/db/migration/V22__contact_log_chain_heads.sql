-- Every chain head exists from the start: an append takes the first free head from its preferred chain on
-- (FOR UPDATE SKIP LOCKED), and a head that does not exist could not be taken. An empty chain is length 0 at the
-- genesis hash, exactly what a whole-chain verification expects of a chain with no entries.
INSERT INTO contact_log_chain (chain_id, length, last_hash)
SELECT g, 0, repeat('0', 64) FROM generate_series(0, 15) AS g
ON CONFLICT (chain_id) DO NOTHING;
