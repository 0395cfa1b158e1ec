namespace Billing.Core.Storage.Sqlite.Writing;

/// <summary>A write to the database, queued for the store's one writer.</summary>
/// <typeparam name="TResult">What the caller awaits.</typeparam>
/// <param name="operation">The store operation, named in the exception when the batch fails (e.g. <c>AuthoriseAndAppendAsync</c>).</param>
/// <param name="cancellationToken">The caller's token.</param>
internal abstract class SqliteWrite<TResult>(string operation, CancellationToken cancellationToken) : QueuedWrite<WriteBatch, TResult>(cancellationToken)
{
    /// <summary>The store operation.</summary>
    public string Operation { get; } = operation;

    /// <summary>
    /// A batch that failed for the storage's sake becomes <see cref="StorageUnavailableException"/>, naming this write's
    /// operation and saying whether the batch is known to have written nothing.
    /// </summary>
    protected override Exception Translate(Exception failure)
        => failure is BatchFailedException batch ? new StorageUnavailableException(Operation, batch.OutcomeKnown, batch.InnerException) : failure;
}
