using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Truce.Evidence;
using Truce.Verification;

namespace Truce.Cli;

/// <summary>Hands evidence to the verifier on a second thread, in reading order, so that reading and parsing a file overlaps with verifying it.</summary>
/// <remarks>
/// Both stages are busy for the length of a large file and the machines Truce runs on have at least two cores. Items
/// travel in batches (one hand-over per few hundred rows, not per row) through a bounded queue, so memory stays flat
/// when verifying is the slower stage. Only the worker thread touches the verifier until <see cref="Complete"/>
/// returns; a failure there is rethrown on the caller's thread, with its original stack.
/// </remarks>
internal sealed class VerifyPipeline : IDisposable
{
    private const int BatchSize = 512;
    private readonly BlockingCollection<object[]> queue = new(boundedCapacity: 32);
    private readonly Thread worker;
    private object[] batch = new object[BatchSize];
    private int count;
    private volatile ExceptionDispatchInfo? failure;
    private volatile bool abandoned;
    private bool completed;

    /// <summary>Starts the worker that feeds <paramref name="verifier"/>.</summary>
    public VerifyPipeline(Verifier verifier)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        worker = new Thread(() => Consume(verifier)) { IsBackground = true, Name = "truce-verify" };
        worker.Start();
    }

    /// <summary>Queues an evidence item.</summary>
    public void Observe(Evidence.Evidence evidence) => Add(evidence);

    /// <summary>Queues a coverage record (after the items, as the reader hands them over).</summary>
    public void Observe(Coverage coverage) => Add(coverage);

    /// <summary>Waits until the verifier has seen every queued item; rethrows what failed on the worker.</summary>
    public void Complete()
    {
        if (!completed)
        {
            completed = true;
            Flush();
            queue.CompleteAdding();
            worker.Join();
        }

        failure?.Throw();
    }

    /// <summary>Stops the worker without rethrowing and without verifying what is still queued (for runs that end early, e.g. on Ctrl-C).</summary>
    public void Dispose()
    {
        if (!completed)
        {
            completed = true;
            abandoned = true;
            queue.CompleteAdding();
            worker.Join();
        }

        queue.Dispose();
    }

    private void Add(object item)
    {
        batch[count++] = item;
        if (count == BatchSize)
        {
            Flush();
        }
    }

    private void Flush()
    {
        if (count == 0)
        {
            return;
        }

        // A verifier that failed ends the run now: reading the rest of the file would only delay the error.
        failure?.Throw();
        var full = batch;
        if (count < BatchSize)
        {
            Array.Resize(ref full, count);
        }

        queue.Add(full);
        batch = new object[BatchSize];
        count = 0;
    }

    private void Consume(Verifier verifier)
    {
        try
        {
            foreach (var items in queue.GetConsumingEnumerable())
            {
                if (abandoned)
                {
                    continue;
                }

                foreach (var item in items)
                {
                    if (item is Evidence.Evidence e)
                    {
                        verifier.Observe(e);
                    }
                    else
                    {
                        verifier.Observe((Coverage)item);
                    }
                }
            }
        }
        catch (Exception ex)
        {
            failure = ExceptionDispatchInfo.Capture(ex);

            // Keep taking batches so the reader never blocks on a full queue; they are dropped, the run has failed.
            foreach (var ignored in queue.GetConsumingEnumerable())
            {
                GC.KeepAlive(ignored);
            }
        }
    }
}
