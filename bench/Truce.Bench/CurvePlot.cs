using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace Truce.Bench;

/// <summary>Renders the readings curve as a PNG: readings on a log x axis, µs per row on a log y axis, one line per series and the import floor.</summary>
/// <remarks>ScottPlot has no log axis of its own: values are plotted as their base-10 logarithms and the ticks are labelled with the values.</remarks>
public static class CurvePlot
{
    private static readonly Dictionary<string, (Color Color, string Legend)> Series = new(StringComparer.Ordinal)
    {
        ["sparse"] = (new Color(31, 119, 180), "sparse specs: a row reaches only a few readings"),
        ["control"] = (new Color(214, 39, 40), "control: every reading holds every row"),
    };

    /// <summary>Writes the plot to <paramref name="path"/>.</summary>
    /// <param name="path">The PNG to write.</param>
    /// <param name="points">Series name, readings, µs per row and readings reached per row of each measured point.</param>
    /// <param name="importMicros">µs per row of the UCDP import alone, drawn as the floor.</param>
    /// <param name="label">What was measured (a commit), shown under the title when given.</param>
    public static void Save(string path, IReadOnlyList<(string Series, int Readings, double MicrosPerRow, double ReachedPerRow)> points, double importMicros, string? label)
    {
        ArgumentNullException.ThrowIfNull(points);
        var plot = new Plot();
        var values = points.Select(p => p.MicrosPerRow).Append(importMicros).Where(v => v > 0).ToList();
        double yLow = Math.Floor(Math.Log10(values.Min())), yHigh = Math.Ceiling(Math.Log10(values.Max()) + 0.1);
        var readings = points.Select(p => p.Readings).Distinct().Order().ToList();
        double xLow = Math.Log10(readings[0]) - 0.25, xHigh = Math.Log10(readings[^1]) + 0.25;

        var floor = plot.Add.HorizontalLine(Math.Log10(importMicros));
        floor.LinePattern = LinePattern.Dashed;
        floor.LineWidth = 1.5f;
        floor.Color = Colors.Gray;
        floor.LegendText = string.Create(CultureInfo.InvariantCulture, $"UCDP import alone, no verification ({importMicros:F1} µs/row)");

        foreach (var (name, style) in Series)
        {
            var s = points.Where(p => p.Series == name && p.MicrosPerRow > 0).OrderBy(p => p.Readings).ToList();
            if (s.Count == 0)
            {
                continue;
            }

            var line = plot.Add.Scatter(s.Select(p => Math.Log10(p.Readings)).ToArray(), s.Select(p => Math.Log10(p.MicrosPerRow)).ToArray());
            line.Color = style.Color;
            line.LineWidth = 2.5f;
            line.MarkerSize = 9;
            line.LegendText = style.Legend;
            foreach (var p in s)
            {
                string reached = p.ReachedPerRow >= 0.01 ? p.ReachedPerRow.ToString("#,0.##", CultureInfo.InvariantCulture) : p.ReachedPerRow > 0 ? "< 0.01" : "0";
                var text = plot.Add.Text(string.Create(CultureInfo.InvariantCulture, $"{p.MicrosPerRow:#,0.0} µs, reaches {reached}"), Math.Log10(p.Readings), Math.Log10(p.MicrosPerRow));
                text.LabelFontColor = style.Color;
                text.LabelFontSize = 13;
                text.LabelBold = true;

                // Control labels above the line, sparse ones below it; the last ones above and to the left, clear of the line and the edge.
                bool last = p.Readings == readings[^1], above = name == "control" || last, left = last || (p.Readings != readings[0] && above);
                text.LabelAlignment = (above, left) switch
                {
                    (true, true) => Alignment.LowerRight,
                    (true, false) => Alignment.LowerLeft,
                    (false, true) => Alignment.UpperRight,
                    (false, false) => Alignment.UpperLeft,
                };
                text.LabelOffsetX = left ? -8 : 8;
                text.LabelOffsetY = above ? -8 : 8;
            }
        }

        // A guide of slope 1 through the sparse series' last point: cost proportional to the number of readings.
        if (points.Where(p => p.Series == "sparse" && p.MicrosPerRow > 0).MaxBy(p => p.Readings) is { } top)
        {
            double at = Math.Log10(top.MicrosPerRow) - Math.Log10(top.Readings);
            var guide = plot.Add.Line(xLow, xLow + at, xHigh, xHigh + at);
            guide.LinePattern = LinePattern.Dotted;
            guide.LineWidth = 1.5f;
            guide.Color = new Color(31, 119, 180, 140);
            guide.LegendText = "proportional to the number of readings (through the sparse series' last point)";
        }

        var x = new NumericManual();
        foreach (var r in readings)
        {
            x.AddMajor(Math.Log10(r), r.ToString("N0", CultureInfo.InvariantCulture));
        }

        plot.Axes.Bottom.TickGenerator = x;
        plot.Axes.Left.TickGenerator = LogTicks(yLow, yHigh);
        plot.Axes.SetLimits(xLow, xHigh, yLow, yHigh);
        plot.Title("Truce verification: CPU per evidence row against the number of obligation readings" + (label is null ? string.Empty : "\n" + label), size: 17);
        plot.XLabel("obligation readings in the specs (log scale)", size: 15);
        plot.YLabel("µs of CPU per evidence row (log scale)", size: 15);
        plot.ShowLegend(Alignment.UpperLeft);
        plot.Legend.FontSize = 13;
        var note = plot.Add.Text(
            "'reaches': readings per row whose zone holds or may hold it. CPU time of streaming generated UCDP GED rows into the verifier, median of runs; table: bench/results/readings-curve.md", xHigh, yLow);
        note.LabelFontSize = 11;
        note.LabelFontColor = Colors.DimGray;
        note.LabelAlignment = Alignment.LowerRight;
        note.LabelOffsetX = -4;
        note.LabelOffsetY = -4;
        plot.SavePng(path, 1200, 760);
    }

    /// <summary>Ticks for a base-10 log axis from 10^<paramref name="low"/> to 10^<paramref name="high"/>: 1, 2 and 5 of each decade labelled, the other digits as minor ticks.</summary>
    private static NumericManual LogTicks(double low, double high)
    {
        var ticks = new NumericManual();
        for (int decade = (int)low; decade <= (int)high; decade++)
        {
            for (int digit = 1; digit <= 9; digit++)
            {
                double value = digit * Math.Pow(10, decade);
                double position = Math.Log10(value);
                if (position > high + 1e-9)
                {
                    break;
                }

                if (digit is 1 or 2 or 5)
                {
                    ticks.AddMajor(position, value.ToString(value < 1 ? "0.##" : "#,0", CultureInfo.InvariantCulture));
                }
                else
                {
                    ticks.AddMinor(position);
                }
            }
        }

        return ticks;
    }
}
