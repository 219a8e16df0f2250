using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using MlopsGuard.Analyzers.Infrastructure;

namespace MlopsGuard.Analyzers.Rules
{
    /// <summary>
    /// MLG6004: a model loaded by a relative path (<c>Model.Load("model.zip", ...)</c>, <c>new InferenceSession("model.onnx")</c>,
    /// <c>FromFile("model.zip")</c> of a <c>PredictionEnginePool</c>), which the process resolves against its working directory.
    /// </summary>
    public sealed class ModelPathRelativeToWorkingDirectoryRule : MlopsRule
    {
        internal static readonly DiagnosticDescriptor Descriptor = RuleDescriptors.Create(RuleIdentifiers.ModelPathRelativeToWorkingDirectory);

        /// <summary>Diagnostic property: how the fix bases the path on <c>AppContext.BaseDirectory</c>.</summary>
        internal const string FixProperty = "Fix";

        /// <summary>Wrap the path expression: <c>Path.Combine(AppContext.BaseDirectory, path)</c>.</summary>
        internal const string WrapFix = "Wrap";

        /// <summary>Put <c>AppContext.BaseDirectory</c> first in an existing <c>Path.Combine</c>/<c>Path.Join</c>.</summary>
        internal const string PrependFix = "Prepend";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        internal override void OnCompilationStart(MlopsCompilationStart context, MlTypes types)
        {
            var diagnostics = context.DiagnosticFor(Descriptor);
            // Test runners start in the output folder on purpose; the rule is about application code.
            if (TestFrameworks.IsTestProject(context.Compilation))
            {
                return;
            }

            var modelCatalog = types.ModelOperationsCatalog;
            var session = types.InferenceSession;
            var poolBuilder = types.Get("Microsoft.Extensions.ML.PredictionEnginePoolBuilder`2");
            var path = types.Get("System.IO.Path");
            if (modelCatalog is null && session is null && poolBuilder is null)
            {
                return;
            }

            context.RegisterOperationAction(
                operationContext =>
                {
                    var argument = PathArgument(operationContext.Operation);
                    if (argument is null || argument.ArgumentKind == ArgumentKind.DefaultValue)
                    {
                        return;
                    }

                    var value = argument.Value.WithoutConversions();
                    string? relative = null;
                    string? fix = null;
                    if (value.StringConstant() is string text)
                    {
                        relative = IsRelative(text) ? text : null;
                        fix = WrapFix;
                    }
                    else if (value is IInvocationOperation combine
                        && path != null
                        && SymbolEqualityComparer.Default.Equals(combine.TargetMethod.ContainingType, path)
                        && (combine.TargetMethod.Name == "Combine" || combine.TargetMethod.Name == "Join")
                        && FirstSegment(combine) is string first)
                    {
                        // Path.Combine("models", "m.zip") is as relative as its first segment.
                        relative = IsRelative(first) ? first : null;
                        fix = PrependFix;
                    }

                    if (relative != null)
                    {
                        var properties = ImmutableDictionary<string, string?>.Empty.Add(FixProperty, fix);
                        operationContext.ReportDiagnostic(diagnostics.Create(argument.Value.Syntax.GetLocation(), properties, relative));
                    }
                },
                OperationKind.Invocation,
                OperationKind.ObjectCreation);

            IArgumentOperation? PathArgument(IOperation operation)
            {
                switch (operation)
                {
                    case IObjectCreationOperation creation when session != null && SymbolEqualityComparer.Default.Equals(creation.Type, session):
                        return StringArgument(creation.Arguments, "modelPath");
                    case IInvocationOperation invocation when modelCatalog != null
                        && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, modelCatalog)
                        && (invocation.TargetMethod.Name == "Load" || invocation.TargetMethod.Name == "LoadWithDataLoader"):
                        return StringArgument(invocation.Arguments, "filePath");
                    case IInvocationOperation invocation when poolBuilder != null && invocation.TargetMethod.Name == "FromFile" && ExtendsPoolBuilder(invocation.TargetMethod):
                        return StringArgument(invocation.Arguments, "filePath");
                    default:
                        return null;
                }
            }

            bool ExtendsPoolBuilder(IMethodSymbol method)
            {
                var definition = method.ReducedFrom ?? method;
                return definition.IsExtensionMethod
                    && definition.Parameters.Length > 0
                    && SymbolEqualityComparer.Default.Equals(definition.Parameters[0].Type.OriginalDefinition, poolBuilder);
            }
        }

        private static IArgumentOperation? StringArgument(ImmutableArray<IArgumentOperation> arguments, string name)
        {
            var argument = arguments.ArgumentFor(name);
            return argument?.Parameter?.Type.SpecialType == SpecialType.System_String ? argument : null;
        }

        private static string? FirstSegment(IInvocationOperation combine)
        {
            if (combine.Arguments.Length == 0)
            {
                return null;
            }

            var first = combine.Arguments[0].Value.WithoutConversions();
            if (first is IArrayCreationOperation { Initializer.ElementValues: { Length: > 0 } elements })
            {
                first = elements[0].WithoutConversions();
            }

            return first.StringConstant();
        }

        /// <summary>
        /// True for a path the OS resolves against the current directory. Rooted paths, drive letters, UNC shares, URIs,
        /// and paths starting with '~', '%' or '$' (home or environment, the business of MLG2002) are not relative here.
        /// </summary>
        internal static bool IsRelative(string path)
        {
            var trimmed = path.Trim();
            if (trimmed.Length == 0)
            {
                return false;
            }

            var first = trimmed[0];
            if (first == '/' || first == '\\' || first == '~' || first == '%' || first == '$')
            {
                return false;
            }

            if (trimmed.Length >= 2 && trimmed[1] == ':' && char.IsLetter(first))
            {
                return false;
            }

            return trimmed.IndexOf("://", System.StringComparison.Ordinal) < 0;
        }
    }
}
