namespace Billing.Core.Storage;

/// <summary>
/// Thrown by a store when it could not finish an operation because the storage itself failed — a lost connection, a server
/// restarting, a disk error — so that whether a write took effect may be unknown. Retrying with the same idempotency key is
/// always safe: a write that did take effect is answered as a replay, one that did not is made again.
/// </summary>
/// <remarks>Thread safety: instances are immutable. The storage's own exception is the <see cref="Exception.InnerException"/>.</remarks>
public sealed class StorageUnavailableException : BillingException
{
    /// <summary>Initialises the exception.</summary>
    /// <param name="operation">What the store was doing, e.g. <c>AuthoriseAndAppendAsync</c>.</param>
    /// <param name="outcomeKnown">Whether the store knows that nothing was written (true) or cannot tell (false).</param>
    /// <param name="innerException">The storage's own exception.</param>
    public StorageUnavailableException(string operation, bool outcomeKnown, Exception? innerException)
        : base(
            $"The store could not complete {operation}: {innerException?.Message ?? "the storage failed"}. "
            + (outcomeKnown ? "Nothing was written." : "Whether it was written is unknown; retry with the same idempotency key."),
            innerException)
    {
        Operation = operation;
        OutcomeKnown = outcomeKnown;
    }

    /// <summary>What the store was doing.</summary>
    public string Operation { get; }

    /// <summary>Whether the store knows that nothing was written; when false, the write may or may not have taken effect.</summary>
    public bool OutcomeKnown { get; }
}
