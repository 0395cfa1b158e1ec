using Billing.Core.Customers;

namespace Billing.Core.BillingRuns;

/// <summary>A customer a <see cref="BillingRun"/> could not bill, and why. The run went on with the other customers; running
/// again retries it, and what was written for it before the failure is not written twice.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="ErrorType">The exception's type name, e.g. <c>BillingRuleException</c>.</param>
/// <param name="Message">The exception's message.</param>
/// <param name="Field">The field a <see cref="BillingRuleException"/> names, else null.</param>
public sealed record BillingRunFailure(CustomerId CustomerId, string ErrorType, string Message, string? Field);
