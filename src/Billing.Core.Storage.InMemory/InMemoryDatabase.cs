namespace Billing.Core.Storage.InMemory;

/// <summary>
/// The in-memory repositories as one database: every repository writes under one shared lock, so a delete can check the rows
/// that still refer to the entity and delete it in one atomic step, as a database's foreign keys would.
/// </summary>
/// <remarks>Thread-safe. Reads by id take no lock.</remarks>
internal sealed class InMemoryDatabase
{
    public InMemoryDatabase()
    {
        Customers = new InMemoryCustomerRepository(this);
        Classes = new InMemoryCustomerClassRepository(this);
        Accounts = new InMemoryAccountRepository(this);
        Numbers = new InMemoryNumberRepository(this);
        Services = new InMemoryServiceRepository(this);
        Invoices = new InMemoryInvoiceRepository(this);
    }

    /// <summary>The lock every write of every repository takes.</summary>
    public Lock WriteGate { get; } = new();

    public InMemoryCustomerRepository Customers { get; }

    public InMemoryCustomerClassRepository Classes { get; }

    public InMemoryAccountRepository Accounts { get; }

    public InMemoryNumberRepository Numbers { get; }

    public InMemoryServiceRepository Services { get; }

    public InMemoryInvoiceRepository Invoices { get; }
}
