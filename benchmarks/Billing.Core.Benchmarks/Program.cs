using BenchmarkDotNet.Running;

// A non-zero exit when any benchmark fails to build or run, so CI's dry job catches rot.
var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
