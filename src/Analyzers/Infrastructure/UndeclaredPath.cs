using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Diagnostics;

namespace MlopsGuard.Analyzers.Infrastructure
{
    /// <summary>The check MLG2001 and MLG4001 share: an ML call of one access kind whose path is a literal the project does not declare.</summary>
    internal static class UndeclaredPath
    {
        /// <summary>Calls that only read or name a path: handing a path to one of them produces nothing.</summary>
        private static readonly HashSet<string> PathReaders = new HashSet<string>(StringComparer.Ordinal)
        {
            "Exists", "Combine", "Join", "GetFullPath", "GetFileName", "GetFileNameWithoutExtension", "GetDirectoryName", "GetExtension",
            "WriteLine", "Write", "Format", "Concat", "Equals", "StartsWith", "EndsWith", "Contains", "ReadAllText", "ReadAllLines",
            "ReadAllBytes", "ReadLines", "OpenRead", "OpenText", "Load", "LoadFromTextFile", "LoadFromBinary", "CreateTextLoader",
        };

        /// <summary>
        /// True when the program makes the file it then loads: the path (a local, or a field of the type) is handed to another call
        /// first — a preparation step that writes it, a download, a copy — so the file is the program's output, not data to declare.
        /// Read from syntax: a local's earlier calls in its method, a field's calls anywhere in its type.
        /// </summary>
        private static bool IsProducedByTheProgram(IOperation pathOperation, IOperation load)
        {
            string name;
            List<SyntaxNode> scopes;
            var before = int.MaxValue;
            switch (pathOperation.WithoutConversions())
            {
                case ILocalReferenceOperation local:
                    name = local.Local.Name;
                    scopes = new List<SyntaxNode> { load.Root().Syntax };
                    before = load.Syntax.SpanStart;
                    break;
                case ILiteralOperation { ConstantValue: { HasValue: true, Value: string text } }:
                    return IsWrittenEarlier(text, load);
                case IFieldReferenceOperation field:
                    name = field.Field.Name;
                    scopes = DeclaredValues.Declarations(field.Field.ContainingType);
                    break;
                default:
                    return false;
            }

            foreach (var scope in scopes)
            {
                foreach (var node in scope.DescendantNodes())
                {
                    if (node is ArgumentSyntax { Expression: IdentifierNameSyntax argument } handed
                        && argument.Identifier.ValueText == name
                        && handed.Parent?.Parent is InvocationExpressionSyntax call
                        && call.SpanStart < before
                        && !call.Span.Contains(load.Syntax.Span)
                        && DeclaredValues.CalledName(call) is string called
                        && !PathReaders.Contains(called))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// The same path text handed earlier in the method to a call that is no reader, or opened for writing
        /// (<c>new FileStream("data.idv", FileMode.Create)</c>, <c>new StreamWriter("data.csv")</c>).
        /// </summary>
        private static bool IsWrittenEarlier(string path, IOperation load)
        {
            foreach (var node in load.Root().Syntax.DescendantNodes())
            {
                if (node.SpanStart >= load.Syntax.SpanStart)
                {
                    break;
                }

                if (node is not ArgumentSyntax { Expression: LiteralExpressionSyntax literal } argument || literal.Token.ValueText != path)
                {
                    continue;
                }

                switch (argument.Parent?.Parent)
                {
                    case InvocationExpressionSyntax call when DeclaredValues.CalledName(call) is string called && !PathReaders.Contains(called):
                        return true;
                    case BaseObjectCreationExpressionSyntax creation when IsWriter(creation):
                        return true;
                }
            }

            return false;
        }

        private static bool IsWriter(BaseObjectCreationExpressionSyntax creation)
        {
            var type = creation is ObjectCreationExpressionSyntax { Type: var typeSyntax } ? typeSyntax.ToString() : "";
            if (type.EndsWith("StreamWriter", StringComparison.Ordinal))
            {
                return true;
            }

            if (!type.EndsWith("FileStream", StringComparison.Ordinal) || creation.ArgumentList is null)
            {
                return false;
            }

            foreach (var argument in creation.ArgumentList.Arguments)
            {
                if (argument.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Create" or "CreateNew" or "OpenOrCreate" or "Append" or "Truncate" })
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Reports <paramref name="rule"/> on every call of kind <paramref name="kind"/> whose fixed path no item declares.</summary>
        public static void Register(MlopsCompilationStart context, MlTypes types, ArtifactAccess kind, DiagnosticDescriptor rule)
        {
            // Without the declared-artifacts file (MlopsGuard's targets not imported) there is nothing to compare with.
            if (ArtifactCalls.For(types) is not ArtifactCalls calls
                || DeclaredArtifacts.Find(context.Options, context.CancellationToken) is not DeclaredArtifacts artifacts)
            {
                return;
            }

            var diagnostics = context.DiagnosticFor(rule);
            context.RegisterOperationAction(
                operationContext =>
                {
                    if (Find(operationContext.Operation, calls, kind, artifacts) is (IOperation at, string item))
                    {
                        operationContext.ReportDiagnostic(diagnostics.Create(at.Syntax.GetLocation(), item));
                    }
                },
                OperationKind.Invocation);
        }

        /// <summary>
        /// The argument to report and the item to suggest (the path relative to the project, without the leading <c>../</c> that
        /// reaches it from the output folder), or null when the call is not of that kind, the path is not fixed, or it is declared.
        /// </summary>
        public static (IOperation At, string Item)? Find(IOperation operation, ArtifactCalls calls, ArtifactAccess kind, DeclaredArtifacts artifacts)
        {
            if (!calls.TryGet(operation, out var access, out var target) || access != kind)
            {
                return null;
            }

            var locals = LocalValues.For(operation);
            if (calls.PathOf(target, locals) is not IOperation pathOperation
                || !ConstantPaths.TryGetConstant(pathOperation, locals, allowRuntimeBase: true, out var path)
                || path.Length == 0
                || path.IndexOf("://", StringComparison.Ordinal) >= 0
                || (kind == ArtifactAccess.DataLoad ? artifacts.DeclaresData(path) : artifacts.DeclaresModel(path))
                || artifacts.ProjectRelative(path) is not string relative
                || (kind == ArtifactAccess.DataLoad && IsProducedByTheProgram(pathOperation, target)))
            {
                return null;
            }

            return (target, DeclaredArtifacts.StripParents(relative));
        }
    }
}
