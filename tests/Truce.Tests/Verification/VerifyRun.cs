using System.Text;
using Truce.Cli;
using Truce.Evidence.Import;
using Truce.Reports;
using Truce.Tests.TestSupport;
using Truce.Text;
using Truce.Verification;

namespace Truce.Tests.Verification;

/// <summary>Runs <c>truce verify --format json</c> on the fast path (the command itself) or on the reference path (the same steps with <c>reference: true</c>).</summary>
/// <remarks>
/// The command has no switch for the reference path, so <see cref="Pipeline"/> repeats its steps (load the specs,
/// stream the evidence through a <see cref="VerifyPipeline"/> into a verifier, build the report, write it as JSON). Whether the copy still matches the
/// command is checked by comparing its fast-path output with the command's whenever a comparison fails.
/// </remarks>
internal static class VerifyRun
{
    /// <summary>The command's JSON report, as printed to standard output.</summary>
    public static string Cli(IReadOnlyList<string> specs, IReadOnlyList<string> evidence)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        string[] args = ["verify", .. specs, .. evidence.SelectMany(e => new[] { "--evidence", e }), "--format", "json"];
        int code = TruceApp.Run(args, output, error, new RunEnvironment(Repo.Today, CancellationToken.None));
        Assert.True(code == TruceApp.Ok, $"truce verify exited {code}:\n{error}");
        return output.ToString();
    }

    /// <summary>The steps of <c>truce verify --format json</c>, with the verifier on the path chosen.</summary>
    /// <param name="specs">Spec files or folders.</param>
    /// <param name="evidence">Evidence files or folders.</param>
    /// <param name="reference">True for the reference path.</param>
    /// <param name="maxFindings">Findings kept per kind and reading; null for the command's default.</param>
    public static string Pipeline(IReadOnlyList<string> specs, IReadOnlyList<string> evidence, bool reference, int? maxFindings = null)
    {
        var ws = Workspace.Load(specs, new LoadOptions(null, null, AllowOutside: false));
        Assert.False(ws.Diagnostics.HasErrors, string.Join("\n", ws.Diagnostics.Items));
        var verifier = maxFindings is { } max
            ? new Verifier(ws.Agreements, ws.Catalog, ws.Actors!, max, ws.Places, reference)
            : new Verifier(ws.Agreements, ws.Catalog, ws.Actors!, places: ws.Places, reference: reference);
        var ingest = new EvidenceIngest(new ImportContext(ws.Sources, Repo.Today, ImportLimits.Default), null, null);
        using (var pipeline = new VerifyPipeline(verifier))
        {
            ingest.Run([.. evidence], pipeline.Observe, CancellationToken.None, pipeline.Observe);
            pipeline.Complete();
        }

        var report = new VerificationReport(
            [.. ws.Inputs, .. ingest.Inputs], ingest.Stats, ws.Agreements, verifier.Verdicts(), ingest.Coverages, verifier.UnresolvedNames, ws.Catalog,
            [.. ws.Diagnostics.Items.Where(d => d.Severity == Severity.Warning)],
            new EvidenceSummary(ingest.Notes, ingest.Ledger.Duplicates, ingest.Ledger.Revised, ingest.Ledger.Clashes));
        using var buffer = new MemoryStream();
        JsonReportWriter.Write(report, buffer);
        buffer.WriteByte((byte)'\n');
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Requires the command's report and the reference path's to be the same bytes; on a difference, says where and whether the copied pipeline is to blame.</summary>
    public static void AssertSameReport(IReadOnlyList<string> specs, IReadOnlyList<string> evidence)
    {
        var fast = Cli(specs, evidence);
        var slow = Pipeline(specs, evidence, reference: true);
        if (fast == slow)
        {
            return;
        }

        // Tell a fast-path bug from a copy of the command that has fallen behind it.
        var copy = Pipeline(specs, evidence, reference: false);
        string blame = copy == fast
            ? "the copied pipeline matches the command on the fast path, so the fast and reference paths differ"
            : "the copied pipeline no longer matches the command on the fast path: update VerifyRun.Pipeline to follow TruceApp.Verify";
        Assert.Fail($"{blame}\n{FirstDifference(fast, slow)}");
    }

    /// <summary>The first differing line of two reports, with the lines around it and the evidence item it belongs to.</summary>
    public static string FirstDifference(string fast, string reference)
    {
        var a = fast.Split('\n');
        var b = reference.Split('\n');
        int i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i])
        {
            i++;
        }

        string Around(string[] lines) => string.Join("\n", lines[Math.Max(0, i - 12)..Math.Min(lines.Length, i + 6)]);
        string Context(string[] lines)
        {
            string? verdict = null, item = null;
            for (int k = Math.Min(i, lines.Length - 1); k >= 0 && (verdict is null || item is null); k--)
            {
                var t = lines[k].Trim();
                if (item is null && t.StartsWith("\"evidence\": ", StringComparison.Ordinal))
                {
                    item = t;
                }

                if (verdict is null && t.StartsWith("\"obligation\": ", StringComparison.Ordinal))
                {
                    verdict = t;
                }
            }

            return $"{verdict ?? "(no obligation)"}; nearest item above: {item ?? "(none)"}";
        }

        return $"first difference at line {i + 1} (fast has {a.Length} lines, reference {b.Length}); {Context(a)}\n"
            + $"--- fast path\n{Around(a)}\n--- reference path\n{Around(b)}";
    }
}
