using System.Runtime.CompilerServices;

namespace Truce.Geodesy;

/// <summary>A geodesic fixed by a start point and azimuth, along which positions at any distance can be computed.</summary>
/// <remarks>Built once per segment so that walking along it costs a series evaluation, not a fresh inverse solution.</remarks>
public sealed class GeodesicLine
{
    private readonly Geodesic geodesic;
    private readonly GeodesicLineCore core;

    internal GeodesicLine(Geodesic geodesic, double lat1, double lon1, double azi1)
        : this(geodesic, lat1, lon1, GeoMath.AngNormalize(azi1), double.NaN, double.NaN, double.NaN)
    {
    }

    internal GeodesicLine(Geodesic geodesic, double lat1, double lon1, double azi1, double salp1, double calp1, double length)
    {
        this.geodesic = geodesic;
        core = new GeodesicLineCore(geodesic, lat1, lon1, azi1, salp1, calp1);
        Azimuth1 = azi1;
        Length = double.IsNaN(length) ? Distance.Unbounded : Distance.FromMetres(length);
    }

    /// <summary>Azimuth at the start, degrees clockwise from north.</summary>
    public double Azimuth1 { get; }

    /// <summary>Length to the end point when the line was built from two points; unbounded otherwise.</summary>
    public Distance Length { get; }

    /// <summary>The point and forward azimuth at <paramref name="s12"/> metres from the start (negative walks backwards).</summary>
    public (GeoPoint Point, double Azimuth) Position(double s12) => core.Position(geodesic, s12);
}

/// <summary>The state of a geodesic line, as a value: <see cref="Geodesic.Direct"/> solves on the stack with it, and <see cref="GeodesicLine"/> keeps one.</summary>
internal struct GeodesicLineCore
{
    private const int Order = 6;
    private readonly double lat1;
    private readonly double lon1;
    private readonly double salp0;
    private readonly double calp0;
    private readonly double ssig1;
    private readonly double csig1;
    private readonly double somg1;
    private readonly double comg1;
    private readonly double a1m1;
    private readonly double b11;
    private readonly double stau1;
    private readonly double ctau1;
    private readonly double a3c;
    private readonly double b31;
    private Coefficients7 c1pa;
    private Coefficients6 c3a;

    public GeodesicLineCore(Geodesic geodesic, double lat1, double lon1, double azi1, double salp1, double calp1)
    {
        Geodesic.LinesStarted++;
        this.lat1 = GeoMath.LatFix(lat1);
        this.lon1 = lon1;
        if (double.IsNaN(salp1) || double.IsNaN(calp1))
        {
            (salp1, calp1) = GeoMath.SinCosd(GeoMath.AngRound(azi1));
        }

        var (s, c) = GeoMath.SinCosd(GeoMath.AngRound(this.lat1));
        double sbet1 = geodesic.F1 * s, cbet1 = c;
        double t = GeoMath.Hypot(sbet1, cbet1);
        sbet1 /= t;
        cbet1 /= t;
        cbet1 = Math.Max(Geodesic.Tiny, cbet1);

        salp0 = salp1 * cbet1;
        calp0 = GeoMath.Hypot(calp1, salp1 * sbet1);
        ssig1 = sbet1;
        somg1 = salp0 * sbet1;
        csig1 = comg1 = sbet1 != 0 || calp1 != 0 ? cbet1 * calp1 : 1;
        t = GeoMath.Hypot(ssig1, csig1);
        ssig1 /= t;
        csig1 /= t;

        double k2 = GeoMath.Sq(calp0) * geodesic.Ep2;
        double eps = k2 / ((2 * (1 + Math.Sqrt(1 + k2))) + k2);

        a1m1 = Geodesic.A1m1f(eps);
        Span<double> c1a = stackalloc double[Order + 1];
        Geodesic.C1f(eps, c1a);
        b11 = Geodesic.SinCosSeries(true, ssig1, csig1, c1a);
        s = Math.Sin(b11);
        c = Math.Cos(b11);
        stau1 = (ssig1 * c) + (csig1 * s);
        ctau1 = (csig1 * c) - (ssig1 * s);

        Geodesic.C1pf(eps, c1pa);

        geodesic.C3f(eps, c3a);
        a3c = -geodesic.F * salp0 * geodesic.A3f(eps);
        b31 = Geodesic.SinCosSeries(true, ssig1, csig1, c3a);
    }

    /// <summary>The point and forward azimuth at <paramref name="s12"/> metres from the start (negative walks backwards).</summary>
    public readonly (GeoPoint Point, double Azimuth) Position(Geodesic geodesic, double s12)
    {
        Preconditions.CheckFinite(s12, nameof(s12));
        double tau12 = s12 / (geodesic.B * (1 + a1m1));
        double s = Math.Sin(tau12), c = Math.Cos(tau12);
        double b12 = -Geodesic.SinCosSeries(true, (stau1 * c) + (ctau1 * s), (ctau1 * c) - (stau1 * s), c1pa);
        double sig12 = tau12 - (b12 - b11);
        double ssig12 = Math.Sin(sig12), csig12 = Math.Cos(sig12);

        double ssig2 = (ssig1 * csig12) + (csig1 * ssig12);
        double csig2 = (csig1 * csig12) - (ssig1 * ssig12);
        double sbet2 = calp0 * ssig2;
        double cbet2 = GeoMath.Hypot(salp0, calp0 * csig2);
        if (cbet2 == 0)
        {
            cbet2 = csig2 = Geodesic.Tiny;
        }

        double salp2 = salp0, calp2 = calp0 * csig2;
        double somg2 = salp0 * ssig2, comg2 = csig2;
        double omg12 = Math.Atan2((somg2 * comg1) - (comg2 * somg1), (comg2 * comg1) + (somg2 * somg1));
        double lam12 = omg12 + (a3c * (sig12 + (Geodesic.SinCosSeries(true, ssig2, csig2, c3a) - b31)));
        double lon12 = lam12 / GeoMath.Degree;
        double lon2 = GeoMath.AngNormalize(GeoMath.AngNormalize(lon1) + GeoMath.AngNormalize(lon12));
        double lat2 = GeoMath.Atan2d(sbet2, geodesic.F1 * cbet2);
        double azi2 = GeoMath.Atan2d(salp2, calp2);
        return (new GeoPoint(lat2, lon2), azi2);
    }

    [InlineArray(Order + 1)]
    private struct Coefficients7
    {
        private double element;
    }

    [InlineArray(Order)]
    private struct Coefficients6
    {
        private double element;
    }
}
