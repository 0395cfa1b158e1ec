using Billing.Core.Accounts;
using Billing.Core.Balances;
using Billing.Core.BillingRuns;
using Billing.Core.CustomerClasses;
using Billing.Core.Customers;
using Billing.Core.Features;
using Billing.Core.Invoicing;
using Billing.Core.Ledgers;
using Billing.Core.Monetary;
using Billing.Core.Numbers;
using Billing.Core.Payments;
using Billing.Core.Periods;
using Billing.Core.Services;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Billing.Core.QuickStart;

/// <summary>
/// The main job end to end, as a host runs it: Billing.Core and a store from the container (an SQLite file unless the command
/// line chose another); a reseller hierarchy with a customer class, accounts, a number with line rental and a service with a
/// support fee; a customer imported from another platform with its original billing anchor and what it owes; a prepaid account
/// topped up and charged until a charge is declined; what each customer may see; and the customer's billing periods.
/// </summary>
/// <remarks>
/// Every record has a fixed id and every ledger write a fixed idempotency key, so a run over a store that an earlier run filled
/// finds the records by id and reuses them, and its top-ups and charges are replays: nothing is written twice, and the balances
/// are the same.
/// </remarks>
internal static class HostDemo
{
    public static async Task RunAsync(StoreChoice store)
    {
        Console.WriteLine($"== A host using Billing.Core with {store.Name} ==");
        var services = new ServiceCollection();
        services.AddSingleton<IClock>(new DemoClock(Instant.FromUtc(2026, 3, 31, 23, 30))); // 1 April 00:30 in London (BST)
        services.AddBillingCore(options =>
        {
            options.Customers.Currency = Currency.GBP;
            options.Customers.BillingTimeZone = DateTimeZoneProviders.Tzdb["Europe/London"];
            options.Customers.BillingCycle = BillingCycle.MonthlyAnniversary;
            options.Customers.PaymentTermsDays = 14;
            options.Customers.Language = "en-GB";
        });
        store.AddTo(services); // AddSqliteBillingStore(path), AddInMemoryBillingStore() or AddPostgreSqlBillingStore(connectionString)

        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        await store.MigrateAsync(provider); // a database's schema, before the first request
        provider.GetRequiredService<IStartupValidator>().Validate(); // what a generic host does at start-up
        await using var scope = provider.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var customers = sp.GetRequiredService<CustomerService>();
        var directory = sp.GetRequiredService<CustomerDirectory>();
        var charges = sp.GetRequiredService<Charging.ChargeService>();

        // What an earlier run stored is found by its id (creating it again would be refused as a duplicate).
        var storedCustomers = sp.GetRequiredService<ICustomerRepository>();
        var root = await storedCustomers.FindAsync(CustomerId.From("OWNER"));
        Console.WriteLine(root is null
            ? "  The store is empty: creating the customers, class, account, number and service."
            : "  The store holds what an earlier run created: finding each record by its id and reusing it.");

        var office = PostalAddress.Create(["1 Telecom Way"], "Leeds", "GB", postcode: "LS1 1AA");
        root ??= await customers.CreateRootAsync(new NewCustomer { Id = CustomerId.From("OWNER"), Name = "Switch Owner plc", Email = "ops@owner.example", BillingAddress = office });
        var reseller = await storedCustomers.FindAsync(CustomerId.From("RES-001"))
            ?? (await customers.CreateAsync(new NewCustomer
            {
                Id = CustomerId.From("RES-001"), Name = "Northern Voice Ltd", Email = "billing@northernvoice.example", BillingAddress = office,
                ParentId = root.Id, CreditLimit = new Money(5_000m, Currency.GBP),
            })).Customer;

        var classes = sp.GetRequiredService<ICustomerClassRepository>();
        var business = await classes.FindAsync(CustomerClassId.From("NV-BUSINESS")) ?? await classes.AddAsync(CustomerClass.Create(
            CustomerClassId.From("NV-BUSINESS"),
            "Business",
            ClassManager.Reseller(reseller.Id),
            Currency.GBP,
            businessModel: "hosted-pbx",
            taxation: Taxation.FlatPercentage(20m),
            gracePeriodDays: 10,
            customFields: [CustomFieldDefinition.Create("Seats", CustomFieldType.Number, mandatory: true)]));

        var customer = await storedCustomers.FindAsync(CustomerId.From("ACME-001"))
            ?? (await customers.CreateAsync(
                new NewCustomer
                {
                    Id = CustomerId.From("ACME-001"), Name = "Acme Widgets Ltd", Email = "accounts@acme.example",
                    BillingAddress = PostalAddress.Create(["2 Mill Lane"], "York", "GB", postcode: "YO1 7HH"),
                    ParentId = reseller.Id, BalanceModel = BalanceModel.Prepaid, OpeningFunds = new Money(50m, Currency.GBP),
                    CustomData = new Dictionary<string, CustomFieldValue> { ["Seats"] = CustomFieldValue.Number(12) },
                },
                business.Id)).Customer;
        var openingFunds = await sp.GetRequiredService<Charging.ILedgerStore>().FindByIdempotencyKeyAsync(LedgerOwner.ForCustomer(customer.Id), CustomerService.OpeningFundsKey);
        Console.WriteLine($"  {root} > {reseller} > {customer}");
        Console.WriteLine($"  {customer.Id}: class '{business.Name}', {customer.BalanceModel}, {customer.BillingCycle} from {customer.BillingCycleAnchor:yyyy-MM-dd} in {customer.BillingTimeZone.Id}, opening funds {openingFunds?.Amount}");

        try
        {
            await customers.CreateAsync(new NewCustomer { Name = "ACME WIDGETS LIMITED", Email = "x@acme.example", BillingAddress = office, ParentId = reseller.Id });
        }
        catch (BillingRuleException e)
        {
            Console.WriteLine($"  Duplicate refused: {e.Message}");
        }

        var accounts = sp.GetRequiredService<IAccountRepository>();
        var card = await accounts.FindAsync(AccountId.From("ACC-RECEPTION")) ?? await accounts.AddAsync(
            Account.Create(AccountId.From("ACC-RECEPTION"), customer, "Reception phone", alias: "reception", balanceModel: BalanceModel.Prepaid));
        var numbers = sp.GetRequiredService<INumberRepository>();
        var line = await numbers.FindAsync(NumberId.From("NUM-1")) ?? await numbers.AddAsync(
            // 0113 496 0xxx is Ofcom's drama range for Leeds: never in service, so the demo must allow it explicitly.
            Number.Create(NumberId.From("NUM-1"), customer, "0113 496 0123", "UK-BUSINESS", customer.BillingCycleAnchor, account: card, numbering: NumberingOptions.Default with { AllowDramaNumbers = true })
                .AttachFeature(Feature.Recurring(FeatureId.From("RENTAL"), "Line rental", Money.Of(12.50m, "GBP"), customer.BillingCycleAnchor)));
        var serviceRecords = sp.GetRequiredService<IServiceRepository>();
        var support = await serviceRecords.FindAsync(ServiceId.From("SUP-1")) ?? await serviceRecords.AddAsync(
            Service.Create(ServiceId.From("SUP-1"), customer, "support", "Premium support", customer.BillingCycleAnchor)
                .AttachFeature(Feature.Recurring(FeatureId.From("SUPPORT-FEE"), "Support fee", Money.Of(99m, "GBP"), customer.BillingCycleAnchor, proration: Proration.None)));
        Console.WriteLine($"  {line} with {line.Features[0]}");
        Console.WriteLine($"  {support} with {support.Features[0]}");

        Console.WriteLine();
        Console.WriteLine("== Importing a customer from another platform ==");
        var clock = sp.GetRequiredService<IClock>();
        var london = DateTimeZoneProviders.Tzdb["Europe/London"];
        var today = clock.GetCurrentInstant().InZone(london).Date;
        var originalAnchor = new LocalDate(today.Year - 2, 1, 31); // its billing day on the old platform: 31 January, two years ago
        var legacy = await storedCustomers.FindAsync(CustomerId.From("LEGACY-4711"))
            ?? (await customers.CreateAsync(new NewCustomer
            {
                Id = CustomerId.From("LEGACY-4711"), Name = "Harbour Cafe Ltd", Email = "accounts@harbourcafe.example",
                BillingAddress = PostalAddress.Create(["3 Quay Street"], "Whitby", "GB", postcode: "YO21 1AA"),
                ParentId = reseller.Id, BalanceModel = BalanceModel.Postpaid, CreditLimit = new Money(500m, Currency.GBP), OpeningAmountOwed = new Money(123.45m, Currency.GBP),
                CreatedAt = originalAnchor.At(new LocalTime(9, 0)).InZoneStrictly(london).ToInstant(),
            })).Customer;
        Console.WriteLine($"  {legacy}: {legacy.BillingCycle} from {legacy.BillingCycleAnchor:yyyy-MM-dd}, credit limit {legacy.CreditLimit}, owes {await charges.BalanceAsync(LedgerOwner.ForCustomer(legacy.Id))} (opening entry '{CustomerService.OpeningFundsKey}')");
        Console.WriteLine($"  Today is {today:yyyy-MM-dd}; its current billing period is {legacy.Schedule.PeriodContaining(clock.GetCurrentInstant())}");

        Console.WriteLine();
        Console.WriteLine("== Prepaid charging through the store ==");
        var at = Instant.FromUtc(2026, 4, 2, 9, 0);
        var cardLedger = LedgerOwner.ForAccount(card.Id);
        // Each write carries an idempotency key: sent again (by a retry, or by a second run of this sample over the same store) it
        // is a replay, which returns the original and writes nothing.
        var topUp = await charges.PostAsync(cardLedger, TransactionKind.TopUp, Money.Of(10m, "GBP"), "topup-2026-04-02", at, "Card top-up");
        var again = await charges.PostAsync(cardLedger, TransactionKind.TopUp, Money.Of(10m, "GBP"), "topup-2026-04-02", at, "Card top-up");
        Console.WriteLine($"  Top-up of {topUp.Transaction.Amount} {Written(topUp.IsReplay, "topup-2026-04-02")} (sending the same top-up again: replay = {again.IsReplay})");
        for (var call = 1; ; call++)
        {
            var outcome = await charges.ChargeAsync(card.Id, Money.Of(3.40m, "GBP"), $"call-{call}", at.Plus(Duration.FromMinutes(call)), "Call to 0113 496 0999");
            if (!outcome.IsApproved)
            {
                Console.WriteLine($"  Call {call} for 3.40 GBP declined: {outcome.Decision.Reason} at level {outcome.Decision.DecliningLevelIndex} ({outcome.Decision.DecliningOwner}); headroom {await charges.HeadroomAsync(card.Id)}");
                break;
            }

            Console.WriteLine($"  Call {call} for 3.40 GBP approved and {Written(outcome.IsReplay, $"call-{call}")}");
        }

        Console.WriteLine($"  Balances: card {await charges.BalanceAsync(cardLedger)}, {customer.Id} {await charges.BalanceAsync(LedgerOwner.ForCustomer(customer.Id))}, reseller owes {await charges.BalanceAsync(LedgerOwner.ForCustomer(reseller.Id))}");

        Console.WriteLine();
        Console.WriteLine("== Who sees what ==");
        Console.WriteLine($"  Acting as {reseller.Id}: subtree {string.Join(", ", (await directory.ListSubtreeAsync(reseller.Id)).Select(c => c.Id))}");
        Console.WriteLine($"  Acting as {customer.Id}: finds {reseller.Id}? {(await directory.FindAsync(customer.Id, reseller.Id)) is not null}; finds its card? {(await directory.FindAccountAsync(customer.Id, card.Id)) is not null}");

        Console.WriteLine();
        Console.WriteLine("== Billing periods of ACME-001 ==");
        var schedule = customer.Schedule;
        foreach (var period in schedule.PeriodsBetween(customer.BillingCycleAnchor, customer.BillingCycleAnchor.PlusMonths(3)))
        {
            Console.WriteLine($"  {period}: opens {schedule.OpensAt(period)}, closes {schedule.ClosesAt(period)}");
        }

        await BillAsync(sp, root);
    }

    /// <summary>
    /// Runs the bill: March has closed (midnight on 1 April in London is 23:00 UTC on 31 March, and the demo's clock reads 23:30),
    /// so the run invoices March for the one customer with a March period — a bistro of a second reseller, created on 1 March
    /// with a number (line rental from the 10th), a support contract and a set-up fee — and prints the invoice; then a payment
    /// and the suspension rule. ACME-001's first period is April, still open; LEGACY-4711 has nothing to bill. The bistro is in a
    /// reseller branch of its own, so the balances printed above are the same on every run.
    /// </summary>
    private static async Task BillAsync(IServiceProvider sp, Customer root)
    {
        Console.WriteLine();
        Console.WriteLine("== Running the bill ==");
        var customers = sp.GetRequiredService<ICustomerRepository>();
        var creation = sp.GetRequiredService<CustomerService>();
        var london = DateTimeZoneProviders.Tzdb["Europe/London"];
        var office = PostalAddress.Create(["9 Harbour Road"], "Bristol", "GB", postcode: "BS1 5TT");
        var reseller = await customers.FindAsync(CustomerId.From("RES-002"))
            ?? (await creation.CreateAsync(new NewCustomer
            {
                Id = CustomerId.From("RES-002"), Name = "Southern Lines Ltd", Email = "billing@southernlines.example", BillingAddress = office, ParentId = root.Id,
            })).Customer;
        var classes = sp.GetRequiredService<ICustomerClassRepository>();
        var hospitality = await classes.FindAsync(CustomerClassId.From("SL-HOSPITALITY")) ?? await classes.AddAsync(CustomerClass.Create(
            CustomerClassId.From("SL-HOSPITALITY"), "Hospitality", ClassManager.Reseller(reseller.Id), Currency.GBP, taxation: Taxation.FlatPercentage(20m), gracePeriodDays: 10));
        var bistro = await customers.FindAsync(CustomerId.From("BISTRO-01"));
        if (bistro is null)
        {
            var created = await creation.CreateAsync(
                new NewCustomer
                {
                    Id = CustomerId.From("BISTRO-01"), Name = "Quayside Bistro Ltd", Email = "accounts@quaysidebistro.example", BillingAddress = office,
                    ParentId = reseller.Id, BillingCycle = BillingCycle.Monthly, DefaultAccountId = AccountId.From("ACC-BISTRO"),
                    CreatedAt = new LocalDateTime(2026, 3, 1, 9, 0).InZoneStrictly(london).ToInstant(),
                },
                hospitality.Id);
            bistro = created.Customer;
            await sp.GetRequiredService<IAccountRepository>().UpdateAsync(created.DefaultAccount
                .AttachFeature(Feature.OneOff(FeatureId.From("SETUP"), "Set-up fee", Money.Of(25m, "GBP"), new LocalDate(2026, 3, 10))));
            await sp.GetRequiredService<INumberRepository>().AddAsync(
                Number.Create(NumberId.From("NUM-BISTRO"), bistro, "0117 496 0456", "UK-BUSINESS", new LocalDate(2026, 3, 10), account: created.DefaultAccount, numbering: NumberingOptions.Default with { AllowDramaNumbers = true })
                    .AttachFeature(Feature.Recurring(FeatureId.From("RENTAL"), "Line rental", Money.Of(12.50m, "GBP"), new LocalDate(2026, 3, 10))));
            await sp.GetRequiredService<IServiceRepository>().AddAsync(
                Service.Create(ServiceId.From("SUP-BISTRO"), bistro, "support", "Standard support", bistro.BillingCycleAnchor)
                    .AttachFeature(Feature.Recurring(FeatureId.From("SUPPORT"), "Support", Money.Of(30m, "GBP"), bistro.BillingCycleAnchor, proration: Proration.None)));
        }

        // Every period closed for billing by now is billed: the run is safe to start again (the second run of the sample does).
        var now = sp.GetRequiredService<IClock>().GetCurrentInstant();
        var result = await sp.GetRequiredService<BillingRun>().RunAsync(now);
        var invoices = sp.GetRequiredService<IInvoiceRepository>();
        var invoice = (await invoices.ListByCustomerAsync(bistro.Id))[0];
        Console.WriteLine($"  Run as of {now}: {result.CustomersDone} customers handled, {result.CustomersFailed} failed");
        Console.WriteLine($"  Invoice for {bistro.Id}, {invoice.Period} {Written(result.InvoicesIssued == 0, $"one invoice per customer and period: {bistro.Id} {invoice.Period.Start:yyyy-MM-dd}")}");
        Console.WriteLine($"  Invoice {invoice.Number} of {invoice.IssuerId ?? reseller.Id} to {invoice.CustomerId}, issued {invoice.IssuedOn:yyyy-MM-dd}, due {invoice.DueDate:yyyy-MM-dd}");
        foreach (var line in invoice.Lines)
        {
            Console.WriteLine($"    {line.Name,-12} {line.Quantity} x {line.UnitAmount,-10} {line.ActiveDays,2}/{line.PeriodDays} days {line.Amount,12}");
        }

        Console.WriteLine($"    {"Subtotal",-40} {invoice.Subtotal,12}");
        Console.WriteLine($"    {"Tax 20 %",-40} {invoice.Tax,12}");
        Console.WriteLine($"    {"Total",-40} {invoice.Total,12}");
        var payments = sp.GetRequiredService<InvoicePayments>();
        var before = await payments.AssessSuspensionAsync(bistro.Id, new LocalDate(2026, 5, 1));
        Console.WriteLine($"  On 2026-05-01, unpaid: due for suspension? {before.IsDue} (invoice {before.OldestUnpaidInvoice} due {before.OldestUnpaidDueDate:yyyy-MM-dd}, suspend from {before.SuspendFrom:yyyy-MM-dd} after 10 days' grace)");
        var paid = await payments.PayAsync(bistro.Id, Money.Of(50m, "GBP"), "bank-2026-04-20", Instant.FromUtc(2026, 4, 20, 9, 0), "BACS 0420");
        var after = (await invoices.FindAsync(invoice.Id))!;
        Console.WriteLine($"  Payment of {paid.Payment.Amount} {Written(paid.IsReplay, "bank-2026-04-20")}: invoice {after.Number} is {after.Status}, {after.Outstanding} outstanding");
    }

    private static string Written(bool isReplay, string idempotencyKey)
        => isReplay ? $"replayed: the store already held the key '{idempotencyKey}', so nothing was written" : "written";

    private sealed class DemoClock(Instant now) : IClock
    {
        public Instant GetCurrentInstant() => now;
    }
}
