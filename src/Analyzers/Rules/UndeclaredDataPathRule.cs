using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using MlopsGuard.Analyzers.Infrastructure;

namespace MlopsGuard.Analyzers.Rules
{
    /// <summary>
    /// MLG2001: data loaded from a path literal that no <c>MlData</c> item declares is not hashed into the lock file, so the model
    /// cannot be traced back to the data it was trained on.
    /// </summary>
    public sealed class UndeclaredDataPathRule : MlopsRule
    {
        internal static readonly DiagnosticDescriptor Descriptor = RuleDescriptors.Create(RuleIdentifiers.UndeclaredDataPath);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        internal override void OnCompilationStart(MlopsCompilationStart context, MlTypes types) =>
            UndeclaredPath.Register(context, types, ArtifactAccess.DataLoad, Descriptor);
    }
}
