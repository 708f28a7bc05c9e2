using System.Globalization;
using System.Text.RegularExpressions;
using Truce.Geodesy;

namespace Truce.Agreements;

/// <summary>Parses distances as written in specs: a number and a unit (km, mi, nmi, m), e.g. "85 km" or "15 mi".</summary>
public static partial class DistanceText
{
    /// <summary>The distance, or null with a reason.</summary>
    public static Distance? Parse(string? text, out string? error)
    {
        error = null;
        var m = Pattern().Match(text ?? string.Empty);
        if (!m.Success)
        {
            error = $"'{text}' is not a distance; write a number and a unit, e.g. \"85 km\" or \"15 mi\" (units: km, mi, nmi, m)";
            return null;
        }

        var number = double.Parse(m.Groups["n"].Value.Replace(" ", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture);
        var metres = m.Groups["u"].Value.ToLowerInvariant() switch
        {
            "km" or "kilometre" or "kilometres" or "kilometer" or "kilometers" => number * 1000,
            "mi" or "mile" or "miles" => number * Distance.MetresPerMile,
            "nmi" or "nautical mile" or "nautical miles" => number * 1852,
            _ => number,
        };
        if (!double.IsFinite(metres) || metres < 0)
        {
            error = $"'{text}' is not a usable distance";
            return null;
        }

        return Distance.FromMetres(metres);
    }

    [GeneratedRegex(@"^\s*(?<n>\d[\d ]*(\.\d+)?)\s*(?<u>km|kilomet(re|er)s?|nmi|nautical miles?|mi|miles?|m|metres|meters)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
