using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace MlopsGuard.Analyzers.Infrastructure
{
    /// <summary>
    /// Whether a compilation calls <c>torch.manual_seed</c> or <c>torch.random.manual_seed</c> anywhere.
    /// A project-wide fact without a compilation-end action: the first time a rule asks (only compilations that train
    /// with TorchSharp ever do), the syntax trees are scanned once for calls of a method named <c>manual_seed</c>, and
    /// the result is kept for the compilation. Candidates in the file being analyzed are then confirmed by symbol with
    /// that file's semantic model; a candidate in another file is trusted by name (its semantic model is not ours to
    /// build), which errs on the side of silence.
    /// </summary>
    internal sealed class TorchSeedPresence
    {
        private const string SeedMethodName = "manual_seed";

        private readonly Compilation _compilation;
        private readonly object _gate = new object();
        private List<InvocationExpressionSyntax>? _candidates;

        public TorchSeedPresence(Compilation compilation)
        {
            _compilation = compilation;
        }

        /// <summary>True when the compilation seeds torch, judged from a file whose semantic model is <paramref name="model"/>.</summary>
        public bool CompilationSeedsTorch(SemanticModel model, MlTypes types, CancellationToken cancellationToken)
        {
            // Another file's candidate settles it without binding anything: those are looked at first.
            var candidates = Candidates(cancellationToken);
            foreach (var candidate in candidates)
            {
                if (candidate.SyntaxTree != model.SyntaxTree)
                {
                    return true;
                }
            }

            foreach (var candidate in candidates)
            {
                // An unresolved call (code being typed) counts as a seed: silence rather than a guess.
                var method = model.GetSymbolInfo(candidate, cancellationToken).Symbol as IMethodSymbol;
                if (method is null
                    || SymbolEqualityComparer.Default.Equals(method.ContainingType, types.Torch)
                    || SymbolEqualityComparer.Default.Equals(method.ContainingType, types.Get("TorchSharp.torch+random")))
                {
                    return true;
                }
            }

            return false;
        }

        private List<InvocationExpressionSyntax> Candidates(CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                // A cancelled scan throws before anything is kept.
                return _candidates ??= Scan(cancellationToken);
            }
        }

        private List<InvocationExpressionSyntax> Scan(CancellationToken cancellationToken)
        {
            // Reading the text is far cheaper than walking the syntax of every file: only where the name is spelled is the
            // token there looked up.
            var found = new List<InvocationExpressionSyntax>();
            var buffer = new char[4096];
            var positions = new List<int>();
            foreach (var tree in _compilation.SyntaxTrees)
            {
                cancellationToken.ThrowIfCancellationRequested();
                positions.Clear();
                FindOccurrences(tree.GetText(cancellationToken), SeedMethodName, buffer, positions);
                SyntaxNode? root = null;
                foreach (var position in positions)
                {
                    root ??= tree.GetRoot(cancellationToken);
                    var token = root.FindToken(position);
                    if (token.Span.Contains(position)
                        && token.IsKind(SyntaxKind.IdentifierToken)
                        && token.ValueText == SeedMethodName
                        && InvocationOf(token.Parent) is InvocationExpressionSyntax invocation)
                    {
                        found.Add(invocation);
                    }
                }
            }

            return found;
        }

        /// <summary>Where <paramref name="word"/> starts in <paramref name="text"/> (read in chunks, without a string of the whole file).</summary>
        private static void FindOccurrences(SourceText text, string word, char[] buffer, List<int> positions)
        {
            var overlap = word.Length - 1;
            for (var start = 0; start < text.Length; start += buffer.Length - overlap)
            {
                var count = System.Math.Min(buffer.Length, text.Length - start);
                text.CopyTo(start, buffer, 0, count);

                // A vectorized search for the whole word (on .NET; a plain loop elsewhere).
                var chunk = new ReadOnlySpan<char>(buffer, 0, count);
                for (var offset = 0; offset <= count - word.Length;)
                {
                    var found = chunk.Slice(offset).IndexOf(word.AsSpan());
                    if (found < 0)
                    {
                        break;
                    }

                    positions.Add(start + offset + found);
                    offset += found + 1;
                }

                if (start + count >= text.Length)
                {
                    break;
                }
            }
        }

        /// <summary><c>manual_seed(…)</c> or <c>x.manual_seed(…)</c>: the invocation whose callee is this name.</summary>
        private static InvocationExpressionSyntax? InvocationOf(SyntaxNode? name)
        {
            var callee = name?.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access : name;
            return callee?.Parent is InvocationExpressionSyntax invocation && invocation.Expression == callee ? invocation : null;
        }
    }
}
