using System.Text.Json;

namespace Truce.Evidence.Import;

/// <summary>Reads Truce's native newline-delimited JSON evidence: one evidence or coverage object per line.</summary>
public static class NdjsonImporter
{
    /// <summary>Streams lines as evidence, coverage declarations or rejections; blank lines and lines starting with // are skipped.</summary>
    public static IEnumerable<ImportRow> Read(TextReader reader, string file, SourceRegistry sources)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(sources);
        long line = 0;
        string? text;
        while ((text = reader.ReadLine()) is not null)
        {
            line++;
            var trimmed = text.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith("//", StringComparison.Ordinal))
            {
                continue;
            }

            var (doc, error) = TryParse(trimmed);
            if (doc is null)
            {
                yield return ImportRow.Of(new Rejection(file, line, "(json)", $"not valid JSON: {error}", text));
                continue;
            }

            using (doc)
            {
                yield return NativeEvidenceParser.Parse(doc.RootElement, null, file, line, text, "ndjson", sources);
            }
        }
    }

    private static (JsonDocument? Doc, string? Error) TryParse(string text)
    {
        try
        {
            return (JsonDocument.Parse(text), null);
        }
        catch (JsonException ex)
        {
            return (null, ex.Message.Split(" Path:")[0]);
        }
    }
}
