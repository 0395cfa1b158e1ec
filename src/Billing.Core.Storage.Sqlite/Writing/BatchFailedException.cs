namespace Billing.Core.Storage.Sqlite.Writing;

/// <summary>Why a batch failed, inside the store: each of its writes turns it into a <see cref="StorageUnavailableException"/>.</summary>
/// <param name="outcomeKnown">True when the batch is known to have written nothing (it failed before COMMIT); false when COMMIT
/// itself failed, so whether it took effect is unknown.</param>
/// <param name="inner">The storage's own exception.</param>
internal sealed class BatchFailedException(bool outcomeKnown, Exception inner)
    : Exception(outcomeKnown ? "The batch failed and was rolled back." : "The batch's COMMIT failed; whether it took effect is unknown.", inner)
{
    public bool OutcomeKnown { get; } = outcomeKnown;
}
