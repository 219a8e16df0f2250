using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MlopsGuard.Analyzers.Infrastructure
{
    /// <summary>
    /// Whether any file of a compilation calls <c>manual_seed</c> (<c>torch.manual_seed</c>, <c>torch.random.manual_seed</c>).
    /// A project-wide fact without a compilation-end action: the syntax trees are scanned once, lazily, the first time a
    /// rule asks (only compilations that train with TorchSharp ever do). The check is by name at the syntax level
    /// because the seed call may sit in any file; a user method that happens to be called <c>manual_seed</c> would hide the
    /// diagnostic, which errs on the side of silence.
    /// </summary>
    internal sealed class TorchSeedPresence
    {
        private const string SeedMethodName = "manual_seed";

        private readonly Compilation _compilation;

        // 0: not scanned yet, 1: a seed call exists, 2: none.
        private int _state;

        public TorchSeedPresence(Compilation compilation)
        {
            _compilation = compilation;
        }

        public bool CompilationSeedsTorch(CancellationToken cancellationToken)
        {
            var state = Volatile.Read(ref _state);
            if (state == 0)
            {
                // Two threads may both scan; they find the same answer. A cancelled scan caches nothing.
                state = Scan(cancellationToken) ? 1 : 2;
                Volatile.Write(ref _state, state);
            }

            return state == 1;
        }

        private bool Scan(CancellationToken cancellationToken)
        {
            foreach (var tree in _compilation.SyntaxTrees)
            {
                var root = tree.GetRoot(cancellationToken);
                foreach (var token in root.DescendantTokens())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (token.IsKind(SyntaxKind.IdentifierToken)
                        && token.ValueText == SeedMethodName
                        && IsInvokedName(token.Parent))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary><c>manual_seed(…)</c> or <c>x.manual_seed(…)</c>: the name is what an invocation calls.</summary>
        private static bool IsInvokedName(SyntaxNode? name)
        {
            var callee = name?.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access : name;
            return callee?.Parent is InvocationExpressionSyntax invocation && invocation.Expression == callee;
        }
    }
}
