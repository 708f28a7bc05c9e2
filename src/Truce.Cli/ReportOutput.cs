namespace Truce.Cli;

/// <summary>Writes a finished report where the user asked, without destroying what is there and without leaving half a report behind.</summary>
/// <remarks>
/// A regular file (or a new one) is written to a temporary file in the same folder and renamed over the target,
/// through symbolic links (the link stays, its target is replaced). Devices, pipes and "-" (standard output) are
/// streamed to directly: replacing /dev/full with a file is never the answer.
/// </remarks>
internal static class ReportOutput
{
    /// <summary>Thrown when the report cannot be written; the message is one line for the user.</summary>
    public sealed class WriteFailedException(string message, Exception inner) : Exception(message, inner);

    /// <summary>Writes <paramref name="content"/> to <paramref name="target"/>; returns a line to show on success.</summary>
    public static string Write(string target, byte[] content, CancellationToken cancel)
    {
        var display = Paths.Display(target);
        try
        {
            var real = Paths.Real(target);
            switch (FileKind.Of(real))
            {
                case FileKindValue.Folder:
                    throw new WriteFailedException($"cannot write the report to {display}: it is a folder", new IOException());
                case FileKindValue.Special:
                    using (var device = new FileStream(real, FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
                    {
                        device.Write(content);
                        device.Flush();
                    }

                    return $"wrote the report to {display}";
            }

            // Creating a folder under a regular file fails with "the file already exists", which reads as if the report were there.
            for (var up = Path.GetDirectoryName(target); !string.IsNullOrEmpty(up) && !Directory.Exists(up); up = Path.GetDirectoryName(up))
            {
                if (File.Exists(up))
                {
                    throw new WriteFailedException($"cannot write the report to {display}: {Paths.Display(up)} is a file, not a folder", new IOException());
                }
            }

            var dir = Path.GetDirectoryName(real)!;
            Directory.CreateDirectory(dir);
            var temp = Path.Combine(dir, $".{Path.GetFileName(real)}.{Environment.ProcessId}.partial");
            try
            {
                using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
                {
                    file.Write(content);
                    cancel.ThrowIfCancellationRequested();
                    file.Flush(flushToDisk: true);
                }

                File.Move(temp, real, overwrite: true);
            }
            catch
            {
                File.Delete(temp);
                throw;
            }

            return $"wrote the report to {display}";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException && ex is not WriteFailedException)
        {
            throw new WriteFailedException($"cannot write the report to {display}: {ex.Message}", ex);
        }
    }
}
