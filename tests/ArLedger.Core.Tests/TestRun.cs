// The shared PostgreSQL container is removed when this assembly's run ends.
[assembly: TestFramework("ArLedger.Testing.TestRunFramework", "ArLedger.Testing")]
