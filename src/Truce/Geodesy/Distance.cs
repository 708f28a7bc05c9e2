using System.Globalization;

namespace Truce.Geodesy;

/// <summary>A non-negative length on the Earth's surface, held in metres; may be unbounded for "somewhere in the country".</summary>
/// <remarks>
/// <c>default</c> is zero metres. A unit-less double for distance is what this type exists to prevent:
/// build one with <see cref="FromKilometres"/>, <see cref="FromMiles"/> or <see cref="FromMetres"/>.
/// </remarks>
public readonly struct Distance : IEquatable<Distance>, IComparable<Distance>
{
    /// <summary>Metres in one international mile (the unit of "15 miles" in the reporting).</summary>
    public const double MetresPerMile = 1609.344;

    private Distance(double metres) => Metres = metres;

    /// <summary>The length in metres; positive infinity for <see cref="Unbounded"/>.</summary>
    public double Metres { get; }

    /// <summary>The length in kilometres.</summary>
    public double Kilometres => Metres / 1000.0;

    /// <summary>Whether this is a real, finite length.</summary>
    public bool IsFinite => double.IsFinite(Metres);

    /// <summary>Zero length.</summary>
    public static Distance Zero => default;

    /// <summary>A radius that bounds nothing (a location known only to the country, or not at all).</summary>
    public static Distance Unbounded => new(double.PositiveInfinity);

    /// <summary>Creates a distance from metres; rejects negatives and NaN.</summary>
    public static Distance FromMetres(double metres)
    {
        if (double.IsNaN(metres) || metres < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(metres), metres, "a distance must be a non-negative number");
        }

        return new Distance(metres);
    }

    /// <summary>Creates a distance from kilometres.</summary>
    public static Distance FromKilometres(double kilometres) => FromMetres(kilometres * 1000.0);

    /// <summary>Creates a distance from international miles.</summary>
    public static Distance FromMiles(double miles) => FromMetres(miles * MetresPerMile);

    /// <summary>Sum of two distances.</summary>
    public static Distance operator +(Distance a, Distance b) => new(a.Metres + b.Metres);

    /// <summary>Difference, clamped at zero: a distance cannot be negative.</summary>
    public static Distance operator -(Distance a, Distance b) => new(Math.Max(0, a.Metres - b.Metres));

    /// <inheritdoc/>
    public static bool operator <(Distance a, Distance b) => a.Metres < b.Metres;

    /// <inheritdoc/>
    public static bool operator >(Distance a, Distance b) => a.Metres > b.Metres;

    /// <inheritdoc/>
    public static bool operator <=(Distance a, Distance b) => a.Metres <= b.Metres;

    /// <inheritdoc/>
    public static bool operator >=(Distance a, Distance b) => a.Metres >= b.Metres;

    /// <inheritdoc/>
    public static bool operator ==(Distance a, Distance b) => a.Equals(b);

    /// <inheritdoc/>
    public static bool operator !=(Distance a, Distance b) => !a.Equals(b);

    /// <summary>The smaller of two distances.</summary>
    public static Distance Min(Distance a, Distance b) => a <= b ? a : b;

    /// <inheritdoc/>
    public bool Equals(Distance other) => Metres.Equals(other.Metres);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Distance d && Equals(d);

    /// <inheritdoc/>
    public override int GetHashCode() => Metres.GetHashCode();

    /// <inheritdoc/>
    public int CompareTo(Distance other) => Metres.CompareTo(other.Metres);

    /// <summary>Kilometres with three decimals (metre resolution), or "unbounded".</summary>
    public override string ToString() =>
        IsFinite ? Kilometres.ToString("0.000", CultureInfo.InvariantCulture) + " km" : "unbounded";
}
