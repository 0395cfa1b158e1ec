-- Invoices, one per customer and billing period (constraint invoices_period: a billing run that resumes cannot invoice twice),
-- and each issuer's invoice numbers. A customer with invoices cannot be deleted (invoices_customer).
-- Period starts are days since 1970-01-01, so any NodaTime date fits and the column orders as the dates do.

CREATE TABLE invoices (
    id           text    PRIMARY KEY,
    version      bigint  NOT NULL CHECK (version > 0),
    customer_id  text    NOT NULL CONSTRAINT invoices_customer REFERENCES customers (id),
    period_start integer NOT NULL,
    snapshot     jsonb   NOT NULL,
    CONSTRAINT invoices_period UNIQUE (customer_id, period_start)
);

-- The last number each issuer gave (its sequence runs 1, 2, 3, …). IssueAsync moves it on with INSERT … ON CONFLICT DO UPDATE,
-- which locks the issuer's row until the transaction that also writes the issued invoice commits or rolls back.
-- Never deleted, and no foreign key: an issued invoice keeps its number for ever, so a sequence outlives its issuer's record.
CREATE TABLE invoice_sequences (
    issuer_id   text   PRIMARY KEY,
    last_number bigint NOT NULL CHECK (last_number > 0)
);

-- Customers page by page (ListPageAsync) compare and order ids as bytes, whatever the database's default collation.
CREATE INDEX customers_by_id_bytes ON customers (id COLLATE "C");
