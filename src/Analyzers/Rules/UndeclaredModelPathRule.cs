using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using MlopsGuard.Analyzers.Infrastructure;

namespace MlopsGuard.Analyzers.Rules
{
    /// <summary>
    /// MLG4001: a model saved to a path literal that no <c>MlModel</c> item declares is neither locked, validated nor packaged:
    /// it leaves the build unversioned.
    /// </summary>
    public sealed class UndeclaredModelPathRule : MlopsRule
    {
        internal static readonly DiagnosticDescriptor Descriptor = RuleDescriptors.Create(RuleIdentifiers.UndeclaredModelPath);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        internal override void OnCompilationStart(MlopsCompilationStart context, MlTypes types) =>
            UndeclaredPath.Register(context, types, ArtifactAccess.ModelSave, Descriptor);
    }
}
