namespace Billing.Core.Monetary;

// Operators: every binary operation between two amounts checks that the currencies match, and every result stays within
// ±MaxAmount (a product too large even for decimal is refused in the same words).
public readonly partial struct Money
{
    /// <summary>Adds two amounts of the same currency.</summary>
    /// <param name="left">The first amount.</param>
    /// <param name="right">The second amount.</param>
    /// <returns>The sum, at full precision.</returns>
    /// <exception cref="ArgumentException">An amount is <c>default</c>.</exception>
    /// <exception cref="BillingRuleException">The currencies differ, or the magnitude of the sum exceeds <see cref="MaxAmount"/>.</exception>
    public static Money operator +(Money left, Money right) => Sum(left, right, nameof(left), nameof(right));

    /// <summary>Subtracts an amount from another of the same currency.</summary>
    /// <param name="left">The amount to subtract from.</param>
    /// <param name="right">The amount to subtract.</param>
    /// <returns>The difference, at full precision.</returns>
    /// <exception cref="ArgumentException">An amount is <c>default</c>.</exception>
    /// <exception cref="BillingRuleException">The currencies differ, or the magnitude of the difference exceeds <see cref="MaxAmount"/>.</exception>
    public static Money operator -(Money left, Money right) => Difference(left, right, nameof(left), nameof(right));

    /// <summary>Negates an amount.</summary>
    /// <param name="value">The amount.</param>
    /// <returns>The amount with its sign reversed.</returns>
    /// <exception cref="ArgumentException"><paramref name="value"/> is <c>default</c>.</exception>
    public static Money operator -(Money value) => new(Guard.NotDefault(value).Currency, -value.Amount);

    /// <summary>Multiplies an amount by a factor (a quantity, a rate, a proration fraction), keeping full precision.</summary>
    /// <param name="money">The amount.</param>
    /// <param name="factor">The factor.</param>
    /// <returns>The product, unrounded.</returns>
    /// <exception cref="ArgumentException"><paramref name="money"/> is <c>default</c>.</exception>
    /// <exception cref="BillingRuleException">The magnitude of the product exceeds <see cref="MaxAmount"/>.</exception>
    public static Money operator *(Money money, decimal factor) => Product(money, factor, nameof(money));

    /// <summary>Multiplies an amount by a factor, keeping full precision.</summary>
    /// <param name="factor">The factor.</param>
    /// <param name="money">The amount.</param>
    /// <returns>The product, unrounded.</returns>
    /// <exception cref="ArgumentException"><paramref name="money"/> is <c>default</c>.</exception>
    /// <exception cref="BillingRuleException">The magnitude of the product exceeds <see cref="MaxAmount"/>.</exception>
    public static Money operator *(decimal factor, Money money) => Product(money, factor, nameof(money));

    /// <summary>Whether <paramref name="left"/> is less than <paramref name="right"/>.</summary>
    /// <param name="left">The first amount.</param>
    /// <param name="right">The second amount, in the same currency.</param>
    /// <exception cref="ArgumentException">An amount is <c>default</c>.</exception>
    /// <exception cref="BillingRuleException">The currencies differ.</exception>
    public static bool operator <(Money left, Money right) => Compare(left, right) < 0;

    /// <summary>Whether <paramref name="left"/> is greater than <paramref name="right"/>.</summary>
    /// <param name="left">The first amount.</param>
    /// <param name="right">The second amount, in the same currency.</param>
    /// <exception cref="ArgumentException">An amount is <c>default</c>.</exception>
    /// <exception cref="BillingRuleException">The currencies differ.</exception>
    public static bool operator >(Money left, Money right) => Compare(left, right) > 0;

    /// <summary>Whether <paramref name="left"/> is less than or equal to <paramref name="right"/>.</summary>
    /// <param name="left">The first amount.</param>
    /// <param name="right">The second amount, in the same currency.</param>
    /// <exception cref="ArgumentException">An amount is <c>default</c>.</exception>
    /// <exception cref="BillingRuleException">The currencies differ.</exception>
    public static bool operator <=(Money left, Money right) => Compare(left, right) <= 0;

    /// <summary>Whether <paramref name="left"/> is greater than or equal to <paramref name="right"/>.</summary>
    /// <param name="left">The first amount.</param>
    /// <param name="right">The second amount, in the same currency.</param>
    /// <exception cref="ArgumentException">An amount is <c>default</c>.</exception>
    /// <exception cref="BillingRuleException">The currencies differ.</exception>
    public static bool operator >=(Money left, Money right) => Compare(left, right) >= 0;

    /// <summary>Adds an amount of the same currency.</summary>
    /// <param name="other">The amount to add.</param>
    /// <returns>The sum.</returns>
    /// <exception cref="ArgumentException"><paramref name="other"/> is <c>default</c>.</exception>
    /// <exception cref="BillingRuleException">The currencies differ, or the magnitude of the sum exceeds <see cref="MaxAmount"/>.</exception>
    public Money Add(Money other) => Sum(this, other, "this", nameof(other));

    /// <summary>Subtracts an amount of the same currency.</summary>
    /// <param name="other">The amount to subtract.</param>
    /// <returns>The difference.</returns>
    /// <exception cref="ArgumentException"><paramref name="other"/> is <c>default</c>.</exception>
    /// <exception cref="BillingRuleException">The currencies differ, or the magnitude of the difference exceeds <see cref="MaxAmount"/>.</exception>
    public Money Subtract(Money other) => Difference(this, other, "this", nameof(other));

    /// <summary>Multiplies by a factor, keeping full precision.</summary>
    /// <param name="factor">The factor.</param>
    /// <returns>The product.</returns>
    /// <exception cref="BillingRuleException">The magnitude of the product exceeds <see cref="MaxAmount"/>.</exception>
    public Money Multiply(decimal factor) => Product(this, factor, "this");

    /// <summary>Returns the amount with its sign reversed.</summary>
    /// <returns>The negated amount.</returns>
    public Money Negate() => new(Currency, -Amount);

    /// <summary>Returns the absolute amount.</summary>
    /// <returns>The amount without its sign.</returns>
    public Money Abs() => new(Currency, Math.Abs(Amount));

    // Both amounts lie within ±MaxAmount, so neither the sum nor the difference can overflow decimal; the constructor checks the bound.
    private static Money Sum(Money left, Money right, string leftName, string rightName)
        => new(SameCurrency(left, right, leftName, rightName), left.Amount + right.Amount);

    private static Money Difference(Money left, Money right, string leftName, string rightName)
        => new(SameCurrency(left, right, leftName, rightName), left.Amount - right.Amount);

    private static int Compare(Money left, Money right)
    {
        SameCurrency(left, right, nameof(left), nameof(right));
        return left.Amount.CompareTo(right.Amount);
    }

    private static Currency SameCurrency(Money left, Money right, string leftName, string rightName)
    {
        Guard.NotDefault(left, leftName);
        Guard.NotDefault(right, rightName);
        left.EnsureSameCurrency(right);
        return left.Currency;
    }

    private static Money Product(Money money, decimal factor, string moneyName)
    {
        Guard.NotDefault(money, moneyName);

        // Assigned up front so that a mutant removing the try or the catch block still compiles (and is caught by the tests).
        var product = 0m;
        try
        {
            product = money.Amount * factor;
        }
        catch (OverflowException)
        {
            throw BeyondBound("Money.Amount", $"{money} × {Guard.Format(factor)}");
        }

        return new Money(money.Currency, product);
    }
}
