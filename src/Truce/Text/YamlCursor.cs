using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Truce.Text;

/// <summary>A position in a parsed YAML document that reads typed values and reports problems with file, line and field path.</summary>
/// <remarks>
/// Specs are read through the representation model rather than deserialised into classes so that every error can
/// name the exact line and field, unknown keys are caught (a misspelt "withn" must not silently drop a term), and
/// all problems in a file are reported in one pass.
/// </remarks>
public sealed class YamlCursor
{
    private readonly DiagnosticBag diagnostics;

    /// <summary>
    /// Stops hostile YAML before YamlDotNet loads it: nesting deep enough to overflow its recursive loader (a stack
    /// overflow cannot be caught: the process dies printing a trace), and aliases that multiply a kilobyte into
    /// millions of nodes for the readers to walk ("billion laughs").
    /// </summary>
    private sealed class BoundedParser(IParser inner) : IParser
    {
        private readonly Stack<(string? Anchor, long Start)> open = new();
        private readonly Dictionary<string, long> anchorSizes = new(StringComparer.Ordinal);
        private long nodes;
        private long aliasNodes;

        public YamlDotNet.Core.Events.ParsingEvent? Current => inner.Current;

        public bool MoveNext()
        {
            if (!inner.MoveNext())
            {
                return false;
            }

            switch (inner.Current)
            {
                case YamlDotNet.Core.Events.Scalar scalar:
                    nodes++;
                    if (!scalar.Anchor.IsEmpty)
                    {
                        anchorSizes[scalar.Anchor.Value] = 1;
                    }

                    break;
                case YamlDotNet.Core.Events.NodeEvent start and (YamlDotNet.Core.Events.SequenceStart or YamlDotNet.Core.Events.MappingStart):
                    open.Push((start.Anchor.IsEmpty ? null : start.Anchor.Value, nodes));
                    nodes++;
                    if (open.Count > MaxDepth)
                    {
                        throw new YamlException(start.Start, start.End, $"nested more than {MaxDepth} levels deep; no spec or registry needs that");
                    }

                    break;
                case YamlDotNet.Core.Events.SequenceEnd or YamlDotNet.Core.Events.MappingEnd when open.Count > 0:
                    var (anchor, first) = open.Pop();
                    if (anchor is not null)
                    {
                        anchorSizes[anchor] = nodes - first;
                    }

                    break;
                case YamlDotNet.Core.Events.AnchorAlias alias:
                    long size = anchorSizes.GetValueOrDefault(alias.Value.Value, 1);
                    nodes += size;
                    aliasNodes += size;
                    if (aliasNodes > MaxAliasNodes)
                    {
                        throw new YamlException(alias.Start, alias.End, $"aliases (*name) here repeat more than {MaxAliasNodes:N0} nodes; write the values out");
                    }

                    break;
            }

            return true;
        }
    }

    private YamlCursor(YamlNode node, string file, string path, DiagnosticBag diagnostics)
    {
        Node = node;
        File = file;
        Path = path;
        this.diagnostics = diagnostics;
    }

    /// <summary>The node under the cursor.</summary>
    public YamlNode Node { get; }

    /// <summary>The file being read.</summary>
    public string File { get; }

    /// <summary>Deepest nesting of sequences and mappings a YAML input may have; specs and registries need under ten.</summary>
    public const int MaxDepth = 64;

    /// <summary>How many nodes aliases (*name) may add to a YAML input beyond what is written.</summary>
    public const int MaxAliasNodes = 10_000;

    /// <summary>Dotted field path of this node ("" for the root).</summary>
    public string Path { get; }

    /// <summary>1-based line of the node.</summary>
    public int Line => (int)Node.Start.Line;

    /// <summary>Parses YAML text; on a syntax error reports it with its position and returns null.</summary>
    public static YamlCursor? Parse(string text, string file, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        var stream = new YamlStream();
        var parser = new BoundedParser(new Parser(new StringReader(text)));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException ex)
        {
            var inner = ex.InnerException?.Message;
            diagnostics.Add(new Diagnostic(
                Severity.Error, "TR001", file, (int)ex.Start.Line, (int)ex.Start.Column, string.Empty,
                "malformed YAML: " + Messages.WithoutQuotedInput(ex.Message + (inner is null ? string.Empty : " (" + inner + ")"))));
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet 18 throws this, without a position, when the text ends inside a flow collection; the parser knows where it stopped.
            var at = parser.Current?.Start;
            diagnostics.Add(new Diagnostic(
                Severity.Error, "TR001", file, (int)(at?.Line ?? 0), (int)(at?.Column ?? 0), string.Empty, "malformed YAML: the text ends unexpectedly (an unclosed [ or { ?)"));
            return null;
        }
        catch (ArgumentException)
        {
            // YamlDotNet 18 throws this ("unsupported type" of event) when a document marker (--- or ...) interrupts a mapping.
            var at = parser.Current?.Start;
            diagnostics.Add(new Diagnostic(
                Severity.Error, "TR001", file, (int)(at?.Line ?? 0), (int)(at?.Column ?? 0), string.Empty,
                "malformed YAML: a document marker (--- or ...) or other structure where a value was expected"));
            return null;
        }

        if (stream.Documents.Count == 0)
        {
            diagnostics.Add(new Diagnostic(Severity.Error, "TR002", file, 0, 0, string.Empty, "the file is empty"));
            return null;
        }

        return new YamlCursor(stream.Documents[0].RootNode, file, string.Empty, diagnostics);
    }

    /// <summary>Reports an error at this node.</summary>
    public void Error(string code, string message) => Report(Severity.Error, code, message);

    /// <summary>Reports a warning at this node.</summary>
    public void Warning(string code, string message) => Report(Severity.Warning, code, message);

    /// <summary>Reports a diagnostic at this node.</summary>
    public void Report(Severity severity, string code, string message) =>
        diagnostics.Add(new Diagnostic(severity, code, File, (int)Node.Start.Line, (int)Node.Start.Column, Path, message));

    /// <summary>Whether this node is a mapping; reports an error if it is not.</summary>
    public bool ExpectMapping()
    {
        if (Node is YamlMappingNode)
        {
            return true;
        }

        Error("TR003", "expected a mapping of fields");
        return false;
    }

    /// <summary>Reports every key of this mapping that is not in <paramref name="allowed"/>.</summary>
    public void RejectUnknownKeys(params string[] allowed)
    {
        if (Node is not YamlMappingNode map)
        {
            return;
        }

        foreach (var key in map.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? "?";
            if (!allowed.Contains(name, StringComparer.Ordinal))
            {
                var suggestion = Spelling.Nearest(allowed, name, maxEdits: 2);
                var hint = suggestion is not null ? $" (did you mean '{suggestion}'?)" : string.Empty;
                diagnostics.Add(new Diagnostic(
                    Severity.Error, "TR004", File, (int)key.Start.Line, (int)key.Start.Column, Join(name),
                    $"unknown field '{name}'{hint}; allowed here: {string.Join(", ", allowed)}"));
            }
        }
    }

    /// <summary>Whether the mapping has the key.</summary>
    public bool Has(string key) => Node is YamlMappingNode map && map.Children.ContainsKey(new YamlScalarNode(key));

    /// <summary>The child under <paramref name="key"/>, or null (with an error if <paramref name="required"/>).</summary>
    public YamlCursor? Child(string key, bool required = false)
    {
        if (Node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var child))
        {
            return new YamlCursor(child, File, Join(key), diagnostics);
        }

        if (required)
        {
            diagnostics.Add(new Diagnostic(
                Severity.Error, "TR005", File, (int)Node.Start.Line, (int)Node.Start.Column, Join(key), "required field is missing"));
        }

        return null;
    }

    /// <summary>The scalar text of this node, or null with an error if it is a list or mapping.</summary>
    public string? AsScalar()
    {
        if (Node is YamlScalarNode scalar)
        {
            return scalar.Value;
        }

        Error("TR006", "expected a single value, not a list or mapping");
        return null;
    }

    /// <summary>The scalar under <paramref name="key"/>, or null.</summary>
    public string? Scalar(string key, bool required = false)
    {
        var child = Child(key, required);
        var value = child?.AsScalar();

        // YAML's null (~ or null) is as empty as nothing: a required field holding it is an error, never a silent
        // null that makes the reader drop the whole spec without a word ("title: ~" once did).
        bool empty = string.IsNullOrWhiteSpace(value) || value is "~" or "null";
        if (child is not null && required && empty)
        {
            child.Error("TR007", "must not be empty");
            return null;
        }

        return empty ? null : value;
    }

    /// <summary>A date (YYYY-MM-DD) under <paramref name="key"/>, or null with an error if malformed.</summary>
    public DateOnly? Date(string key, bool required = false)
    {
        var child = Child(key, required);
        if (child is null)
        {
            return null;
        }

        return child.AsDate();
    }

    /// <summary>This scalar as a date (YYYY-MM-DD).</summary>
    public DateOnly? AsDate()
    {
        var text = AsScalar();
        if (string.IsNullOrWhiteSpace(text) || text is "~" or "null")
        {
            return null;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        Error("TR008", $"'{text}' is not a date; write it as YYYY-MM-DD");
        return null;
    }

    /// <summary>The items of the sequence under <paramref name="key"/> (empty if absent; an error if not a list).</summary>
    public IReadOnlyList<YamlCursor> Sequence(string key, bool required = false)
    {
        var child = Child(key, required);
        return child is null ? [] : child.AsSequence();
    }

    /// <summary>The items of this node as a sequence; a lone scalar is read as a one-item list.</summary>
    public IReadOnlyList<YamlCursor> AsSequence()
    {
        switch (Node)
        {
            case YamlSequenceNode seq:
                return [.. seq.Children.Select((n, i) => new YamlCursor(n, File, $"{Path}[{i}]", diagnostics))];
            case YamlScalarNode s when !string.IsNullOrEmpty(s.Value):
                return [this];
            case YamlScalarNode:
                return [];
            default:
                Error("TR009", "expected a list");
                return [];
        }
    }

    /// <summary>The scalar items of the list under <paramref name="key"/>.</summary>
    public IReadOnlyList<string> Strings(string key, bool required = false) =>
        [.. Sequence(key, required).Select(c => c.AsScalar()).OfType<string>().Where(s => !string.IsNullOrWhiteSpace(s))];

    /// <summary>The key/value pairs of this mapping, in file order.</summary>
    public IReadOnlyList<(string Key, YamlCursor Value)> Entries()
    {
        if (Node is not YamlMappingNode map)
        {
            Error("TR003", "expected a mapping of fields");
            return [];
        }

        return [.. map.Children.Select(kv =>
        {
            var key = (kv.Key as YamlScalarNode)?.Value ?? string.Empty;
            return (key, new YamlCursor(kv.Value, File, Join(key), diagnostics));
        })];
    }

    private string Join(string key) => Path.Length == 0 ? key : Path + "." + key;

}
