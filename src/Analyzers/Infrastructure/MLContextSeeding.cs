using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace MlopsGuard.Analyzers.Infrastructure
{
    /// <summary>What is known about the seed of an MLContext where it is used.</summary>
    internal enum MLContextSeed
    {
        /// <summary>Created elsewhere (a parameter, a factory, a constructor argument): the analyzer cannot tell.</summary>
        Unknown,
        Seeded,
        Unseeded,
    }

    /// <summary>
    /// Follows an MLContext reference back to its creation, when that creation is visible where it is used:
    /// the creation itself, a local's initializer, or the initializer of a field or property declared in the same file.
    /// </summary>
    internal static class MLContextSeeding
    {
        private const int MaxHops = 3;

        public static MLContextSeed Of(IOperation context, MlTypes types, CancellationToken cancellationToken) =>
            Of(context, types, MaxHops, cancellationToken);

        private static MLContextSeed Of(IOperation? context, MlTypes types, int hopsLeft, CancellationToken cancellationToken)
        {
            if (context is null || hopsLeft == 0)
            {
                return MLContextSeed.Unknown;
            }

            switch (context.WithoutConversions())
            {
                case IObjectCreationOperation creation when SymbolEqualityComparer.Default.Equals(creation.Type, types.MLContext):
                    return creation.Arguments.ArgumentFor("seed").SuppliesValue() ? MLContextSeed.Seeded : MLContextSeed.Unseeded;

                case ILocalReferenceOperation local:
                    var fromInitializer = Of(DeclaredValues.Initializer(local.Local, context.SemanticModel, cancellationToken), types, hopsLeft - 1, cancellationToken);
                    return fromInitializer == MLContextSeed.Unseeded && IsAssignedAfterDeclaration(local) ? MLContextSeed.Unknown : fromInitializer;

                // A member other code may assign (a settable property, a non-private mutable field) may hold another context.
                case IFieldReferenceOperation field when field.Field.IsReadOnly || field.Field.DeclaredAccessibility == Accessibility.Private:
                    return Of(DeclaredValues.Initializer(field.Field, context.SemanticModel, cancellationToken), types, hopsLeft - 1, cancellationToken);

                case IPropertyReferenceOperation property when property.Arguments.IsEmpty
                    && (property.Property.SetMethod is null || property.Property.SetMethod.DeclaredAccessibility == Accessibility.Private):
                    return Of(DeclaredValues.Initializer(property.Property, context.SemanticModel, cancellationToken), types, hopsLeft - 1, cancellationToken);

                default:
                    // Parameters, method results, anything else: created where this analyzer does not look.
                    return MLContextSeed.Unknown;
            }
        }

        /// <summary>True when the body assigns the local again (or passes it by reference): its initializer may not be what reaches the use.</summary>
        private static bool IsAssignedAfterDeclaration(ILocalReferenceOperation reference)
        {
            foreach (var operation in reference.Root().Descendants())
            {
                var target = operation switch
                {
                    IAssignmentOperation assignment => assignment.Target,
                    IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } argument => argument.Value,
                    _ => null,
                };
                if (target is ILocalReferenceOperation assigned && SymbolEqualityComparer.Default.Equals(assigned.Local, reference.Local))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
