namespace Billing.Core.Storage.PostgreSql.Ledgers;

/// <summary>
/// A batch met a concurrent writer it could not serialise with (a unique key or a new ledger's first position taken by another
/// process, a deadlock, a serialisation failure); the database rolled the batch back, so nothing was written and it may be run
/// again from a fresh read.
/// </summary>
internal sealed class LedgerBatchConflictException(string message, Exception innerException) : Exception(message, innerException);
