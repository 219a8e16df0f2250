using System;
using System.Collections.Generic;
using System.Linq;
using MlopsGuard.Tasks.Validation;
using Xunit;

namespace MlopsGuard.Sdk.Tests.Validation
{
    public class SchemaDeclarationTests
    {
        [Fact]
        public void Parses_names_types_and_shapes()
        {
            var parsed = SchemaDeclaration.Parse(" SentimentText:String ; Score:Single[1]; Features:float[-1,13];input:0:Int64[batch,?];", "Inputs");

            Assert.Equal(new[] { "SentimentText", "Score", "Features", "input:0" }, parsed.Select(p => p.Name));
            Assert.Equal(new[] { "String", "Single", "Single", "Int64" }, parsed.Select(p => p.Type));
            Assert.Null(parsed[0].Shape);
            Assert.Equal(new long[] { 1 }, parsed[1].Shape!.Select(d => d.Size));
            Assert.Equal(new long[] { -1, 13 }, parsed[2].Shape!.Select(d => d.Size));
            Assert.Equal("batch", parsed[3].Shape![0].Symbol);
            Assert.False(parsed[3].Shape![1].IsFixed);
        }

        [Theory]
        [InlineData("float", "Single")]
        [InlineData("System.Int64", "Int64")]
        [InlineData("bool", "Boolean")]
        [InlineData("string", "String")]
        [InlineData("ReadOnlyMemory<char>", "String")]
        [InlineData("Double", "Double")]
        public void Type_names_are_normalized_to_dotnet_names(string written, string expected) =>
            Assert.Equal(expected, SchemaDeclaration.NormalizeType(written));

        [Theory]
        [InlineData("Text")]
        [InlineData(":String")]
        [InlineData("Text:")]
        [InlineData("Score:Single[1")]
        [InlineData("Score:Single[1,x-y]")]
        [InlineData("Score:Single[-2]")]
        [InlineData("A:Single;A:Single")]
        public void Malformed_declarations_are_configuration_errors(string text) =>
            Assert.Throws<SchemaDeclarationException>(() => SchemaDeclaration.Parse(text, "Inputs"));

        private static readonly IReadOnlyList<ModelTensor> Real = new[]
        {
            new ModelTensor("Features", "Single", new[] { ModelDimension.Named("N"), ModelDimension.Fixed(13) }),
            new ModelTensor("Label", "Boolean", new[] { ModelDimension.Unknown, ModelDimension.Fixed(1) }),
        };

        private static List<string> Compare(string declared) => SchemaComparer.Compare(SchemaDeclaration.Parse(declared, "Inputs"), Real, "input");

        [Theory]
        [InlineData("Features:Single;Label:Boolean")]
        [InlineData("Features:float[-1,13];Label:bool[1]")]
        [InlineData("Features:Single[13];Label:Boolean[]")]
        [InlineData("Features:Single[batch,13];Label:Boolean[N,1]")]
        public void A_matching_declaration_has_no_problems(string declared) => Assert.Empty(Compare(declared));

        [Fact]
        public void A_missing_input_is_named_with_what_the_model_has()
        {
            var problem = Assert.Single(Compare("Features:Single;Label:Boolean;Age:Single"));
            Assert.Equal("declared input 'Age' is missing from the model; its inputs are: Features:Single[N,13], Label:Boolean[-1,1]", problem);
        }

        [Fact]
        public void A_case_slip_gets_a_hint()
        {
            Assert.Contains(Compare("features:Single;Label:Boolean"), p => p.Contains("did you mean 'Features'", StringComparison.Ordinal));
        }

        [Fact]
        public void Extra_and_mistyped_inputs_are_named()
        {
            var problems = Compare("Features:Double");
            Assert.Equal(
                new[] { "input 'Features' is declared Double but the model's is Single", "the model has input 'Label:Boolean[-1,1]' that is not declared" },
                problems);
        }

        [Fact]
        public void A_wrong_fixed_size_is_a_shape_problem()
        {
            var problem = Assert.Single(Compare("Features:Single[-1,12];Label:Boolean"));
            Assert.Equal("input 'Features' is declared with shape [-1,12] but the model's is [N,13]", problem);
        }
    }
}
