using BenchmarkDotNet.Running;
using Truce.Bench;

if (args is ["quick"])
{
    QuickBench.Run(Console.Out);
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(Workload).Assembly).Run(args);
return 0;
