namespace Truce.Tests.TestSupport;

/// <summary>Approved-output checks: rendered text is compared with a committed snapshot, so any change to what users read is reviewed.</summary>
/// <remarks>On a mismatch the new text is written beside the snapshot as *.received.txt. Set TRUCE_APPROVE=1 to accept it (refused when CI is set).</remarks>
internal static class Approved
{
    public static void Verify(string name, string actual)
    {
        var approvedPath = Repo.Path($"tests/Truce.Tests/Cli/Approved/{name}.approved.txt");
        var receivedPath = Path.ChangeExtension(approvedPath, null).Replace(".approved", ".received", StringComparison.Ordinal) + ".txt";
        actual = actual.ReplaceLineEndings("\n");
        if (Environment.GetEnvironmentVariable("TRUCE_APPROVE") == "1")
        {
            // Approving rewrites the expectation: never on a CI run, where it would turn every failure into a pass.
            Assert.True(string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")), "TRUCE_APPROVE is refused when CI is set: approve snapshots on a developer machine and commit them");
            File.WriteAllText(approvedPath, actual);
            return;
        }

        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).ReplaceLineEndings("\n") : null;
        if (approved != actual)
        {
            File.WriteAllText(receivedPath, actual);
            Assert.Fail($"{name}: output differs from {approvedPath}; see {receivedPath} (diff them; TRUCE_APPROVE=1 accepts the new output)");
        }

        File.Delete(receivedPath);
    }
}
