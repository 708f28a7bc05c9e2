namespace Truce.Text;

/// <summary>How serious a diagnostic is: errors make a spec unusable, warnings flag loopholes a reader must see.</summary>
public enum Severity
{
    /// <summary>The input cannot be used as written.</summary>
    Error,

    /// <summary>The input is usable but has a gap, conflict or assumption worth a human's attention.</summary>
    Warning,
}

/// <summary>A message about a place in an input file: file, line, column, the field path and what is wrong.</summary>
/// <param name="Severity">Error or warning.</param>
/// <param name="Code">Stable short code (e.g. TR101) that tests and users can grep for.</param>
/// <param name="File">The file the problem is in, as given by the user.</param>
/// <param name="Line">1-based line, or 0 when the problem concerns the whole file.</param>
/// <param name="Column">1-based column, or 0 when unknown.</param>
/// <param name="Field">Dotted path of the field, e.g. <c>zones.golan-buffer.variants[0].within</c>.</param>
/// <param name="Message">What is wrong and, where possible, how to fix it.</param>
public sealed record Diagnostic(Severity Severity, string Code, string File, int Line, int Column, string Field, string Message)
{
    /// <summary>Compiler-style one-line form: <c>file:line:col: error TR101: field: message</c>.</summary>
    public override string ToString()
    {
        var where = Line > 0 ? $"{File}:{Line}:{Column}" : File;
        var field = string.IsNullOrEmpty(Field) ? string.Empty : Field + ": ";
        return $"{where}: {(Severity == Severity.Error ? "error" : "warning")} {Code}: {field}{Message}";
    }
}

/// <summary>Collects diagnostics while a file is read, so that one pass reports every problem instead of the first.</summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> items = [];

    /// <summary>Everything reported so far, in the order reported.</summary>
    public IReadOnlyList<Diagnostic> Items => items;

    /// <summary>Whether any error (not warning) was reported.</summary>
    public bool HasErrors => items.Any(d => d.Severity == Severity.Error);

    /// <summary>Adds a diagnostic.</summary>
    public void Add(Diagnostic diagnostic) => items.Add(diagnostic);

    /// <summary>Adds every diagnostic of another bag.</summary>
    public void AddRange(IEnumerable<Diagnostic> diagnostics) => items.AddRange(diagnostics);
}
