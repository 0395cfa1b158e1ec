using System.Reflection;
using System.Text;
using Billing.Core.Accounts;
using Billing.Core.Balances;
using Billing.Core.BillingRuns;
using Billing.Core.Charging;
using Billing.Core.CustomerClasses;
using Billing.Core.Customers;
using Billing.Core.ExchangeRates;
using Billing.Core.Ledgers;
using Billing.Core.Monetary;
using Billing.Core.Numbers;
using Billing.Core.Payments;
using Billing.Core.Removal;
using Billing.Core.Services;
using Billing.Core.Storage.Testing;
using Billing.Core.Tests.PublicApi;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Xunit.Abstractions;

namespace Billing.Core.Storage.InMemory.Tests;

/// <summary>
/// Every public method of the application services (charging, creation, visibility, removal, billing runs, payments), called through a real in-memory store
/// with hostile arguments — unknown and default ids, nulls, defaults, noncharacters, 10k-character keys, extreme amounts and
/// instants, undefined kinds, stale versions — throws only what its XML documentation lists (a cancelled token may also cancel).
/// </summary>
public sealed class ServiceFuzzTests(ITestOutputHelper output)
{
    private const int CallsPerMethod = 150;
    private static readonly Instant Now = BillingStoreContract.Now;
    private static readonly Type[] Services =
        [typeof(ChargeService), typeof(CustomerService), typeof(CustomerDirectory), typeof(RemovalService), typeof(BillingRun), typeof(InvoicePayments)];
    private static readonly Lazy<ApiDocumentation> Docs = new(() => ApiDocumentation.Of(typeof(ChargeService).Assembly));

    [Fact]
    public async Task EveryServiceMethod_HostileArguments_ThrowsOnlyDocumentedExceptions()
    {
        await using var provider = Provider();
        await using var scope = provider.CreateAsyncScope();
        var pools = await PoolsAsync(scope.ServiceProvider);
        var random = new Random(20261202);
        var violations = new SortedSet<string>(StringComparer.Ordinal);
        var methods = Services.SelectMany(s => s.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)).ToArray();
        methods.Length.ShouldBeGreaterThan(15);
        var calls = 0;
        foreach (var method in methods)
        {
            Docs.Value.IsDocumented(method).ShouldBeTrue($"{method.DeclaringType!.Name}.{method.Name} has no XML documentation");
            var documented = Docs.Value.ExceptionsOf(method);
            var service = scope.ServiceProvider.GetRequiredService(method.DeclaringType!);
            var parameters = method.GetParameters();
            foreach (var p in parameters)
            {
                pools.ContainsKey(p.ParameterType).ShouldBeTrue($"no values for {p.ParameterType.Name} ({method.Name})");
            }

            for (var call = 0; call < CallsPerMethod; call++)
            {
                var args = parameters.Select(p => Pick(pools[p.ParameterType], random)).ToArray();
                calls++;
                var thrown = await CallAsync(method, service, args);
                if (thrown is null || Allowed(thrown, documented, parameters, args))
                {
                    continue;
                }

                var key = $"- {method.DeclaringType!.Name}.{method.Name}({string.Join(", ", parameters.Select(p => p.ParameterType.Name))}) threw {thrown.GetType().Name}";
                if (violations.All(v => !v.StartsWith(key, StringComparison.Ordinal)))
                {
                    violations.Add($"{key} (documented: {string.Join(", ", documented.DefaultIfEmpty("none"))}), e.g. for ({string.Join(", ", args.Select(Show))}): {thrown.Message}");
                }
            }
        }

        output.WriteLine($"{methods.Length} methods, {calls} calls, {violations.Count} violations.");
        if (violations.Count > 0)
        {
            Assert.Fail(new StringBuilder($"{violations.Count} undocumented exception(s):").AppendLine().AppendJoin(Environment.NewLine, violations.Take(40)).ToString());
        }
    }

    private static bool Allowed(Exception thrown, IReadOnlySet<string> documented, ParameterInfo[] parameters, object?[] args)
    {
        if (thrown is OperationCanceledException && args.OfType<CancellationToken>().Any(t => t.IsCancellationRequested))
        {
            return true; // the .NET convention: a cancelled token cancels, documented or not
        }

        var listed = false;
        for (var type = thrown.GetType(); type is not null && type != typeof(object); type = type.BaseType)
        {
            listed |= documented.Contains(type.FullName!);
        }

        return listed && (thrown is not ArgumentException argument || argument.ParamName is null || parameters.Any(p => argument.ParamName.StartsWith(p.Name!, StringComparison.Ordinal)));
    }

    private static async Task<Exception?> CallAsync(MethodInfo method, object service, object?[] args)
    {
        try
        {
            var result = method.Invoke(service, args);
            if (result is null)
            {
                return null;
            }

            var asTask = result.GetType().GetMethod("AsTask");
            if ((result as Task ?? asTask?.Invoke(result, null)) is Task task)
            {
                await task;
            }

            return null;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            return e.InnerException;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    private static object? Pick(object?[] pool, Random random) => pool[random.Next(pool.Length)];

    private static string Show(object? value) => value switch
    {
        null => "null",
        string s => s.Length > 20 ? $"\"{s[..20]}…\"({s.Length})" : $"\"{s}\"",
        _ => value.ToString() is { Length: > 40 } text ? text[..40] + "…" : value.ToString() ?? string.Empty,
    };

    private static ServiceProvider Provider()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IClock>(new NodaTime.Testing.FakeClock(Now));
        services.AddBillingCore(o => o.Customers.Currency = Currency.GBP).AddInMemoryBillingStore();
        return services.BuildServiceProvider();
    }

    private static async Task<Dictionary<Type, object?[]>> PoolsAsync(IServiceProvider services)
    {
        var customers = services.GetRequiredService<CustomerService>();
        var address = StoreUnderTest.Address;
        var root = await customers.CreateRootAsync(new NewCustomer { Name = "Root", Email = "root@example.com", BillingAddress = address });
        var reseller = (await customers.CreateAsync(new NewCustomer { Name = "Reseller", Email = "r@example.com", BillingAddress = address, ParentId = root.Id, CreditLimit = new Money(100m, Currency.GBP) })).Customer;
        var prepaid = await customers.CreateAsync(new NewCustomer
        {
            Name = "Prepaid", Email = "p@example.com", BillingAddress = address, ParentId = reseller.Id, BalanceModel = BalanceModel.Prepaid, OpeningFunds = new Money(10m, Currency.GBP),
        });
        var number = await services.GetRequiredService<INumberRepository>().AddAsync(Number.Create(
            NumberId.From("NUM-F1"), prepaid.Customer, "01632 960123", "T", new LocalDate(2026, 1, 1), numbering: NumberingOptions.Default with { AllowDramaNumbers = true }));
        var service = await services.GetRequiredService<IServiceRepository>().AddAsync(Service.Create(ServiceId.From("SVC-F1"), prepaid.Customer, "t", "n", new LocalDate(2027, 1, 1)));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var rates = ExchangeRateTable.From([new ExchangeRate(Currency.EUR, Currency.GBP, 0.85m, Now - Duration.FromDays(1))]);
        string[] texts = ["k-1", string.Empty, "   ", new string('x', 10_000), "\uFFFE", "a\u0000b", "'; DROP TABLE ledgers; --"];
        var request = new TransactionRequest(TransactionId.New(), TransactionKind.Charge, Money.Of(1m, "GBP"), Now, "req-1");
        return new Dictionary<Type, object?[]>
        {
            [typeof(AccountId)] = [prepaid.DefaultAccount.Id, AccountId.From("NOPE"), default(AccountId)],
            [typeof(CustomerId)] = [root.Id, reseller.Id, prepaid.Customer.Id, CustomerId.From("NOBODY"), default(CustomerId)],
            [typeof(CustomerId?)] = [null, reseller.Id, CustomerId.From("NOBODY")],
            [typeof(CustomerClassId?)] = [null, CustomerClassId.From("NO-CLASS")],
            [typeof(NumberId)] = [number.Id, NumberId.From("NOPE"), default(NumberId)],
            [typeof(ServiceId)] = [service.Id, ServiceId.From("NOPE"), default(ServiceId)],
            [typeof(LedgerOwner)] = [LedgerOwner.ForAccount(prepaid.DefaultAccount.Id), LedgerOwner.ForCustomer(reseller.Id), LedgerOwner.ForCustomer(CustomerId.From("NOBODY")), default(LedgerOwner)],
            [typeof(Money)] = [Money.Of(1m, "GBP"), Money.Of(0m, "GBP"), Money.Of(-1m, "GBP"), Money.Of(Money.MaxAmount, "GBP"), Money.Of(0.000001m, "GBP"), Money.Of(1m, "EUR"), default(Money)],
            [typeof(string)] = texts,
            [typeof(Instant)] = [Now, Instant.MinValue, Instant.MaxValue],
            [typeof(TransactionKind)] = [.. Enum.GetValues<TransactionKind>().Cast<object?>(), (TransactionKind)99],
            [typeof(TransactionRequest)] = [request, null, new TransactionRequest(TransactionId.New(), TransactionKind.TopUp, Money.Of(1m, "GBP"), Now, "req-2")],
            [typeof(ExchangeRateTable)] = [null, rates],
            [typeof(NewCustomer)] =
            [
                null,
                new NewCustomer { Name = "New Ltd", Email = "n@example.com", BillingAddress = address, ParentId = reseller.Id },
                new NewCustomer { Name = "\uFFFE", Email = "n@example.com", BillingAddress = address, ParentId = reseller.Id },
                new NewCustomer { Name = "Orphan", Email = "o@example.com", BillingAddress = address, ParentId = CustomerId.From("NOBODY") },
                new NewCustomer { Name = "Rich", Email = "r@example.com", BillingAddress = address, ParentId = reseller.Id, BalanceModel = BalanceModel.Prepaid, OpeningFunds = new Money(Money.MaxAmount, Currency.JPY) },
                new NewCustomer { Name = "Old", Email = "old@example.com", BillingAddress = address, ParentId = reseller.Id, CreatedAt = Instant.MinValue },
                new NewCustomer { Name = "Root Two", Email = "root2@example.com", BillingAddress = address, CreditLimit = new Money(5m, Currency.GBP) },
            ],
            [typeof(long)] = [1L, 0L, -1L, long.MaxValue],
            [typeof(CancellationToken)] = [CancellationToken.None, cancelled.Token],
            [typeof(LocalDate)] = [new LocalDate(2026, 5, 1), LocalDate.MinIsoValue, LocalDate.MaxIsoValue, default(LocalDate)],
            [typeof(IProgress<BillingRunProgress>)] = [null, new Progress<BillingRunProgress>(_ => { })],
        };
    }
}
