using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Truce.Reports;

/// <summary>The JSON encoder every report writer uses: readable non-ASCII text, but control, bidirectional and HTML-sensitive characters escaped.</summary>
/// <remarks>A report is data for other programs, which may show it raw; an RLO (U+202E) or ESC in an id must reach them as \u202E, not as itself.</remarks>
internal static class JsonText
{
    public static JavaScriptEncoder Encoder { get; } = Create();

    private static JavaScriptEncoder Create()
    {
        var settings = new TextEncoderSettings(UnicodeRanges.All);
        settings.ForbidCharacters('\u061C', '\u200E', '\u200F', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u2028', '\u2029');
        return JavaScriptEncoder.Create(settings);
    }
}
