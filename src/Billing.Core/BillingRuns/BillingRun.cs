using System.Collections.Concurrent;
using System.Diagnostics;
using Billing.Core.Accounts;
using Billing.Core.Charging;
using Billing.Core.CustomerClasses;
using Billing.Core.Customers;
using Billing.Core.Invoicing;
using Billing.Core.Numbers;
using Billing.Core.Periods;
using Billing.Core.Services;
using Billing.Core.Storage;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Billing.Core.BillingRuns;

/// <summary>
/// Bills every customer whose billing period has closed (see docs/billing-run.md): for each period closed for billing by the
/// run's instant and not invoiced yet, it computes the period's charges (<see cref="PeriodChargeCalculator"/>), stores the invoice,
/// issues it with the next number of the issuer's sequence, and posts it to the ledgers with keys derived from (owner, feature,
/// period). A host starts it every night, or whenever it likes: it is safe to run again and to run after a crash or a cancel.
/// </summary>
/// <remarks>
/// <para><b>Which periods.</b> A customer's periods come from its <see cref="Customer.Schedule"/>, from the first one on. A period
/// is billed once <see cref="Customer.ClosedForBillingAt"/> (its close plus the class's closing delay) is at or before the run's
/// instant. A customer already invoiced is billed from the period after its latest invoice, at most
/// <see cref="BillingRunOptions.MaxPeriodsPerCustomer"/> periods per run. The root (the platform owner) is never billed.</para>
/// <para><b>Resuming.</b> A customer has one invoice per period (the store refuses a second), so a rerun finds what an earlier run
/// wrote: a draft left by a crash is issued, the latest issued invoice is posted again (every append replays by key: nothing new
/// is written), and billing goes on from the next period. Running any period twice writes nothing new.</para>
/// <para><b>Failures.</b> A customer whose billing throws is recorded (<see cref="BillingRunResult.Failures"/>) and the run goes
/// on; a concurrent write (<see cref="ConcurrencyConflictException"/>, <see cref="DuplicateEntityException"/>) is retried a few
/// times first. Cancelling stops the run with <see cref="OperationCanceledException"/>; run again to finish.</para>
/// <para><b>Memory.</b> Customers are read <see cref="BillingRunOptions.PageSize"/> at a time; the run holds one page, the
/// classes it met, and the ancestors of the customers being billed.</para>
/// <para>A scoped service (registered by <c>AddBillingCore</c>); one run at a time per instance.</para>
/// </remarks>
public sealed class BillingRun
{
    private const int Attempts = 3;

    private readonly ICustomerRepository _customers;
    private readonly ICustomerClassRepository _classes;
    private readonly IAccountRepository _accounts;
    private readonly INumberRepository _numbers;
    private readonly IServiceRepository _services;
    private readonly IInvoiceRepository _invoices;
    private readonly InvoicePosting _posting;
    private readonly BillingRunOptions _options;

    /// <summary>Creates the run over the host's stores.</summary>
    /// <param name="customers">The customers.</param>
    /// <param name="classes">Their classes (taxation, closing delay).</param>
    /// <param name="accounts">Their accounts.</param>
    /// <param name="numbers">Their numbers.</param>
    /// <param name="services">Their services.</param>
    /// <param name="invoices">Where invoices are stored and numbered.</param>
    /// <param name="ledgers">Where charges are posted.</param>
    /// <param name="options">The options; <see cref="BillingOptions.Runs"/> is used.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public BillingRun(
        ICustomerRepository customers,
        ICustomerClassRepository classes,
        IAccountRepository accounts,
        INumberRepository numbers,
        IServiceRepository services,
        IInvoiceRepository invoices,
        ILedgerStore ledgers,
        IOptions<BillingOptions> options)
    {
        _customers = Guard.NotNull(customers);
        _classes = Guard.NotNull(classes);
        _accounts = Guard.NotNull(accounts);
        _numbers = Guard.NotNull(numbers);
        _services = Guard.NotNull(services);
        _invoices = Guard.NotNull(invoices);
        _posting = new InvoicePosting(Guard.NotNull(ledgers), accounts);
        _options = Guard.NotNull(options).Value.Runs;
    }

    /// <summary>Bills every period closed for billing by <paramref name="asOf"/> that is not invoiced yet, customer by customer.</summary>
    /// <param name="asOf">The run's instant: periods closed for billing at or before it are billed; invoices are issued on its
    /// date in each customer's billing time zone.</param>
    /// <param name="progress">Receives <see cref="BillingRunProgress"/> after every page and at the end; may be null.</param>
    /// <param name="cancellationToken">Stops the run between customers' steps.</param>
    /// <returns>What the run did, with the customers that failed.</returns>
    /// <exception cref="OperationCanceledException">The run was cancelled; run again to finish.</exception>
    /// <exception cref="StorageUnavailableException">The store could not be read to list customers.</exception>
    public async Task<BillingRunResult> RunAsync(Instant asOf, IProgress<BillingRunProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var state = new RunState(asOf, _options.MaxRecordedFailures, await _customers.CountAsync(cancellationToken).ConfigureAwait(false));
        CustomerId? after = null;
        while (true)
        {
            var page = await _customers.ListPageAsync(after, _options.PageSize, cancellationToken).ConfigureAwait(false);
            await BillPageAsync(state, page, cancellationToken).ConfigureAwait(false);
            progress?.Report(state.Progress(clock.Elapsed));
            if (page.Count < _options.PageSize)
            {
                break;
            }

            after = page[^1].Id;
        }

        return new BillingRunResult(asOf, state.Done, state.Failed, state.Issued, state.Failures(), clock.Elapsed);
    }

    /// <summary>Bills a page in <see cref="BillingRunOptions.MaxDegreeOfParallelism"/> contiguous slices, each customer after the
    /// other within its slice: the workers share nothing but the run's counters (a shared queue of customers cost more in
    /// contention than billing one customer in memory takes).</summary>
    private Task BillPageAsync(RunState state, IReadOnlyList<Customer> page, CancellationToken cancellationToken)
    {
        var slices = Math.Min(_options.MaxDegreeOfParallelism, page.Count);
        if (slices <= 1)
        {
            return BillSliceAsync(state, page, 0, page.Count, cancellationToken);
        }

        var work = new Task[slices];
        for (var i = 0; i < slices; i++)
        {
            var (from, to) = (page.Count * i / slices, page.Count * (i + 1) / slices);
            work[i] = Task.Run(() => BillSliceAsync(state, page, from, to, cancellationToken), cancellationToken);
        }

        return Task.WhenAll(work);
    }

    private async Task BillSliceAsync(RunState state, IReadOnlyList<Customer> page, int from, int to, CancellationToken cancellationToken)
    {
        for (var i = from; i < to; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await BillWithRetriesAsync(state, page[i], cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask BillWithRetriesAsync(RunState state, Customer customer, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await BillAsync(state, attempt == 1 ? customer : await ReloadAsync(customer, cancellationToken).ConfigureAwait(false), cancellationToken)
                    .ConfigureAwait(false);
                state.CountDone();
                return;
            }
            catch (Exception e) when (e is ConcurrencyConflictException or DuplicateEntityException && attempt < Attempts && !cancellationToken.IsCancellationRequested)
            {
                // Another writer got in between our read and write: read again and redo; what was written replays.
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                state.Fail(customer.Id, e);
                return;
            }
        }
    }

    private async ValueTask<Customer> ReloadAsync(Customer customer, CancellationToken cancellationToken)
        => await _customers.FindAsync(customer.Id, cancellationToken).ConfigureAwait(false) ?? customer;

    private async ValueTask BillAsync(RunState state, Customer customer, CancellationToken cancellationToken)
    {
        if (customer.ParentId is not { } issuerId)
        {
            return; // The root is the platform owner: nobody bills it.
        }

        var customerClass = await ClassAsync(state, customer, cancellationToken).ConfigureAwait(false);
        var schedule = customer.Schedule;
        if (!TryLastClosed(customer, customerClass, state.AsOf, out var last))
        {
            return;
        }

        var invoices = await _invoices.ListByCustomerAsync(customer.Id, cancellationToken).ConfigureAwait(false);
        var latest = invoices.Count > 0 ? invoices[^1] : null;
        var items = await ItemsAsync(customer, cancellationToken).ConfigureAwait(false);
        var next = latest is null ? schedule.First : schedule.Next(latest.Period);
        var billable = TryChargeableDays(items, out var firstDay, out var lastDay);
        if (billable && next.Start < firstDay)
        {
            // Nothing is charged before the first item's first day: begin with the period that holds it.
            next = schedule.PeriodContaining(firstDay);
        }

        var resume = latest is { Status: not InvoiceStatus.Void };
        if (!resume && !(billable && next.Start <= last.Start && next.Start <= lastDay))
        {
            return;
        }

        var chain = await ChainAsync(customer, cancellationToken).ConfigureAwait(false);
        var accounts = items.Accounts.ToDictionary(a => a.Id);
        var issuedOn = state.AsOf.InZone(schedule.Zone).Date;
        if (resume)
        {
            // Finish what an earlier run may have left half done; every append replays when it was done.
            await IssueAndPostAsync(state, latest!, issuerId, issuedOn, chain, accounts, schedule, cancellationToken).ConfigureAwait(false);
        }

        var terms = BillingTerms.For(customer, customerClass);
        // Only invoiced periods count towards the cap: a run that stopped at a run of empty periods would find them again next
        // time (no invoice marks them) and never get past them.
        for (var invoiced = 0; billable && next.Start <= last.Start && next.Start <= lastDay && invoiced < _options.MaxPeriodsPerCustomer; next = schedule.Next(next))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var charges = PeriodChargeCalculator.Calculate(terms, items, next);
            if (charges.Lines.IsEmpty)
            {
                continue; // Nothing active in this period: no invoice, no number used.
            }

            invoiced++;
            var draft = await _invoices.AddAsync(Invoice.Draft(InvoiceId.New(), charges), cancellationToken).ConfigureAwait(false);
            await IssueAndPostAsync(state, draft, issuerId, issuedOn, chain, accounts, schedule, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The first and last day any of the items can be charged for, or false when none can be on any day.</summary>
    private static bool TryChargeableDays(BilledItems items, out LocalDate first, out LocalDate last)
    {
        var from = int.MaxValue;
        var to = int.MinValue;
        foreach (var feature in items.Features)
        {
            if (feature.Days.Length > 0)
            {
                from = Math.Min(from, feature.Days.First);
                to = Math.Max(to, feature.Days.Last);
            }
        }

        var any = from <= to;
        first = any ? CivilDays.ToDate(from) : default;
        last = any ? CivilDays.ToDate(to) : default;
        return any;
    }

    private async ValueTask IssueAndPostAsync(
        RunState state,
        Invoice invoice,
        CustomerId issuerId,
        LocalDate issuedOn,
        IReadOnlyList<Customer> chain,
        IReadOnlyDictionary<AccountId, Account> accounts,
        BillingSchedule schedule,
        CancellationToken cancellationToken)
    {
        if (invoice.Status == InvoiceStatus.Draft)
        {
            invoice = await _invoices.IssueAsync(invoice, issuerId, issuedOn, cancellationToken).ConfigureAwait(false);
            state.CountIssued();
        }

        await _posting.PostAsync(invoice, chain, accounts, schedule.ClosesAt(invoice.Period), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The latest period of the customer's schedule closed for billing at <paramref name="asOf"/>, if any.</summary>
    private static bool TryLastClosed(Customer customer, CustomerClass? customerClass, Instant asOf, out BillingPeriod last)
    {
        var schedule = customer.Schedule;
        last = schedule.First;
        if (asOf < schedule.OpensAt(last))
        {
            return false; // The customer's first period had not begun at the run's instant.
        }

        last = schedule.PeriodContaining(asOf);
        // The period holding asOf is open; the ones before it close in order, each once its closing delay has passed.
        while (customer.ClosedForBillingAt(last, customerClass) > asOf)
        {
            if (last.Start <= schedule.First.Start)
            {
                return false;
            }

            last = schedule.Previous(last);
        }

        return true;
    }

    private async ValueTask<CustomerClass?> ClassAsync(RunState state, Customer customer, CancellationToken cancellationToken)
    {
        if (customer.ClassId is not { } classId)
        {
            return null;
        }

        if (!state.Classes.TryGetValue(classId, out var found))
        {
            found = await _classes.ClassOfAsync(customer, cancellationToken).ConfigureAwait(false);
            state.Classes.TryAdd(classId, found);
        }

        return found;
    }

    private async ValueTask<IReadOnlyList<Customer>> ChainAsync(Customer customer, CancellationToken cancellationToken)
    {
        var chain = new List<Customer>(4);
        var found = await CustomerAncestry.ReadAsync(_customers, customer.Id, chain, cancellationToken).ConfigureAwait(false);
        Guard.Rule(found, "CustomerId", customer.Id.Value, "no such customer any more");
        return chain;
    }

    private async ValueTask<BilledItems> ItemsAsync(Customer customer, CancellationToken cancellationToken)
    {
        var accounts = await _accounts.ListByOwnerAsync(customer.Id, cancellationToken).ConfigureAwait(false);
        var numbers = await _numbers.ListByOwnerAsync(customer.Id, cancellationToken).ConfigureAwait(false);
        var services = await _services.ListByOwnerAsync(customer.Id, cancellationToken).ConfigureAwait(false);
        return new BilledItems(customer.Id, accounts, numbers, services);
    }

    /// <summary>The counters and recorded failures of one run, shared by its parallel workers.</summary>
    private sealed class RunState(Instant asOf, int maxRecordedFailures, long totalCustomers)
    {
        private readonly ConcurrentQueue<BillingRunFailure> _failures = new();
        private long _done;
        private long _failed;
        private long _issued;

        public Instant AsOf { get; } = asOf;

        public ConcurrentDictionary<CustomerClassId, CustomerClass?> Classes { get; } = new();

        public long Done => Interlocked.Read(ref _done);

        public long Failed => Interlocked.Read(ref _failed);

        public long Issued => Interlocked.Read(ref _issued);

        public void CountDone() => Interlocked.Increment(ref _done);

        public void CountIssued() => Interlocked.Increment(ref _issued);

        public void Fail(CustomerId customerId, Exception error)
        {
            if (Interlocked.Increment(ref _failed) <= maxRecordedFailures)
            {
                _failures.Enqueue(new BillingRunFailure(customerId, error.GetType().Name, error.Message, (error as BillingRuleException)?.Field));
            }
        }

        public IReadOnlyList<BillingRunFailure> Failures() => [.. _failures];

        public BillingRunProgress Progress(TimeSpan elapsed) => new(Done, Failed, Issued, totalCustomers, elapsed);
    }
}
