using System.Runtime.InteropServices;
using Truce.Cli;

// Ctrl-C and SIGTERM cancel the run so that it can remove what it was writing; a second Ctrl-C ends it at once.
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = !cancel.IsCancellationRequested;
    cancel.Cancel();
};
using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    // As for Ctrl-C: the first signal lets the run clean up, a second one ends it at once (a read blocked on an
    // empty pipe cannot notice the first).
    context.Cancel = !cancel.IsCancellationRequested;
    cancel.Cancel();
});

var today = Environment.GetEnvironmentVariable("TRUCE_TODAY") is { } fixedDay && DateOnly.TryParse(fixedDay, System.Globalization.CultureInfo.InvariantCulture, out var day)
    ? day
    : DateOnly.FromDateTime(DateTime.UtcNow);
return TruceApp.Run(args, Console.Out, Console.Error, new RunEnvironment(today, cancel.Token, ErrorIsTerminal: !Console.IsErrorRedirected));
