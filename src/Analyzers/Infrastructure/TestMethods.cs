using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace MlopsGuard.Analyzers.Infrastructure
{
    /// <summary>
    /// Test methods and assertions of xunit, NUnit and MSTest (and FluentAssertions), recognized by the metadata names of
    /// their attributes and assertion classes.
    /// </summary>
    internal sealed class TestMethods
    {
        private static readonly string[] TestAttributeNames =
        {
            "Xunit.FactAttribute",
            "NUnit.Framework.TestAttribute",
            "NUnit.Framework.TestCaseAttribute",
            "NUnit.Framework.TestCaseSourceAttribute",
            "NUnit.Framework.TheoryAttribute",
            "Microsoft.VisualStudio.TestTools.UnitTesting.TestMethodAttribute",
        };

        private static readonly string[] AssertionTypeNames =
        {
            "Xunit.Assert",
            "NUnit.Framework.Assert",
            "NUnit.Framework.Legacy.ClassicAssert",
            "Microsoft.VisualStudio.TestTools.UnitTesting.Assert",
            "FluentAssertions.AssertionExtensions",
        };

        private readonly List<INamedTypeSymbol> _testAttributes = new List<INamedTypeSymbol>();
        private readonly HashSet<INamedTypeSymbol> _assertionTypes = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);

        public TestMethods(MlTypes types)
        {
            foreach (var name in TestAttributeNames)
            {
                if (types.Get(name) is INamedTypeSymbol attribute)
                {
                    _testAttributes.Add(attribute);
                }
            }

            foreach (var name in AssertionTypeNames)
            {
                if (types.Get(name) is INamedTypeSymbol assertion)
                {
                    _assertionTypes.Add(assertion);
                }
            }
        }

        public bool Any => _testAttributes.Count > 0;

        /// <summary>True for <c>[Fact]</c>, <c>[Theory]</c>, <c>[Test]</c>, <c>[TestCase]</c>, <c>[TestMethod]</c>, <c>[DataTestMethod]</c> methods.</summary>
        public bool IsTest(ISymbol symbol)
        {
            if (symbol is not IMethodSymbol method)
            {
                return false;
            }

            foreach (var attribute in method.GetAttributes())
            {
                foreach (var testAttribute in _testAttributes)
                {
                    if (attribute.AttributeClass.IsOrDerivesFrom(testAttribute))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>True for a call of an assertion class (<c>Assert.True</c>, <c>Assert.That</c>, <c>value.Should()</c>).</summary>
        public bool IsAssertion(IMethodSymbol method) => _assertionTypes.Contains(method.ContainingType);
    }
}
