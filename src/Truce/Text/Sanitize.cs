using System.Globalization;
using System.Text;

namespace Truce.Text;

/// <summary>Makes strings from data and specs safe for the medium they are shown in: one place that every writer uses.</summary>
/// <remarks>
/// Evidence ids, actor names and spec text come from files anyone can write. On a terminal a carriage return or an
/// ANSI escape can overwrite "violated" with "no violation found", and a bidi override can reverse what is read; in
/// Markdown, HTML and heading markers can inject content. Control and bidi characters are shown escaped (\x1b,
/// \u202e), never dropped, so the reader sees that they were there.
/// </remarks>
public static class Sanitize
{
    /// <summary>Whether a character must never reach a terminal raw: C0 and C1 controls, DEL, bidirectional formatting, and invisible characters that make two different ids look alike.</summary>
    /// <remarks>
    /// The zero-width joiner and non-joiner (U+200C, U+200D) pass: Persian and other scripts need them in names. Tag
    /// characters (U+E0000 block) are astral and are caught as surrogate pairs by the callers that walk strings.
    /// </remarks>
    public static bool IsUnsafe(char c) =>
        c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F)
        || c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069')
        || c is '\u2028' or '\u2029' or '\uFEFF'
        || c is '\u00AD' or '\u180E' or '\u200B' or (>= '\u2060' and <= '\u2064') or TagHighSurrogate;

    /// <summary>The high surrogate of the Unicode tag characters (U+E0000-U+E007F), which are invisible.</summary>
    private const char TagHighSurrogate = '\uDB40';

    /// <summary>Text for a terminal or plain-text report: every unsafe character escaped as \xNN or \uNNNN (including line breaks inside a value).</summary>
    public static string Terminal(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        return Escape(text, keepNewlines: false);
    }

    /// <summary>The text with every unsafe character escaped; a tag character (a surrogate pair) becomes one \U escape.</summary>
    internal static string Escape(string text, bool keepNewlines)
    {
        if (!text.Any(c => IsUnsafe(c) && !(keepNewlines && c == '\n')))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length + 8);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (keepNewlines && c == '\n')
            {
                sb.Append(c);
            }
            else if (c == TagHighSurrogate && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(CultureInfo.InvariantCulture, $"\\U{char.ConvertToUtf32(c, text[i + 1]):x8}");
                i++;
            }
            else
            {
                AppendEscaped(sb, c);
            }
        }

        return sb.ToString();
    }

    /// <summary>Text for a Markdown table cell or list item: terminal-safe, with HTML and Markdown markup shown literally.</summary>
    public static string Markdown(string? text)
    {
        var safe = Terminal(text);
        var sb = new StringBuilder(safe.Length + 8);
        foreach (var c in safe)
        {
            switch (c)
            {
                case '&':
                    sb.Append("&amp;");
                    break;
                case '<':
                    sb.Append("&lt;");
                    break;
                case '>':
                    sb.Append("&gt;");
                    break;
                case '\\' or '`' or '*' or '_' or '[' or ']' or '#' or '|' or '!' or '~':
                    sb.Append('\\').Append(c);
                    break;
                default:
                    sb.Append(c);
                    break;
            }
        }

        return sb.ToString();
    }

    /// <summary>Appends one character, escaped when unsafe.</summary>
    internal static void AppendEscaped(StringBuilder sb, char c)
    {
        if (!IsUnsafe(c))
        {
            sb.Append(c);
        }
        else if (c <= 0xFF)
        {
            sb.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}");
        }

        else
        {
            sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
        }
    }
}

/// <summary>A writer for terminals and plain-text files that escapes every unsafe character except the line breaks it writes itself.</summary>
/// <remarks>Only "\n" passes: reports end lines with it; any other control character came from data.</remarks>
public sealed class SafeTextWriter(TextWriter inner) : TextWriter
{
    private readonly TextWriter inner = inner ?? throw new ArgumentNullException(nameof(inner));

    /// <inheritdoc/>
    public override Encoding Encoding => inner.Encoding;

    /// <inheritdoc/>
    public override string NewLine
    {
        get => "\n";
#pragma warning disable CS8765 // The setter is ignored on purpose: output lines end with \n on every OS.
        set
        {
        }
#pragma warning restore CS8765
    }

    /// <inheritdoc/>
    public override void Write(char value)
    {
        if (value == '\n' || !Sanitize.IsUnsafe(value))
        {
            inner.Write(value);
        }
        else
        {
            inner.Write(Sanitize.Terminal(value.ToString()));
        }
    }

    /// <inheritdoc/>
    public override void Write(string? value)
    {
        if (value is not null)
        {
            inner.Write(Sanitize.Escape(value, keepNewlines: true));
        }
    }

    /// <inheritdoc/>
    public override void WriteLine(string? value)
    {
        Write(value);
        inner.Write('\n');
    }

    /// <inheritdoc/>
    public override void WriteLine() => inner.Write('\n');

    /// <inheritdoc/>
    public override void Flush() => inner.Flush();
}
