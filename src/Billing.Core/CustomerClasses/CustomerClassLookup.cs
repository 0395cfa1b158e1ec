using Billing.Core.Customers;

namespace Billing.Core.CustomerClasses;

/// <summary>Reads a customer's class, refusing a customer whose class is not stored.</summary>
internal static class CustomerClassLookup
{
    /// <summary>The class of <paramref name="customer"/>; null when it belongs to none.</summary>
    /// <param name="classes">Where classes are stored.</param>
    /// <param name="customer">The customer.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The class, or null.</returns>
    /// <exception cref="BillingRuleException">The customer names a class that is not stored (field <c>Customer.ClassId</c>).</exception>
    public static async ValueTask<CustomerClass?> ClassOfAsync(this ICustomerClassRepository classes, Customer customer, CancellationToken cancellationToken)
    {
        if (customer.ClassId is not { } classId)
        {
            return null;
        }

        var found = await classes.FindAsync(classId, cancellationToken).ConfigureAwait(false);
        Guard.Rule(found is not null, "Customer.ClassId", classId.Value, $"no such class, though customer {customer.Id} belongs to it");
        return found;
    }
}
