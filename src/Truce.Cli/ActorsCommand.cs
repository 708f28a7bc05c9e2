using System.Globalization;
using Truce.Actors;
using Truce.Evidence;
using Truce.Evidence.Import;
using Truce.Text;

namespace Truce.Cli;

/// <summary><c>truce actors --evidence FILE</c>: every actor name in the evidence, how often, and what the registry makes of it.</summary>
/// <remarks>Names are never guessed: an unresolved name is listed so that the user can add it (or an alias) to their registry.</remarks>
internal static class ActorsCommand
{
    public static int Run(string[] evidencePaths, LoadOptions options, string? specsDir, string? encodingName, TextWriter output, TextWriter err, RunEnvironment env)
    {
        var (encoding, encodingError) = TruceApp.ParseEncoding(encodingName);
        if (encodingError is not null)
        {
            err.WriteLine("truce: " + encodingError);
            return TruceApp.UsageOrInput;
        }

        var specs = specsDir ?? ShippedSpecs();
        var diagnostics = new DiagnosticBag();
        var specFiles = specs is null ? [] : Workspace.ExpandSpecPaths([specs], diagnostics);
        var actorsPath = Workspace.RegistryPath(options.Actors, "actors.yaml", specFiles);
        var sourcesPath = Workspace.RegistryPath(options.Sources, "sources.yaml", specFiles);
        if (actorsPath is null)
        {
            err.WriteLine("truce: no actor registry found; give --actors FILE, --specs DIR or set TRUCE_HOME");
            return TruceApp.UsageOrInput;
        }

        // The same reading as lint and verify: a device, a huge or a binary file named as a registry is refused, not read.
        ActorRegistry? registry = null;
        if (Workspace.ReadHandWritten(actorsPath, "actors", "the actor registry (use --actors)", LoadOptions.MaxRegistryBytes, diagnostics, inputs: null) is { } actorsText)
        {
            registry = ActorRegistryReader.Read(actorsText, actorsPath, diagnostics);
        }

        SourceRegistry sources = SourceRegistry.Empty;
        if (sourcesPath is not null && (options.Sources is not null || File.Exists(sourcesPath))
            && Workspace.ReadHandWritten(sourcesPath, "sources", "the sources registry (use --sources)", LoadOptions.MaxRegistryBytes, diagnostics, inputs: null) is { } sourcesText)
        {
            sources = SourceRegistry.Read(sourcesText, sourcesPath, diagnostics) ?? SourceRegistry.Empty;
        }

        if (registry is null || diagnostics.HasErrors)
        {
            foreach (var d in diagnostics.Items.Where(d => d.Severity == Severity.Error))
            {
                err.WriteLine(d.ToString());
            }

            return TruceApp.UsageOrInput;
        }

        var counter = new NameCounter();
        var ingest = new EvidenceIngest(new ImportContext(sources, env.Today, ImportLimits.Default), encoding, quarantineDir: null);
        ingest.Run(evidencePaths, counter.Observe, env.Cancel);
        foreach (var s in ingest.Stats.Where(s => s.Error is not null))
        {
            err.WriteLine($"{s.File}: error: {s.Error}");
        }

        var safe = new SafeTextWriter(output);
        var rows = counter.Counts
            .Select(kv => (Name: kv.Key, Items: kv.Value, Members: registry.ResolveSide(kv.Key)))
            .OrderByDescending(r => r.Items).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
        int width = Math.Min(60, rows.Select(r => r.Name.Length).DefaultIfEmpty(4).Max());
        safe.WriteLine($"{"ITEMS",7}  {"NAME".PadRight(width)}  RESOLVES TO");
        foreach (var (name, items, members) in rows)
        {
            safe.WriteLine($"{items.ToString(CultureInfo.InvariantCulture),7}  {name.PadRight(width)}  {Describe(members)}");
        }

        int unresolved = rows.Count(r => r.Members.Any(m => m.Actor is null));
        int coalitions = rows.Count(r => r.Members.Count > 1);
        safe.WriteLine();
        safe.WriteLine($"{rows.Count} name(s) in {counter.Items:N0} item(s): {rows.Count - unresolved} resolved ({coalitions} of them coalitions split into members), {unresolved} with unresolved parts; registry {actorsPath}");
        return unresolved > 0 || ingest.AnyRefused ? TruceApp.PartialInput : TruceApp.Ok;
    }

    private static string Describe(IReadOnlyList<SideMember> members)
    {
        static string One(SideMember m) => m.Actor is null ? $"UNRESOLVED '{m.Name}'" : m.Actor.Id + (m.Category is null ? string.Empty : $" ({m.Category})");
        return members.Count == 1 ? One(members[0]) : "coalition: " + string.Join(", ", members.Select(One));
    }

    /// <summary>The specs that ship with this checkout (examples/agreements beside the program), whose home holds the shipped registries.</summary>
    internal static string? ShippedSpecs()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "examples", "agreements");
            if (Directory.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "examples", "actors.yaml")))
            {
                // Nobody typed this path: relative when it lies under the working directory, else absolute, never a ../../.. chain.
                var relative = Path.GetRelativePath(Environment.CurrentDirectory, candidate);
                return Paths.Display(relative == ".." || relative.StartsWith("../", StringComparison.Ordinal) ? candidate : relative);
            }
        }

        return null;
    }

    /// <summary>Counts reported names per item, as the verifier sees them.</summary>
    private sealed class NameCounter
    {
        public Dictionary<string, int> Counts { get; } = new(StringComparer.Ordinal);

        public long Items { get; private set; }

        public void Observe(Evidence.Evidence e)
        {
            Items++;
            foreach (var name in e.Actors.Select(a => a.Name).Distinct())
            {
                Counts[name] = Counts.GetValueOrDefault(name) + 1;
            }
        }
    }
}
