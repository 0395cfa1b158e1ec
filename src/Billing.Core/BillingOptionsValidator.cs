using Microsoft.Extensions.Options;

namespace Billing.Core;

/// <summary>Validates <see cref="BillingOptions"/> with one message that lists every problem.</summary>
internal sealed class BillingOptionsValidator : IValidateOptions<BillingOptions>
{
    public ValidateOptionsResult Validate(string? name, BillingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Problems();
        return problems.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("Billing.Core options are invalid: " + string.Join("; ", problems) + ".");
    }
}
