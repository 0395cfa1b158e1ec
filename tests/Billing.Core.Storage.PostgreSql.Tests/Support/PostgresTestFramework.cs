using Billing.Core.Storage.Testing;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: Xunit.TestFramework("Billing.Core.Storage.PostgreSql.Tests.Support.PostgresTestFramework", "Billing.Core.Storage.PostgreSql.Tests")]

// The fault test restarts the server and terminates backends: no other test may use it meanwhile.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Billing.Core.Storage.PostgreSql.Tests.Support;

/// <summary>
/// xunit's framework, except that where PostgreSQL is neither installed nor named by <c>BILLING_CORE_POSTGRES</c> the tests that
/// need it (the contract suite and classes marked <see cref="PostgresTestAttribute"/>) are reported as skipped, with the
/// reason, instead of failing. Under <c>CI=true</c> nothing is skipped: there a missing server must fail the run.
/// </summary>
public sealed class PostgresTestFramework(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    /// <inheritdoc />
    protected override ITestFrameworkDiscoverer CreateDiscoverer(IAssemblyInfo assemblyInfo)
        => new Discoverer(assemblyInfo, SourceInformationProvider, DiagnosticMessageSink);

    /// <inheritdoc />
    protected override ITestFrameworkExecutor CreateExecutor(System.Reflection.AssemblyName assemblyName)
        => new Executor(assemblyName, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Executor(System.Reflection.AssemblyName assemblyName, ISourceInformationProvider sourceProvider, IMessageSink diagnosticMessageSink)
        : XunitTestFrameworkExecutor(assemblyName, sourceProvider, diagnosticMessageSink)
    {
        protected override async void RunTestCases(IEnumerable<IXunitTestCase> testCases, IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
        {
            using var runner = new AssemblyRunner(TestAssembly, testCases, DiagnosticMessageSink, executionMessageSink, executionOptions);
            await runner.RunAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Stops the shared server before the run reports that it finished, while the test process is sure to be alive.</summary>
    private sealed class AssemblyRunner(
        ITestAssembly testAssembly,
        IEnumerable<IXunitTestCase> testCases,
        IMessageSink diagnosticMessageSink,
        IMessageSink executionMessageSink,
        ITestFrameworkExecutionOptions executionOptions)
        : XunitTestAssemblyRunner(testAssembly, testCases, diagnosticMessageSink, executionMessageSink, executionOptions)
    {
        protected override async Task BeforeTestAssemblyFinishedAsync()
        {
            await PostgresServer.StopSharedAsync().ConfigureAwait(false);
            await base.BeforeTestAssemblyFinishedAsync().ConfigureAwait(false);
        }
    }

    private sealed class Discoverer(IAssemblyInfo assemblyInfo, ISourceInformationProvider sourceProvider, IMessageSink diagnosticMessageSink)
        : XunitTestFrameworkDiscoverer(assemblyInfo, sourceProvider, diagnosticMessageSink)
    {
        private readonly string? _skipReason = PostgresServer.SkipReason;

        protected override bool FindTestsForType(ITestClass testClass, bool includeSourceInformation, IMessageBus messageBus, ITestFrameworkDiscoveryOptions discoveryOptions)
        {
            var type = testClass.Class.ToRuntimeType();
            if (_skipReason is null || type is null || !NeedsPostgres(type))
            {
                return base.FindTestsForType(testClass, includeSourceInformation, messageBus, discoveryOptions);
            }

            using var skipping = new SkippingBus(messageBus, DiagnosticMessageSink, _skipReason);
            return base.FindTestsForType(testClass, includeSourceInformation, skipping, discoveryOptions);
        }

        private static bool NeedsPostgres(Type type)
            => typeof(BillingStoreContract).IsAssignableFrom(type) || type.IsDefined(typeof(PostgresTestAttribute), inherit: true);
    }

    /// <summary>Passes discovered test cases on as skipped ones.</summary>
    private sealed class SkippingBus(IMessageBus inner, IMessageSink diagnostics, string reason) : IMessageBus
    {
        public bool QueueMessage(IMessageSinkMessage message)
        {
            if (message is ITestCaseDiscoveryMessage { TestCase: IXunitTestCase { SkipReason: null } testCase })
            {
                var skipped = new XunitSkippedDataRowTestCase(
                    diagnostics,
                    TestMethodDisplay.ClassAndMethod,
                    TestMethodDisplayOptions.None,
                    testCase.TestMethod,
                    reason,
                    testCase.TestMethodArguments);
                return inner.QueueMessage(new TestCaseDiscoveryMessage(skipped));
            }

            return inner.QueueMessage(message);
        }

        public void Dispose()
        {
            // The inner bus belongs to the caller.
        }
    }
}
