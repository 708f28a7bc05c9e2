namespace Truce.Geodesy;

/// <summary>Angle helpers that keep round-off small near the special angles, after GeographicLib's Math class.</summary>
internal static class GeoMath
{
    public const double Degree = Math.PI / 180;

    public static double Sq(double x) => x * x;

    // Math.hypot-style functions lose the exactness GeographicLib relies on in a few corner cases.
    public static double Hypot(double x, double y) => Math.Sqrt((x * x) + (y * y));

    public static (double S, double T) Sum(double u, double v)
    {
        double s = u + v;
        double up = s - v;
        double vpp = s - up;
        up -= u;
        vpp -= v;
        double t = s != 0 ? 0 - (up + vpp) : s;
        return (s, t);
    }

    public static double Polyval(int n, ReadOnlySpan<double> p, int s, double x)
    {
        double y = n < 0 ? 0 : p[s++];
        while (--n >= 0)
        {
            y = (y * x) + p[s++];
        }

        return y;
    }

    /// <summary>Coarsens values close to zero so that tiny non-zero angles do not create near-singular cases.</summary>
    public static double AngRound(double x)
    {
        const double z = 1.0 / 16;
        double y = Math.Abs(x);
        y = y < z ? z - (z - y) : y;
        return Math.CopySign(y, x);
    }

    public static double Remainder(double x, double y)
    {
        x %= y;
        return x < -y / 2 ? x + y : (x < y / 2 ? x : x - y);
    }

    public static double AngNormalize(double x)
    {
        double y = Remainder(x, 360);
        return Math.Abs(y) == 180 ? Math.CopySign(180, x) : y;
    }

    public static double LatFix(double x) => Math.Abs(x) > 90 ? double.NaN : x;

    /// <summary>The exact difference y − x reduced to [-180, 180], as a rounded value and its error.</summary>
    public static (double D, double E) AngDiff(double x, double y)
    {
        var r = Sum(Remainder(-x, 360), Remainder(y, 360));
        r = Sum(Remainder(r.S, 360), r.T);
        double d = r.S;
        double e = r.T;
        if (d == 0 || Math.Abs(d) == 180)
        {
            d = Math.CopySign(d, e == 0 ? y - x : -e);
        }

        return (d, e);
    }

    public static (double Sin, double Cos) SinCosd(double x) => SinCosde(x, 0, round: false);

    /// <summary>sin and cos of (x + t) degrees, reducing the argument exactly to [-45, 45] first.</summary>
    public static (double Sin, double Cos) SinCosde(double x, double t, bool round = true)
    {
        double d = x % 360;
        double q = Math.Floor((d / 90) + 0.5); // JavaScript's Math.round, as in the reference implementation
        d -= 90 * q;
        if (round)
        {
            d = AngRound(d + t);
        }

        double r = d * Degree;
        double s = Math.Sin(r);
        double c = Math.Cos(r);
        if (Math.Abs(d) == 45)
        {
            c = Math.Sqrt(0.5);
            s = Math.CopySign(c, r);
        }
        else if (Math.Abs(d) == 30)
        {
            c = Math.Sqrt(0.75);
            s = Math.CopySign(0.5, r);
        }

        int iq = double.IsNaN(q) ? 0 : (int)((long)q & 3);
        (double sinx, double cosx) = iq switch
        {
            0 => (s, c),
            1 => (c, -s),
            2 => (-s, -c),
            _ => (-c, s),
        };
        cosx += 0;
        if (sinx == 0)
        {
            // As GeographicLib: sincosd keeps the sign of x (so sin(-0°) is -0), sincosde takes that of x + t.
            sinx = Math.CopySign(sinx, round ? x + t : x);
        }

        return (sinx, cosx);
    }

    /// <summary>atan2 in degrees, computed in the octant where round-off is smallest.</summary>
    public static double Atan2d(double y, double x)
    {
        int q = 0;
        if (Math.Abs(y) > Math.Abs(x))
        {
            (y, x) = (x, y);
            q = 2;
        }

        if (Math.CopySign(1, x) < 0)
        {
            x = -x;
            ++q;
        }

        double ang = Math.Atan2(y, x) / Degree;
        return q switch
        {
            1 => Math.CopySign(180, y) - ang,
            2 => 90 - ang,
            3 => -90 + ang,
            _ => ang,
        };
    }
}
