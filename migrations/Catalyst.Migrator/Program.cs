using Catalyst.Migrator;

// dotnet run --project migrations/Catalyst.Migrator                      apply every module's migrations, then exit 0
// dotnet run --project migrations/Catalyst.Migrator -- --script DIR      write each module's idempotent SQL script to DIR/<module>/
return await MigratorProgram.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);
