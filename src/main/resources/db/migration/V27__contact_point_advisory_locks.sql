-- Tixing schema v27: the per-contact-point lock of a decision is a transaction-scoped advisory lock on a key derived
-- from the address (BorrowerRepository.lockContactPoints), no longer a row of contact_point locked FOR UPDATE. A row
-- lock writes the row (its xmax) and a WAL record for every contact point of every decision, and the table kept
-- every full address ever contacted; an advisory lock lives in the lock manager's memory only and ends with the
-- transaction. The lock order (borrower rows by id, then contact points by key) and what it guarantees are unchanged.
-- (V25 and V26 were never shipped; they are left unused so no reader mistakes this file for an earlier attempt.)
DROP TABLE IF EXISTS contact_point;
