using Microsoft.Extensions.Options;

namespace Billing.Core.Storage.PostgreSql;

/// <summary>Validates the store's options with one message that lists every problem and the values at fault.</summary>
internal sealed class PostgreSqlBillingStoreOptionsValidator : IValidateOptions<PostgreSqlBillingStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, PostgreSqlBillingStoreOptions options)
        => options.Problems() is [_, ..] problems
            ? ValidateOptionsResult.Fail("The PostgreSQL store's options are invalid: " + string.Join("; ", problems) + ".")
            : ValidateOptionsResult.Success;
}
