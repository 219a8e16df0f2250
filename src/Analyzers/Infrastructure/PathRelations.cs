using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace MlopsGuard.Analyzers.Infrastructure
{
    /// <summary>
    /// Whether one path lies in a folder named by another, when both are built the same way: fixed texts, or
    /// <c>Path.Combine</c>/<c>Path.Join</c> calls whose leading parts are the folder's parts (<c>Path.Combine(AppPath, "Data",
    /// "spam")</c> and <c>Path.Combine(AppPath, "Data", "spam", "SMSSpamCollection")</c>), followed through locals assigned
    /// once and through static readonly fields and get-only properties whose value is written where they are declared (in the
    /// same file).
    /// </summary>
    internal static class PathRelations
    {
        private const int MaxHops = 6;

        public static bool IsInside(IOperation path, IOperation folder, LocalValues locals)
        {
            var file = Parts(path, locals);
            var container = Parts(folder, locals);
            if (file.Count == 0 || container.Count == 0)
            {
                return false;
            }

            // Texts fixed in the code: compare them as paths.
            if (ConstantPaths.TryGetConstant(path, locals, true, out var fileText) && ConstantPaths.TryGetConstant(folder, locals, true, out var folderText))
            {
                var normalizedFolder = DeclaredArtifacts.Normalize(folderText).TrimEnd('/') + "/";
                return DeclaredArtifacts.Normalize(fileText).StartsWith(normalizedFolder, StringComparison.OrdinalIgnoreCase);
            }

            if (file.Count <= container.Count)
            {
                return false;
            }

            for (var i = 0; i < container.Count; i++)
            {
                if (!SamePart(file[i], container[i], locals))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The parts a path is joined from, with nested joins spliced in; the expression itself when it is no join.</summary>
        private static List<IOperation> Parts(IOperation path, LocalValues locals)
        {
            var parts = new List<IOperation>();
            Collect(Expand(path, locals), locals, parts, 0);
            return parts;
        }

        private static void Collect(IOperation path, LocalValues locals, List<IOperation> parts, int depth)
        {
            if (depth < MaxHops && ConstantPaths.TryGetPathJoinParts(path.WithoutConversions(), out var joined, out _))
            {
                for (var i = 0; i < joined.Count; i++)
                {
                    // Only the first part may itself be a folder built elsewhere; later ones are names below it.
                    if (i == 0)
                    {
                        Collect(Expand(joined[0], locals), locals, parts, depth + 1);
                    }
                    else
                    {
                        parts.Add(joined[i]);
                    }
                }

                return;
            }

            parts.Add(path);
        }

        /// <summary>Follows locals assigned once, and static readonly fields and get-only properties with their value in this file.</summary>
        private static IOperation Expand(IOperation operation, LocalValues locals)
        {
            for (var hop = 0; hop < MaxHops; hop++)
            {
                operation = locals.Resolve(operation);
                var next = operation switch
                {
                    IFieldReferenceOperation { Field: { IsReadOnly: true } field } => DeclaredValues.ValueWhereDeclared(field, operation.SemanticModel),
                    IPropertyReferenceOperation { Property: { SetMethod: null, Parameters.IsEmpty: true } property } => DeclaredValues.ValueWhereDeclared(property, operation.SemanticModel),
                    _ => null,
                };
                if (next is null)
                {
                    break;
                }

                operation = next;
            }

            return operation;
        }

        private static bool SamePart(IOperation first, IOperation second, LocalValues locals)
        {
            var a = Expand(first, locals).WithoutConversions();
            var b = Expand(second, locals).WithoutConversions();
            if (a.StringConstant() is string textA && b.StringConstant() is string textB)
            {
                return string.Equals(textA, textB, StringComparison.OrdinalIgnoreCase);
            }

            ISymbol? Referenced(IOperation operation) => operation switch
            {
                IMemberReferenceOperation member => member.Member,
                ILocalReferenceOperation local => local.Local,
                IParameterReferenceOperation parameter => parameter.Parameter,
                _ => null,
            };

            if (Referenced(a) is ISymbol symbolA && Referenced(b) is ISymbol symbolB)
            {
                return SymbolEqualityComparer.Default.Equals(symbolA, symbolB);
            }

            // The same expression written twice (AppContext.BaseDirectory, Directory.GetCurrentDirectory()).
            return a.Syntax.IsEquivalentTo(b.Syntax, topLevel: false);
        }
    }
}
