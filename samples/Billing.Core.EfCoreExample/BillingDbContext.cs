using System.Text.Json;
using Billing.Core.EfCoreExample.Rows;
using Microsoft.EntityFrameworkCore;

namespace Billing.Core.EfCoreExample;

/// <summary>
/// Billing.Core's aggregates in EF Core: one table per aggregate, each row its id, the key columns that queries, unique keys and
/// references need, its version (the concurrency token) and its snapshot as the library's JSON. See docs/storage.md, "Hosts on
/// EF Core".
/// </summary>
/// <param name="options">The options: the provider (SQLite here) and its connection.</param>
/// <remarks>Not thread-safe, as no <see cref="DbContext"/> is: the repositories create one per operation from a factory.</remarks>
public sealed class BillingDbContext(DbContextOptions<BillingDbContext> options) : DbContext(options)
{
    /// <summary>The customers.</summary>
    public DbSet<CustomerRow> Customers => Set<CustomerRow>();

    /// <summary>The customer classes.</summary>
    public DbSet<CustomerClassRow> CustomerClasses => Set<CustomerClassRow>();

    /// <summary>The accounts.</summary>
    public DbSet<AccountRow> Accounts => Set<AccountRow>();

    /// <summary>The telephone numbers.</summary>
    public DbSet<NumberRow> Numbers => Set<NumberRow>();

    /// <summary>The services.</summary>
    public DbSet<ServiceRow> Services => Set<ServiceRow>();

    /// <summary>The invoices.</summary>
    public DbSet<InvoiceRow> Invoices => Set<InvoiceRow>();

    /// <summary>The last invoice number of each issuer.</summary>
    public DbSet<InvoiceSequenceRow> InvoiceSequences => Set<InvoiceSequenceRow>();

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);

        // Id is the key by convention. Every table: Version is the concurrency token (updates and deletes say WHERE "Version" =
        // the version read), and the snapshot is one text column, written and read by the library's source-generated JSON.
        modelBuilder.Entity<CustomerRow>(customer =>
        {
            customer.Property(c => c.Version).IsConcurrencyToken();
            customer.Property(c => c.Snapshot).HasConversion(
                snapshot => JsonSerializer.Serialize(snapshot, BillingJsonContext.Default.CustomerSnapshot),
                json => JsonSerializer.Deserialize(json, BillingJsonContext.Default.CustomerSnapshot)!);

            // References: the database refuses to delete a parent or a class still referred to. NoAction is the plain foreign key
            // (SQLite reports it as SQLITE_CONSTRAINT_FOREIGNKEY; RESTRICT would fail as a trigger) and has EF Core change nothing.
            customer.HasOne<CustomerRow>().WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.NoAction);
            customer.HasOne<CustomerClassRow>().WithMany().HasForeignKey(c => c.ClassId).OnDelete(DeleteBehavior.NoAction);

            // Names unique among siblings. A unique index never matches NULLs, so the roots (no parent) get one of their own.
            customer.HasIndex(c => new { c.ParentId, c.NameKey }).IsUnique();
            customer.HasIndex(c => c.NameKey).IsUnique().HasFilter("\"ParentId\" IS NULL");
        });

        modelBuilder.Entity<CustomerClassRow>(customerClass =>
        {
            customerClass.Property(c => c.Version).IsConcurrencyToken();
            customerClass.Property(c => c.Snapshot).HasConversion(
                snapshot => JsonSerializer.Serialize(snapshot, BillingJsonContext.Default.CustomerClassSnapshot),
                json => JsonSerializer.Deserialize(json, BillingJsonContext.Default.CustomerClassSnapshot)!);

            // Names unique per manager; the administrator (no reseller) is a NULL manager, so it gets an index of its own.
            customerClass.HasIndex(c => new { c.ManagerId, c.NameKey }).IsUnique();
            customerClass.HasIndex(c => c.NameKey).IsUnique().HasFilter("\"ManagerId\" IS NULL");
        });

        modelBuilder.Entity<AccountRow>(account =>
        {
            account.Property(a => a.Version).IsConcurrencyToken();
            account.Property(a => a.Snapshot).HasConversion(
                snapshot => JsonSerializer.Serialize(snapshot, BillingJsonContext.Default.AccountSnapshot),
                json => JsonSerializer.Deserialize(json, BillingJsonContext.Default.AccountSnapshot)!);
            account.HasOne<CustomerRow>().WithMany().HasForeignKey(a => a.OwnerId).OnDelete(DeleteBehavior.NoAction);
            account.HasIndex(a => a.AliasKey).IsUnique();   // accounts without an alias (NULL) never clash
        });

        modelBuilder.Entity<NumberRow>(number =>
        {
            number.Property(n => n.Version).IsConcurrencyToken();
            number.Property(n => n.Snapshot).HasConversion(
                snapshot => JsonSerializer.Serialize(snapshot, BillingJsonContext.Default.NumberSnapshot),
                json => JsonSerializer.Deserialize(json, BillingJsonContext.Default.NumberSnapshot)!);
            number.HasOne<CustomerRow>().WithMany().HasForeignKey(n => n.OwnerId).OnDelete(DeleteBehavior.NoAction);
            number.HasOne<AccountRow>().WithMany().HasForeignKey(n => n.AccountId).OnDelete(DeleteBehavior.NoAction);
            number.HasIndex(n => n.PhoneNumber);
        });

        modelBuilder.Entity<ServiceRow>(service =>
        {
            service.Property(s => s.Version).IsConcurrencyToken();
            service.Property(s => s.Snapshot).HasConversion(
                snapshot => JsonSerializer.Serialize(snapshot, BillingJsonContext.Default.ServiceSnapshot),
                json => JsonSerializer.Deserialize(json, BillingJsonContext.Default.ServiceSnapshot)!);
            service.HasOne<CustomerRow>().WithMany().HasForeignKey(s => s.OwnerId).OnDelete(DeleteBehavior.NoAction);
        });

        modelBuilder.Entity<InvoiceRow>(invoice =>
        {
            invoice.Property(i => i.Version).IsConcurrencyToken();
            invoice.Property(i => i.Snapshot).HasConversion(
                snapshot => JsonSerializer.Serialize(snapshot, BillingJsonContext.Default.InvoiceSnapshot),
                json => JsonSerializer.Deserialize(json, BillingJsonContext.Default.InvoiceSnapshot)!);
            invoice.HasOne<CustomerRow>().WithMany().HasForeignKey(i => i.CustomerId).OnDelete(DeleteBehavior.NoAction);
            invoice.HasIndex(i => new { i.CustomerId, i.PeriodStartDay }).IsUnique();   // one invoice per customer and period
        });

        modelBuilder.Entity<InvoiceSequenceRow>(sequence => sequence.HasKey(s => s.IssuerId));
    }
}
