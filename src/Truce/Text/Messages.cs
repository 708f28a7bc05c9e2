using System.Text.Json;
using System.Text.RegularExpressions;

namespace Truce.Text;

/// <summary>Turns library exceptions into messages for users: positions kept, .NET wording and echoed input bytes removed.</summary>
/// <remarks>An error about a file must never print the file's contents: a spec that names /etc/shadow as geometry must not learn its first byte.</remarks>
public static partial class Messages
{
    /// <summary>A JSON parser complaint with its line and byte, without the characters it quotes from the input.</summary>
    public static string Json(JsonException ex)
    {
        ArgumentNullException.ThrowIfNull(ex);
        var message = ex.Message.Split(" Path:")[0].Split(" LineNumber:")[0].Trim().TrimEnd('.');
        return $"{WithoutQuotedInput(message)} (line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1})";
    }

    /// <summary>An argument exception's message without the "(Parameter 'x')" suffix that means nothing to a user.</summary>
    public static string Argument(ArgumentException ex)
    {
        ArgumentNullException.ThrowIfNull(ex);
        var message = ex.Message.Split('\n')[0];
        return ParameterSuffix().Replace(message, string.Empty).Trim();
    }

    /// <summary>Replaces short quoted fragments of input ('0x00', '}') by a neutral word.</summary>
    public static string WithoutQuotedInput(string message) => QuotedFragment().Replace(message ?? string.Empty, "a character");

    [GeneratedRegex(@"\s*\(Parameter '[^']*'\)")]
    private static partial Regex ParameterSuffix();

    [GeneratedRegex("'[^']{0,12}'")]
    private static partial Regex QuotedFragment();
}
