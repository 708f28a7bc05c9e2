using System.Text.Json;

namespace Truce.Evidence.Import;

/// <summary>Reads Truce's native newline-delimited JSON evidence: one evidence or coverage object per line.</summary>
public static class NdjsonImporter
{
    /// <summary>Streams lines as evidence, coverage declarations or rejections; blank lines and lines starting with // are skipped.</summary>
    public static IEnumerable<ImportRow> Read(Stream stream, string file, ImportContext context)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(context);
        var reader = new Utf8LineReader(stream, context.Limits.MaxRecordBytes);
        while (reader.Read())
        {
            long line = reader.Line;
            switch (reader.Problem)
            {
                case RecordProblem.TooLong:
                    yield return ImportRow.Of(new Rejection(file, line, "(line)",
                        $"the line is longer than the {context.Limits.MaxRecordBytes:N0}-byte limit ({reader.ProblemDetail:N0} bytes skipped to the next line)", Utf8Window.Describe(reader.Bytes)));
                    continue;
                case RecordProblem.InvalidUtf8:
                    yield return ImportRow.Of(new Rejection(file, line, "(line)",
                        $"not UTF-8: invalid byte at file offset {reader.ProblemDetail} (give --encoding if the file uses another encoding)", Utf8Window.Describe(reader.Bytes)));
                    continue;
            }

            var bytes = reader.Bytes.Trim(" \t"u8);
            if (bytes.Length == 0 || bytes.StartsWith("//"u8))
            {
                continue;
            }

            var text = System.Text.Encoding.UTF8.GetString(reader.Bytes);
            var (doc, error) = TryParse(bytes.ToArray());
            if (doc is null)
            {
                yield return ImportRow.Of(new Rejection(file, line, "(json)", $"not valid JSON: {error}", text));
                continue;
            }

            using (doc)
            {
                if (Text.JsonStrings.MayHoldSurrogateEscape(bytes) && Text.JsonStrings.UnpairedSurrogate(doc.RootElement) is { } badField)
                {
                    yield return ImportRow.Of(new Rejection(file, line, badField, Text.JsonStrings.Reason, text));
                    continue;
                }

                yield return NativeEvidenceParser.Parse(doc.RootElement, null, file, line, text, "ndjson", context);
            }
        }
    }

    private static (JsonDocument? Doc, string? Error) TryParse(byte[] json)
    {
        try
        {
            return (JsonDocument.Parse(json), null);
        }
        catch (JsonException ex)
        {
            return (null, Text.Messages.Json(ex));
        }
    }
}
