using CsCheck;
using Truce.Geodesy;

namespace Truce.Tests.Geodesy;

public class GeodesicTests
{
    private static readonly Geodesic Wgs84 = Geodesic.Wgs84;

    public class TheInverseMethod
    {
        [Fact]
        public void Should_Match_The_Published_Levant_Reference_Distance()
        {
            // PACKAGES.md: GeographicLib JS, PostGIS geography and PROJ geod agree on 72430.641586 m.
            var result = Wgs84.Inverse(new GeoPoint(33.0, 35.8), new GeoPoint(33.5, 36.3));
            Assert.Equal(72430.641586, result.Length.Metres, 6);
        }

        [Fact]
        public void Should_Match_GeographicLib_To_A_Micrometre_On_Every_Reference_Row()
        {
            int rows = 0;
            foreach (var r in ReferenceData.Rows("inverse.csv"))
            {
                var result = Wgs84.Inverse(new GeoPoint(r[0], r[1]), new GeoPoint(r[2], r[3]));
                Assert.True(Math.Abs(result.Length.Metres - r[4]) < 1e-6, $"row {rows}: {result.Length.Metres} vs {r[4]}");
                if (r[4] > 1)
                {
                    // Azimuths are meaningful only away from coincident points.
                    Assert.True(AngleDiff(result.Azimuth1, r[5]) < 1e-9, $"row {rows}: azi1 {result.Azimuth1} vs {r[5]}");
                    Assert.True(AngleDiff(result.Azimuth2, r[6]) < 1e-9, $"row {rows}: azi2 {result.Azimuth2} vs {r[6]}");
                }

                rows++;
            }

            Assert.True(rows > 300);
        }

        [Fact]
        public void Should_Give_Half_The_Meridian_Between_The_Poles()
        {
            // Quarter meridian of WGS84 is 10001965.729 m; pole to pole is twice that.
            var d = Wgs84.DistanceBetween(new GeoPoint(90, 0), new GeoPoint(-90, 0));
            Assert.Equal(20003931.4586, d.Metres, 3);
        }

        [Fact]
        public void Should_Be_Zero_For_The_Same_Point_Across_The_Antimeridian()
        {
            Assert.Equal(0, Wgs84.DistanceBetween(new GeoPoint(10, 180), new GeoPoint(10, -180)).Metres, 9);
            Assert.Equal(0, Wgs84.DistanceBetween(new GeoPoint(0, 0), new GeoPoint(-0.0, 0)).Metres, 9);
        }

        [Fact]
        public void Should_Be_Symmetric_For_Any_Pair_Of_Points()
        {
            Gen.Select(Generators.Point, Generators.Point).Sample((a, b) =>
            {
                var ab = Wgs84.DistanceBetween(a, b).Metres;
                var ba = Wgs84.DistanceBetween(b, a).Metres;
                return Math.Abs(ab - ba) < 1e-6;
            });
        }

        [Fact]
        public void Should_Obey_The_Triangle_Inequality()
        {
            Gen.Select(Generators.Point, Generators.Point, Generators.Point).Sample((a, b, c) =>
                Wgs84.DistanceBetween(a, c).Metres <= Wgs84.DistanceBetween(a, b).Metres + Wgs84.DistanceBetween(b, c).Metres + 1e-6);
        }

        private static double AngleDiff(double a, double b)
        {
            double d = Math.Abs(a - b) % 360;
            return Math.Min(d, 360 - d);
        }
    }

    public class TheDirectMethod
    {
        [Fact]
        public void Should_Match_GeographicLib_To_Nanodegrees_On_Every_Reference_Row()
        {
            int rows = 0;
            foreach (var r in ReferenceData.Rows("direct.csv"))
            {
                var line = Wgs84.Line(new GeoPoint(r[0], r[1]), r[2]);
                var (p, azi2) = line.Position(r[3]);
                Assert.True(Math.Abs(p.Latitude - r[4]) < 1e-9, $"row {rows}: lat {p.Latitude} vs {r[4]}");
                Assert.True(Math.Abs(((p.Longitude - r[5] + 540) % 360) - 180) < 1e-9, $"row {rows}: lon {p.Longitude} vs {r[5]}");
                Assert.True(Math.Abs(((azi2 - r[6] + 540) % 360) - 180) < 1e-9, $"row {rows}: azi2 {azi2} vs {r[6]}");
                rows++;
            }

            Assert.Equal(150, rows);
        }

        [Fact]
        public void Should_Round_Trip_With_The_Inverse_Problem()
        {
            Gen.Select(Generators.Point, Gen.Double[-180, 180], Gen.Double[0, 1.5e7]).Sample((start, azimuth, metres) =>
            {
                var end = Wgs84.Direct(start, azimuth, Distance.FromMetres(metres));
                var back = Wgs84.DistanceBetween(start, end).Metres;

                // The inverse returns the shortest geodesic; beyond the conjugate point the direct path is longer.
                return back <= metres + 1e-5 && (metres > 1e7 || Math.Abs(back - metres) < 1e-5);
            });
        }
    }
}

internal static class Generators
{
    public static readonly Gen<GeoPoint> Point =
        Gen.Select(Gen.Double[-90, 90], Gen.Double[-180, 180], (lat, lon) => new GeoPoint(lat, lon));

    public static readonly Gen<GeoPoint> Levant =
        Gen.Select(Gen.Double[29, 38], Gen.Double[32, 44], (lat, lon) => new GeoPoint(lat, lon));
}
