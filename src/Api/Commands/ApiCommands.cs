using System.CommandLine;

namespace RelationsApi.Api.Commands;

/// <summary>
/// The Api's maintenance verbs (<c>dotnet run --project src/Api -- &lt;verb&gt; …</c>): they run with the same configuration
/// and database as the server, do their one job and exit instead of serving.
/// </summary>
internal static class ApiCommands
{
    private static readonly Func<IServiceProvider, Command>[] Verbs = [KeyCommands.Create, DatabaseCommands.Backup, DatabaseCommands.Restore];

    /// <summary>Whether the arguments name a verb rather than configuration for the server.</summary>
    public static bool IsCommand(string[] args) =>
        args is [var first, ..] && !first.StartsWith('-');

    /// <summary>Runs the verb the arguments name and returns the process's exit code.</summary>
    public static Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        var root = new RootCommand("Kazakhstan–Korea Relations API: maintenance commands. Without a command, the API serves.");
        foreach (var verb in Verbs)
        {
            root.Subcommands.Add(verb(services));
        }
        return root.Parse(args).InvokeAsync();
    }
}
