using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace MlopsGuard.Analyzers.Infrastructure
{
    /// <summary>The check MLG2001 and MLG4001 share: an ML call of one access kind whose path is a literal the project does not declare.</summary>
    internal static class UndeclaredPath
    {
        /// <summary>Reports <paramref name="rule"/> on every call of kind <paramref name="kind"/> whose fixed path no item declares.</summary>
        public static void Register(MlopsCompilationStart context, MlTypes types, ArtifactAccess kind, DiagnosticDescriptor rule)
        {
            // Without the declared-artifacts file (MlopsGuard's targets not imported) there is nothing to compare with.
            if (ArtifactCalls.For(types) is not ArtifactCalls calls
                || DeclaredArtifacts.Find(context.Options, context.CancellationToken) is not DeclaredArtifacts artifacts)
            {
                return;
            }

            context.RegisterOperationAction(
                operationContext =>
                {
                    if (Find(operationContext.Operation, calls, kind, artifacts) is (IOperation at, string item))
                    {
                        operationContext.ReportDiagnostic(Diagnostic.Create(rule, at.Syntax.GetLocation(), item));
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
                || artifacts.ProjectRelative(path) is not string relative)
            {
                return null;
            }

            return (target, DeclaredArtifacts.StripParents(relative));
        }
    }
}
