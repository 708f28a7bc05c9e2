using Truce.Cli;

return TruceApp.Run(args, Console.Out, Console.Error);
