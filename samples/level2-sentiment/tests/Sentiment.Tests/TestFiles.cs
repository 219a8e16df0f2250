namespace Sentiment.Tests;

/// <summary>The files the build copies beside the test binaries.</summary>
internal static class TestFiles
{
    public static string Path(string relative) => System.IO.Path.Combine(AppContext.BaseDirectory, relative);
}
