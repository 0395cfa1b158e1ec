namespace Billing.Core.Telemetry;

/// <summary>
/// The names under which Billing.Core publishes its telemetry: the <see cref="System.Diagnostics.Metrics.Meter"/> and its
/// instruments, the <see cref="System.Diagnostics.ActivitySource"/> and its spans, and the tags both carry. Nothing is
/// recorded until a listener (OpenTelemetry, <c>dotnet-counters</c>, a <see cref="System.Diagnostics.Metrics.MeterListener"/>)
/// subscribes to <see cref="MeterName"/> or <see cref="ActivitySourceName"/> (docs/telemetry.md).
/// </summary>
/// <remarks>
/// The meter comes from the container's <see cref="System.Diagnostics.Metrics.IMeterFactory"/> when the host registered one
/// (the .NET generic host does), else it is one process-wide meter. Instrument names follow the OpenTelemetry conventions:
/// lower case, dotted, durations in seconds.
/// </remarks>
public static class BillingTelemetry
{
    /// <summary>The name of the meter: <c>Billing.Core</c>.</summary>
    public const string MeterName = "Billing.Core";

    /// <summary>The name of the activity source: <c>Billing.Core</c>.</summary>
    public const string ActivitySourceName = "Billing.Core";

    /// <summary>
    /// Counter (<c>{charge}</c>) of charges that came back from the ledger store, tagged with <see cref="OutcomeTag"/> and, for
    /// declines, <see cref="DeclineReasonTag"/>. Charges that failed with an exception are not counted here.
    /// </summary>
    public const string ChargesInstrument = "billing.charges";

    /// <summary>
    /// Counter (<c>{posting}</c>) of transactions written to the ledgers by the application services: new charges, top-ups,
    /// payments, credits, debits, refunds and opening balances, tagged with <see cref="TransactionKindTag"/>. A replayed
    /// idempotency key writes nothing and is not counted; a charge counts once however many levels it was written to.
    /// </summary>
    public const string PostingsInstrument = "billing.postings";

    /// <summary>
    /// Histogram (<c>s</c>) of the time a charge took, reading the chain and authorising and appending, with every retry; tagged
    /// with <see cref="OutcomeTag"/>, or with <see cref="ErrorTypeTag"/> when the charge ended in an exception.
    /// </summary>
    public const string ChargeDurationInstrument = "billing.charge.duration";

    /// <summary>Counter (<c>{retry}</c>) of charge attempts repeated because the store reported a concurrent write.</summary>
    public const string ChargeRetriesInstrument = "billing.charge.retries";

    /// <summary>Tag: how a charge ended, one of <see cref="OutcomeApproved"/>, <see cref="OutcomeDeclined"/>, <see cref="OutcomeReplayed"/>.</summary>
    public const string OutcomeTag = "billing.outcome";

    /// <summary>Tag: why a charge was declined, a <see cref="Charging.DeclineReason"/> in snake case (<c>insufficient_funds</c>).</summary>
    public const string DeclineReasonTag = "billing.decline_reason";

    /// <summary>Tag: the kind of a transaction written, a <see cref="Ledgers.TransactionKind"/> in snake case (<c>top_up</c>).</summary>
    public const string TransactionKindTag = "billing.transaction.kind";

    /// <summary>Tag (spans only): the account charged.</summary>
    public const string AccountIdTag = "billing.account.id";

    /// <summary>Tag (spans only): the owner of the ledger written or read, as <see cref="Ledgers.LedgerOwner"/> prints it.</summary>
    public const string LedgerOwnerTag = "billing.ledger.owner";

    /// <summary>Tag (spans only): how many levels a charge's chain has.</summary>
    public const string ChainLevelsTag = "billing.chain.levels";

    /// <summary>Tag (spans only): how many attempts a charge took.</summary>
    public const string AttemptsTag = "billing.charge.attempts";

    /// <summary>Tag (spans only): whether an append found its idempotency key already used, so wrote nothing.</summary>
    public const string ReplayTag = "billing.replay";

    /// <summary>Tag: the full name of the exception type a failed operation ended in (the OpenTelemetry <c>error.type</c>).</summary>
    public const string ErrorTypeTag = "error.type";

    /// <summary>Value of <see cref="OutcomeTag"/>: the charge was written.</summary>
    public const string OutcomeApproved = "approved";

    /// <summary>Value of <see cref="OutcomeTag"/>: the charge was declined and nothing written.</summary>
    public const string OutcomeDeclined = "declined";

    /// <summary>Value of <see cref="OutcomeTag"/>: the idempotency key was already used; the original came back and nothing changed.</summary>
    public const string OutcomeReplayed = "replayed";

    /// <summary>Span around <see cref="Charging.ChargeService.ChargeAsync(Accounts.AccountId, Ledgers.TransactionRequest, CancellationToken)"/>, every attempt included.</summary>
    public const string ChargeActivity = "billing.charge";

    /// <summary>Span around the reads of an account's chain (the account, its customer and the customers above).</summary>
    public const string ChainReadActivity = "billing.chain.read";

    /// <summary>Span around one call of the ledger store's atomic authorise-and-append.</summary>
    public const string AuthoriseAndAppendActivity = "billing.ledger.authorise_and_append";

    /// <summary>Span around one append to a ledger without authorisation (top-ups, payments, credits, opening balances, …).</summary>
    public const string AppendActivity = "billing.ledger.append";

    /// <summary>Span around <see cref="Charging.ChargeService.PostAsync"/>: the owner's read and the append.</summary>
    public const string PostActivity = "billing.post";

    /// <summary>Span around <see cref="Charging.ChargeService.HeadroomAsync"/> and <see cref="Charging.ChargeService.BalanceAsync"/>'s ledger reads.</summary>
    public const string LedgerReadActivity = "billing.ledger.read";
}
