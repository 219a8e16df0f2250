using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using MlopsGuard.Analyzers.Infrastructure;

namespace MlopsGuard.Analyzers.Rules
{
    /// <summary>MLG2004: the label column concatenated into the features lets the model read the answer (target leakage).</summary>
    public sealed class LabelInFeaturesRule : MlopsRule
    {
        internal static readonly DiagnosticDescriptor Descriptor = RuleDescriptors.Create(RuleIdentifiers.LabelInFeatures);

        /// <summary>ML.NET's default label column (<c>DefaultColumnNames.Label</c>), used by every trainer and evaluator unless told otherwise.</summary>
        private const string DefaultLabelColumnName = "Label";

        private const string LabelParameterName = "labelColumnName";
        private const string LabelOptionName = "LabelColumnName";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        internal override void OnCompilationStart(MlopsCompilationStart context, MlTypes types)
        {
            var diagnostics = context.DiagnosticFor(Descriptor);
            var catalog = types.TransformExtensionsCatalog;
            if (catalog is null)
            {
                return;
            }

            context.RegisterOperationAction(
                operationContext =>
                {
                    var invocation = (IInvocationOperation)operationContext.Operation;
                    if (invocation.TargetMethod.Name != "Concatenate"
                        || !SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, catalog)
                        || invocation.Arguments.ArgumentFor("inputColumnNames") is not IArgumentOperation inputs
                        || invocation.Arguments.ArgumentFor("outputColumnName") is not IArgumentOperation output)
                    {
                        return;
                    }

                    var locals = LocalValues.For(invocation);
                    if (locals.Resolve(inputs.Value) is not IArrayCreationOperation { Initializer: IArrayInitializerOperation initializer })
                    {
                        return;
                    }

                    var labels = LabelNames(locals);
                    if (!ConstantPaths.TryGetConstant(output.Value, locals, false, out var outputName) || labels.Contains(outputName))
                    {
                        // Unknown output, or the label column being assembled itself.
                        return;
                    }

                    foreach (var element in initializer.ElementValues)
                    {
                        if (ConstantPaths.TryGetConstant(element, locals, false, out var name) && labels.Contains(name))
                        {
                            var location = invocation.Syntax.Span.Contains(element.Syntax.Span) ? element.Syntax.GetLocation() : inputs.Syntax.GetLocation();
                            operationContext.ReportDiagnostic(diagnostics.Create(location, name, outputName));
                        }
                    }
                },
                OperationKind.Invocation);
        }

        /// <summary>
        /// The label columns of the pipeline built in this method: every <c>labelColumnName</c> given (or defaulted) to a trainer or
        /// evaluator, and every <c>LabelColumnName</c> set on trainer options; ML.NET's default <c>Label</c> when there is none; and
        /// the source columns mapped or copied into one of those.
        /// </summary>
        private static HashSet<string> LabelNames(LocalValues locals)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var operation in locals.Root.Descendants())
            {
                IOperation? value = operation switch
                {
                    IInvocationOperation invocation => invocation.Arguments.ArgumentFor(LabelParameterName)?.Value,
                    IObjectCreationOperation creation => creation.Arguments.ArgumentFor(LabelParameterName)?.Value,
                    ISimpleAssignmentOperation { Target: IMemberReferenceOperation member } assignment
                        when member.Member.Name == LabelOptionName && IsMlNet(member.Member.ContainingType) => assignment.Value,
                    _ => null,
                };
                if (value is not null && ConstantPaths.TryGetConstant(value, locals, false, out var name))
                {
                    names.Add(name);
                }
            }

            if (names.Count == 0)
            {
                names.Add(DefaultLabelColumnName);
            }

            // A column mapped or copied into the label (MapValueToKey("Label", "Category"), CopyColumns("Label", "Price")) is the label too.
            List<string>? sources = null;
            foreach (var invocation in locals.Calls)
            {
                if (invocation.Arguments.ArgumentFor("outputColumnName") is IArgumentOperation output
                    && invocation.Arguments.ArgumentFor("inputColumnName") is IArgumentOperation { ArgumentKind: not ArgumentKind.DefaultValue } input
                    && ConstantPaths.TryGetConstant(output.Value, locals, false, out var outputName) && names.Contains(outputName)
                    && ConstantPaths.TryGetConstant(input.Value, locals, false, out var inputName))
                {
                    (sources ??= new List<string>()).Add(inputName);
                }
            }

            if (sources is not null)
            {
                names.UnionWith(sources);
            }

            return names;
        }

        private static bool IsMlNet(INamedTypeSymbol? type)
        {
            var assembly = type?.ContainingAssembly?.Name;
            return assembly is not null && assembly.StartsWith("Microsoft.ML", StringComparison.Ordinal);
        }
    }
}
