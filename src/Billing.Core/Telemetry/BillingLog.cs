using Billing.Core.Charging;
using Billing.Core.Ledgers;
using Microsoft.Extensions.Logging;

namespace Billing.Core.Telemetry;

/// <summary>
/// Billing.Core's log messages, source-generated: each checks <see cref="ILogger.IsEnabled"/> before it formats anything. Event
/// ids are listed in docs/telemetry.md and never reused.
/// </summary>
internal static partial class BillingLog
{
    /// <summary>A charge was declined; nothing was written.</summary>
    /// <param name="logger">The logger.</param>
    /// <param name="accountId">The account charged.</param>
    /// <param name="idempotencyKey">The charge's key.</param>
    /// <param name="declineReason">Why.</param>
    /// <param name="levelIndex">The level that declined, 0 for the account.</param>
    /// <param name="decliningOwner">The ledger owner of that level.</param>
    [LoggerMessage(
        EventId = 1,
        EventName = "ChargeDeclined",
        Level = LogLevel.Debug,
        Message = "Charge {IdempotencyKey} on account {AccountId} declined: {DeclineReason} at level {LevelIndex} ({DecliningOwner})")]
    internal static partial void ChargeDeclined(
        ILogger logger, string accountId, string idempotencyKey, DeclineReason declineReason, int levelIndex, LedgerOwner decliningOwner);

    /// <summary>A charge met a concurrent write and is tried again.</summary>
    /// <param name="logger">The logger.</param>
    /// <param name="exception">The conflict the store reported.</param>
    /// <param name="accountId">The account charged.</param>
    /// <param name="idempotencyKey">The charge's key.</param>
    /// <param name="attempt">The attempt that met the conflict, from 1.</param>
    /// <param name="maxAttempts">The bound (<see cref="BillingOptions.MaxChargeAttempts"/>).</param>
    [LoggerMessage(
        EventId = 2,
        EventName = "ChargeRetried",
        Level = LogLevel.Warning,
        Message = "Charge {IdempotencyKey} on account {AccountId} met a concurrent write on attempt {Attempt} of {MaxAttempts}; reading the chain again")]
    internal static partial void ChargeRetried(ILogger logger, Exception exception, string accountId, string idempotencyKey, int attempt, int maxAttempts);

    /// <summary>A charge met a concurrent write on every attempt; the conflict goes to the caller and nothing was written.</summary>
    /// <param name="logger">The logger.</param>
    /// <param name="exception">The last conflict.</param>
    /// <param name="accountId">The account charged.</param>
    /// <param name="idempotencyKey">The charge's key.</param>
    /// <param name="maxAttempts">The bound (<see cref="BillingOptions.MaxChargeAttempts"/>).</param>
    [LoggerMessage(
        EventId = 3,
        EventName = "ChargeAttemptsExhausted",
        Level = LogLevel.Error,
        Message = "Charge {IdempotencyKey} on account {AccountId} met a concurrent write on all {MaxAttempts} attempts; nothing was written")]
    internal static partial void ChargeAttemptsExhausted(ILogger logger, Exception exception, string accountId, string idempotencyKey, int maxAttempts);
}
