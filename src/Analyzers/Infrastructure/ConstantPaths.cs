using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace MlopsGuard.Analyzers.Infrastructure
{
    /// <summary>
    /// The text of a path argument when the code fixes it: a literal, a constant, a <c>nameof</c>, a local assigned once,
    /// a concatenation or interpolation of those, or <c>Path.Combine</c>/<c>Path.Join</c> of those.
    /// </summary>
    internal static class ConstantPaths
    {
        private const int MaxDepth = 8;

        /// <summary>
        /// The whole path as the code fixes it, with <c>/</c> between combined parts. When <paramref name="allowRuntimeBase"/> is
        /// true, a first <c>Path.Combine</c> part that is <c>AppContext.BaseDirectory</c>, <c>AppDomain.CurrentDomain.BaseDirectory</c>,
        /// <c>Environment.CurrentDirectory</c> or <c>Directory.GetCurrentDirectory()</c> is taken as the (relative) starting point.
        /// </summary>
        public static bool TryGetConstant(IOperation operation, LocalValues locals, bool allowRuntimeBase, out string path)
        {
            path = TryGetConstant(operation, locals, allowRuntimeBase, 0)!;
            return path is not null;
        }

        /// <summary>
        /// The known text a path starts with, even when the rest is computed (<c>$"C:\data\{name}.csv"</c>, <c>"/home/me/" + file</c>):
        /// enough to tell an absolute or machine-specific path. Null when the start is not known.
        /// </summary>
        public static string? LeadingText(IOperation operation, LocalValues locals) => LeadingText(operation, locals, 0);

        /// <summary>True for a runtime anchor a relative path is resolved against (the app folder or the working directory).</summary>
        public static bool IsRuntimeBase(IOperation operation)
        {
            switch (operation.WithoutConversions())
            {
                case IPropertyReferenceOperation property:
                    var type = property.Property.ContainingType;
                    return property.Property.Name switch
                    {
                        "BaseDirectory" => IsSystemType(type, "AppContext") || IsSystemType(type, "AppDomain"),
                        "CurrentDirectory" => IsSystemType(type, "Environment"),
                        _ => false,
                    };
                case IInvocationOperation invocation:
                    return invocation.TargetMethod.Name == "GetCurrentDirectory" && IsSystemIOType(invocation.TargetMethod.ContainingType, "Directory");
                default:
                    return false;
            }
        }

        /// <summary>The parts of a <c>Path.Combine</c>/<c>Path.Join</c> call, in order; false for any other operation.</summary>
        public static bool TryGetPathJoinParts(IOperation operation, out List<IOperation> parts, out bool isCombine)
        {
            parts = null!;
            isCombine = false;
            if (operation is not IInvocationOperation invocation
                || !IsSystemIOType(invocation.TargetMethod.ContainingType, "Path")
                || (invocation.TargetMethod.Name != "Combine" && invocation.TargetMethod.Name != "Join"))
            {
                return false;
            }

            isCombine = invocation.TargetMethod.Name == "Combine";
            parts = new List<IOperation>(invocation.Arguments.Length);
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Value.WithoutConversions() is IArrayCreationOperation array && argument.ArgumentKind == ArgumentKind.ParamArray)
                {
                    if (array.Initializer is null)
                    {
                        return false;
                    }

                    parts.AddRange(array.Initializer.ElementValues);
                }
                else if (argument.Value.Type?.SpecialType == SpecialType.System_String)
                {
                    parts.Add(argument.Value);
                }
                else
                {
                    // Span overloads and the like: not followed.
                    return false;
                }
            }

            return parts.Count > 0;
        }

        /// <summary>
        /// The value a settings object's member gets where the object is created: <c>var settings = new ModelSettings { ModelPath =
        /// @"C:\models\yolo.onnx" };</c> … <c>settings.ModelPath</c>.
        /// </summary>
        private static IOperation? SettingValue(IMemberReferenceOperation member, LocalValues locals)
        {
            if (member.Instance is null || locals.Resolve(member.Instance) is not IObjectCreationOperation { Initializer: { } initializer })
            {
                return null;
            }

            foreach (var assignment in initializer.Initializers)
            {
                if (assignment is ISimpleAssignmentOperation { Target: IMemberReferenceOperation target } set
                    && SymbolEqualityComparer.Default.Equals(target.Member, member.Member))
                {
                    return set.Value;
                }
            }

            return null;
        }

        /// <summary>The string literal a field or auto-property of the compilation is initialized with where it is declared (read from syntax).</summary>
        private static string? DefaultText(ISymbol member)
        {
            if (member.DeclaringSyntaxReferences.Length != 1 || (member is not IFieldSymbol && member is not IPropertySymbol))
            {
                return null;
            }

            var initializer = member.DeclaringSyntaxReferences[0].GetSyntax() switch
            {
                Microsoft.CodeAnalysis.CSharp.Syntax.VariableDeclaratorSyntax declarator => declarator.Initializer?.Value,
                Microsoft.CodeAnalysis.CSharp.Syntax.PropertyDeclarationSyntax property => property.Initializer?.Value,
                _ => null,
            };
            return initializer is Microsoft.CodeAnalysis.CSharp.Syntax.LiteralExpressionSyntax literal && literal.Token.Value is string text ? text : null;
        }

        /// <summary>
        /// A method of the compilation that takes one string and returns one, named for a path (<c>GetAbsolutePath</c>,
        /// <c>GetDataPath</c>): the helpers samples and applications anchor their relative paths with.
        /// </summary>
        private static bool IsPathHelper(IMethodSymbol method) =>
            !method.DeclaringSyntaxReferences.IsEmpty
            && method.ReturnType.SpecialType == SpecialType.System_String
            && method.Parameters.Length == 1
            && method.Parameters[0].Type.SpecialType == SpecialType.System_String
            && method.Name.IndexOf("Path", System.StringComparison.OrdinalIgnoreCase) >= 0;

        /// <summary>True when a path text is rooted the way <c>Path.Combine</c> restarts on (<c>/x</c>, <c>\x</c>, <c>C:</c>).</summary>
        public static bool IsRooted(string path) =>
            path.Length > 0 && (path[0] == '/' || path[0] == '\\' || (path.Length > 1 && path[1] == ':' && IsAsciiLetter(path[0])));

        private static string? TryGetConstant(IOperation operation, LocalValues locals, bool allowRuntimeBase, int depth)
        {
            if (depth > MaxDepth)
            {
                return null;
            }

            operation = locals.Resolve(operation);
            if (operation.StringConstant() is string constant)
            {
                return constant;
            }

            switch (operation)
            {
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary when binary.Type?.SpecialType == SpecialType.System_String:
                    var left = TryGetConstant(binary.LeftOperand, locals, false, depth + 1);
                    var right = left is null ? null : TryGetConstant(binary.RightOperand, locals, false, depth + 1);
                    return right is null ? null : left + right;

                case IInterpolatedStringOperation interpolated:
                    var builder = new StringBuilder();
                    foreach (var part in interpolated.Parts)
                    {
                        var text = part switch
                        {
                            IInterpolatedStringTextOperation literal => literal.Text.ConstantValue.Value as string,
                            IInterpolationOperation { Alignment: null, FormatString: null } hole => TryGetConstant(hole.Expression, locals, false, depth + 1),
                            _ => null,
                        };
                        if (text is null)
                        {
                            return null;
                        }

                        builder.Append(text);
                    }

                    return builder.ToString();

                // A static readonly field set once where it is declared (in this file): its initializer is the path.
                case IFieldReferenceOperation { Field: { IsStatic: true, IsReadOnly: true } field } when DeclaredValues.Initializer(field, operation.SemanticModel) is IOperation initializer:
                    return TryGetConstant(initializer, LocalValues.For(initializer), allowRuntimeBase, depth + 1);

                // A small path helper of the program (GetAbsolutePath(relative)): the path is its one argument, anchored by the helper.
                case IInvocationOperation { Arguments.Length: 1 } helper when IsPathHelper(helper.TargetMethod):
                    return TryGetConstant(helper.Arguments[0].Value, locals, allowRuntimeBase, depth + 1);
            }

            if (!TryGetPathJoinParts(operation, out var parts, out var isCombine))
            {
                return null;
            }

            string? combined = null;
            for (var i = 0; i < parts.Count; i++)
            {
                if (i == 0 && allowRuntimeBase && IsRuntimeBase(locals.Resolve(parts[i])))
                {
                    combined = string.Empty;
                    continue;
                }

                var part = TryGetConstant(parts[i], locals, false, depth + 1);
                if (part is null)
                {
                    return null;
                }

                combined = Append(combined, part, isCombine);
            }

            return combined;
        }

        private static string? LeadingText(IOperation operation, LocalValues locals, int depth)
        {
            if (depth > MaxDepth)
            {
                return null;
            }

            operation = locals.Resolve(operation);
            if (operation.StringConstant() is string constant)
            {
                return constant;
            }

            switch (operation)
            {
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary when binary.Type?.SpecialType == SpecialType.System_String:
                    return LeadingText(binary.LeftOperand, locals, depth + 1);
                case IInterpolatedStringOperation interpolated when interpolated.Parts.Length > 0:
                    return interpolated.Parts[0] switch
                    {
                        IInterpolatedStringTextOperation literal => literal.Text.ConstantValue.Value as string,
                        IInterpolationOperation hole => LeadingText(hole.Expression, locals, depth + 1),
                        _ => null,
                    };
                case IInvocationOperation { TargetMethod.Name: "GetFullPath" } fullPath
                    when IsSystemIOType(fullPath.TargetMethod.ContainingType, "Path") && fullPath.Arguments.Length == 1:
                    return LeadingText(fullPath.Arguments[0].Value, locals, depth + 1);

                // settings.ModelPath: the value the settings object is created with, or the member's default where it is declared.
                case IMemberReferenceOperation member when (member is IPropertyReferenceOperation { Arguments.IsEmpty: true } || member is IFieldReferenceOperation)
                    && SettingValue(member, locals) is IOperation value:
                    return LeadingText(value, locals, depth + 1);
                case IMemberReferenceOperation member when DefaultText(member.Member) is string text:
                    return text;
            }

            if (!TryGetPathJoinParts(operation, out var parts, out var isCombine))
            {
                return null;
            }

            // Path.Combine restarts at a rooted part: the last known rooted part is where the path starts.
            if (isCombine)
            {
                for (var i = parts.Count - 1; i > 0; i--)
                {
                    var part = LeadingText(parts[i], locals, depth + 1);
                    if (part is not null && IsRooted(part))
                    {
                        return part;
                    }
                }
            }

            return LeadingText(parts[0], locals, depth + 1);
        }

        private static string Append(string? combined, string part, bool isCombine)
        {
            if (string.IsNullOrEmpty(combined) || (isCombine && IsRooted(part)))
            {
                return part;
            }

            if (part.Length == 0)
            {
                return combined!;
            }

            var last = combined![combined.Length - 1];
            return last == '/' || last == '\\' || part[0] == '/' || part[0] == '\\' ? combined + part : combined + "/" + part;
        }

        private static bool IsAsciiLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

        private static bool IsSystemType(INamedTypeSymbol? type, string name) =>
            type is not null && type.Name == name && type.ContainingType is null
            && type.ContainingNamespace is { Name: "System" } ns && ns.ContainingNamespace is { IsGlobalNamespace: true };

        internal static bool IsSystemIOType(INamedTypeSymbol? type, string name) =>
            type is not null && type.Name == name && type.ContainingType is null
            && type.ContainingNamespace is { Name: "IO" } io
            && io.ContainingNamespace is { Name: "System" } system && system.ContainingNamespace is { IsGlobalNamespace: true };
    }
}
