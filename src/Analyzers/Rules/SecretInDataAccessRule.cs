using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using MlopsGuard.Analyzers.Infrastructure;

namespace MlopsGuard.Analyzers.Rules
{
    /// <summary>
    /// MLG1001: a password, account key, shared access signature or bearer token written in a string literal that flows
    /// (directly, or through a local or constant) into a connection string, ML.NET's <c>DatabaseSource</c>, an HTTP call
    /// or header, or an Azure Storage client.
    /// </summary>
    public sealed class SecretInDataAccessRule : MlopsRule
    {
        internal static readonly DiagnosticDescriptor Descriptor = RuleDescriptors.Create(RuleIdentifiers.SecretInDataAccess);

        private const string DbConnection = "System.Data.Common.DbConnection";
        private const string DbConnectionStringBuilder = "System.Data.Common.DbConnectionStringBuilder";
        private const string AuthenticationHeader = "System.Net.Http.Headers.AuthenticationHeaderValue";

        /// <summary>How many locals a value is followed through (a = "…"; b = a + "…"; new Client(b)).</summary>
        private const int MaxLocalHops = 3;

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        internal override void OnCompilationStart(MlopsCompilationStart context, MlTypes types)
        {
            var diagnostics = context.DiagnosticFor(Descriptor);
            // Asked on every call and creation, about a few hundred distinct types: answered once per type. The sink types are
            // resolved (types.Get) only when a call that may pass a secret is looked at: a lookup in every reference costs more
            // than most compilations spend in this rule.
            var sinks = new SymbolFactCache<ITypeSymbol>(type => type is INamedTypeSymbol named && IsSinkType(named));

            context.RegisterOperationAction(
                operationContext =>
                {
                    var (method, arguments) = operationContext.Operation switch
                    {
                        IObjectCreationOperation creation => (creation.Constructor, creation.Arguments),
                        IInvocationOperation invocation => (invocation.TargetMethod, invocation.Arguments),
                        _ => (null, ImmutableArray<IArgumentOperation>.Empty),
                    };
                    // The arguments, which the driver has just walked, rule out nearly every call before its type is looked up.
                    if (!AnyMayHoldSecret(arguments) || method?.ContainingType is not INamedTypeSymbol type || !IsSink(type))
                    {
                        return;
                    }

                    // new AuthenticationHeaderValue("Bearer", "<token>"): the token is the second argument on its own.
                    if (arguments.Length == 2 && SymbolEqualityComparer.Default.Equals(type, types.Get(AuthenticationHeader))
                        && ConstantText(arguments[0].Value) is string scheme && scheme.Equals("Bearer", System.StringComparison.OrdinalIgnoreCase)
                        && ConstantText(arguments[1].Value) is string token && SecretLiterals.IsToken(token))
                    {
                        Report(operationContext, diagnostics, arguments[1].Value, "bearer token", type.Name);
                        return;
                    }

                    // new StorageSharedKeyCredential(account, "<key>"): a key given as a literal.
                    if (IsStorageType(type) && type.Name == "StorageSharedKeyCredential" && arguments.ArgumentFor("accountKey") is IArgumentOperation keyArgument
                        && ConstantText(keyArgument.Value) is string key && SecretLiterals.IsToken(key))
                    {
                        Report(operationContext, diagnostics, keyArgument.Value, "storage account key", type.Name);
                        return;
                    }

                    foreach (var argument in arguments)
                    {
                        if (argument.ArgumentKind != ArgumentKind.DefaultValue && SecretIn(argument.Value, MaxLocalHops) is string kind)
                        {
                            var sink = method.MethodKind == MethodKind.Constructor ? type.Name : type.Name + "." + method.Name;
                            Report(operationContext, diagnostics, argument.Value, kind, sink);
                        }
                    }
                },
                OperationKind.ObjectCreation,
                OperationKind.Invocation);

            context.RegisterOperationAction(
                operationContext =>
                {
                    var assignment = (ISimpleAssignmentOperation)operationContext.Operation;
                    if (assignment.Target is IPropertyReferenceOperation { Property: { Name: "ConnectionString" } property }
                        && (property.ContainingType.IsOrDerivesFrom(types.Get(DbConnection)) || property.ContainingType.IsOrDerivesFrom(types.Get(DbConnectionStringBuilder)))
                        && SecretIn(assignment.Value, MaxLocalHops) is string kind)
                    {
                        Report(operationContext, diagnostics, assignment.Value, kind, property.ContainingType.Name + ".ConnectionString");
                    }
                },
                OperationKind.SimpleAssignment);

            bool IsSink(INamedTypeSymbol type) => sinks.Holds(type);

            bool IsSinkType(INamedTypeSymbol type) =>
                type.IsOrDerivesFrom(types.Get(DbConnection))
                || type.IsOrDerivesFrom(types.Get(DbConnectionStringBuilder))
                || SymbolEqualityComparer.Default.Equals(type, types.Get("Microsoft.ML.Data.DatabaseSource"))
                || type.IsOrDerivesFrom(types.Get("System.Net.Http.HttpClient"))
                || SymbolEqualityComparer.Default.Equals(type, types.Get("System.Net.Http.HttpRequestMessage"))
                || type.IsOrDerivesFrom(types.Get("System.Net.Http.Headers.HttpHeaders"))
                || SymbolEqualityComparer.Default.Equals(type, types.Get(AuthenticationHeader))
                || SymbolEqualityComparer.Default.Equals(type, types.Get("System.Uri"))
                || IsStorageType(type);
        }

        private static void Report(OperationAnalysisContext context, RuleDiagnostic diagnostics, IOperation value, string kind, string sink) =>
            context.ReportDiagnostic(diagnostics.Create(value.Syntax.GetLocation(), kind, sink));

        /// <summary>Azure Storage clients and credentials: any type in the <c>Azure.Storage</c> namespaces.</summary>
        private static bool IsStorageType(INamedTypeSymbol type)
        {
            var ns = type.ContainingNamespace;
            while (ns != null && !ns.IsGlobalNamespace)
            {
                if (ns.Name == "Storage" && ns.ContainingNamespace is { Name: "Azure" } azure && azure.ContainingNamespace.IsGlobalNamespace)
                {
                    return true;
                }

                ns = ns.ContainingNamespace;
            }

            return false;
        }

        /// <summary>An argument that <see cref="SecretIn"/> could find text in: a string constant, an interpolation, a concatenation, a local.</summary>
        private static bool AnyMayHoldSecret(ImmutableArray<IArgumentOperation> arguments)
        {
            foreach (var argument in arguments)
            {
                var value = argument.Value.WithoutConversions();
                if (value is ILocalReferenceOperation
                    || value is IInterpolatedStringOperation
                    || value is IBinaryOperation { OperatorKind: BinaryOperatorKind.Add }
                    || value.StringConstant() is not null)
                {
                    return true;
                }
            }

            return false;
        }

        private static string? ConstantText(IOperation value) => value.WithoutConversions().StringConstant();

        /// <summary>The kind of secret the string text of <paramref name="value"/> carries, following locals a few hops.</summary>
        private static string? SecretIn(IOperation value, int hops)
        {
            var unwrapped = value.WithoutConversions();
            if (unwrapped.StringConstant() is string constant)
            {
                return SecretLiterals.Find(constant);
            }

            switch (unwrapped)
            {
                case IInterpolatedStringOperation interpolated:
                    foreach (var part in interpolated.Parts)
                    {
                        var found = part is IInterpolatedStringTextOperation textPart
                            ? (textPart.Text.ConstantValue.Value is string text ? SecretLiterals.Find(text) : null)
                            : part is IInterpolationOperation interpolation ? SecretIn(interpolation.Expression, hops) : null;
                        if (found != null)
                        {
                            return found;
                        }
                    }

                    return null;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } concatenation:
                    return SecretIn(concatenation.LeftOperand, hops) ?? SecretIn(concatenation.RightOperand, hops);
                case ILocalReferenceOperation local when hops > 0:
                    foreach (var operation in unwrapped.Root().Descendants())
                    {
                        if (operation is IVariableDeclaratorOperation declarator
                            && SymbolEqualityComparer.Default.Equals(declarator.Symbol, local.Local)
                            && declarator.Initializer != null)
                        {
                            return SecretIn(declarator.Initializer.Value, hops - 1);
                        }
                    }

                    return null;
                default:
                    return null;
            }
        }
    }
}
