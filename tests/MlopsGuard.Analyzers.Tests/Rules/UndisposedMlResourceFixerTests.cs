using System.Threading.Tasks;
using MlopsGuard.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = MlopsGuard.Analyzers.Tests.Verifiers.CodeFixVerifier<
    MlopsGuard.Analyzers.Rules.UndisposedMlResourceRule,
    MlopsGuard.CodeFixes.UndisposedMlResourceFixer>;

namespace MlopsGuard.Analyzers.Tests.Rules
{
    public class UndisposedMlResourceFixerTests
    {
        [Fact]
        public async Task Adds_using_to_a_session_and_its_results()
        {
            await Verify.VerifyAsync(
                Program(@"
        // The session for this run.
        var session = {|MLG6003:new InferenceSession(modelPath)|};
        var results = {|MLG6003:session.Run(options, new[] { ""input"" }, new[] { input }, new[] { ""output"" })|};
        return results.Count;"),
                Program(@"
        // The session for this run.
        using var session = new InferenceSession(modelPath);
        using var results = session.Run(options, new[] { ""input"" }, new[] { input }, new[] { ""output"" });
        return results.Count;"),
                MlReferences.MlNetAndOnnxRuntime);
        }

        [Fact]
        public async Task Offers_no_fix_for_a_reassigned_local_or_a_temporary()
        {
            var source = Program(@"
        var session = {|MLG6003:new InferenceSession(modelPath)|};
        session = new InferenceSession(modelPath);
        foreach (var output in {|MLG6003:session.Run(options, new[] { ""input"" }, new[] { input }, new[] { ""output"" })|})
        {
        }

        return 0;");
            await Verify.VerifyAsync(source, source, MlReferences.MlNetAndOnnxRuntime);
        }

        private static string Program(string body) => @"
using Microsoft.ML.OnnxRuntime;

public static class Scorer
{
    public static int Score(string modelPath, OrtValue input, RunOptions options)
    {" + body + @"
    }
}";
    }
}
