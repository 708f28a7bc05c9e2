namespace Truce;

/// <summary>The one place public entry points check their arguments; every check rejects NaN.</summary>
internal static class Preconditions
{
    public static double CheckFinite(double value, string paramName)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(paramName, value, "must be a finite number");
        }

        return value;
    }

    public static double CheckRange(double value, double min, double max, string paramName)
    {
        // Written so that NaN fails: every comparison with NaN is false.
        if (!(value >= min && value <= max))
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"must be between {min} and {max}");
        }

        return value;
    }

    public static string CheckNotBlank(string? value, string paramName)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException("must not be empty", paramName);
        }

        return value;
    }
}
