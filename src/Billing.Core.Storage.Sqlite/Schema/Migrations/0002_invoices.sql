-- Billing.Core SQLite schema, version 2: invoices, one per customer and billing period, and each issuer's invoice numbers.

CREATE TABLE invoices (
    id           TEXT    NOT NULL PRIMARY KEY,
    customer_id  TEXT    NOT NULL REFERENCES customers (id),
    period_start INTEGER NOT NULL,                 -- the period's first day, as days since 1970-01-01
    version      INTEGER NOT NULL CHECK (version >= 1),
    snapshot     TEXT    NOT NULL                  -- InvoiceSnapshot as JSON
) STRICT;
-- One invoice per customer and period start (a billing run that resumes cannot invoice twice); also the index by customer.
CREATE UNIQUE INDEX invoices_customer_period ON invoices (customer_id, period_start);

-- The last number each issuer gave (its sequence runs 1, 2, 3, …), written in the transaction that issues the invoice.
-- Never deleted, and no foreign key: an issued invoice keeps its number for ever, so a sequence outlives its issuer's record.
CREATE TABLE invoice_sequences (
    issuer_id   TEXT    NOT NULL PRIMARY KEY,
    last_number INTEGER NOT NULL CHECK (last_number >= 1)
) STRICT, WITHOUT ROWID;
