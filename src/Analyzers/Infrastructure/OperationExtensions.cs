using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace MlopsGuard.Analyzers.Infrastructure
{
    internal static class OperationExtensions
    {
        /// <summary>The operation under any implicit or explicit conversions.</summary>
        public static IOperation WithoutConversions(this IOperation operation)
        {
            while (operation is IConversionOperation conversion)
            {
                operation = conversion.Operand;
            }

            return operation;
        }

        /// <summary>
        /// The text of a constant string, or null. Cheap ways first: reading the constant of a number boxes it, and reading
        /// the constant of a string builds a new string each time (Roslyn keeps string constants as ropes), while a literal's
        /// token already holds its text.
        /// </summary>
        public static string? StringConstant(this IOperation operation)
        {
            if (operation.Type?.SpecialType != SpecialType.System_String)
            {
                return null;
            }

            if (operation is ILiteralOperation && operation.Syntax is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression))
            {
                return literal.Token.ValueText;
            }

            return operation.ConstantValue.HasValue ? operation.ConstantValue.Value as string : null;
        }

        /// <summary>The argument passed for the parameter named <paramref name="parameterName"/>, if the call has that parameter.</summary>
        public static IArgumentOperation? ArgumentFor(this System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, string parameterName)
        {
            foreach (var argument in arguments)
            {
                if (argument.Parameter?.Name == parameterName)
                {
                    return argument;
                }
            }

            return null;
        }

        /// <summary>
        /// True when the argument supplies a real value: written in the call and not the constant <c>null</c>/<c>default</c>.
        /// A value that is not a constant (a parameter, an options property) counts as supplied.
        /// </summary>
        public static bool SuppliesValue(this IArgumentOperation? argument)
        {
            if (argument is null || argument.ArgumentKind == ArgumentKind.DefaultValue)
            {
                return false;
            }

            var value = argument.Value.WithoutConversions();
            if (value is IDefaultValueOperation)
            {
                return false;
            }

            return !(value.ConstantValue.HasValue && value.ConstantValue.Value is null);
        }
    
        /// <summary>
        /// Where a finding about a call belongs: from the method's name to the end of its arguments (<c>Fit(data)</c> in
        /// <c>pipeline.Append(…).Fit(data)</c>), not from the start of a fluent chain that spans many lines.
        /// </summary>
        public static Location CallLocation(this IInvocationOperation invocation)
        {
            if (invocation.Syntax is Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax call
                && call.Expression is Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax member)
            {
                return Location.Create(call.SyntaxTree, Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(member.Name.SpanStart, call.Span.End));
            }

            return invocation.Syntax.GetLocation();
        }
}
}
