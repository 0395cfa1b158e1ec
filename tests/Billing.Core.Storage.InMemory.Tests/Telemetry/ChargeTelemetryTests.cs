using System.Diagnostics;
using System.Diagnostics.Metrics;
using Billing.Core.Accounts;
using Billing.Core.Balances;
using Billing.Core.Charging;
using Billing.Core.Customers;
using Billing.Core.ExchangeRates;
using Billing.Core.Ledgers;
using Billing.Core.Monetary;
using Billing.Core.Storage.Testing;
using Billing.Core.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using NodaTime;
using NodaTime.Testing;
using static Billing.Core.Telemetry.BillingTelemetry;

namespace Billing.Core.Storage.InMemory.Tests.Telemetry;

/// <summary>
/// What charging through the in-memory store publishes when a host listens: the measurements, the spans and the log messages
/// of docs/telemetry.md.
/// </summary>
public sealed class ChargeTelemetryTests : IAsyncDisposable
{
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 19, 10, 0);
    private static readonly Money OpeningFunds = Money.Of(10m, "GBP");

    private readonly FakeLogger<ChargeService> _log = new();
    private ServiceProvider? _provider;
    private TelemetryRecorder? _recorder;

    [Fact]
    public async Task ChargeAsync_ApprovedReplayedAndDeclined_CountsEachOutcomeOnceWithItsTags()
    {
        var (charges, account, recorder) = await SetUpAsync();

        (await charges.ChargeAsync(account, Money.Of(4m, "GBP"), "c1", Now)).IsApproved.ShouldBeTrue();
        (await charges.ChargeAsync(account, Money.Of(4m, "GBP"), "c1", Now)).IsReplay.ShouldBeTrue();
        var declined = await charges.ChargeAsync(account, Money.Of(7m, "GBP"), "c2", Now);
        declined.Decision.Reason.ShouldBe(DeclineReason.InsufficientFunds);

        var counted = recorder.Of(ChargesInstrument);
        counted.Select(m => m.ToString()).ShouldBe(
        [
            "billing.charges 1 {billing.outcome=approved}",
            "billing.charges 1 {billing.outcome=replayed}",
            "billing.charges 1 {billing.decline_reason=insufficient_funds, billing.outcome=declined}",
        ]);
        counted.ShouldAllBe(m => m.InstrumentType == typeof(Counter<>) && m.Unit == "{charge}");
        recorder.Of(ChargeRetriesInstrument).ShouldBeEmpty();
    }

    [Fact]
    public async Task ChargeAsync_Durations_AreRecordedInSecondsPerOutcome()
    {
        var (charges, account, recorder) = await SetUpAsync();
        var watch = Stopwatch.StartNew();

        await charges.ChargeAsync(account, Money.Of(4m, "GBP"), "c1", Now);
        await charges.ChargeAsync(account, Money.Of(4m, "GBP"), "c1", Now);
        await charges.ChargeAsync(account, Money.Of(70m, "GBP"), "c2", Now);
        var elapsed = watch.Elapsed.TotalSeconds;

        var durations = recorder.Of(ChargeDurationInstrument);
        durations.Select(m => m.Tag(OutcomeTag)).ShouldBe([OutcomeApproved, OutcomeReplayed, OutcomeDeclined]);
        durations.ShouldAllBe(m => m.InstrumentType == typeof(Histogram<>) && m.Unit == "s" && m.Tags.Count == 1);
        durations.ShouldAllBe(m => m.Value > 0);
        durations.Sum(m => m.Value).ShouldBeLessThanOrEqualTo(elapsed);
    }

    [Fact]
    public async Task Postings_CountEveryTransactionWrittenByKind_AndNoReplay()
    {
        var (charges, account, recorder) = await SetUpAsync();
        var owner = LedgerOwner.ForAccount(account);

        await charges.ChargeAsync(account, Money.Of(1m, "GBP"), "c1", Now);
        await charges.ChargeAsync(account, Money.Of(1m, "GBP"), "c1", Now);
        await charges.ChargeAsync(account, Money.Of(500m, "GBP"), "c2", Now);
        (await charges.PostAsync(owner, TransactionKind.TopUp, Money.Of(5m, "GBP"), "t1", Now)).IsReplay.ShouldBeFalse();
        (await charges.PostAsync(owner, TransactionKind.TopUp, Money.Of(5m, "GBP"), "t1", Now)).IsReplay.ShouldBeTrue();
        await charges.PostAsync(owner, TransactionKind.Refund, Money.Of(2m, "GBP"), "r1", Now);

        // The first is the new customer's opening funds, written by CustomerService.
        recorder.Of(PostingsInstrument).Select(m => m.ToString()).ShouldBe(
        [
            "billing.postings 1 {billing.transaction.kind=top_up}",
            "billing.postings 1 {billing.transaction.kind=charge}",
            "billing.postings 1 {billing.transaction.kind=top_up}",
            "billing.postings 1 {billing.transaction.kind=refund}",
        ]);
    }

    [Fact]
    public async Task ChargeAsync_ConflictsBelowTheBound_CountEachRetryAndLogAWarningForEach()
    {
        var (charges, account, recorder) = await SetUpAsync(conflicts: 2, maxAttempts: 5);

        (await charges.ChargeAsync(account, Money.Of(1m, "GBP"), "c1", Now)).IsApproved.ShouldBeTrue();

        recorder.Of(ChargeRetriesInstrument).Select(m => m.ToString()).ShouldBe(["billing.charge.retries 1 {}", "billing.charge.retries 1 {}"]);
        recorder.Of(ChargesInstrument).Select(m => m.Tag(OutcomeTag)).ShouldBe([OutcomeApproved]);
        var retries = _log.Collector.GetSnapshot().Where(r => r.Id.Name == "ChargeRetried").ToList();
        retries.Select(r => (r.Level, r.Id.Id)).ShouldBe([(LogLevel.Warning, 2), (LogLevel.Warning, 2)]);
        retries.ShouldAllBe(r => r.Exception is ConcurrencyConflictException);
        retries.Select(r => r.StructuredState!.Single(s => s.Key == "Attempt").Value).ShouldBe(["1", "2"]);
        retries[0].Message.ShouldBe($"Charge c1 on account {account} met a concurrent write on attempt 1 of 5; reading the chain again");
    }

    [Fact]
    public async Task ChargeAsync_ConflictOnEveryAttempt_LogsAnErrorAndRecordsTheDurationWithTheErrorType()
    {
        var (charges, account, recorder) = await SetUpAsync(conflicts: int.MaxValue, maxAttempts: 3);
        using var trace = recorder.BeginTrace();

        await Should.ThrowAsync<ConcurrencyConflictException>(async () => await charges.ChargeAsync(account, Money.Of(1m, "GBP"), "c1", Now));

        recorder.Of(ChargeRetriesInstrument).Count.ShouldBe(2);
        recorder.Of(ChargesInstrument).ShouldBeEmpty();
        recorder.Of(ChargeDurationInstrument).Single().Tag(ErrorTypeTag).ShouldBe(typeof(ConcurrencyConflictException).FullName);
        var logs = _log.Collector.GetSnapshot();
        logs.Select(r => r.Level).ShouldBe([LogLevel.Warning, LogLevel.Warning, LogLevel.Error]);
        logs[^1].Id.ShouldBe(new EventId(3, "ChargeAttemptsExhausted"));
        logs[^1].Message.ShouldBe($"Charge c1 on account {account} met a concurrent write on all 3 attempts; nothing was written");
        var charge = recorder.Spans.Single(s => s.OperationName == ChargeActivity);
        charge.Status.ShouldBe(ActivityStatusCode.Error);
        charge.GetTagItem(ErrorTypeTag).ShouldBe(typeof(ConcurrencyConflictException).FullName);
        recorder.Spans.Where(s => s.OperationName == AuthoriseAndAppendActivity).Select(s => s.Status).ShouldBe(Enumerable.Repeat(ActivityStatusCode.Error, 3));
    }

    [Fact]
    public async Task ChargeAsync_Declined_LogsTheReasonAndTheLevelAtDebug()
    {
        var (charges, account, _) = await SetUpAsync();

        var declined = await charges.ChargeAsync(account, Money.Of(70m, "GBP"), "big", Now);
        await charges.ChargeAsync(account, Money.Of(1m, "GBP"), "small", Now);

        var record = _log.Collector.GetSnapshot().ShouldHaveSingleItem();
        record.Level.ShouldBe(LogLevel.Debug);
        record.Id.ShouldBe(new EventId(1, "ChargeDeclined"));
        record.Message.ShouldBe(
            $"Charge big on account {account} declined: InsufficientFunds at level {declined.Decision.DecliningLevelIndex} ({declined.Decision.DecliningOwner})");
        record.StructuredState!.Single(s => s.Key == "DeclineReason").Value.ShouldBe("InsufficientFunds");
    }

    [Fact]
    public async Task ChargeAsync_WithAListener_NestsTheChainReadAndTheStoreCallInTheChargeSpan()
    {
        var (charges, account, recorder) = await SetUpAsync(conflicts: 1, maxAttempts: 5);
        using var trace = recorder.BeginTrace();

        await charges.ChargeAsync(account, Money.Of(1m, "GBP"), "c1", Now);

        var spans = recorder.Spans;
        spans.Select(s => s.OperationName).ShouldBe([ChainReadActivity, AuthoriseAndAppendActivity, ChainReadActivity, AuthoriseAndAppendActivity, ChargeActivity]);
        var charge = spans[^1];
        charge.ParentSpanId.ShouldBe(trace.SpanId);
        spans.Take(4).ShouldAllBe(s => s.ParentSpanId == charge.SpanId);
        charge.GetTagItem(AccountIdTag).ShouldBe(account.Value);
        charge.GetTagItem(OutcomeTag).ShouldBe(OutcomeApproved);
        charge.GetTagItem(AttemptsTag).ShouldBe(2);
        charge.Status.ShouldBe(ActivityStatusCode.Unset);
        spans[1].Status.ShouldBe(ActivityStatusCode.Error);
        spans[3].GetTagItem(LedgerOwnerTag).ShouldBe(LedgerOwner.ForAccount(account).ToString());
        spans[3].GetTagItem(ChainLevelsTag).ShouldBe(2);
    }

    [Fact]
    public async Task ChargeAsync_Declined_TagsTheSpanWithTheReason()
    {
        var (charges, account, recorder) = await SetUpAsync();
        using var trace = recorder.BeginTrace();

        await charges.ChargeAsync(account, Money.Of(70m, "GBP"), "big", Now);

        var charge = recorder.Spans.Single(s => s.OperationName == ChargeActivity);
        charge.GetTagItem(OutcomeTag).ShouldBe(OutcomeDeclined);
        charge.GetTagItem(DeclineReasonTag).ShouldBe("insufficient_funds");
    }

    [Fact]
    public async Task PostAsync_WithAListener_NestsTheAppendInThePostSpan()
    {
        var (charges, account, recorder) = await SetUpAsync();
        var owner = LedgerOwner.ForAccount(account);
        using var trace = recorder.BeginTrace();

        await charges.PostAsync(owner, TransactionKind.Credit, Money.Of(1m, "GBP"), "k", Now);
        await charges.PostAsync(owner, TransactionKind.Credit, Money.Of(1m, "GBP"), "k", Now);

        var spans = recorder.Spans;
        spans.Select(s => s.OperationName).ShouldBe([AppendActivity, PostActivity, AppendActivity, PostActivity]);
        spans[0].ParentSpanId.ShouldBe(spans[1].SpanId);
        spans[0].GetTagItem(TransactionKindTag).ShouldBe("credit");
        spans.Where(s => s.OperationName == AppendActivity).Select(s => s.GetTagItem(ReplayTag)).ShouldBe([false, true]);
        spans[1].GetTagItem(LedgerOwnerTag).ShouldBe(owner.ToString());
    }

    [Fact]
    public async Task ChainAsync_UnknownAccount_MarksTheSpanFailedAndRecordsTheChargeAsAnError()
    {
        var (charges, _, recorder) = await SetUpAsync();
        using var trace = recorder.BeginTrace();

        await Should.ThrowAsync<BillingRuleException>(async () => await charges.ChargeAsync(AccountId.From("NOPE"), Money.Of(1m, "GBP"), "c1", Now));

        recorder.Spans.Select(s => (s.OperationName, s.Status)).ShouldBe([(ChainReadActivity, ActivityStatusCode.Error), (ChargeActivity, ActivityStatusCode.Error)]);
        recorder.Of(ChargeDurationInstrument).Single().Tag(ErrorTypeTag).ShouldBe(typeof(BillingRuleException).FullName);
        recorder.Of(ChargesInstrument).ShouldBeEmpty();
    }

    [Fact]
    public async Task ChargeService_MetricsWithoutLogging_StillMeasuresOnTheContainersFactory()
    {
        var (charges, account, recorder) = await SetUpAsync(logging: false);

        await charges.ChargeAsync(account, Money.Of(70m, "GBP"), "big", Now);

        recorder.Of(ChargesInstrument).ShouldHaveSingleItem().Tag(OutcomeTag).ShouldBe(OutcomeDeclined);
        _log.Collector.Count.ShouldBe(0);
    }

    [Fact]
    public async Task ChargeService_WithoutAMeterFactory_PublishesOnTheProcessWideMeter()
    {
        var (_, account, _) = await SetUpAsync();
        var provider = _provider!;
        var service = new ChargeService(
            provider.GetRequiredService<IAccountRepository>(),
            provider.GetRequiredService<ICustomerRepository>(),
            provider.GetRequiredService<ILedgerStore>(),
            provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<BillingOptions>>());
        var seen = new List<Meter>();

        // Other tests charge on the shared meter too; the in-memory charge records on this flow, which alone carries the mark.
        var mine = new AsyncLocal<bool>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == MeterName && instrument.Name == ChargesInstrument)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, _, _, _) =>
        {
            if (!mine.Value)
            {
                return;
            }

            lock (seen)
            {
                seen.Add(instrument.Meter);
            }
        });
        listener.Start();

        mine.Value = true;
        await service.ChargeAsync(account, Money.Of(1m, "GBP"), "c1", Now);
        mine.Value = false;

        lock (seen)
        {
            seen.ShouldHaveSingleItem().Scope.ShouldBeNull();
        }

        _recorder!.Of(ChargesInstrument).ShouldBeEmpty();
    }

    public async ValueTask DisposeAsync()
    {
        _recorder?.Dispose();
        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }
    }

    /// <summary>
    /// A container with the metrics of a .NET host (<c>AddMetrics</c>), the fake logger, and a prepaid customer with
    /// <see cref="OpeningFunds"/> whose account is charged; the recorder listens from before the customer is created.
    /// </summary>
    private async Task<(ChargeService Charges, AccountId Account, TelemetryRecorder Recorder)> SetUpAsync(int conflicts = 0, int maxAttempts = 5, bool logging = true)
    {
        var services = new ServiceCollection();
        services.AddMetrics();
        services.AddSingleton<IClock>(new FakeClock(Now));
        services.AddSingleton<ILedgerStore>(new ConflictingLedgerStore(new InMemoryLedgerStore(), conflicts));
        if (logging)
        {
            services.AddSingleton<ILogger<ChargeService>>(_log);
        }

        services.AddBillingCore(o =>
        {
            o.Customers.Currency = Currency.GBP;
            o.MaxChargeAttempts = maxAttempts;
        }).AddInMemoryBillingStore();
        _provider = services.BuildServiceProvider();
        _recorder = new TelemetryRecorder(_provider.GetRequiredService<IMeterFactory>());
        var customers = _provider.GetRequiredService<CustomerService>();
        var root = await customers.CreateRootAsync(new NewCustomer { Name = "Root", Email = "root@example.com", BillingAddress = StoreUnderTest.Address });
        var created = await customers.CreateAsync(new NewCustomer
        {
            Name = "C",
            Email = "c@example.com",
            BillingAddress = StoreUnderTest.Address,
            ParentId = root.Id,
            BalanceModel = BalanceModel.Prepaid,
            OpeningFunds = OpeningFunds,
        });
        return (_provider.GetRequiredService<ChargeService>(), created.DefaultAccount.Id, _recorder);
    }

    /// <summary>A store that reports a concurrent write on its first <c>conflicts</c> authorise calls, writing nothing.</summary>
    private sealed class ConflictingLedgerStore(ILedgerStore inner, int conflicts) : ILedgerStore
    {
        private int _calls;

        public ValueTask<ChargeOutcome> AuthoriseAndAppendAsync(TransactionRequest charge, IReadOnlyList<ChargeLevel> chain, CancellationToken cancellationToken = default)
        {
            var call = Interlocked.Increment(ref _calls);
            return call <= conflicts
                ? throw new ConcurrencyConflictException("Ledger", chain[0].Owner.ToString(), call, call + 1)
                : inner.AuthoriseAndAppendAsync(charge, chain, cancellationToken);
        }

        public ValueTask<LedgerHead?> GetHeadAsync(LedgerOwner owner, CancellationToken cancellationToken = default) => inner.GetHeadAsync(owner, cancellationToken);

        public ValueTask<IReadOnlyList<LedgerTransaction>> GetTransactionsAsync(LedgerOwner owner, CancellationToken cancellationToken = default)
            => inner.GetTransactionsAsync(owner, cancellationToken);

        public ValueTask<LedgerTransaction?> FindByIdempotencyKeyAsync(LedgerOwner owner, string idempotencyKey, CancellationToken cancellationToken = default)
            => inner.FindByIdempotencyKeyAsync(owner, idempotencyKey, cancellationToken);

        public ValueTask<LedgerAppendOutcome> AppendAsync(
            LedgerOwner owner, Currency currency, TransactionRequest request, ExchangeRateTable? rates = null, CancellationToken cancellationToken = default)
            => inner.AppendAsync(owner, currency, request, rates, cancellationToken);
    }
}
