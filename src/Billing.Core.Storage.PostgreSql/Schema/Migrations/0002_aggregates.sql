-- The aggregates: each row holds the aggregate's snapshot as jsonb (written with Billing.Core's BillingJsonContext) beside the
-- key columns that queries, unique keys and references need. The database enforces every unique key and reference:
--   customers: name among siblings after CustomerNames.Normalise (roots have a NULL parent, and NULLs collide);
--   customer classes: name per manager, ignoring case and spacing (the administrator is a NULL manager);
--   accounts: alias ignoring case; numbers: one customer at a time per active E.164 number (an exclusion constraint);
--   deletes of what is still referred to are refused by the foreign keys.
-- Dates of numbers are days since 1970-01-01, so any NodaTime date fits.

CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE customer_classes (
    id          text   PRIMARY KEY,
    version     bigint NOT NULL CHECK (version > 0),
    manager_id  text,                                  -- the managing reseller; NULL for the administrator
    name_key    text   NOT NULL,
    snapshot    jsonb  NOT NULL,
    CONSTRAINT customer_classes_name UNIQUE NULLS NOT DISTINCT (manager_id, name_key)
);

CREATE TABLE customers (
    id          text   PRIMARY KEY,
    version     bigint NOT NULL CHECK (version > 0),
    parent_id   text   CONSTRAINT customers_parent REFERENCES customers (id),
    class_id    text   CONSTRAINT customers_class REFERENCES customer_classes (id),
    name_key    text   NOT NULL,
    snapshot    jsonb  NOT NULL,
    CONSTRAINT customers_name UNIQUE NULLS NOT DISTINCT (parent_id, name_key)
);
CREATE INDEX customers_by_class ON customers (class_id);

CREATE TABLE accounts (
    id          text   PRIMARY KEY,
    version     bigint NOT NULL CHECK (version > 0),
    owner_id    text   NOT NULL CONSTRAINT accounts_owner REFERENCES customers (id),
    alias_key   text,                                  -- the alias in upper case; NULL when none
    snapshot    jsonb  NOT NULL,
    CONSTRAINT accounts_alias UNIQUE (alias_key)
);
CREATE INDEX accounts_by_owner ON accounts (owner_id);

CREATE TABLE numbers (
    id           text    PRIMARY KEY,
    version      bigint  NOT NULL CHECK (version > 0),
    owner_id     text    NOT NULL CONSTRAINT numbers_owner REFERENCES customers (id),
    account_id   text    CONSTRAINT numbers_account REFERENCES accounts (id),
    phone_number text    NOT NULL,                     -- E.164
    sold_day     integer NOT NULL,
    ceased_day   integer,                              -- NULL while in service
    snapshot     jsonb   NOT NULL,
    CONSTRAINT numbers_active EXCLUDE USING gist (phone_number WITH =, int4range(sold_day, ceased_day, '[]') WITH &&)
);
CREATE INDEX numbers_by_owner ON numbers (owner_id);
CREATE INDEX numbers_by_account ON numbers (account_id);
CREATE INDEX numbers_by_phone_number ON numbers (phone_number);

CREATE TABLE services (
    id          text   PRIMARY KEY,
    version     bigint NOT NULL CHECK (version > 0),
    owner_id    text   NOT NULL CONSTRAINT services_owner REFERENCES customers (id),
    snapshot    jsonb  NOT NULL
);
CREATE INDEX services_by_owner ON services (owner_id);
