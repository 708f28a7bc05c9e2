namespace Truce.Geodesy;

/// <summary>Solutions of the direct and inverse geodesic problems on an oblate ellipsoid, accurate to about 15 nanometres.</summary>
/// <remarks>
/// Implements the algorithms of C. F. F. Karney, "Algorithms for geodesics", J. Geodesy 87, 43–55 (2013),
/// https://doi.org/10.1007/s00190-012-0578-z, following the structure and series coefficients of GeographicLib
/// (MIT/X11 licence, Copyright (c) Charles Karney). Sixth-order series; only Earth-like oblate ellipsoids
/// (0 ≤ f ≤ 1/100) are supported, which removes the prolate branches of the original. Tested against GeographicLib JS 2.2.0 reference values.
/// </remarks>
public sealed class Geodesic
{
    private const int Order = 6;
    private const int NA3x = Order;
    private const int NC3x = Order * (Order - 1) / 2;
    private const int NC4x = Order * (Order + 1) / 2;
    private const int MaxIt1 = 20;
    private const int MaxIt2 = MaxIt1 + 53 + 10;
    private const double Tol0 = 2.220446049250313e-16; // machine epsilon of a double
    private const double Tol1 = 200 * Tol0;
    private static readonly double Tol2 = Math.Sqrt(Tol0);
    private const double TolB = Tol0;
    private static readonly double XThresh = 1000 * Tol2;
    internal static readonly double Tiny = Math.Sqrt(double.Epsilon / Tol0);

    private static readonly double[] A1m1Coeff = [1, 4, 64, 0, 256];
    private static readonly double[] C1Coeff = [-1, 6, -16, 32, -9, 64, -128, 2048, 9, -16, 768, 3, -5, 512, -7, 1280, -7, 2048];
    private static readonly double[] C1pCoeff = [205, -432, 768, 1536, 4005, -4736, 3840, 12288, -225, 116, 384, -7173, 2695, 7680, 3467, 7680, 38081, 61440];
    private static readonly double[] A2m1Coeff = [-11, -28, -192, 0, 256];
    private static readonly double[] C2Coeff = [1, 2, 16, 32, 35, 64, 384, 2048, 15, 80, 768, 7, 35, 512, 63, 1280, 77, 2048];
    private static readonly double[] A3Coeff = [-3, 128, -2, -3, 64, -1, -3, -1, 16, 3, -1, -2, 8, 1, -1, 2, 1, 1];
    private static readonly double[] C3Coeff =
    [
        3, 128, 2, 5, 128, -1, 3, 3, 64, -1, 0, 1, 8, -1, 1, 4,
        5, 256, 1, 3, 128, -3, -2, 3, 64, 1, -3, 2, 32,
        7, 512, -10, 9, 384, 5, -9, 5, 192,
        7, 512, -14, 7, 512,
        21, 2560,
    ];

    private readonly double[] a3x = new double[NA3x];
    private readonly double[] c3x = new double[NC3x];

    /// <summary>The WGS84 ellipsoid (a = 6378137 m, f = 1/298.257223563), the datum of GPS, UCDP and ACLED coordinates.</summary>
    public static Geodesic Wgs84 { get; } = new(6378137, 1 / 298.257223563);

    /// <summary>Creates a solver for the ellipsoid with equatorial radius <paramref name="a"/> metres and flattening <paramref name="f"/>.</summary>
    public Geodesic(double a, double f)
    {
        if (!(double.IsFinite(a) && a > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(a), a, "equatorial radius must be positive");
        }

        // Beyond |f| = 1/100 the sixth-order series need extra Newton steps that this implementation leaves out.
        if (!(f >= 0 && f <= 0.01))
        {
            throw new ArgumentOutOfRangeException(nameof(f), f, "only Earth-like ellipsoids and spheres (0 <= f <= 0.01) are supported");
        }

        A = a;
        F = f;
        F1 = 1 - f;
        E2 = f * (2 - f);
        Ep2 = E2 / GeoMath.Sq(F1);
        N = f / (2 - f);
        B = a * F1;
        Etol2 = 0.1 * Tol2 / Math.Sqrt(Math.Max(0.001, Math.Abs(f)) * Math.Min(1, 1 - (f / 2)) / 2);
        ComputeA3Coeffs();
        ComputeC3Coeffs();
    }

    /// <summary>Equatorial radius in metres.</summary>
    public double A { get; }

    /// <summary>Flattening.</summary>
    public double F { get; }

    internal double F1 { get; }

    internal double E2 { get; }

    internal double Ep2 { get; }

    internal double N { get; }

    internal double B { get; }

    private double Etol2 { get; }

    /// <summary>Shortest geodesic between two points: its length and the forward azimuths at both ends.</summary>
    public GeodesicInverse Inverse(GeoPoint p1, GeoPoint p2)
    {
        var (s12, salp1, calp1, salp2, calp2) = InverseInternal(p1.Latitude, p1.Longitude, p2.Latitude, p2.Longitude);
        return new GeodesicInverse(Distance.FromMetres(s12), GeoMath.Atan2d(salp1, calp1), GeoMath.Atan2d(salp2, calp2));
    }

    /// <summary>Length of the shortest geodesic between two points.</summary>
    public Distance DistanceBetween(GeoPoint p1, GeoPoint p2) =>
        Distance.FromMetres(InverseInternal(p1.Latitude, p1.Longitude, p2.Latitude, p2.Longitude).S12);

    /// <summary>The point reached by travelling <paramref name="distance"/> from <paramref name="start"/> on azimuth <paramref name="azimuthDegrees"/>.</summary>
    public GeoPoint Direct(GeoPoint start, double azimuthDegrees, Distance distance)
    {
        Preconditions.CheckFinite(azimuthDegrees, nameof(azimuthDegrees));
        var core = new GeodesicLineCore(this, start.Latitude, start.Longitude, GeoMath.AngNormalize(azimuthDegrees), double.NaN, double.NaN);
        return core.Position(this, distance.Metres).Point;
    }

    /// <summary>The geodesic from <paramref name="p1"/> to <paramref name="p2"/> as a line that can be walked along.</summary>
    public GeodesicLine Line(GeoPoint p1, GeoPoint p2)
    {
        var (s12, salp1, calp1, _, _) = InverseInternal(p1.Latitude, p1.Longitude, p2.Latitude, p2.Longitude);
        return new GeodesicLine(this, p1.Latitude, p1.Longitude, GeoMath.Atan2d(salp1, calp1), salp1, calp1, s12);
    }

    /// <summary>A geodesic that starts at <paramref name="start"/> heading <paramref name="azimuthDegrees"/>.</summary>
    public GeodesicLine Line(GeoPoint start, double azimuthDegrees) =>
        new(this, start.Latitude, start.Longitude, Preconditions.CheckFinite(azimuthDegrees, nameof(azimuthDegrees)));

    internal static double SinCosSeries(bool sinp, double sinx, double cosx, ReadOnlySpan<double> c)
    {
        int k = c.Length;
        int n = k - (sinp ? 1 : 0);
        double ar = 2 * (cosx - sinx) * (cosx + sinx);
        double y0 = (n & 1) != 0 ? c[--k] : 0;
        double y1 = 0;
        n /= 2;
        while (n-- > 0)
        {
            y1 = (ar * y0) - y1 + c[--k];
            y0 = (ar * y1) - y0 + c[--k];
        }

        return sinp ? 2 * sinx * cosx * y0 : cosx * (y0 - y1);
    }

    internal static double A1m1f(double eps)
    {
        const int p = Order / 2;
        double t = GeoMath.Polyval(p, A1m1Coeff, 0, GeoMath.Sq(eps)) / A1m1Coeff[p + 1];
        return (t + eps) / (1 - eps);
    }

    internal static void C1f(double eps, Span<double> c) => FourierCoefficients(C1Coeff, eps, c);

    internal static void C1pf(double eps, Span<double> c) => FourierCoefficients(C1pCoeff, eps, c);

    internal static double A2m1f(double eps)
    {
        const int p = Order / 2;
        double t = GeoMath.Polyval(p, A2m1Coeff, 0, GeoMath.Sq(eps)) / A2m1Coeff[p + 1];
        return (t - eps) / (1 + eps);
    }

    internal static void C2f(double eps, Span<double> c) => FourierCoefficients(C2Coeff, eps, c);

    internal double A3f(double eps) => GeoMath.Polyval(NA3x - 1, a3x, 0, eps);

    internal void C3f(double eps, Span<double> c)
    {
        double mult = 1;
        int o = 0;
        for (int l = 1; l < Order; ++l)
        {
            int p = Order - l - 1;
            mult *= eps;
            c[l] = mult * GeoMath.Polyval(p, c3x, o, eps);
            o += p + 1;
        }
    }

    private static void FourierCoefficients(double[] coeff, double eps, Span<double> c)
    {
        double eps2 = GeoMath.Sq(eps);
        double d = eps;
        int o = 0;
        for (int l = 1; l <= Order; ++l)
        {
            int p = (Order - l) / 2;
            c[l] = d * GeoMath.Polyval(p, coeff, o, eps2) / coeff[o + p + 1];
            o += p + 2;
            d *= eps;
        }
    }

    private void ComputeA3Coeffs()
    {
        int o = 0, k = 0;
        for (int j = Order - 1; j >= 0; --j)
        {
            int p = Math.Min(Order - j - 1, j);
            a3x[k++] = GeoMath.Polyval(p, A3Coeff, o, N) / A3Coeff[o + p + 1];
            o += p + 2;
        }
    }

    private void ComputeC3Coeffs()
    {
        int o = 0, k = 0;
        for (int l = 1; l < Order; ++l)
        {
            for (int j = Order - 1; j >= l; --j)
            {
                int p = Math.Min(Order - j - 1, j);
                c3x[k++] = GeoMath.Polyval(p, C3Coeff, o, N) / C3Coeff[o + p + 1];
                o += p + 2;
            }
        }
    }

    private static double Astroid(double x, double y)
    {
        double p = GeoMath.Sq(x), q = GeoMath.Sq(y), r = (p + q - 1) / 6;
        if (q == 0 && r <= 0)
        {
            return 0;
        }

        double s = p * q / 4, r2 = GeoMath.Sq(r), r3 = r * r2;
        double disc = s * (s + (2 * r3));
        double u = r;
        if (disc >= 0)
        {
            double t3 = s + r3;
            t3 += t3 < 0 ? -Math.Sqrt(disc) : Math.Sqrt(disc);
            double t = Math.Cbrt(t3);
            u += t + (t != 0 ? r2 / t : 0);
        }
        else
        {
            double ang = Math.Atan2(Math.Sqrt(-disc), -(s + r3));
            u += 2 * r * Math.Cos(ang / 3);
        }

        double v = Math.Sqrt(GeoMath.Sq(u) + q);
        double uv = u < 0 ? q / (v - u) : u + v;
        double w = (uv - q) / (2 * v);
        return uv / (Math.Sqrt(uv + GeoMath.Sq(w)) + w);
    }

    // Returns s12b (distance / b), m12b (reduced length / b) and m0; either output may be skipped.
    private static (double S12b, double M12b, double M0) Lengths(
        double eps, double sig12, double ssig1, double csig1, double dn1, double ssig2, double csig2, double dn2,
        bool distance, bool reducedLength, Span<double> c1a, Span<double> c2a)
    {
        double m0x = 0, j12 = 0, a1 = 0, a2 = 0, s12b = double.NaN, m12b = double.NaN;
        if (distance || reducedLength)
        {
            a1 = A1m1f(eps);
            C1f(eps, c1a);
            if (reducedLength)
            {
                a2 = A2m1f(eps);
                C2f(eps, c2a);
                m0x = a1 - a2;
                a2 = 1 + a2;
            }

            a1 = 1 + a1;
        }

        if (distance)
        {
            double b1 = SinCosSeries(true, ssig2, csig2, c1a) - SinCosSeries(true, ssig1, csig1, c1a);
            s12b = a1 * (sig12 + b1);
            if (reducedLength)
            {
                double b2 = SinCosSeries(true, ssig2, csig2, c2a) - SinCosSeries(true, ssig1, csig1, c2a);
                j12 = (m0x * sig12) + ((a1 * b1) - (a2 * b2));
            }
        }
        else if (reducedLength)
        {
            for (int l = 1; l <= Order; ++l)
            {
                c2a[l] = (a1 * c1a[l]) - (a2 * c2a[l]);
            }

            j12 = (m0x * sig12) + (SinCosSeries(true, ssig2, csig2, c2a) - SinCosSeries(true, ssig1, csig1, c2a));
        }

        if (reducedLength)
        {
            m12b = (dn2 * (csig1 * ssig2)) - (dn1 * (ssig1 * csig2)) - (csig1 * csig2 * j12);
        }

        return (s12b, m12b, m0x);
    }

    private (double Sig12, double Salp1, double Calp1, double Salp2, double Calp2, double Dnm) InverseStart(
        double sbet1, double cbet1, double dn1, double sbet2, double cbet2, double dn2,
        double lam12, double slam12, double clam12, Span<double> c1a, Span<double> c2a)
    {
        double sig12 = -1, salp2 = double.NaN, calp2 = double.NaN, dnm = double.NaN;
        double sbet12 = (sbet2 * cbet1) - (cbet2 * sbet1);
        double cbet12 = (cbet2 * cbet1) + (sbet2 * sbet1);
        double sbet12a = sbet2 * cbet1;
        sbet12a += cbet2 * sbet1;

        bool shortline = cbet12 >= 0 && sbet12 < 0.5 && cbet2 * lam12 < 0.5;
        double somg12, comg12;
        if (shortline)
        {
            double sbetm2 = GeoMath.Sq(sbet1 + sbet2);
            sbetm2 /= sbetm2 + GeoMath.Sq(cbet1 + cbet2);
            dnm = Math.Sqrt(1 + (Ep2 * sbetm2));
            double omg12 = lam12 / (F1 * dnm);
            somg12 = Math.Sin(omg12);
            comg12 = Math.Cos(omg12);
        }
        else
        {
            somg12 = slam12;
            comg12 = clam12;
        }

        double salp1 = cbet2 * somg12;
        double calp1 = comg12 >= 0
            ? sbet12 + (cbet2 * sbet1 * GeoMath.Sq(somg12) / (1 + comg12))
            : sbet12a - (cbet2 * sbet1 * GeoMath.Sq(somg12) / (1 - comg12));

        double ssig12 = GeoMath.Hypot(salp1, calp1);
        double csig12 = (sbet1 * sbet2) + (cbet1 * cbet2 * comg12);
        if (shortline && ssig12 < Etol2)
        {
            salp2 = cbet1 * somg12;
            calp2 = sbet12 - (cbet1 * sbet2 * (comg12 >= 0 ? GeoMath.Sq(somg12) / (1 + comg12) : 1 - comg12));
            double t = GeoMath.Hypot(salp2, calp2);
            salp2 /= t;
            calp2 /= t;
            sig12 = Math.Atan2(ssig12, csig12);
        }
        else if (Math.Abs(N) > 0.1 || csig12 >= 0 || ssig12 >= 6 * Math.Abs(N) * Math.PI * GeoMath.Sq(cbet1))
        {
            // The zeroth-order spherical estimate is good enough.
        }
        else
        {
            // Nearly antipodal: scale to coordinates where the antipode is the origin and solve the astroid problem.
            double lam12x = Math.Atan2(-slam12, -clam12);
            double k2 = GeoMath.Sq(sbet1) * Ep2;
            double eps = k2 / ((2 * (1 + Math.Sqrt(1 + k2))) + k2);
            double lamscale = F * cbet1 * A3f(eps) * Math.PI;
            double betscale = lamscale * cbet1;
            double x = lam12x / lamscale;
            double y = sbet12a / betscale;

            if (y > -Tol1 && x > -1 - XThresh)
            {
                salp1 = Math.Min(1, -x);
                calp1 = -Math.Sqrt(1 - GeoMath.Sq(salp1));
            }
            else
            {
                double k = Astroid(x, y);
                double omg12a = lamscale * (-x * k / (1 + k));
                somg12 = Math.Sin(omg12a);
                comg12 = -Math.Cos(omg12a);
                salp1 = cbet2 * somg12;
                calp1 = sbet12a - (cbet2 * sbet1 * GeoMath.Sq(somg12) / (1 - comg12));
            }
        }

        if (!(salp1 <= 0))
        {
            double t = GeoMath.Hypot(salp1, calp1);
            salp1 /= t;
            calp1 /= t;
        }
        else
        {
            salp1 = 1;
            calp1 = 0;
        }

        return (sig12, salp1, calp1, salp2, calp2, dnm);
    }

    private readonly struct Lambda12Result
    {
        public double Lam12 { get; init; }

        public double Salp2 { get; init; }

        public double Calp2 { get; init; }

        public double Sig12 { get; init; }

        public double Ssig1 { get; init; }

        public double Csig1 { get; init; }

        public double Ssig2 { get; init; }

        public double Csig2 { get; init; }

        public double Eps { get; init; }

        public double Dlam12 { get; init; }
    }

    private Lambda12Result Lambda12(
        double sbet1, double cbet1, double dn1, double sbet2, double cbet2, double dn2,
        double salp1, double calp1, double slam120, double clam120, bool diffp,
        Span<double> c1a, Span<double> c2a, Span<double> c3a)
    {
        if (sbet1 == 0 && calp1 == 0)
        {
            calp1 = -Tiny;
        }

        double salp0 = salp1 * cbet1;
        double calp0 = GeoMath.Hypot(calp1, salp1 * sbet1);

        double ssig1 = sbet1, somg1 = salp0 * sbet1;
        double csig1 = calp1 * cbet1, comg1 = calp1 * cbet1;
        double t = GeoMath.Hypot(ssig1, csig1);
        ssig1 /= t;
        csig1 /= t;

        double salp2 = cbet2 != cbet1 ? salp0 / cbet2 : salp1;
        double calp2 = cbet2 != cbet1 || Math.Abs(sbet2) != -sbet1
            ? Math.Sqrt(GeoMath.Sq(calp1 * cbet1) + (cbet1 < -sbet1 ? (cbet2 - cbet1) * (cbet1 + cbet2) : (sbet1 - sbet2) * (sbet1 + sbet2))) / cbet2
            : Math.Abs(calp1);

        double ssig2 = sbet2, somg2 = salp0 * sbet2;
        double csig2 = calp2 * cbet2, comg2 = calp2 * cbet2;
        t = GeoMath.Hypot(ssig2, csig2);
        ssig2 /= t;
        csig2 /= t;

        double sig12 = Math.Atan2(Math.Max(0, (csig1 * ssig2) - (ssig1 * csig2)), (csig1 * csig2) + (ssig1 * ssig2));
        double somg12 = Math.Max(0, (comg1 * somg2) - (somg1 * comg2));
        double comg12 = (comg1 * comg2) + (somg1 * somg2);
        double eta = Math.Atan2((somg12 * clam120) - (comg12 * slam120), (comg12 * clam120) + (somg12 * slam120));
        double k2 = GeoMath.Sq(calp0) * Ep2;
        double eps = k2 / ((2 * (1 + Math.Sqrt(1 + k2))) + k2);
        C3f(eps, c3a);
        double b312 = SinCosSeries(true, ssig2, csig2, c3a) - SinCosSeries(true, ssig1, csig1, c3a);
        double domg12 = -F * A3f(eps) * salp0 * (sig12 + b312);
        double lam12 = eta + domg12;
        double dlam12 = double.NaN;
        if (diffp)
        {
            if (calp2 == 0)
            {
                dlam12 = -2 * F1 * dn1 / sbet1;
            }
            else
            {
                var lengths = Lengths(eps, sig12, ssig1, csig1, dn1, ssig2, csig2, dn2, distance: false, reducedLength: true, c1a, c2a);
                dlam12 = lengths.M12b * F1 / (calp2 * cbet2);
            }
        }

        return new Lambda12Result
        {
            Lam12 = lam12,
            Salp2 = salp2,
            Calp2 = calp2,
            Sig12 = sig12,
            Ssig1 = ssig1,
            Csig1 = csig1,
            Ssig2 = ssig2,
            Csig2 = csig2,
            Eps = eps,
            Dlam12 = dlam12,
        };
    }

    /// <summary>Inverse problems solved on this thread so far: a count that, unlike a time, is the same on any machine (the benchmarks print it).</summary>
    [ThreadStatic]
    internal static long InverseProblems;

    /// <summary>Geodesic lines set up on this thread so far (one per direct problem).</summary>
    [ThreadStatic]
    internal static long LinesStarted;

    private (double S12, double Salp1, double Calp1, double Salp2, double Calp2) InverseInternal(
        double lat1, double lon1, double lat2, double lon2)
    {
        InverseProblems++;
        Span<double> c1a = stackalloc double[Order + 1];
        Span<double> c2a = stackalloc double[Order + 1];
        Span<double> c3a = stackalloc double[Order];

        lat1 = GeoMath.AngRound(GeoMath.LatFix(lat1));
        lat2 = GeoMath.AngRound(GeoMath.LatFix(lat2));
        var (lon12, lon12s) = GeoMath.AngDiff(lon1, lon2);
        double lonsign = Math.CopySign(1, lon12);
        lon12 *= lonsign;
        lon12s *= lonsign;
        double lam12 = lon12 * GeoMath.Degree;
        var (slam12, clam12) = GeoMath.SinCosde(lon12, lon12s);
        lon12s = 180 - lon12 - lon12s;

        double swapp = Math.Abs(lat1) < Math.Abs(lat2) || double.IsNaN(lat2) ? -1 : 1;
        if (swapp < 0)
        {
            lonsign *= -1;
            (lat1, lat2) = (lat2, lat1);
        }

        double latsign = Math.CopySign(1, -lat1);
        lat1 *= latsign;
        lat2 *= latsign;

        var (s, c) = GeoMath.SinCosd(lat1);
        double sbet1 = F1 * s, cbet1 = c;
        double t = GeoMath.Hypot(sbet1, cbet1);
        sbet1 /= t;
        cbet1 /= t;
        cbet1 = Math.Max(Tiny, cbet1);

        (s, c) = GeoMath.SinCosd(lat2);
        double sbet2 = F1 * s, cbet2 = c;
        t = GeoMath.Hypot(sbet2, cbet2);
        sbet2 /= t;
        cbet2 /= t;
        cbet2 = Math.Max(Tiny, cbet2);

        if (cbet1 < -sbet1)
        {
            if (cbet2 == cbet1)
            {
                sbet2 = Math.CopySign(sbet1, sbet2);
            }
        }
        else if (Math.Abs(sbet2) == -sbet1)
        {
            cbet2 = cbet1;
        }

        double dn1 = Math.Sqrt(1 + (Ep2 * GeoMath.Sq(sbet1)));
        double dn2 = Math.Sqrt(1 + (Ep2 * GeoMath.Sq(sbet2)));

        double sig12, calp1 = 0, salp1 = 0, calp2 = 0, salp2 = 0, s12x = 0, m12x;
        bool meridian = lat1 == -90 || slam12 == 0;
        if (meridian)
        {
            calp1 = clam12;
            salp1 = slam12;
            calp2 = 1;
            salp2 = 0;
            double ssig1 = sbet1, csig1 = calp1 * cbet1;
            double ssig2 = sbet2, csig2 = calp2 * cbet2;
            sig12 = Math.Atan2(Math.Max(0, (csig1 * ssig2) - (ssig1 * csig2)), (csig1 * csig2) + (ssig1 * ssig2));
            var lengths = Lengths(N, sig12, ssig1, csig1, dn1, ssig2, csig2, dn2, distance: true, reducedLength: true, c1a, c2a);
            s12x = lengths.S12b;
            m12x = lengths.M12b;
            if (sig12 < Tol2 || m12x >= 0)
            {
                if (sig12 < 3 * Tiny || (sig12 < Tol0 && (s12x < 0 || m12x < 0)))
                {
                    sig12 = m12x = s12x = 0;
                }

                s12x *= B;
            }
            else
            {
                meridian = false;
            }
        }

        if (!meridian && sbet1 == 0 && (F <= 0 || lon12s >= F * 180))
        {
            // Along the equator.
            calp1 = calp2 = 0;
            salp1 = salp2 = 1;
            s12x = A * lam12;
        }
        else if (!meridian)
        {
            var start = InverseStart(sbet1, cbet1, dn1, sbet2, cbet2, dn2, lam12, slam12, clam12, c1a, c2a);
            sig12 = start.Sig12;
            salp1 = start.Salp1;
            calp1 = start.Calp1;

            if (sig12 >= 0)
            {
                // Short line: the start estimate is already the answer.
                salp2 = start.Salp2;
                calp2 = start.Calp2;
                s12x = sig12 * B * start.Dnm;
            }
            else
            {
                // Newton's method on lambda12(alp1) - lam12 = 0, falling back to bisection of a bracketing interval.
                double salp1a = Tiny, calp1a = 1, salp1b = Tiny, calp1b = -1;
                bool tripn = false, tripb = false;
                Lambda12Result r = default;
                for (int numit = 0; ; ++numit)
                {
                    r = Lambda12(sbet1, cbet1, dn1, sbet2, cbet2, dn2, salp1, calp1, slam12, clam12, numit < MaxIt1, c1a, c2a, c3a);
                    double v = r.Lam12;
                    if (tripb || !(Math.Abs(v) >= (tripn ? 8 : 1) * Tol0) || numit == MaxIt2)
                    {
                        break;
                    }

                    if (v > 0 && (numit < MaxIt1 || calp1 / salp1 > calp1b / salp1b))
                    {
                        salp1b = salp1;
                        calp1b = calp1;
                    }
                    else if (v < 0 && (numit < MaxIt1 || calp1 / salp1 < calp1a / salp1a))
                    {
                        salp1a = salp1;
                        calp1a = calp1;
                    }

                    if (numit < MaxIt1 && r.Dlam12 > 0)
                    {
                        double dalp1 = -v / r.Dlam12;
                        if (Math.Abs(dalp1) < Math.PI)
                        {
                            double sdalp1 = Math.Sin(dalp1), cdalp1 = Math.Cos(dalp1);
                            double nsalp1 = (salp1 * cdalp1) + (calp1 * sdalp1);
                            if (nsalp1 > 0)
                            {
                                calp1 = (calp1 * cdalp1) - (salp1 * sdalp1);
                                salp1 = nsalp1;
                                t = GeoMath.Hypot(salp1, calp1);
                                salp1 /= t;
                                calp1 /= t;
                                tripn = Math.Abs(v) <= 16 * Tol0;
                                continue;
                            }
                        }
                    }

                    salp1 = (salp1a + salp1b) / 2;
                    calp1 = (calp1a + calp1b) / 2;
                    t = GeoMath.Hypot(salp1, calp1);
                    salp1 /= t;
                    calp1 /= t;
                    tripn = false;
                    tripb = Math.Abs(salp1a - salp1) + (calp1a - calp1) < TolB || Math.Abs(salp1 - salp1b) + (calp1 - calp1b) < TolB;
                }

                salp2 = r.Salp2;
                calp2 = r.Calp2;
                var lengths = Lengths(r.Eps, r.Sig12, r.Ssig1, r.Csig1, dn1, r.Ssig2, r.Csig2, dn2, distance: true, reducedLength: false, c1a, c2a);
                s12x = lengths.S12b * B;
            }
        }

        double s12 = 0 + s12x;
        if (swapp < 0)
        {
            (salp1, salp2) = (salp2, salp1);
            (calp1, calp2) = (calp2, calp1);
        }

        salp1 *= swapp * lonsign;
        calp1 *= swapp * latsign;
        salp2 *= swapp * lonsign;
        calp2 *= swapp * latsign;
        return (s12, salp1, calp1, salp2, calp2);
    }
}

/// <summary>The answer to the inverse problem: geodesic length and forward azimuths (degrees clockwise from north) at each end.</summary>
public readonly record struct GeodesicInverse(Distance Length, double Azimuth1, double Azimuth2);
