using System.Globalization;
using System.Text;
using Truce.Evidence;
using Truce.Text;
using Truce.Verification;

namespace Truce.Reports;

/// <summary>Shared phrasing for the human-readable formats (terminal table and Markdown), so both say the same thing.</summary>
internal static class TextReport
{
    public static string Headline(VerificationReport r)
    {
        long accepted = r.Imports.Sum(i => i.Accepted), rejected = r.Imports.Sum(i => i.Rejected);
        var counts = string.Join(", ", Enum.GetValues<VerdictStatus>().Select(s => $"{r.Verdicts.Count(v => v.Status == s)} {VerificationReport.StatusName(s)}"));
        return string.Create(CultureInfo.InvariantCulture,
            $"{r.Agreements.Count} agreements, {r.Verdicts.Count} obligation readings ({counts}); {accepted:N0} evidence items from {r.Imports.Count} files, {rejected:N0} rows rejected");
    }

    public static string FindingLine(Finding f, bool confirmed)
    {
        var e = f.Evidence;
        var sb = new StringBuilder();
        sb.Append(confirmed ? "[confirmed] " : "[possible]  ");
        sb.Append(e.Id).Append("  score ").Append(f.Score.Value.ToString(CultureInfo.InvariantCulture)).Append("  ").Append(e.Time.Days.ToString());
        if (e.Place is not null)
        {
            sb.Append("  ").Append(e.Place);
        }

        var who = f.ActorId ?? (e.Actors.Count > 0 ? e.Actors[0].Name : null);
        if (who is not null)
        {
            sb.Append("  ").Append(who);
            if (f.CounterpartId is not null)
            {
                sb.Append(" vs ").Append(f.CounterpartId);
            }
        }

        foreach (var m in f.Measures.Where(m => m.Threshold is not null).DistinctBy(m => m.FeatureId))
        {
            sb.Append("  ").Append(m.Distance.ToString()).Append(" from ").Append(m.FeatureId);
        }

        sb.Append("  location ±").Append(e.LocationPrecision.Radius.ToString());
        sb.Append("  source ").Append(e.Source.SourceId).Append(' ').Append(e.Source.Code);
        sb.Append("  ").Append(e.Origin.File).Append(':').Append(e.Origin.Line.ToString(CultureInfo.InvariantCulture));
        return sb.ToString();
    }

    public static string ShortStatus(Verdict v) =>
        VerificationReport.StatusName(v.Status) + (v.Confidence is { } c ? $" ({c.ToString().ToLowerInvariant()})" : string.Empty);
}

/// <summary>Writes a run as a fixed-width terminal report: a verdict table, then the evidence chain behind each verdict.</summary>
public static class TableReportWriter
{
    /// <summary>Writes the report.</summary>
    /// <remarks>Everything goes through <see cref="SafeTextWriter"/>: a control character in an id or name is shown escaped, never executed by the terminal.</remarks>
    public static void Write(VerificationReport report, TextWriter output, int maxFindingsShown = 3)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        output = new SafeTextWriter(output);
        output.WriteLine("Truce verification: " + TextReport.Headline(report));
        output.WriteLine();
        var rows = report.Verdicts.Select(v => new[] { v.Agreement.Id, v.Obligation.Id, v.Variant.Id, TextReport.ShortStatus(v), v.Reason }).ToList();
        string[] header = ["AGREEMENT", "OBLIGATION", "READING", "VERDICT", "WHY"];
        var widths = Enumerable.Range(0, 4).Select(i => rows.Select(r => r[i].Length).Append(header[i].Length).Max()).ToArray();
        void Row(string[] cells)
        {
            var line = string.Join("  ", cells.Take(4).Select((c, i) => c.PadRight(widths[i])));
            output.WriteLine((line + "  " + cells[4]).TrimEnd());
        }

        Row(header);
        foreach (var r in rows)
        {
            Row(r);
        }

        output.WriteLine();
        output.WriteLine("Evidence chains");
        foreach (var v in report.Verdicts)
        {
            output.WriteLine();
            output.WriteLine($"{v.Agreement.Id} / {v.Obligation.Id} / {v.Variant.Id}: {TextReport.ShortStatus(v)}");
            output.WriteLine($"  term: {v.Obligation.Who} {(v.Obligation.Modality == Agreements.Modality.Must ? "must" : "must not")}: {Vocabulary.Name(v.Obligation.Activity)}"
                + (v.Obligation.Against is null ? string.Empty : (v.Obligation.Mutual ? " (mutual, with " : " against ") + v.Obligation.Against + (v.Obligation.Mutual ? ")" : string.Empty))
                + $" {v.Variant.Expression.Describe()}, window {(v.Obligation.Window?.ToString() ?? "none")}");
            foreach (var f in v.Confirmed.Take(maxFindingsShown))
            {
                output.WriteLine("  " + TextReport.FindingLine(f, confirmed: true));
                if (f.LocationClue is not null)
                {
                    output.WriteLine("      where: " + f.LocationClue);
                }
            }

            if (v.ConfirmedTotal > maxFindingsShown)
            {
                output.WriteLine($"  ... and {v.ConfirmedTotal - maxFindingsShown} more confirmed");
            }

            foreach (var f in v.Possible.Take(maxFindingsShown))
            {
                output.WriteLine("  " + TextReport.FindingLine(f, confirmed: false));
                if (f.LocationClue is not null)
                {
                    output.WriteLine("      where: " + f.LocationClue);
                }

                foreach (var doubt in f.Doubts)
                {
                    output.WriteLine("      because " + doubt);
                }
            }

            if (v.PossibleTotal > maxFindingsShown)
            {
                output.WriteLine($"  ... and {v.PossibleTotal - maxFindingsShown} more possible");
            }

            foreach (var c in v.Coverage)
            {
                output.WriteLine($"  watched by {c.Coverage.SourceId} ({c.Coverage.File}, {c.Coverage.Period}{(c.Partial ? ", part of the window" : string.Empty)}){(c.Coverage.Note is null ? string.Empty : ": " + c.Coverage.Note)}");
            }

            foreach (var c in v.Caveats)
            {
                output.WriteLine("  caveat: " + c);
            }
        }

        if (report.UnresolvedNames.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("Reported names not in the actor registry (not guessed):");
            foreach (var kv in report.UnresolvedByFrequency.Take(15))
            {
                output.WriteLine($"  {kv.Value,6}  {kv.Key}");
            }
        }

        output.WriteLine();
        output.WriteLine("Evidence files");
        foreach (var i in report.Imports)
        {
            output.WriteLine($"  {i.File} ({i.Format}): {i.Accepted} accepted, {i.Rejected} rejected{(i.Quarantine is null ? string.Empty : " -> " + i.Quarantine)}{(i.Error is null ? string.Empty : (i.Accepted > 0 ? "; READING STOPPED: " : "; FILE REFUSED: ") + i.Error)}");
            foreach (var n in i.Notices)
            {
                output.WriteLine("    note: " + n);
            }

            foreach (var r in i.FirstRejections)
            {
                output.WriteLine("    " + r);
            }
        }

        foreach (var note in report.Evidence.Notes)
        {
            output.WriteLine("  " + note);
        }

        if (report.Evidence.DuplicateEvents > 0)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {report.Evidence.DuplicateEvents} event report(s) set aside as already read ({report.Evidence.RevisedEvents} revised: the later file's version was used)"));
            foreach (var c in report.Evidence.Clashes.Take(maxFindingsShown))
            {
                output.WriteLine("    " + c);
            }
        }

        output.WriteLine();
        output.WriteLine("Inputs (sha256)");
        foreach (var i in report.Inputs)
        {
            output.WriteLine($"  {i.Sha256[..16]}  {i.Kind,-8}  {i.Path}");
        }
    }
}

/// <summary>Writes a run as Markdown: summary table, evidence chains with caveats, term conflicts and inputs.</summary>
public static class MarkdownReportWriter
{
    /// <summary>Writes the report.</summary>
    public static void Write(VerificationReport report, TextWriter output, int maxFindingsShown = 10)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine("# Truce verification report");
        output.WriteLine();
        output.WriteLine(TextReport.Headline(report) + ".");
        output.WriteLine();
        output.WriteLine("| Agreement | Obligation | Reading | Verdict | Why |");
        output.WriteLine("|---|---|---|---|---|");
        foreach (var v in report.Verdicts)
        {
            output.WriteLine($"| {Esc(v.Agreement.Id)} | {Esc(v.Obligation.Id)} | {Esc(v.Variant.Id)} | **{TextReport.ShortStatus(v)}** | {Esc(v.Reason)} |");
        }

        foreach (var a in report.Agreements)
        {
            output.WriteLine();
            output.WriteLine($"## {Esc(a.Title)} ({Esc(a.Id)})");
            output.WriteLine();
            output.WriteLine($"Status: {a.Status}. Parties: {Esc(string.Join(", ", a.Parties))}. Guarantors: {(a.Guarantors.Count == 0 ? "none" : Esc(string.Join(", ", a.Guarantors)))}."
                + (a.Outcome is null ? string.Empty : $" As reported: {Esc(a.Outcome)}"));
            foreach (var s in a.Sources)
            {
                output.WriteLine($"- Source {Esc(s.Id)}: {Esc(s.Citation)}{(s.Date is { } d ? $" ({d:yyyy-MM-dd})" : string.Empty)}");
            }

            var warnings = report.Warnings.Where(d => d.File == a.File).ToList();
            if (warnings.Count > 0)
            {
                output.WriteLine();
                output.WriteLine("Loopholes and gaps flagged by lint:");
                foreach (var d in warnings)
                {
                    output.WriteLine($"- {d.Code} {Esc(d.Field)}: {Esc(d.Message)}");
                }
            }

            foreach (var v in report.Verdicts.Where(v => v.Agreement == a))
            {
                output.WriteLine();
                output.WriteLine($"### {Esc(v.Obligation.Id)} / {Esc(v.Variant.Id)}: {TextReport.ShortStatus(v)}");
                output.WriteLine();
                if (v.Obligation.Text is not null)
                {
                    output.WriteLine($"> {Esc(v.Obligation.Text)}");
                    output.WriteLine();
                }

                output.WriteLine($"Zone: {Esc(v.Variant.Expression.Describe())}; window: {v.Obligation.Window?.ToString() ?? "none"}. {Esc(v.Reason)}.");
                if (v.Confirmed.Count + v.Possible.Count > 0)
                {
                    output.WriteLine();
                    foreach (var f in v.Confirmed.Take(maxFindingsShown))
                    {
                        output.WriteLine($"- {Esc(TextReport.FindingLine(f, true))}");
                    }

                    foreach (var f in v.Possible.Take(maxFindingsShown))
                    {
                        output.WriteLine($"- {Esc(TextReport.FindingLine(f, false))}: {Esc(string.Join("; ", f.Doubts))}");
                    }

                    int hidden = v.ConfirmedTotal + v.PossibleTotal - Math.Min(v.Confirmed.Count, maxFindingsShown) - Math.Min(v.Possible.Count, maxFindingsShown);
                    if (hidden > 0)
                    {
                        output.WriteLine($"- … {hidden} more findings in the JSON output");
                    }
                }

                foreach (var c in v.Caveats)
                {
                    output.WriteLine($"- Caveat: {Esc(c)}");
                }
            }
        }

        output.WriteLine();
        output.WriteLine("## Inputs");
        output.WriteLine();
        output.WriteLine("| Kind | File | SHA-256 |");
        output.WriteLine("|---|---|---|");
        foreach (var i in report.Inputs)
        {
            output.WriteLine($"| {i.Kind} | {Esc(i.Path)} | {i.Sha256} |");
        }
    }

    private static string Esc(string? s) => Sanitize.Markdown(s);
}
