using System;
using System.IO;
using System.Text.RegularExpressions;
using MlopsGuard.EndToEnd.Tests.Infrastructure;
using Xunit;

namespace MlopsGuard.EndToEnd.Tests
{
    /// <summary>
    /// What a user sees in the console at the default verbosity (issue 20): with the classic console logger (CI logs, and
    /// <c>-tl:off</c>) and with the terminal logger of .NET 9 and later (an interactive terminal; <c>-tl:on</c> forces it
    /// when the output is redirected, as here). The terminal logger prints no message at its default verbosity, only
    /// warnings, errors and each project's result line; docs/console-output.md says what MlopsGuard does about it.
    /// </summary>
    [Collection(EndToEndCollection.Name)]
    public class ConsoleOutputTests
    {
        // Control sequences of the terminal logger: colours, cursor moves, progress, and hyperlinks (OSC 8).
        private static readonly Regex Escapes = new(@"\x1B\[[0-9;?]*[A-Za-z]|\x1B\][^\x1B\x07]*(\x1B\\|\x07)", RegexOptions.Compiled);

        private readonly PackageFeed _feed;

        public ConsoleOutputTests(PackageFeed feed) => _feed = feed;

        [Fact]
        public void Stage_lock_and_maturity_lines_show_at_the_default_verbosity()
        {
            var project = TestProject.Create(_feed, "console-output", @"<ItemGroup>
    <MlData Include=""raw/input.csv"" />
    <MlStage Include=""prepare"" Command=""echo preparing the data; tr a-z A-Z &lt; raw/input.csv &gt; data/clean.csv""
             Deps=""raw/input.csv"" Outs=""data/clean.csv"" />
  </ItemGroup>", withMlNet: false);
            project.WriteFile("Program.cs", "System.Console.WriteLine(1);\n");
            project.WriteFile("raw/input.csv", "a,b\n1,2\n");

            // The classic console logger: each line as it happens; the stage command's own output only at -v:n.
            var classic = project.Build("-tl:off", "-t:Build;MlopsReport");
            Assert.True(classic.Succeeded, classic.ToString());
            Assert.Contains("MlopsGuard: running stage 'prepare' (it is not in mlops.lock.json (never run))", classic.Output, StringComparison.Ordinal);
            Assert.Matches(@"MlopsGuard: stage 'prepare' ran in \d+\.\d s: wrote data/clean\.csv \(8 bytes\)", classic.Output);
            Assert.DoesNotContain("[prepare] preparing the data", classic.Output, StringComparison.Ordinal);
            // The stage runner wrote the lock first (its stages), so the lock check adds the artifact to it.
            Assert.Contains("MlopsGuard: updated mlops.lock.json (1 artifact changed)", classic.Output, StringComparison.Ordinal);
            Assert.Contains("MlopsGuard: maturity Level 0 of declared 1 — ", classic.Output, StringComparison.Ordinal);
            Assert.Matches(@"console-output -> .*maturity\.md \(Level 0 of declared 1\)", classic.Output);

            // The terminal logger at its default verbosity: the report's path and level on the project's result line.
            project.WriteFile("raw/input.csv", "a,b\n1,2\n3,4\n");
            var terminal = project.Build("-tl:on", "-t:Build;MlopsReport");
            Assert.True(terminal.Succeeded, terminal.ToString());
            var shown = Escapes.Replace(terminal.Output, string.Empty);
            Assert.Matches(@"console-output net10\.0 succeeded.* → bin/Debug/net10\.0/mlops/maturity\.md \(Level 0 of declared 1\)", shown);

            // Its detailed verbosity for itself alone (-tlp:v=d) adds the high-importance lines, under the project's result line.
            project.WriteFile("raw/input.csv", "a,b\n5,6\n");
            var detailed = project.Build("-tl:on", "-tlp:v=d");
            Assert.True(detailed.Succeeded, detailed.ToString());
            shown = Escapes.Replace(detailed.Output, string.Empty);
            Assert.Contains("MlopsGuard: running stage 'prepare' (dep 'raw/input.csv' changed", shown, StringComparison.Ordinal);
            Assert.Matches(@"MlopsGuard: stage 'prepare' ran in \d+\.\d s: wrote data/clean\.csv \(8 bytes\)", shown);
            Assert.Contains("MlopsGuard: updated mlops.lock.json (1 artifact changed)", shown, StringComparison.Ordinal);
            Assert.DoesNotContain("[prepare] preparing the data", shown, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(project.Directory, "data", "clean.csv")));
        }
    }
}
