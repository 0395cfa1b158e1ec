-- Billing.Core SQLite schema, version 1: the aggregates as JSON snapshots beside the key columns that queries, unique keys
-- and references need; the ledgers as heads and entries. Amounts are invariant decimal text, never computed by SQLite.

CREATE TABLE customer_classes (
    id          TEXT    NOT NULL PRIMARY KEY,
    manager_key TEXT    NOT NULL,                  -- '' for the administrator, otherwise the managing reseller's id
    name_key    TEXT    NOT NULL,                  -- the name ignoring case and spacing
    version     INTEGER NOT NULL CHECK (version >= 1),
    snapshot    TEXT    NOT NULL                   -- CustomerClassSnapshot as JSON
) STRICT;
CREATE UNIQUE INDEX customer_classes_name ON customer_classes (manager_key, name_key);

CREATE TABLE customers (
    id        TEXT    NOT NULL PRIMARY KEY,
    parent_id TEXT    NULL REFERENCES customers (id),
    class_id  TEXT    NULL REFERENCES customer_classes (id),
    name_key  TEXT    NOT NULL,                    -- CustomerNames.Normalise(name)
    version   INTEGER NOT NULL CHECK (version >= 1),
    snapshot  TEXT    NOT NULL                     -- CustomerSnapshot as JSON
) STRICT;
-- Roots have no parent: ifnull makes their NULL parents collide, so root names are unique too.
CREATE UNIQUE INDEX customers_sibling_name ON customers (ifnull(parent_id, ''), name_key);
CREATE INDEX customers_parent ON customers (parent_id);
CREATE INDEX customers_class ON customers (class_id);

CREATE TABLE accounts (
    id        TEXT    NOT NULL PRIMARY KEY,
    owner_id  TEXT    NOT NULL REFERENCES customers (id),
    alias_key TEXT    NULL UNIQUE,                 -- the alias in upper case (invariant); NULLs never clash
    version   INTEGER NOT NULL CHECK (version >= 1),
    snapshot  TEXT    NOT NULL                     -- AccountSnapshot as JSON
) STRICT;
CREATE INDEX accounts_owner ON accounts (owner_id);

CREATE TABLE numbers (
    id         TEXT    NOT NULL PRIMARY KEY,
    owner_id   TEXT    NOT NULL REFERENCES customers (id),
    account_id TEXT    NULL REFERENCES accounts (id),
    e164       TEXT    NOT NULL,                   -- PhoneNumber.Value
    version    INTEGER NOT NULL CHECK (version >= 1),
    snapshot   TEXT    NOT NULL                    -- NumberSnapshot as JSON
) STRICT;
CREATE INDEX numbers_owner ON numbers (owner_id);
CREATE INDEX numbers_account ON numbers (account_id);
CREATE INDEX numbers_e164 ON numbers (e164);

CREATE TABLE services (
    id       TEXT    NOT NULL PRIMARY KEY,
    owner_id TEXT    NOT NULL REFERENCES customers (id),
    version  INTEGER NOT NULL CHECK (version >= 1),
    snapshot TEXT    NOT NULL                      -- ServiceSnapshot as JSON
) STRICT;
CREATE INDEX services_owner ON services (owner_id);

-- Ledgers are never deleted and may exist before (or after) their owner's record: no foreign keys to the aggregates.
CREATE TABLE ledger_heads (
    owner_kind  INTEGER NOT NULL CHECK (owner_kind IN (1, 2)),   -- LedgerOwnerKind: 1 account, 2 customer
    owner_id    TEXT    NOT NULL,
    currency    TEXT    NOT NULL,
    funds       TEXT    NOT NULL,                  -- the signed sum of the entries' funds effects, decimal text
    entry_count INTEGER NOT NULL CHECK (entry_count >= 1),
    PRIMARY KEY (owner_kind, owner_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE ledger_entries (
    owner_kind          INTEGER NOT NULL CHECK (owner_kind IN (1, 2)),
    owner_id            TEXT    NOT NULL,
    position            INTEGER NOT NULL CHECK (position >= 1),   -- 1, 2, 3, … within the ledger: the head's count once written
    transaction_id      TEXT    NOT NULL,
    kind                INTEGER NOT NULL CHECK (kind BETWEEN 1 AND 6),   -- TransactionKind
    amount              TEXT    NOT NULL,          -- decimal text, in currency
    currency            TEXT    NOT NULL,
    ledger_amount       TEXT    NOT NULL,          -- decimal text, in ledger_currency
    ledger_currency     TEXT    NOT NULL,
    rate                TEXT    NULL,              -- the exchange rate used (decimal text), or NULL
    rate_effective_from TEXT    NULL,              -- its start, ISO instant
    at                  TEXT    NOT NULL,          -- ISO instant, up to nanoseconds
    idempotency_key     TEXT    NOT NULL,
    notes               TEXT    NOT NULL,
    reference           TEXT    NULL,
    PRIMARY KEY (owner_kind, owner_id, position),
    UNIQUE (owner_kind, owner_id, idempotency_key)
) STRICT, WITHOUT ROWID;
