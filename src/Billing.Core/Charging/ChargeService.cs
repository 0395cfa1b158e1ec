using System.Diagnostics.Metrics;
using Billing.Core.Accounts;
using Billing.Core.Balances;
using Billing.Core.Customers;
using Billing.Core.ExchangeRates;
using Billing.Core.Ledgers;
using Billing.Core.Monetary;
using Billing.Core.Storage;
using Billing.Core.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Billing.Core.Charging;

/// <summary>
/// Charges accounts through the host's storage: builds the chain account → customer → every ancestor below the root
/// from the repositories, and has the ledger store authorise and append the charge atomically. Also tops up, pays and reports
/// headroom.
/// </summary>
/// <remarks>
/// Thread-safe if the repositories and store are. When the store reports a concurrent write
/// (<see cref="ConcurrencyConflictException"/>), the chain is read again and the charge retried, up to
/// <see cref="BillingOptions.MaxChargeAttempts"/> attempts in all; then the conflict is thrown to the caller, with nothing written.
/// Charges, postings, retries and durations are published under <see cref="BillingTelemetry"/>'s names, with spans around the
/// store calls and log messages for declines and conflicts (docs/telemetry.md).
/// </remarks>
public sealed class ChargeService
{
    private readonly IAccountRepository _accounts;
    private readonly ICustomerRepository _customers;
    private readonly ILedgerStore _ledgers;
    private readonly int _maxAttempts;
    private readonly ILogger _logger;
    private readonly BillingInstrumentation _instrumentation;

    /// <summary>Creates the service over the host's storage, logging nothing and measuring on the process-wide meter.</summary>
    /// <param name="accounts">The account repository.</param>
    /// <param name="customers">The customer repository.</param>
    /// <param name="ledgers">The ledger store.</param>
    /// <param name="options">The options (the retry bound).</param>
    public ChargeService(IAccountRepository accounts, ICustomerRepository customers, ILedgerStore ledgers, IOptions<BillingOptions> options)
        : this(accounts, customers, ledgers, options, logger: null, meterFactory: null)
    {
    }

    /// <summary>Creates the service over the host's storage, with the host's logging and metrics (the container passes both when it has them).</summary>
    /// <param name="accounts">The account repository.</param>
    /// <param name="customers">The customer repository.</param>
    /// <param name="ledgers">The ledger store.</param>
    /// <param name="options">The options (the retry bound).</param>
    /// <param name="logger">Where declines and conflicts are logged; null logs nothing.</param>
    /// <param name="meterFactory">Creates the <see cref="BillingTelemetry.MeterName"/> meter; null uses one process-wide meter.</param>
    public ChargeService(
        IAccountRepository accounts,
        ICustomerRepository customers,
        ILedgerStore ledgers,
        IOptions<BillingOptions> options,
        ILogger<ChargeService>? logger = null,
        IMeterFactory? meterFactory = null)
    {
        _accounts = Guard.NotNull(accounts);
        _customers = Guard.NotNull(customers);
        _ledgers = Guard.NotNull(ledgers);
        var value = Guard.NotNull(options).Value;
        _maxAttempts = value.MaxChargeAttempts;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _instrumentation = BillingInstrumentation.For(meterFactory);
    }

    /// <summary>Authorises a charge against an account and its chain and, when every level passes, writes it to every level's ledger.</summary>
    /// <param name="accountId">The account charged.</param>
    /// <param name="amount">The amount, greater than zero, in the account's currency.</param>
    /// <param name="idempotencyKey">Identifies the charge: sending the same key again returns the original and changes nothing.</param>
    /// <param name="at">When the charge happened.</param>
    /// <param name="notes">Free text, or null.</param>
    /// <param name="reference">A reference such as a usage record id, or null.</param>
    /// <param name="cancellationToken">Cancels the operation before it writes.</param>
    /// <returns>Appended, replayed or declined (with the reason and the level).</returns>
    /// <exception cref="ArgumentException"><paramref name="amount"/> is <c>default(Money)</c>.</exception>
    /// <exception cref="BillingRuleException">The account does not exist, or the request breaks a rule.</exception>
    /// <exception cref="ConcurrencyConflictException">Every attempt met a concurrent write.</exception>
    public ValueTask<ChargeOutcome> ChargeAsync(
        AccountId accountId,
        Money amount,
        string idempotencyKey,
        Instant at,
        string? notes = null,
        string? reference = null,
        CancellationToken cancellationToken = default)
        => ChargeAsync(accountId, new TransactionRequest(TransactionId.New(), TransactionKind.Charge, amount, at, idempotencyKey, notes, reference), cancellationToken);

    /// <summary>Authorises and writes a prepared charge request (see the other overload).</summary>
    /// <param name="accountId">The account charged.</param>
    /// <param name="charge">The charge, of kind <see cref="TransactionKind.Charge"/>.</param>
    /// <param name="cancellationToken">Cancels the operation before it writes.</param>
    /// <returns>Appended, replayed or declined.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="charge"/> is null.</exception>
    /// <exception cref="BillingRuleException">The account does not exist, or the request is not a charge.</exception>
    /// <exception cref="ConcurrencyConflictException">Every attempt met a concurrent write.</exception>
    public async ValueTask<ChargeOutcome> ChargeAsync(AccountId accountId, TransactionRequest charge, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(charge);
        Guard.Rule(charge.Kind == TransactionKind.Charge, "TransactionRequest.Kind", charge.Kind, "only charges are authorised");

        // Telemetry costs a few field reads here when nothing listens: no timestamp, no span, no tags (docs/telemetry.md).
        var started = _instrumentation.StartCharge();
        using var activity = BillingInstrumentation.Start(BillingTelemetry.ChargeActivity);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(BillingTelemetry.AccountIdTag, accountId.Value);
        }

        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var chain = await ChainAsync(accountId, cancellationToken).ConfigureAwait(false);
                ChargeOutcome outcome;
                try
                {
                    outcome = await AuthoriseAndAppendAsync(charge, chain, cancellationToken).ConfigureAwait(false);
                }
                catch (ConcurrencyConflictException conflict) when (attempt < _maxAttempts)
                {
                    // Someone wrote in between: read the chain again and retry.
                    _instrumentation.Retried();
                    BillingLog.ChargeRetried(_logger, conflict, accountId.Value, charge.IdempotencyKey, attempt, _maxAttempts);
                    continue;
                }
                catch (ConcurrencyConflictException conflict)
                {
                    BillingLog.ChargeAttemptsExhausted(_logger, conflict, accountId.Value, charge.IdempotencyKey, _maxAttempts);
                    throw;
                }

                _instrumentation.Charged(outcome, started);
                BillingInstrumentation.Charged(activity, outcome, attempt);
                if (!outcome.IsApproved)
                {
                    var decision = outcome.Decision;
                    BillingLog.ChargeDeclined(_logger, accountId.Value, charge.IdempotencyKey, decision.Reason, decision.DecliningLevelIndex, decision.DecliningOwner);
                }

                return outcome;
            }
        }
        catch (Exception exception) when (_instrumentation.ChargeFailed(exception, started, activity))
        {
            throw; // Never reached: the filter records the failure and lets the exception pass on untouched.
        }
    }

    // Without a listener, straight to the store: no extra state machine on the hot path.
    private ValueTask<ChargeOutcome> AuthoriseAndAppendAsync(TransactionRequest charge, IReadOnlyList<ChargeLevel> chain, CancellationToken cancellationToken)
        => BillingInstrumentation.Source.HasListeners()
            ? TracedAuthoriseAndAppendAsync(charge, chain, cancellationToken)
            : _ledgers.AuthoriseAndAppendAsync(charge, chain, cancellationToken);

    private async ValueTask<ChargeOutcome> TracedAuthoriseAndAppendAsync(TransactionRequest charge, IReadOnlyList<ChargeLevel> chain, CancellationToken cancellationToken)
    {
        using var activity = BillingInstrumentation.Start(BillingTelemetry.AuthoriseAndAppendActivity);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(BillingTelemetry.LedgerOwnerTag, chain[0].Owner.ToString());
            activity.SetTag(BillingTelemetry.ChainLevelsTag, chain.Count);
        }

        try
        {
            return await _ledgers.AuthoriseAndAppendAsync(charge, chain, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (BillingInstrumentation.Failed(activity, exception))
        {
            throw; // Never reached: the filter marks the span and lets the exception pass on.
        }
    }

    /// <summary>The levels a charge on the account must pass: the account, its customer and every ancestor below the root.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The chain, account first.</returns>
    /// <exception cref="BillingRuleException">The account or its customer does not exist, or the stored customers above it do not form a
    /// tree (a missing parent, a cycle, more than 64 ancestors).</exception>
    public ValueTask<IReadOnlyList<ChargeLevel>> ChainAsync(AccountId accountId, CancellationToken cancellationToken = default)
        => BillingInstrumentation.Source.HasListeners() ? TracedChainAsync(accountId, cancellationToken) : ReadChainAsync(accountId, cancellationToken);

    private async ValueTask<IReadOnlyList<ChargeLevel>> TracedChainAsync(AccountId accountId, CancellationToken cancellationToken)
    {
        using var activity = BillingInstrumentation.Start(BillingTelemetry.ChainReadActivity);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(BillingTelemetry.AccountIdTag, accountId.Value);
        }

        try
        {
            return await ReadChainAsync(accountId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (BillingInstrumentation.Failed(activity, exception))
        {
            throw; // Never reached: the filter marks the span and lets the exception pass on.
        }
    }

    private async ValueTask<IReadOnlyList<ChargeLevel>> ReadChainAsync(AccountId accountId, CancellationToken cancellationToken)
    {
        var account = await _accounts.FindAsync(accountId, cancellationToken).ConfigureAwait(false);
        Guard.Rule(account is not null, "AccountId", accountId.Value, "no such account");
        var customers = new List<Customer>(4);
        Guard.Rule(
            await CustomerAncestry.ReadAsync(_customers, account.OwnerId, customers, cancellationToken).ConfigureAwait(false),
            "CustomerId",
            account.OwnerId.Value,
            $"no such customer, though it owns account {accountId}");

        // The root (the last customer read) is never billed itself.
        var chain = new ChargeLevel[customers.Count];
        chain[0] = ChargeLevel.Of(account);
        for (var i = 0; i < customers.Count - 1; i++)
        {
            chain[i + 1] = ChargeLevel.Of(customers[i]);
        }

        return chain;
    }

    /// <summary>The largest charge on the account that would pass now: the minimum over its chain.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The headroom in the account's currency, or null when no level limits it.</returns>
    /// <exception cref="BillingRuleException">The account does not exist.</exception>
    public async ValueTask<Money?> HeadroomAsync(AccountId accountId, CancellationToken cancellationToken = default)
    {
        var chain = await ChainAsync(accountId, cancellationToken).ConfigureAwait(false);
        var levels = new BalanceLevel[chain.Count];
        using (var activity = BillingInstrumentation.Start(BillingTelemetry.LedgerReadActivity, chain[0].Owner))
        {
            try
            {
                for (var i = 0; i < levels.Length; i++)
                {
                    var head = await _ledgers.GetHeadAsync(chain[i].Owner, cancellationToken).ConfigureAwait(false);
                    levels[i] = chain[i].WithFunds(head?.Funds ?? Money.Zero(chain[i].Currency));
                }
            }
            catch (Exception exception) when (BillingInstrumentation.Failed(activity, exception))
            {
                throw; // Never reached: the filter marks the span and lets the exception pass on.
            }
        }

        return Authoriser.Headroom(chain[0].Currency, levels);
    }

    /// <summary>The balance of a ledger as its owner's model shows it (available funds for prepaid, amount owed for postpaid).</summary>
    /// <param name="owner">The account or customer.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The balance, saying whether it is available funds or an amount owed; zero when nothing was written yet.</returns>
    /// <exception cref="ArgumentException"><paramref name="owner"/> is <c>default(LedgerOwner)</c>.</exception>
    /// <exception cref="BillingRuleException">The owner does not exist.</exception>
    public async ValueTask<Balance> BalanceAsync(LedgerOwner owner, CancellationToken cancellationToken = default)
    {
        var (currency, model) = await OwnerAsync(owner, cancellationToken).ConfigureAwait(false);
        LedgerHead? head;
        using (var activity = BillingInstrumentation.Start(BillingTelemetry.LedgerReadActivity, owner))
        {
            try
            {
                head = await _ledgers.GetHeadAsync(owner, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (BillingInstrumentation.Failed(activity, exception))
            {
                throw; // Never reached: the filter marks the span and lets the exception pass on.
            }
        }

        return head is { } h ? h.BalanceFor(model) : new Balance(model, Money.Zero(currency));
    }

    /// <summary>
    /// Writes a transaction that needs no authorisation — a top-up or payment, a credit, a manual debit or a refund — to one ledger,
    /// converted to the ledger's currency with the rate in force at its time.
    /// </summary>
    /// <param name="owner">The account or customer.</param>
    /// <param name="kind">Any kind but <see cref="TransactionKind.Charge"/>.</param>
    /// <param name="amount">The amount, greater than zero, in any currency <paramref name="rates"/> can convert.</param>
    /// <param name="idempotencyKey">Identifies the transaction: sending the same key again returns the original and changes nothing.</param>
    /// <param name="at">When it happened.</param>
    /// <param name="notes">Free text, or null.</param>
    /// <param name="rates">Exchange rates, when the amount is in another currency than the ledger.</param>
    /// <param name="cancellationToken">Cancels the operation before it writes.</param>
    /// <returns>The transaction written, or the original one.</returns>
    /// <exception cref="ArgumentException"><paramref name="amount"/> is <c>default(Money)</c>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a defined <see cref="TransactionKind"/>.</exception>
    /// <exception cref="BillingRuleException">The owner does not exist, the kind is a charge, a rate is missing, or the request breaks a rule.</exception>
    public async ValueTask<LedgerAppendOutcome> PostAsync(
        LedgerOwner owner,
        TransactionKind kind,
        Money amount,
        string idempotencyKey,
        Instant at,
        string? notes = null,
        ExchangeRateTable? rates = null,
        CancellationToken cancellationToken = default)
    {
        Guard.Rule(kind != TransactionKind.Charge, "TransactionKind", kind, "charges go through ChargeAsync, which authorises them");
        var request = new TransactionRequest(TransactionId.New(), kind, amount, at, idempotencyKey, notes);
        using var activity = BillingInstrumentation.Start(BillingTelemetry.PostActivity, owner);
        try
        {
            var (currency, _) = await OwnerAsync(owner, cancellationToken).ConfigureAwait(false);
            return await _instrumentation.AppendAsync(_ledgers, owner, currency, request, rates, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (BillingInstrumentation.Failed(activity, exception))
        {
            throw; // Never reached: the filter marks the span and lets the exception pass on.
        }
    }

    private async ValueTask<(Currency Currency, BalanceModel Model)> OwnerAsync(LedgerOwner owner, CancellationToken cancellationToken)
    {
        if (owner.TryGetAccountId(out var accountId))
        {
            var account = await _accounts.FindAsync(accountId, cancellationToken).ConfigureAwait(false);
            Guard.Rule(account is not null, "AccountId", accountId.Value, "no such account");
            return (account.Currency, account.BalanceModel);
        }

        if (owner.TryGetCustomerId(out var customerId))
        {
            var customer = await _customers.FindAsync(customerId, cancellationToken).ConfigureAwait(false);
            Guard.Rule(customer is not null, "CustomerId", customerId.Value, "no such customer");
            return (customer.Currency, customer.BalanceModel);
        }

        throw new ArgumentException("The owner must not be default(LedgerOwner).", nameof(owner));
    }
}
