using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace ArLedger.Testing;

/// <summary>
/// xunit's own framework, with one step at the end of the assembly's run: it removes the shared PostgreSQL
/// container (<see cref="TestPostgres.Shared"/>). The step runs before xunit reports the assembly finished;
/// the test host is stopped a moment after that, too soon for a process-exit handler to stop a container.
/// Test assemblies name it with <c>[assembly: TestFramework("ArLedger.Testing.TestRunFramework", "ArLedger.Testing")]</c>.
/// </summary>
public sealed class TestRunFramework(IMessageSink diagnosticMessageSink) : XunitTestFramework(diagnosticMessageSink)
{
    protected override ITestFrameworkExecutor CreateExecutor(AssemblyName assemblyName) =>
        new Executor(assemblyName, SourceInformationProvider, DiagnosticMessageSink);

    sealed class Executor(AssemblyName assemblyName, ISourceInformationProvider sourceInformationProvider, IMessageSink diagnosticMessageSink)
        : XunitTestFrameworkExecutor(assemblyName, sourceInformationProvider, diagnosticMessageSink)
    {
        protected override async void RunTestCases(
            IEnumerable<IXunitTestCase> testCases, IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
        {
            using var runner = new AssemblyRunner(TestAssembly, testCases, DiagnosticMessageSink, executionMessageSink, executionOptions);
            await runner.RunAsync();
        }
    }

    sealed class AssemblyRunner(
        ITestAssembly testAssembly,
        IEnumerable<IXunitTestCase> testCases,
        IMessageSink diagnosticMessageSink,
        IMessageSink executionMessageSink,
        ITestFrameworkExecutionOptions executionOptions)
        : XunitTestAssemblyRunner(testAssembly, testCases, diagnosticMessageSink, executionMessageSink, executionOptions)
    {
        protected override async Task BeforeTestAssemblyFinishedAsync()
        {
            // A failure here shows as the assembly's cleanup failure.
            await Aggregator.RunAsync(TestPostgres.RemoveSharedAsync);
            await base.BeforeTestAssemblyFinishedAsync();
        }
    }
}
