using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using MlopsGuard.Analyzers.Infrastructure;

namespace MlopsGuard.Analyzers.Rules
{
    /// <summary>
    /// MLG2002: a data or model path that only exists on one machine (<c>C:\</c>, <c>/home/…</c>, <c>/Users/…</c>, <c>~</c>, a UNC
    /// share) makes training and serving unrepeatable anywhere else, CI included.
    /// </summary>
    public sealed class MachineSpecificPathRule : MlopsRule
    {
        internal static readonly DiagnosticDescriptor Descriptor = RuleDescriptors.Create(RuleIdentifiers.MachineSpecificPath);

        /// <summary>Unix folders that belong to one user or one machine's mounts.</summary>
        private static readonly string[] MachineFolders = { "/home/", "/Users/", "/root/", "/mnt/", "/Volumes/" };

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        internal override void OnCompilationStart(MlopsCompilationStart context, MlTypes types)
        {
            var diagnostics = context.DiagnosticFor(Descriptor);
            if (ArtifactCalls.For(types) is not ArtifactCalls calls)
            {
                return;
            }

            context.RegisterOperationAction(
                operationContext =>
                {
                    var operation = operationContext.Operation;
                    if (!calls.TryGet(operation, out var access, out var target))
                    {
                        return;
                    }

                    var locals = LocalValues.For(operation);
                    if (calls.PathOf(target, locals) is not IOperation path
                        || ConstantPaths.LeadingText(path, locals) is not string text
                        || !IsMachineSpecific(text))
                    {
                        return;
                    }

                    var kind = access == ArtifactAccess.DataLoad ? "data" : "model";
                    operationContext.ReportDiagnostic(diagnostics.Create(target.Syntax.GetLocation(), text, kind));
                },
                OperationKind.Invocation,
                OperationKind.ObjectCreation);
        }

        /// <summary>Drive letters, UNC shares, the home folder <c>~</c>, and per-user or per-machine Unix folders.</summary>
        internal static bool IsMachineSpecific(string path)
        {
            if (path.StartsWith("file://", StringComparison.OrdinalIgnoreCase))
            {
                path = path.Substring("file://".Length).TrimStart('/');
                if (path.Length > 1 && path[1] == ':')
                {
                    return true;
                }

                path = "/" + path;
            }

            if (path.Length >= 2 && path[1] == ':' && IsAsciiLetter(path[0]) && (path.Length == 2 || path[2] == '\\' || path[2] == '/'))
            {
                return true;
            }

            if (path.StartsWith(@"\\", StringComparison.Ordinal) || path.StartsWith("//", StringComparison.Ordinal))
            {
                return true;
            }

            if (path == "~" || path.StartsWith("~/", StringComparison.Ordinal) || path.StartsWith(@"~\", StringComparison.Ordinal))
            {
                return true;
            }

            foreach (var folder in MachineFolders)
            {
                if (path.StartsWith(folder, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsAsciiLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
