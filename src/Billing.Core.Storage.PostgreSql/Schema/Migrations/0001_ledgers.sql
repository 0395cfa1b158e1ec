-- Ledgers: one head per ledger (the signed sum of its entries and their count) and the entries themselves.
-- A ledger belongs to an account (owner_kind 1) or a customer (owner_kind 2); ledgers are never deleted, so nothing here
-- refers to the account and customer tables (a ledger outlives its owner, and may be written before it is stored).
-- Amounts are exact: numeric without a scale limit, so a decimal comes back with the value and scale it was written with.
-- Instants are exact to the nanosecond: microseconds since the Unix epoch plus the nanoseconds within that microsecond.

CREATE TABLE ledger_heads (
    owner_kind  smallint NOT NULL CHECK (owner_kind IN (1, 2)),
    owner_id    text     NOT NULL,
    currency    text     NOT NULL,
    funds       numeric  NOT NULL CHECK (funds BETWEEN -1000000000000000000 AND 1000000000000000000),
    entry_count bigint   NOT NULL CHECK (entry_count > 0),
    PRIMARY KEY (owner_kind, owner_id)
);

CREATE TABLE ledger_entries (
    owner_kind          smallint NOT NULL,
    owner_id            text     NOT NULL,
    position            bigint   NOT NULL CHECK (position > 0),   -- 1 for the ledger's first entry, then 2, 3, …
    transaction_id      text     NOT NULL,
    kind                smallint NOT NULL CHECK (kind BETWEEN 1 AND 6),
    amount              numeric  NOT NULL,
    amount_currency     text     NOT NULL,
    ledger_amount       numeric  NOT NULL,
    ledger_currency     text     NOT NULL,
    rate                numeric,                                  -- null when the amount is in the ledger's currency
    rate_from_us        bigint,
    rate_from_ns        smallint,
    at_us               bigint   NOT NULL,
    at_ns               smallint NOT NULL CHECK (at_ns BETWEEN 0 AND 999),
    idempotency_key     text     NOT NULL,
    notes               text     NOT NULL,
    reference           text,
    PRIMARY KEY (owner_kind, owner_id, position),
    CONSTRAINT ledger_entries_key UNIQUE (owner_kind, owner_id, idempotency_key),
    CHECK ((rate IS NULL) = (rate_from_us IS NULL) AND (rate IS NULL) = (rate_from_ns IS NULL))
);
