using System.Globalization;

namespace Truce.Geodesy;

/// <summary>A position on the WGS84 ellipsoid: latitude in [-90, 90] and longitude in [-180, 180] degrees.</summary>
/// <remarks><c>default</c> is (0°, 0°), a real point in the Gulf of Guinea, not "no position".</remarks>
public readonly record struct GeoPoint
{
    /// <summary>Creates a point, rejecting NaN, infinities and latitudes beyond the poles; longitude is wrapped to [-180, 180].</summary>
    public GeoPoint(double latitude, double longitude)
    {
        Latitude = Preconditions.CheckRange(latitude, -90, 90, nameof(latitude));
        Preconditions.CheckFinite(longitude, nameof(longitude));
        Longitude = longitude is >= -180 and <= 180 ? longitude : GeoMath.AngNormalize(longitude);
    }

    /// <summary>Geodetic latitude in degrees.</summary>
    public double Latitude { get; }

    /// <summary>Longitude in degrees east of Greenwich.</summary>
    public double Longitude { get; }

    /// <summary>"33.12345N 35.67890E" style, six decimals (about 0.1 m).</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Math.Abs(Latitude):0.000000}{(Latitude < 0 ? 'S' : 'N')} {Math.Abs(Longitude):0.000000}{(Longitude < 0 ? 'W' : 'E')}");
}
