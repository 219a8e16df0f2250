namespace MlopsGuard.Analyzers.Tests.Rules
{
    /// <summary>A small ML.NET program around the statements under test (shared by the data-rule tests).</summary>
    internal static class MlNetPrograms
    {
        public const string Types = @"
using System;
using System.IO;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;

public sealed class HeartData
{
    [LoadColumn(0)] public float Age { get; set; }
    [LoadColumn(1)] public float Sex { get; set; }
    [LoadColumn(2)] public bool Label { get; set; }
}
";

        public static string InMain(string statements) => Types + @"
public static class Program
{
    public static void Main()
    {
        var ml = new MLContext(seed: 1);
        " + statements + @"
    }
}";
    }
}
