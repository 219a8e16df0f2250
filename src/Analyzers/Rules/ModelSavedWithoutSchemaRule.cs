using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using MlopsGuard.Analyzers.Infrastructure;

namespace MlopsGuard.Analyzers.Rules
{
    /// <summary>
    /// MLG4002: <c>mlContext.Model.Save(model, null, path)</c> writes a model whose input columns nobody can check: serving code,
    /// validation and the model manifest lose the contract the model was trained with.
    /// </summary>
    public sealed class ModelSavedWithoutSchemaRule : MlopsRule
    {
        internal static readonly DiagnosticDescriptor Descriptor = RuleDescriptors.Create(RuleIdentifiers.ModelSavedWithoutSchema);

        /// <summary>Diagnostic property: the data view expression (as written, in scope at the call) whose <c>.Schema</c> the fix passes.</summary>
        internal const string FittedDataProperty = "FittedData";

        private const string SchemaParameterName = "inputSchema";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        internal override void OnCompilationStart(MlopsCompilationStart context, MlTypes types)
        {
            var diagnostics = context.DiagnosticFor(Descriptor);
            var modelCatalog = types.ModelOperationsCatalog;
            var schemaType = types.DataViewSchema;
            if (modelCatalog is null || schemaType is null || types.IDataView is null || types.IEstimator is null)
            {
                return;
            }

            context.RegisterOperationAction(
                operationContext =>
                {
                    var save = (IInvocationOperation)operationContext.Operation;
                    if (save.TargetMethod.Name != "Save"
                        || !SymbolEqualityComparer.Default.Equals(save.TargetMethod.ContainingType, modelCatalog)
                        || save.Arguments.ArgumentFor(SchemaParameterName) is not IArgumentOperation schema
                        || !SymbolEqualityComparer.Default.Equals(schema.Parameter?.Type, schemaType)
                        || schema.ArgumentKind == ArgumentKind.DefaultValue)
                    {
                        return;
                    }

                    LocalValues? locals = null;
                    var value = schema.Value.WithoutConversions();
                    if (value is ILocalReferenceOperation)
                    {
                        locals = LocalValues.For(save);
                        value = locals.Resolve(value);
                    }

                    if (!IsNull(value))
                    {
                        return;
                    }

                    locals ??= LocalValues.For(save);
                    var properties = ImmutableDictionary<string, string?>.Empty;
                    if (save.Arguments.ArgumentFor("model") is IArgumentOperation model
                        && DataViewFlow.TryGetFit(model.Value, types, locals, out _, out var fitted)
                        && InScopeExpression(fitted.WithoutConversions(), save, locals, types) is string source)
                    {
                        properties = properties.Add(FittedDataProperty, source);
                    }

                    operationContext.ReportDiagnostic(diagnostics.Create(schema.Syntax.GetLocation(), properties));
                },
                OperationKind.Invocation);
        }

        private static bool IsNull(IOperation value) =>
            value is IDefaultValueOperation || (value.ConstantValue.HasValue && value.ConstantValue.Value is null);

        /// <summary>
        /// The text of <paramref name="data"/> when the same expression can be written at <paramref name="save"/> and still means
        /// the fitted data: locals assigned once and declared in an enclosing scope, parameters, fields and properties of those.
        /// </summary>
        private static string? InScopeExpression(IOperation data, IInvocationOperation save, LocalValues locals, MlTypes types)
        {
            if (!types.IsDataView(data.Type) || !IsStable(data, save, locals, 0))
            {
                return null;
            }

            return data.Syntax.ToString();
        }

        private static bool IsStable(IOperation operation, IInvocationOperation save, LocalValues locals, int depth)
        {
            if (depth > 6)
            {
                return false;
            }

            switch (operation)
            {
                case ILocalReferenceOperation local:
                    return locals.IsAssignedOnce(local.Local) && IsInScope(local.Local, save.Syntax);
                case IParameterReferenceOperation _:
                case IInstanceReferenceOperation _:
                    return true;
                case IFieldReferenceOperation field:
                    return field.Instance is null || IsStable(field.Instance.WithoutConversions(), save, locals, depth + 1);
                case IPropertyReferenceOperation property when property.Arguments.IsEmpty:
                    return property.Instance is null || IsStable(property.Instance.WithoutConversions(), save, locals, depth + 1);
                default:
                    return false;
            }
        }

        /// <summary>True when the local is declared before <paramref name="use"/> in a block (or statement) that contains it.</summary>
        private static bool IsInScope(ILocalSymbol local, SyntaxNode use)
        {
            if (local.DeclaringSyntaxReferences.Length != 1)
            {
                return false;
            }

            var declaration = local.DeclaringSyntaxReferences[0].GetSyntax();
            if (declaration.SyntaxTree != use.SyntaxTree || declaration.SpanStart >= use.SpanStart)
            {
                return false;
            }

            for (var node = declaration.Parent; node is not null; node = node.Parent)
            {
                if (node is BlockSyntax || node is SwitchSectionSyntax || node is CompilationUnitSyntax
                    || node is UsingStatementSyntax || node is ForStatementSyntax || node is FixedStatementSyntax
                    || node is CommonForEachStatementSyntax || node is CatchClauseSyntax)
                {
                    return node.Span.Contains(use.Span);
                }

                if (node.IsKind(SyntaxKind.ArrowExpressionClause) || node is MemberDeclarationSyntax)
                {
                    return node.Span.Contains(use.Span);
                }
            }

            return false;
        }
    }
}
